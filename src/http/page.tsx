/**
 * The frame of Rapport's own small web pages (unsubscribe, contacts): readable on a phone,
 * kept out of search engines, plain semantic HTML with one stylesheet and no scripts.
 */
import type { Child } from "hono/jsx";

const BASE_CSS = `
body{margin:0;font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1f2328;background:#fff}
main{max-width:720px;margin:0 auto;padding:16px}
h1{font-size:24px;margin:8px 0 16px}
a{color:#0550ae}
.muted{color:#59636e}
button{font-size:16px;padding:8px 16px;border-radius:6px;border:1px solid #1f2328;background:#1f2328;color:#fff;cursor:pointer}
`;

export function Page({ title, css = "", children }: { title: string; css?: string; children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{title}</title>
        <style>{BASE_CSS + css}</style>
      </head>
      <body>
        <main>{children}</main>
      </body>
    </html>
  );
}
