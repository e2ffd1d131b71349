/**
 * The text of an HTML reply body, for messages with no usable text part: a single
 * left-to-right pass over tags, no DOM. Quoted history is marked rather than kept: a blockquote
 * becomes a lone `>` line and the markers Outlook, Hotmail and Yahoo put before the quoted part
 * end the text, so quote.ts can cut it as it does for plain text.
 *
 * Hostile input: one pass with indexOf, no backtracking; the caller caps the input's length.
 */

import { decodeHTML } from "entities/decode";

// Elements whose content is never reply text.
const HIDDEN = new Set(["head", "style", "script", "title", "template"]);
const BLOCKS = new Set(["p", "div", "li", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr"]);

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function htmlToText(html: string): string {
  const src = html;
  const parts: string[] = [];
  let atLineStart = true;
  const emit = (text: string): void => {
    if (text === "") return;
    parts.push(text);
    atLineStart = text.endsWith("\n");
  };
  const lineBreak = (): void => {
    if (!atLineStart) emit("\n");
  };

  // While skipping an element, only its own tag name is counted, to find its matching end.
  let skipTag: string | null = null;
  let skipDepth = 0;

  let i = 0;
  while (i < src.length) {
    const lt = src.indexOf("<", i);
    const textEnd = lt < 0 ? src.length : lt;
    if (skipTag === null && textEnd > i) {
      // Source line breaks are not text line breaks in HTML.
      let text = src.slice(i, textEnd).replace(/\s+/g, " ");
      if (atLineStart) text = text.trimStart();
      // Every named entity of the HTML standard ("&sup2;", "&hellip;", …) and numeric ones, as a
      // browser renders them, from the `entities` package's compact table (one linear pass).
      emit(decodeHTML(text));
    }
    if (lt < 0) break;

    if (src.startsWith("<!--", lt)) {
      const close = src.indexOf("-->", lt + 4);
      if (close < 0) break;
      i = close + 3;
      continue;
    }
    const gt = src.indexOf(">", lt + 1);
    if (gt < 0) break; // an unterminated tag: nothing after it can be trusted as text
    i = gt + 1;

    const raw = src.slice(lt + 1, gt);
    const closing = raw.startsWith("/");
    let n = closing ? 1 : 0;
    while (n < raw.length && isNameChar(raw.charCodeAt(n))) n++;
    const name = raw.slice(closing ? 1 : 0, n).toLowerCase();
    if (name === "") continue;
    const selfClosing = raw.endsWith("/");

    if (skipTag !== null) {
      if (name === skipTag && !selfClosing) skipDepth += closing ? -1 : 1;
      if (skipDepth === 0) skipTag = null;
      continue;
    }
    if (closing) {
      if (BLOCKS.has(name)) lineBreak();
      continue;
    }

    const attrs = raw.slice(n).toLowerCase();
    // Outlook on the web and new Outlook: the quoted part starts at #appendonsend or
    // #divRplyFwdMsg. Hotmail: <hr id="stopSpelling">. Yahoo: .yahoo_quoted.
    if (
      attrs.includes("divrplyfwdmsg") ||
      attrs.includes("appendonsend") ||
      attrs.includes("stopspelling") ||
      attrs.includes("yahoo_quoted")
    ) {
      break;
    }
    if (selfClosing && name !== "br") continue;
    if (HIDDEN.has(name)) {
      skipTag = name;
      skipDepth = 1;
    } else if (name === "blockquote") {
      // Gmail (.gmail_quote), Apple Mail (type=cite) and Thunderbird quote in blockquotes; a
      // `>` line in its place lets the text rules drop the attribution above it while keeping
      // answers typed between two blockquotes.
      lineBreak();
      emit(">\n");
      skipTag = name;
      skipDepth = 1;
    } else if (name === "div" && attrs.includes("gmail_attr")) {
      // Gmail's "On … wrote:" line above its blockquote.
      lineBreak();
      skipTag = name;
      skipDepth = 1;
    } else if (name === "br") {
      emit("\n");
    } else if (BLOCKS.has(name)) {
      lineBreak();
    }
  }
  return parts.join("");
}
