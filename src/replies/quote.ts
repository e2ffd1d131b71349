/**
 * The words a person actually typed into a reply, without the history their mail client
 * appended: `>`-quoted text, "On … wrote:" attributions, Outlook header blocks and separators,
 * forwarded parts, and signatures.
 *
 * Rapport's replies are short commands ("sent", "snooze 2w", "note: …") typed above the quote,
 * so the module leans towards cutting: everything below the first sure sign of history goes.
 * The one exception is `>` quoting, which people interleave with their own answers; there we
 * drop only the quoted lines and keep the rest.
 *
 * This module walks the lines; each kind of history has its own: attribution.ts ("On …
 * wrote:" in any language and shape), header-block.ts (separators and "From:/Sent:" blocks),
 * client-signature.ts ("Sent from my iPhone"), signature.ts ("-- ", rules, contact blocks under
 * the sign-off), footer.ts (disclaimers, list footers, gateway banners); lines.ts holds what
 * they share. HTML bodies are first turned into text (html-text.ts).
 *
 * Hostile input: every step is a single pass over lines or characters, or looks at a window of
 * a few lines around one; the regular expressions have no nested or adjacent unbounded
 * quantifiers; and each part is capped first, so the worst case is a small fixed cost (see
 * MAX_PART_CHARS).
 */

import { type After, type Attribution, attributionAt, mayEndAttribution } from "./attribution";
import { fieldOfLine, isSeparator, startsHeaderBlock } from "./header-block";
import { htmlToText } from "./html-text";
import { type Line, nextNonBlankIndex, toLine } from "./lines";
import { isClientSignature, isCustomSentLine } from "./client-signature";
import { bannerEnd, startsFooter } from "./footer";
import {
  announces,
  dropContactBlock,
  endsWithSignOff,
  isRule,
  isPostscript,
  isSignatureDelimiter,
  isUnderscoreRule,
  signatureBlockFollows,
} from "./signature";

const BLANK: Line = toLine("");

// An attribution wrapped over four lines, with a blank line inside the address, spans five.
const ATTRIBUTION_LINES = 5;

// Real replies put their new text at the top and it is a few lines long; 64 Ki UTF-16 code
// units (64 KiB of ASCII) and 2,000 lines with text are far more than any of them. The caps are
// what make the cost of a hostile part (a 1 MB line, 200k `>`, 50k "wrote:" lookalikes, 20k
// rules) a fixed few milliseconds of a Worker's CPU budget instead of growing with the message,
// and what is cut off is quoted history we would drop anyway.
const MAX_PART_CHARS = 64 * 1024;
const MAX_TEXT_LINES = 2000;

/** The new text of a reply: quoted history, forwarded parts and signatures removed. Plain text preferred; HTML as fallback. */
export function newReplyText(plain: string | null | undefined, html: string | null | undefined): string {
  const fromPlain = plain ? replyFromText(plain) : "";
  if (fromPlain !== "") return fromPlain;
  // Some clients send an empty or quote-only text part beside the real HTML one.
  return html ? replyFromText(htmlToText(cap(html))) : "";
}

function cap(text: string): string {
  if (text.length <= MAX_PART_CHARS) return text;
  let end = MAX_PART_CHARS;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // do not split a surrogate pair
  return text.slice(0, end);
}

// ---------------------------------------------------------------------------------------------
// Plain text

