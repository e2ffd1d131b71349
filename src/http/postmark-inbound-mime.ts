/**
 * Rebuilds a MIME message from Postmark's parsed inbound JSON, for when the webhook carries no
 * RawEmail (the inbound stream's "Include raw email content in JSON payload" setting is off).
 * The rebuilt message is what the email() path would read: the same parser then finds the
 * calendars among the attachments. Pure: the same payload always gives the same bytes.
 *
 * The payload is the sender's content relayed by Postmark, so it is treated as hostile: header
 * values lose CR/LF (no header injection), non-ASCII header text is RFC 2047 encoded, bodies and
 * attachments are base64 (so no line of theirs can look like a boundary), and an attachment's
 * content is reduced to the base64 alphabet before it is written.
 */

export interface PostmarkAddress {
  Email?: string;
  Name?: string;
}

export interface PostmarkAttachment {
  Name?: string;
  /** Base64 of the attachment's bytes. */
  Content?: string;
  ContentType?: string;
  ContentID?: string;
}

/** The fields of Postmark's inbound webhook JSON this module reads. */
export interface PostmarkInboundFields {
  From?: string;
  FromFull?: PostmarkAddress;
  To?: string;
  ToFull?: PostmarkAddress[];
  Cc?: string;
  CcFull?: PostmarkAddress[];
  Subject?: string;
  Date?: string;
  TextBody?: string;
  HtmlBody?: string;
  Attachments?: PostmarkAttachment[];
}

