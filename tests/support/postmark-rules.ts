/**
 * What Postmark's email API checks, and how it answers: the rules the loopback stub plays
 * (tests/support/postmark-stub.ts). Pure: a request in, the answer and one result per message out.
 *
 * The rules, in Postmark's words (https://postmarkapp.com/developer/api/overview, the email
 * API reference, and its support articles "What are the attachment and email size limits?",
 * "What does ErrorCode 300 mean?" and the custom metadata FAQ):
 * - the server token (401, ErrorCode 10), JSON headers (ErrorCode 409) and body (402, 403);
 * - the request size: 10 MB for /email, 50 MB for a batch (HTTP 413, refused unread);
 * - at most 500 messages per batch (ErrorCode 410);
 * - each message: at most 10 MB; a From address at a sender signature (ErrorCode 400); a
 *   MessageStream that exists (ErrorCode 1235); recipients that parse, at least one and at
 *   most 50 across To, Cc and Bcc, a TextBody or HtmlBody, Metadata within 10 fields of names
 *   up to 20 and values up to 80 characters (all ErrorCode 300, "invalid email request");
 *   no inactive recipient (ErrorCode 406).
 * A batch answers 200 with one result per message, failed ones included, in the order sent;
 * /email answers 422 for a refused message.
 */

export const MB = 1024 * 1024;
/** Postmark's limits (its support article "What are the attachment and email size limits?"). */
export const LIMITS = {
  messageBytes: 10 * MB,
  batchBytes: 50 * MB,
  batchMessages: 500,
  recipients: 50,
  metadataFields: 10,
  metadataNameChars: 20,
  metadataValueChars: 80,
} as const;

/** Postmark's answer to one message: its batch item, and the body /email would answer with. */
export type Result = { ErrorCode: number; Message: string; MessageID?: string; SubmittedAt?: string; To?: string };

export interface Outcome {
  status: number;
  body: unknown;
}

export interface ServerOptions {
  token: string;
  /** Sender signatures of the server: an address, or a domain (a verified domain signs all its addresses). */
  senderSignatures: string[];
  /** The server's message streams; a message without MessageStream goes to "outbound". */
  messageStreams: string[];
}

/**
 * One request as the API sees it. `tooLarge`: over the endpoint's size limit, so `body` was not
 * read. `messages`: the body as a list of messages (a batch's items, or the one message).
 */
export interface ApiRequest {
  method: string;
  path: string;
  /** Names lower-cased. */
  headers: Record<string, string>;
  tooLarge: boolean;
  body: unknown;
  messages: unknown[];
}

/** The size limit of an endpoint's request. */
export function requestLimit(path: string): number {
  return path === "/email/batch" ? LIMITS.batchBytes : LIMITS.messageBytes;
}

/** The Postmark server being played: its token, sender signatures and message streams. */
export class PostmarkServer {
  readonly token: string;
  private readonly signedAddresses: Set<string>;
  private readonly signedDomains: Set<string>;
  readonly streams: Set<string>;

  constructor(options: ServerOptions) {
    this.token = options.token;
    const signatures = options.senderSignatures.map((s) => s.toLowerCase());
    this.signedAddresses = new Set(signatures.filter((s) => s.includes("@")));
    this.signedDomains = new Set(signatures.filter((s) => !s.includes("@")));
    this.streams = new Set(options.messageStreams);
  }

  signs(address: string): boolean {
    const lower = address.toLowerCase();
    return this.signedAddresses.has(lower) || this.signedDomains.has(lower.slice(lower.lastIndexOf("@") + 1));
  }
}

/**
 * Postmark's checks, whole request first (endpoint, size, token, headers, JSON, batch count),
 * then each message. Returns the answer and one result per message of `request.messages`.
 * `inactive` is the server's suppression list, lower-cased.
 */
