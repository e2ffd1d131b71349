/**
 * A raw reply message read into its parts and its new text (quote.ts), with one repair on the
 * way: postal-mime decodes format=flowed text (RFC 3676, sent by Thunderbird, Apple Mail and
 * K-9) by joining every line that ends in a space with the next, also when the next has another
 * quote depth. A bottom-posted answer below a quoted line that ended in a space ("> Hi \nHello")
 * then reads as part of the quote ("> Hi Hello") and is lost. Here each flowed text part is
 * decoded again from its raw text, joining only lines of the same quote depth, as the RFC says.
 *
 * The raw part comes from postal-mime's own tree of parts, which it does not document: every
 * step checks the shape it expects and, if anything differs, the text stays as postal-mime gave
 * it (the fixture talon/thunderbird.eml fails then).
 */

import PostalMime, { type Email } from "postal-mime";
import { newReplyText } from "./quote";

export interface ReplyMessage {
  email: Email;
  /** What the person wrote, without quotes and signatures. */
  newText: string;
}

export async function readReplyMessage(raw: Uint8Array | ArrayBuffer, maxNestingDepth = 32): Promise<ReplyMessage> {
  const parser = new PostalMime({ maxNestingDepth });
  const email = await parser.parse(raw);
  const text = email.text ? refold(parser, email.text) : email.text;
  return { email, newText: newReplyText(text, email.html) };
}

/** The part of postal-mime's (undocumented) MIME node this reads. */
interface PartNode {
  contentType?: { parsed?: { value?: unknown; params?: Record<string, unknown> } };
  contentDisposition?: { parsed?: { value?: unknown } };
  childNodes?: unknown;
  getTextContent?: () => string;
}

function refold(parser: PostalMime, text: string): string {
  const root = (parser as unknown as { root?: PartNode }).root;
  const flowed: PartNode[] = [];
  collectFlowed(root, flowed, 0);
  let result = text;
  for (const node of flowed) {
    const params = node.contentType!.parsed!.params!;
    const joined = node.getTextContent!();
    const at = joined === "" ? -1 : result.indexOf(joined);
    if (at < 0) continue;
    const format = params.format;
    params.format = "fixed";
    let lines: string;
    try {
      lines = node.getTextContent!();
    } finally {
      params.format = format;
    }
    const delSp = typeof params.delsp === "string" && params.delsp.toLowerCase() === "yes";
    result = result.slice(0, at) + unflow(lines, delSp) + result.slice(at + joined.length);
  }
  return result;
}

function collectFlowed(node: PartNode | undefined, found: PartNode[], depth: number): void {
  if (!node || depth > 64 || found.length >= 8) return;
  const parsed = node.contentType?.parsed;
  const params = parsed?.params;
  if (
    parsed?.value === "text/plain" &&
    typeof params?.format === "string" &&
    params.format.toLowerCase() === "flowed" &&
    node.contentDisposition?.parsed?.value !== "attachment" &&
    typeof node.getTextContent === "function"
  ) {
    found.push(node);
  }
  if (Array.isArray(node.childNodes)) for (const child of node.childNodes as PartNode[]) collectFlowed(child, found, depth + 1);
}

/**
 * RFC 3676 decoding: a line ending in a space continues on the next line of the same quote
 * depth; the space after the quote marks (or at the start of an unquoted line) is stuffing;
 * "-- " stays a line of its own (nothing joins it or onto it); with DelSp=yes the joining space
 * goes.
 */
export function unflow(text: string, delSp: boolean): string {
  const out: string[] = [];
  let pieces: string[] = []; // the paragraph being joined, concatenated once
  let depth = -1;
  let flowing = false;
  for (const line of text.split(/\r?\n/)) {
    let quotes = 0;
    while (quotes < line.length && line[quotes] === ">") quotes++;
    let content = line.slice(quotes);
    if (content[0] === " ") content = content.slice(1);
    if (!(flowing && quotes === depth && content !== "-- ")) {
      if (depth >= 0) out.push(pieces.join(""));
      pieces = quotes > 0 ? [">".repeat(quotes), " "] : [];
      depth = quotes;
    }
    flowing = content.endsWith(" ") && content !== "-- ";
    pieces.push(flowing && delSp ? content.slice(0, -1) : content);
  }
  if (depth >= 0) out.push(pieces.join(""));
  return out.join("\n");
}
