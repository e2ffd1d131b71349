/**
 * POST /webhooks/postmark: Postmark's webhooks (DESIGN §3, §5). Delivery events change a user's
 * status (a hard bounce suppresses, a spam complaint unsubscribes, a suppression change follows
 * Postmark's list); an inbound message takes the same path as email().
 *
 * Answers follow Postmark's retry rules: any non-200 answer is retried (10 times, over hours),
 * except 403, which stops retries. So expected outcomes (including "no such user" and record
 * types we do not use) answer 200, refusals answer 403, and only a transient failure (D1, R2,
 * the mailer throwing) answers 500 so the event is delivered again.
 *
 * Set up in Postmark: the webhook URL with basic-auth credentials (POSTMARK_WEBHOOK_USER and
 * POSTMARK_WEBHOOK_PASSWORD), on the outbound stream for Bounce, Spam Complaint and
 * Subscription Change, and as the inbound stream's webhook with "Include raw email content in
 * JSON payload" turned on: the raw message is what the email() path reads, byte for byte. Without
 * it the message is rebuilt from the parsed JSON (postmark-inbound-mime.ts), which loses the
 * original MIME structure and headers Postmark does not pass on.
 */
import type { Hono } from "hono";
import type { Deps } from "../deps";
import { findUserByEmail, setUserStatusByEmail, setUserStatusByEmailIf, type UserStatus } from "../db/users";
import { receiveInbound } from "../inbound/receive";
import type { AppEnv } from "./app";
import { buildInboundMime, headerText, type PostmarkInboundFields } from "./postmark-inbound-mime";

export const POSTMARK_WEBHOOK_PATH = "/webhooks/postmark";

/**
 * The body cap. The endpoint must take inbound messages, whose JSON carries the message about
 * twice when RawEmail is on (the raw text, then its attachments again as base64 and its decoded
 * bodies), so the cap is twice the raw-message cap: a message just under MAX_RAW_BYTES fits,
 * and one a little over still arrives and is answered `too_large` like on the email() path.
 * Anything bigger is refused before it is read, which bounds the memory a request can take in
 * a 128 MB isolate. Never below 1 MiB, which every delivery event fits in many times over.
 */
export function webhookBodyLimit(maxRawBytes: number): number {
  return Math.max(1024 * 1024, 2 * maxRawBytes);
}

/**
 * Bounce types after which the address cannot receive mail (Postmark's bounce types):
 * HardBounce (unknown user, mailbox not found), BadEmailAddress (invalid address) and
 * ManuallyDeactivated (deactivated in Postmark). Any bounce that Postmark reports with
 * `Inactive: true` also counts: Postmark will refuse to send to that address until it is
 * reactivated, which arrives as a SubscriptionChange with SuppressSending false. Everything
 * else (Transient, SoftBounce, DnsError, AutoResponder, Blocked, SpamNotification, ...) is
 * temporary or about one message, and changes nothing.
 */
const UNUSABLE_ADDRESS_BOUNCES: ReadonlySet<string> = new Set(["HardBounce", "BadEmailAddress", "ManuallyDeactivated"]);

/** SubscriptionChange reasons that mean the address cannot be delivered to (rather than "does not want it"). */
const SUPPRESSING_REASONS: ReadonlySet<string> = new Set(["HardBounce", "SpamComplaint"]);

/** What a reactivation may undo: only Postmark-side stops, never a user's own pause. */
const REACTIVATABLE: readonly UserStatus[] = ["unsubscribed", "suppressed"];

type Payload = Record<string, unknown>;
type Reply = { status: 200 | 400 | 403; body: Record<string, unknown> };

export function registerPostmarkWebhooks(app: Hono<AppEnv>): void {
  app.post(POSTMARK_WEBHOOK_PATH, async (c) => {
    const deps = c.get("deps");
    const now = deps.clock();
    const { config, log } = deps;

    // Not configured: the endpoint does not exist.
    if (!config.webhookAuth) return c.notFound();

    const denied = await checkBasicAuth(c.req.header("authorization"), config.webhookAuth);
    if (denied) {
      log("warn", "postmark_webhook_denied", { reason: denied });
      return c.json({ error: "forbidden" }, 403);
    }

    const limit = webhookBodyLimit(config.maxRawBytes);
    const body = await readCapped(c.req.raw, limit);
    if (body === "too_large") {
      log("warn", "postmark_webhook_rejected", { reason: "too_large", limit });
      return c.json({ error: `body larger than ${limit} bytes` }, 413);
    }
    const payload = parseObject(body);
    if (!payload) {
      log("warn", "postmark_webhook_rejected", { reason: "malformed_json" });
      return c.json({ error: "malformed JSON: expected one JSON object" }, 400);
    }

    try {
      const reply = await dispatch(payload, deps, now);
      return c.json(reply.body, reply.status);
    } catch (error) {
      const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      log("error", "postmark_webhook_failed", { recordType: recordTypeOf(payload), detail });
      // Transient (D1, R2, the mailer): Postmark retries a 500.
      return c.json({ error: "temporary failure, retry later" }, 500);
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Authentication

/** null when the credentials match; otherwise a reason for the log (never the credentials). */
async function checkBasicAuth(
  header: string | undefined,
  expected: { user: string; password: string },
): Promise<string | null> {
  if (!header) return "no_credentials";
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match) return "not_basic_auth";
  let decoded: string;
  try {
    const binary = atob(match[1]!);
    decoded = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0)));
  } catch {
    return "malformed_credentials";
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) return "malformed_credentials";
  // Both compared, always: which half was wrong must not show in the timing.
  const userOk = await constantTimeEqualText(decoded.slice(0, colon), expected.user);
  const passwordOk = await constantTimeEqualText(decoded.slice(colon + 1), expected.password);
  return userOk && passwordOk ? null : "wrong_credentials";
}