export function answer(server: PostmarkServer, inactive: Set<string>, request: ApiRequest): { outcome: Outcome; results: Partial<Result>[] } {
  const { method, path, headers, tooLarge, body, messages } = request;
  const whole = (status: number, refusal: { ErrorCode?: number; Message: string }) => ({
    outcome: { status, body: refusal },
    results: messages.map(() => refusal),
  });
  if (method !== "POST" || (path !== "/email" && path !== "/email/batch")) {
    return whole(404, { Message: `No such endpoint: ${method} ${path}` });
  }
  if (tooLarge) {
    const limit = path === "/email" ? "10 MB for the Email API" : "50 MB for a batch";
    return whole(413, { Message: `Payload Too Large: the request exceeded Postmark's size limit of ${limit}.` });
  }
  if (headers["x-postmark-server-token"] !== server.token) {
    return whole(401, { ErrorCode: 10, Message: "Request does not contain a valid Server token." });
  }
  const isJson = (name: string) => (headers[name] ?? "").toLowerCase().startsWith("application/json");
  if (!isJson("accept") || !isJson("content-type")) {
    return whole(422, { ErrorCode: 409, Message: "JSON required: send Accept and Content-Type: application/json." });
  }
  if (body === undefined) return whole(422, { ErrorCode: 402, Message: "Received invalid JSON input." });
  if (path === "/email") {
    const result = checkMessage(body, server, inactive);
    return { outcome: { status: result.ErrorCode === 0 ? 200 : 422, body: result }, results: [result] };
  }
  if (!Array.isArray(body)) return whole(422, { ErrorCode: 403, Message: "Incompatible JSON: a batch is a JSON array of messages." });
  if (body.length > LIMITS.batchMessages) {
    return whole(422, { ErrorCode: 410, Message: `Too many batch messages: at most ${LIMITS.batchMessages} per call.` });
  }
  // 200 even when messages failed: each has its own ErrorCode, in the order sent.
  const results = body.map((message) => checkMessage(message, server, inactive));
  return { outcome: { status: 200, body: results }, results };
}

/** One message's result, shaped like a Postmark batch item. */
function checkMessage(message: unknown, server: PostmarkServer, inactive: Set<string>): Result {
  const invalid = (text: string): Result => ({ ErrorCode: 300, Message: text });
  if (typeof message !== "object" || message === null || Array.isArray(message)) {
    return { ErrorCode: 403, Message: "Incompatible JSON: each message must be a JSON object." };
  }
  const m = message as Record<string, unknown>;
  // Postmark counts the message as sent, attachments in base64: its JSON is that size.
  const bytes = new TextEncoder().encode(JSON.stringify(m)).byteLength;
  if (bytes > LIMITS.messageBytes) {
    return invalid(`Message too big: ${bytes} bytes. The total size should be less than ${LIMITS.messageBytes} bytes.`);
  }

  const from = typeof m.From === "string" ? parseAddresses(m.From) : null;
  if (from === null || from.length !== 1 || from[0]!.address === null) {
    return invalid(`Error parsing 'From': Illegal email address '${String(m.From ?? "")}'.`);
  }
  const sender = from[0]!.address!;
  if (!server.signs(sender)) {
    return {
      ErrorCode: 400,
      Message:
        `The 'From' address you supplied (${sender}) is not a Sender Signature on your account. ` +
        "Please add and confirm this address in order to be able to use it in the 'From' field of your messages.",
    };
  }
  const stream = m.MessageStream ?? "outbound";
  if (typeof stream !== "string" || !server.streams.has(stream)) {
    return { ErrorCode: 1235, Message: "The 'MessageStream' provided does not exist on this server." };
  }

  const recipients: string[] = [];
  for (const field of ["To", "Cc", "Bcc"] as const) {
    const value = m[field];
    if (value === undefined || value === null || value === "") continue;
    const parsed = typeof value === "string" ? parseAddresses(value) : null;
    const bad = parsed === null ? String(value) : parsed.find((p) => p.address === null)?.text;
    if (bad !== undefined) return invalid(`Error parsing '${field}': Illegal email address '${bad}'.`);
    recipients.push(...parsed!.map((p) => p.address!));
  }
  if (recipients.length === 0) return invalid("Zero recipients specified");
  if (recipients.length > LIMITS.recipients) {
    return invalid(`Maximum of ${LIMITS.recipients} recipients allowed per email message (To, Cc and Bcc together).`);
  }
  if (!nonEmpty(m.TextBody) && !nonEmpty(m.HtmlBody)) return invalid("Provide either email TextBody or HtmlBody or both.");
  const metadata = checkMetadata(m.Metadata);
  if (metadata) return metadata;

  const suppressed = recipients.filter((a) => inactive.has(a.toLowerCase()));
  if (suppressed.length > 0) {
    return {
      ErrorCode: 406,
      Message:
        "You tried to send to recipient(s) that have been marked as inactive. " +
        `Found inactive addresses: ${suppressed.join(", ")}. Inactive recipients are ones that ` +
        "have generated a hard bounce, a spam complaint, or a manual suppression.",
    };
  }
  return { To: String(m.To ?? ""), SubmittedAt: new Date().toISOString(), MessageID: crypto.randomUUID(), ErrorCode: 0, Message: "OK" };
}