const CRLF = "\r\n";
// Base64 lines never start with "--" and never contain "_" or ".", so these cannot collide with content.
const MIXED = "rapport.mixed_0";
const ALTERNATIVE = "rapport.alternative_0";
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;
const PARAMETER = /^[a-z0-9!#$&^_.+-]+=(?:[a-z0-9!#$&^_.+-]+|"[^"\\\r\n]*")$/i;

/** A header value on one line: CR and LF (and other control characters) become spaces. */
export function headerText(value: string): string {
  return value.replace(/[\u0000-\u0008\u000a-\u001f\u007f]+/g, " ").trim();
}

function isAscii(value: string): boolean {
  return /^[\u0020-\u007e\t]*$/.test(value);
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Base64 text wrapped at 76 characters, as RFC 2045 asks. */
function wrap(encoded: string): string {
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join(CRLF);
}

/** RFC 2047 encoded words, each holding at most 45 bytes of UTF-8 (whole characters only). */
function encodedWords(value: string): string {
  const encoder = new TextEncoder();
  const words: string[] = [];
  let chunk = "";
  for (const char of value) {
    if (encoder.encode(chunk + char).length > 45) {
      words.push(chunk);
      chunk = "";
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${base64(encoder.encode(word))}?=`).join(" ");
}

/** Unstructured header text (Subject): ASCII as is, anything else as encoded words. */
function unstructured(value: string): string {
  const text = headerText(value);
  return isAscii(text) ? text : encodedWords(text);
}

function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, "\\$&")}"`;
}

/** One mailbox, "Name <address>" or the bare address; null when the address is unusable. */
function mailbox(address: PostmarkAddress): string | null {
  const email = headerText(address.Email ?? "");
  if (!/^[^\s<>(),;:"@]+@[^\s<>(),;:"@]+$/.test(email)) return null;
  const name = headerText(address.Name ?? "");
  if (!name) return email;
  return `${isAscii(name) ? quoted(name) : encodedWords(name)} <${email}>`;
}

function addressList(full: PostmarkAddress[] | undefined, fallback: string | undefined): string | null {
  const listed = (full ?? []).map(mailbox).filter((m): m is string => m !== null);
  if (listed.length > 0) return listed.join(", ");
  const text = headerText(fallback ?? "");
  return text && isAscii(text) ? text : null;
}

/** A declared content type if it is well formed (parameters kept), else application/octet-stream. */
function contentType(value: string | undefined): string {
  const [type = "", ...parameters] = headerText(value ?? "").split(";").map((part) => part.trim());
  if (!MIME_TYPE.test(type)) return "application/octet-stream";
  return [type.toLowerCase(), ...parameters.filter((p) => PARAMETER.test(p))].join("; ");
}

/** A `name=` / `filename=` parameter: quoted ASCII, or RFC 2231 UTF-8 percent-encoding. */
function fileParameter(key: string, name: string): string {
  if (isAscii(name)) return `${key}=${quoted(name)}`;
  const encoded = [...new TextEncoder().encode(name)]
    .map((b) => (/[A-Za-z0-9!#$&+.^_`|~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`))
    .join("");
  return `${key}*=UTF-8''${encoded}`;
}

function textPart(type: "text/plain" | "text/html", body: string): string {
  return [
    `Content-Type: ${type}; charset=utf-8`,
    "Content-Transfer-Encoding: base64",
    "",
    wrap(base64(new TextEncoder().encode(body))),
  ].join(CRLF);
}

function attachmentPart(attachment: PostmarkAttachment): string {
  const name = headerText(attachment.Name ?? "");
  const headers = [
    `Content-Type: ${contentType(attachment.ContentType)}${name ? `; ${fileParameter("name", name)}` : ""}`,
    "Content-Transfer-Encoding: base64",
    `Content-Disposition: attachment${name ? `; ${fileParameter("filename", name)}` : ""}`,
  ];
  const contentId = headerText(attachment.ContentID ?? "");
  if (contentId && isAscii(contentId)) headers.push(`Content-ID: ${contentId}`);
  const content = (attachment.Content ?? "").replace(/[^A-Za-z0-9+/=]/g, "");
  return [...headers, "", wrap(content)].join(CRLF);
}

function multipart(boundary: string, parts: string[]): string {
  return [...parts.map((part) => `--${boundary}${CRLF}${part}`), `--${boundary}--`, ""].join(CRLF);
}

/**
 * The message as multipart/mixed: the text and HTML bodies (as a multipart/alternative when both
 * are present), then each attachment. Pure ASCII with CRLF line endings. `messageId` is written
 * as the Message-ID header (the caller knows which identifier the message goes by).
 */
export function buildInboundMime(payload: PostmarkInboundFields, messageId: string | null): string {
  const headers: string[] = [];
  const from = payload.FromFull ? mailbox(payload.FromFull) : null;
  const fromText = from ?? addressList(undefined, payload.From);
  if (fromText) headers.push(`From: ${fromText}`);
  const to = addressList(payload.ToFull, payload.To);
  if (to) headers.push(`To: ${to}`);
  const cc = addressList(payload.CcFull, payload.Cc);
  if (cc) headers.push(`Cc: ${cc}`);
  if (payload.Subject) headers.push(`Subject: ${unstructured(payload.Subject)}`);
  const date = headerText(payload.Date ?? "");
  if (date && isAscii(date)) headers.push(`Date: ${date}`);
  const id = headerText(messageId ?? "");
  if (id && isAscii(id)) headers.push(`Message-ID: ${id}`);
  headers.push("MIME-Version: 1.0");

  const bodies: string[] = [];
  if (payload.TextBody) bodies.push(textPart("text/plain", payload.TextBody));
  if (payload.HtmlBody) bodies.push(textPart("text/html", payload.HtmlBody));
  const parts: string[] = [];
  if (bodies.length === 2) {
    parts.push(`Content-Type: multipart/alternative; boundary="${ALTERNATIVE}"${CRLF}${CRLF}${multipart(ALTERNATIVE, bodies)}`);
  } else if (bodies.length === 1) {
    parts.push(bodies[0]!);
  }
  for (const attachment of payload.Attachments ?? []) parts.push(attachmentPart(attachment));
  if (parts.length === 0) parts.push(textPart("text/plain", ""));

  headers.push(`Content-Type: multipart/mixed; boundary="${MIXED}"`);
  return [...headers, "", multipart(MIXED, parts)].join(CRLF);
}
