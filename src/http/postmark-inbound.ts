/**
 * Postmark's inbound webhook, for domains that cannot use Cloudflare Email Routing: the message
 * takes the same path as email(), through the router the entry point put in the context.
 *
 * Only the raw message is read ("Include raw email content in JSON payload" on the inbound
 * stream): it is what the email() path reads, byte for byte. Without it the payload is refused
 * with 403 (Postmark stops retrying a 403; any other error it retries for hours) and a log line
 * that says which setting to turn on.
 */
import type { Models } from "postmark";
import type { Deps } from "../deps";
import type { MailReceiver } from "./app";
import { objectOf, objectsOf, text, type Untrusted, type WebhookReply } from "./webhook-payload";

/** Postmark's inbound JSON, as its client models it; every field still read defensively. */
type InboundPayload = Untrusted<Models.InboundWebhook>;

function firstToAddress(payload: InboundPayload): string | null {
  const first: unknown = Array.isArray(payload.ToFull) ? payload.ToFull[0] : undefined;
  return text(objectOf<Models.InboundRecipient>(first)?.Email);
}

/** Header values from the JSON become single lines without control characters: a CR or LF could forge another header. */
function headerText(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000a-\u001f\u007f]+/g, " ").trim();
}

/**
 * Header lookup as the email() path has it: Postmark's Headers list (first occurrence wins),
 * then the headers Postmark lifts out into their own fields. Postmark's MessageID is its own id
 * (not the Message-ID header); it stands in when the message had no Message-ID, and it is the
 * same on every retry of one inbound message, so retries are still recognised as duplicates.
 */
function inboundHeaders(payload: InboundPayload): (name: string) => string | null {
  const listed = new Map<string, string>();
  for (const entry of objectsOf<Models.Header>(payload.Headers)) {
    if (typeof entry.Name !== "string" || typeof entry.Value !== "string") continue;
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
  return (name: string): string | null => {
    const key = name.toLowerCase();
    const value = listed.get(key) ?? lifted[key];
    return typeof value === "string" && value.trim() !== "" ? headerText(value) : null;
  };
}

export async function inbound(payload: InboundPayload, deps: Deps, receiveMail: MailReceiver, now: number): Promise<WebhookReply> {
  const postmarkId = text(payload.MessageID);
  const rawEmail = typeof payload.RawEmail === "string" && payload.RawEmail !== "" ? payload.RawEmail : null;
  if (!rawEmail) {
    deps.log("warn", "postmark_inbound_refused", {
      postmarkId,
      reason: "no RawEmail: turn on \u201cInclude raw email content in JSON payload\u201d for the inbound stream",
    });
    return { status: 403, body: { error: "RawEmail missing: turn on raw email content for the inbound stream" } };
  }

  const fromFull = text(objectOf<Models.InboundRecipient>(payload.FromFull)?.Email);
  // Postmark gives no envelope sender; its FromFull field (the From header as Postmark parsed
  // it) is the closest it has. Nothing on this path shows that address genuine: the router
  // acts on it only as far as POSTMARK_INBOUND_TRUSTED says, and reads no Authentication-Results.
  const envelopeFrom = fromFull ?? text(payload.From) ?? "";
  const envelopeTo = text(payload.OriginalRecipient) ?? firstToAddress(payload) ?? "";
  const raw = new TextEncoder().encode(rawEmail);
  const outcome = await receiveMail(
    { envelopeFrom, envelopeTo, header: inboundHeaders(payload), readRaw: async () => raw, rawSize: raw.byteLength, via: "postmark" },
    deps,
    now,
  );
  deps.log("info", "postmark_inbound", { postmarkId, outcome: outcome.kind });
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