/** Postmark's metadata rules: an object of strings, at most 10 fields, names to 20 and values to 80 characters, names unique whatever their case. */
function checkMetadata(metadata: unknown): Result | null {
  if (metadata === undefined || metadata === null) return null;
  if (typeof metadata !== "object" || Array.isArray(metadata) || !Object.values(metadata).every((v) => typeof v === "string")) {
    return { ErrorCode: 403, Message: "Invalid request field(s): $.Metadata" };
  }
  const fields = Object.entries(metadata as Record<string, string>);
  const invalid = (why: string): Result => ({ ErrorCode: 300, Message: `Invalid metadata content. ${why}` });
  if (fields.length > LIMITS.metadataFields) return invalid(`A message may have at most ${LIMITS.metadataFields} metadata fields; this one has ${fields.length}.`);
  const over = fields.find(([name, value]) => name.length > LIMITS.metadataNameChars || value.length > LIMITS.metadataValueChars);
  if (over) {
    return invalid(
      `Field names are limited to ${LIMITS.metadataNameChars} characters and field values are limited to ` +
        `${LIMITS.metadataValueChars} characters in length. The '${over[0]}' field in your metadata content exceeds these limits.`,
    );
  }
  const names = fields.map(([name]) => name.toLowerCase());
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) return invalid(`Duplicate field names are not allowed, whatever their case: '${twice}'.`);
  return null;
}

/**
 * Splits an address list ("Jane <j@x.io>, b@y.io", commas inside quotes kept) and reads each
 * address with the rules Postmark publishes for ErrorCode 300 (its support article "What does
 * ErrorCode 300 mean?"): mailbox ^[a-z0-9.!#$%&'`*+\-/=^_{}|~]+$ (read here without regard to
 * case) and domain ^((\.)?[a-zA-Z0-9\-])+$.
 */
function parseAddresses(list: string): { text: string; address: string | null }[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const char of list) {
    if (char === '"') quoted = !quoted;
    if (char === "," && !quoted) {
      parts.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts.map((part) => {
    const text = part.trim();
    const address = (/<([^<>]*)>\s*$/.exec(text)?.[1] ?? text).trim();
    const at = address.lastIndexOf("@");
    const mailbox = address.slice(0, at);
    const domain = address.slice(at + 1);
    const valid = at > 0 && /^[a-z0-9.!#$%&'`*+\-/=^_{}|~]+$/i.test(mailbox) && /^((\.)?[a-z0-9-])+$/i.test(domain);
    return { text, address: valid ? address : null };
  });
}

function nonEmpty(value: unknown): value is string {
  return typeof value === "string" && value.trim() !== "";
}
