/**
 * The HTML frame shared by every email: plain, readable on a phone, inline styles only (mail
 * clients drop <style> blocks). Hono JSX escapes every interpolated string, which is what makes
 * invite text safe to show here.
 */
import type { Child, FC } from "hono/jsx";

const page = "font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:#1f2328;";

export const Layout: FC<{ title: string; children?: Child }> = ({ title, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title}</title>
    </head>
    <body style={`margin:0;padding:24px 16px;background:#ffffff;${page}`}>
      <div style="max-width:560px;margin:0 auto;">
        {children}
        <p style="margin-top:32px;color:#59636e;font-size:14px;">&mdash; Rapport</p>
      </div>
    </body>
  </html>
);

/** A two-column list of labelled facts ("With", "When", ...). */
export const Facts: FC<{ rows: [string, Child][] }> = ({ rows }) => (
  <table role="presentation" style="border-collapse:collapse;margin:16px 0;">
    {rows.map(([label, value]) => (
      <tr>
        <th scope="row" style="text-align:left;vertical-align:top;padding:4px 16px 4px 0;color:#59636e;font-weight:normal;">
          {label}
        </th>
        <td style="padding:4px 0;">{value}</td>
      </tr>
    ))}
  </table>
);

/**
 * A web address in running text: http or https only, up to a space, a quote or a bracket. A
 * sentence's closing punctuation after it is not part of it.
 */
const WEB_ADDRESS = /https?:\/\/[^\s<>"'()]+/g;
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;

/**
 * Text whose web addresses can be tapped: the plain-text sentence, with each http(s) address
 * as a link to itself. Addresses come from invitations and are hostile input: Hono escapes the
 * attribute, and no other scheme (javascript:, data:) is ever made a link.
 */
export const LinkedText: FC<{ text: string }> = ({ text }) => {
  const parts: Child[] = [];
  let at = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    const address = match[0].replace(TRAILING_PUNCTUATION, "");
    parts.push(text.slice(at, match.index), <a href={address}>{address}</a>);
    at = match.index + address.length;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
};

/** A bulleted (or numbered) list of plain-text items, their web addresses made links. */
export const List: FC<{ items: string[]; ordered?: boolean; start?: number }> = ({ items, ordered, start }) => {
  const rows = items.map((item) => (
    <li style="margin-bottom:4px;">
      <LinkedText text={item} />
    </li>
  ));
  return ordered ? (
    <ol start={start} style="padding-left:20px;margin:0;">
      {rows}
    </ol>
  ) : (
    <ul style="padding-left:20px;margin:0;">{rows}</ul>
  );
};

/** A section heading inside an email. */
export const Heading: FC<{ children?: Child }> = ({ children }) => <h2 style="font-size:17px;margin:24px 0 8px;">{children}</h2>;

/** Renders a JSX document to the HTML string an email carries. */
export function renderHtml(node: unknown): string {
  return `<!doctype html>${String(node)}`;
}
