/**
 * The visible unsubscribe link every email ends with (the List-Unsubscribe header is not shown
 * by every client). Appended to composed content, so each email module need not know URLs.
 */
import type { ComposedContent } from "./content";

/** Where Layout closes its content column: the footer goes just inside it. */
const CONTENT_END = "</div></body></html>";

export function withUnsubscribeFooter(content: ComposedContent, url: string): ComposedContent {
  const text = `${content.text}\n--\nStop all email from Rapport: ${url}\n`;
  const footer = String(
    <p style="margin-top:24px;color:#59636e;font-size:13px;">
      <a href={url} style="color:#59636e;">
        Stop all email from Rapport
      </a>
    </p>,
  );
  const at = content.html.lastIndexOf(CONTENT_END);
  const html = at >= 0 ? `${content.html.slice(0, at)}${footer}${content.html.slice(at)}` : `${content.html}${footer}`;
  return { ...content, text, html };
}