function replyFromText(text: string): string {
  let body = cap(text);
  if (body.includes("\r")) body = body.replace(/\r\n?/g, "\n");
  const lines = toLines(body);
  const n = lines.length;
  const nextContent = nextNonBlankIndex(lines);
  const after = (end: number): After => {
    const next = nextContent[end + 1] ?? n;
    if (next >= n) return "other";
    const line = lines[next]!;
    if (line.quoted || isPipeQuoted(line.text)) return "quote";
    return startsHeaderBlock(lines, next) ? "headers" : "other";
  };
  const mayPrecedeHistory = (i: number): boolean => {
    const next = lines[nextContent[i + 1] ?? n];
    return next !== undefined && (next.quoted || isPipeQuoted(next.text) || fieldOfLine(next) !== "none");
  };
  // The full attribution test runs only where one could end within the next few lines.
  const near = new Array<boolean>(n);
  let closing = Infinity;
  for (let i = n - 1; i >= 0; i--) {
    if (mayEndAttribution(lines[i]!) || (!lines[i]!.blank && mayPrecedeHistory(i))) closing = i;
    near[i] = closing - i <= ATTRIBUTION_LINES;
  }
  const attribution = (i: number): Attribution | null => (near[i] ? attributionAt(lines, i, after) : null);
  const isHistory = (i: number): boolean => isSeparator(lines[i]!.text) || startsHeaderBlock(lines, i);
  const historyAt = (i: number): boolean => i < n && (lines[i]!.quoted || isHistory(i) || attribution(i) !== null);

  const out: Line[] = [];
  let typed = false; // a line of the user's is kept
  let droppedSince = false; // something was dropped since the last kept line
  const keep = (line: Line): void => {
    const afterText = out.length > 0 && !out[out.length - 1]!.blank;
    if (line.blank) {
      if (afterText) out.push(line);
      return;
    }
    // Where an inline reply's quote was removed, keep a paragraph break between the answers.
    if (droppedSince && afterText) out.push(BLANK);
    droppedSince = false;
    typed = true;
    out.push(line);
  };

  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    if (line.quoted) {
      droppedSince = true;
      continue;
    }
    if (line.blank) {
      keep(line);
      continue;
    }
    const text = line.text;
    if (!typed) {
      // Gateways put their "CAUTION: external sender" banner above everything.
      const banner = bannerEnd(lines, i);
      if (banner >= 0) {
        i = banner;
        continue;
      }
    }
    if (isSignatureDelimiter(text) || isHistory(i)) break;

    const found = attribution(i);
    if (found) {
      const next = after(found.end);
      if (next === "quote" && lines[nextContent[found.end + 1]!]!.quoted) {
        // "On … wrote:" above `>` lines: drop it and let the quote handling below keep any
        // answers the user interleaved.
        droppedSince = true;
        i = found.end;
        continue;
      }
      // Clients that quote without `>` (Outlook, some Gmail-to-text conversions, or with
      // "| ") leave nothing after the attribution but history.
      if (found.strong) break;
    }

    if (isClientSignature(text)) {
      // Above the text ("Sent from iPhone" first), it is skipped. Under it, the history
      // follows, quoted (then inline answers may follow too) or not (then it ends the text).
      if (!typed) continue;
      const next = nextContent[i + 1]!;
      const above = next < n ? attribution(next) : null;
      if (next < n && (lines[next]!.quoted || (above && after(above.end) === "quote"))) continue;
      break;
    }
    if (typed && lines[i - 1]?.blank && isCustomSentLine(text) && historyAt(nextContent[i + 1]!)) continue;
    if (isRule(text)) {
      // Outlook's underscore rule opens its history or a signature. Other rules are the user's,
      // unless a sign-off is above them or a signature block below.
      const below = lines[nextContent[i + 1]!];
      const own = (below !== undefined && isPostscript(below.text)) || announces(lastText(out));
      if (isUnderscoreRule(text) || (!own && (endsWithSignOff(out) || signatureBlockFollows(lines, i + 1, isHistory)))) {
        if (typed) break;
        continue;
      }
    }
    if (typed && startsFooter(lines, i)) break;

    // Gmail for Android re-wraps long quoted lines without repeating the `>`, leaving the
    // tail of a quoted sentence as a bare line between two quoted ones.
    if (i > 0 && lines[i - 1]!.quoted && lines[i + 1]?.quoted && lines[i - 1]!.raw.length >= 60) {
      droppedSince = true;
      continue;
    }
    keep(line);
  }

  // Separators ("____" before Outlook's header block), phone signatures and contact blocks sit
  // just above the history; once it is cut they are the last lines.
  dropTrailing(out);
  dropContactBlock(out);
  dropTrailing(out);
  return out.map((line) => line.raw).join("\n").trim();
}

/** The last kept line with text. */
function lastText(out: Line[]): Line | null {
  for (let k = out.length - 1; k >= 0; k--) if (!out[k]!.blank) return out[k]!;
  return null;
}

/** The lines of a body, up to the MAX_TEXT_LINES-th that is not blank. */
function toLines(body: string): Line[] {
  const lines: Line[] = [];
  let text = 0;
  let start = 0;
  while (start <= body.length && text < MAX_TEXT_LINES) {
    let end = body.indexOf("\n", start);
    if (end < 0) end = body.length;
    const line = toLine(body.slice(start, end));
    if (!line.blank) text++;
    lines.push(line);
    start = end + 1;
  }
  return lines;
}

/** Old Gmail and some list archives quote with "| " (a Markdown table row ends with "|" too). */
function isPipeQuoted(text: string): boolean {
  return text === "|" || (text.startsWith("| ") && !text.endsWith("|"));
}

function dropTrailing(out: Line[]): void {
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    if (last.blank || isRule(last.text) || isSignatureDelimiter(last.text) || isClientSignature(last.text)) out.pop();
    else break;
  }
}