/**
 * Equal strings, compared in constant time: SHA-256 digests of both (so lengths do not leak
 * either), then workerd's crypto.subtle.timingSafeEqual over the two 32-byte digests.
 */
async function constantTimeEqualText(given: string, expected: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(given)),
    crypto.subtle.digest("SHA-256", encoder.encode(expected)),
  ]);
  return crypto.subtle.timingSafeEqual(a, b);
}

// ---------------------------------------------------------------------------------------------
// Body

/** The request body, or "too_large" as soon as it is known to exceed `limit` bytes. */
async function readCapped(request: Request, limit: number): Promise<Uint8Array | "too_large"> {
  const declared = request.headers.get("content-length");
  if (declared !== null && /^\d+$/.test(declared) && Number(declared) > limit) return "too_large";
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return "too_large";
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function parseObject(body: Uint8Array): Payload | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(body));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Payload) : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Dispatch

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() !== "" ? value.trim() : null;
}

function recordTypeOf(payload: Payload): string | null {
  return text(payload.RecordType);
}

/**
 * Postmark's inbound JSON has no RecordType (its delivery events all do); it is recognised by
 * Postmark's MessageID together with FromFull or OriginalRecipient. "Inbound" is accepted too.
 */
function isInbound(payload: Payload): boolean {
  const type = recordTypeOf(payload);
  if (type !== null) return type === "Inbound";
  return text(payload.MessageID) !== null && (isObject(payload.FromFull) || text(payload.OriginalRecipient) !== null);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

async function dispatch(payload: Payload, deps: Deps, now: number): Promise<Reply> {
  if (isInbound(payload)) return inbound(payload, deps, now);
  const type = recordTypeOf(payload);
  switch (type) {
    case "Bounce":
      return bounce(payload, deps, now);
    case "SpamComplaint":
      return spamComplaint(payload, deps, now);
    case "SubscriptionChange":
      return subscriptionChange(payload, deps, now);
    default:
      // Delivery, Open, Click, ... or something new: acknowledged so Postmark does not retry it.
      deps.log("info", "postmark_webhook_ignored", { recordType: type });
      return { status: 200, body: { ok: true, ignored: true } };
  }
}

function missing(field: string, recordType: string, deps: Deps): Reply {
  deps.log("warn", "postmark_webhook_rejected", { reason: "missing_field", recordType, field });
  return { status: 400, body: { error: `${recordType} without ${field}` } };
}

/** Applies a status change and logs it; an address with no user changes nothing. */
async function applyStatus(
  deps: Deps,
  event: string,
  email: string,
  status: UserStatus,
  now: number,
  fields: Record<string, unknown>,
): Promise<Reply> {
  const updated = await setUserStatusByEmail(deps.db, email, status, now);
  if (!updated) {
    deps.log("info", event, { ...fields, email: email.toLowerCase(), outcome: "no_user" });
    return { status: 200, body: { ok: true, outcome: "no_user" } };
  }
  deps.log("info", event, { ...fields, userId: updated.id, outcome: status });
  return { status: 200, body: { ok: true, outcome: status } };
}

async function bounce(payload: Payload, deps: Deps, now: number): Promise<Reply> {
  const email = text(payload.Email);
  if (!email) return missing("Email", "Bounce", deps);
  const type = text(payload.Type) ?? "Unknown";
  const unusable = UNUSABLE_ADDRESS_BOUNCES.has(type) || payload.Inactive === true;
  if (!unusable) {
    deps.log("info", "postmark_bounce", { email: email.toLowerCase(), type, outcome: "unchanged" });
    return { status: 200, body: { ok: true, outcome: "unchanged" } };
  }
  return applyStatus(deps, "postmark_bounce", email, "suppressed", now, { type });
}

async function spamComplaint(payload: Payload, deps: Deps, now: number): Promise<Reply> {
  const email = text(payload.Email);
  if (!email) return missing("Email", "SpamComplaint", deps);
  return applyStatus(deps, "postmark_spam_complaint", email, "unsubscribed", now, {});
}

async function subscriptionChange(payload: Payload, deps: Deps, now: number): Promise<Reply> {
  const email = text(payload.Recipient);
  if (!email) return missing("Recipient", "SubscriptionChange", deps);
  if (typeof payload.SuppressSending !== "boolean") return missing("SuppressSending", "SubscriptionChange", deps);
  const reason = text(payload.SuppressionReason);
  const origin = text(payload.Origin);

  if (payload.SuppressSending) {
    const status: UserStatus = reason !== null && SUPPRESSING_REASONS.has(reason) ? "suppressed" : "unsubscribed";
    return applyStatus(deps, "postmark_subscription_change", email, status, now, { suppress: true, reason, origin });
  }

  // Reactivation: undo a Postmark-side stop, but never wake a user who paused Rapport themselves.
  const reactivated = await setUserStatusByEmailIf(deps.db, email, "active", REACTIVATABLE, now);
  if (reactivated) {
    deps.log("info", "postmark_subscription_change", { suppress: false, origin, userId: reactivated.id, outcome: "active" });
    return { status: 200, body: { ok: true, outcome: "active" } };
  }
  const user = await findUserByEmail(deps.db, email);
  const outcome = user ? "unchanged" : "no_user";
  deps.log("info", "postmark_subscription_change", {
    suppress: false,
    origin,
    ...(user ? { userId: user.id, status: user.status } : { email: email.toLowerCase() }),
    outcome,
  });
  return { status: 200, body: { ok: true, outcome } };
}

// ---------------------------------------------------------------------------------------------
// Inbound

interface HeaderEntry {
  Name?: unknown;
  Value?: unknown;
}

function firstToAddress(payload: Payload): string | null {
  const list = Array.isArray(payload.ToFull) ? payload.ToFull : [];
  const first: unknown = list[0];
  return isObject(first) ? text(first.Email) : null;
}

/**
 * Header lookup as the email() path has it: Postmark's Headers list (first occurrence wins),
 * then the headers Postmark lifts out into their own fields. Postmark's MessageID is its own id
 * (not the Message-ID header); it stands in when the message had no Message-ID, and it is the
 * same on every retry of one inbound message, so retries are still recognised as duplicates.
 */
function inboundHeaders(payload: Payload): { lookup: (name: string) => string | null; messageId: string } {
  const listed = new Map<string, string>();
  for (const entry of Array.isArray(payload.Headers) ? (payload.Headers as HeaderEntry[]) : []) {
    if (!isObject(entry) || typeof entry.Name !== "string" || typeof entry.Value !== "string") continue;
    const name = entry.Name.trim().toLowerCase();
    if (name && !listed.has(name)) listed.set(name, entry.Value);
  }
  const postmarkId = text(payload.MessageID);
  const messageId =
    text(listed.get("message-id")) ?? (postmarkId ? `<postmark-${headerText(postmarkId).replace(/[<>\s]/g, "")}@rapport.invalid>` : "");
  const lifted: Record<string, unknown> = {
    "message-id": messageId,
    from: payload.From,
    to: payload.To,
    cc: payload.Cc,
    subject: payload.Subject,
    date: payload.Date,
    "reply-to": payload.ReplyTo,
  };
  const lookup = (name: string): string | null => {
    const key = name.toLowerCase();
    const value = listed.get(key) ?? lifted[key];
    return typeof value === "string" && value.trim() !== "" ? headerText(value) : null;
  };
  return { lookup, messageId };
}

async function inbound(payload: Payload, deps: Deps, now: number): Promise<Reply> {
  const fromFull = isObject(payload.FromFull) ? text(payload.FromFull.Email) : null;
  // Postmark gives no envelope sender; the From address is the closest it has.
  const envelopeFrom = fromFull ?? text(payload.From) ?? "";
  const envelopeTo = text(payload.OriginalRecipient) ?? firstToAddress(payload) ?? "";
  const { lookup, messageId } = inboundHeaders(payload);
  const rawEmail = typeof payload.RawEmail === "string" && payload.RawEmail !== "" ? payload.RawEmail : null;

  const outcome = await receiveInbound(
    {
      envelopeFrom,
      envelopeTo,
      header: lookup,
      readRaw: async () =>
        new TextEncoder().encode(rawEmail ?? buildInboundMime(payload as PostmarkInboundFields, messageId || null)),
    },
    deps,
    now,
  );
  deps.log("info", "postmark_inbound", {
    postmarkId: text(payload.MessageID),
    outcome: outcome.kind,
    raw: rawEmail ? "RawEmail" : "rebuilt",
  });
  switch (outcome.kind) {
    case "refused":
      // 403: Postmark stops retrying a message we will never take.
      return { status: 403, body: { error: outcome.reason } };
    case "duplicate":
      return { status: 200, body: { ok: true, outcome: "duplicate", inboundId: outcome.inboundId } };
    case "ignored":
      // A reply that failed verification: accepted and dropped, so nothing learns why.
      return { status: 200, body: { ok: true, outcome: "ignored" } };
    case "handled":
      return { status: 200, body: { ok: true, outcome: outcome.status, inboundId: outcome.inboundId } };
  }
}
