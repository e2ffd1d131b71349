/**
 * receiveInbound: the top of the email() path (docs/design.md §3), the one place that decides which way a
 * message goes. Refuse what is not ours (nothing stored): an unknown recipient, an envelope
 * sender that is not exactly one address, a message over MAX_RAW_BYTES. A reply+token address
 * goes to the reply side once its token, sender and authentication check out; the inbox goes
 * to the invite side once the sender is allowed and (with REQUIRE_SENDER_AUTH) shown genuine.
 * Both then pass through intake (dedupe, archive, record, robots set aside). `inbound/` and
 * `replies/` know nothing of each other: the choice is made here.
 *
 * Who vouches for the sender depends on the way in (`via`): on Email Routing, the topmost
 * Authentication-Results of Cloudflare's MX (AUTHSERV_ID); on Postmark's inbound webhook,
 * nothing in the message (every header there, Authentication-Results included, may be the
 * sender's own), only the operator's POSTMARK_INBOUND_TRUSTED.
 */
import type { InboundStatus } from "../db/inbound";
import { findUserById } from "../db/replies";
import type { Deps } from "../deps";
import { processInvite } from "../inbound/process-invite";
import { verifyToken } from "../links/token";
import { processReply } from "../replies/process-reply";
import type { Config } from "../config";
import { senderAuthenticated, topmostHeader, type AuthVerdict } from "./authenticity";
import type { HeaderLookup } from "./automated";
import { parseEnvelopeSender } from "./envelope-sender";
import { intake } from "./intake";
import { isAllowedSender } from "./senders";

/** What the email() entry point knows about a message, before reading its bytes. */
export interface InboundEmail {
  envelopeFrom: string;
  envelopeTo: string;
  header: HeaderLookup;
  readRaw(): Promise<Uint8Array>;
  /** The message's size in bytes when known before reading it (Email Routing's rawSize). */
  rawSize?: number;
  /** The way in: Cloudflare Email Routing (the default) or Postmark's inbound webhook. */
  via?: "email_routing" | "postmark";
}

export type ReceiveOutcome =
  /** Refused at SMTP time (setReject) with this one-line reason; nothing stored. */
  | { kind: "refused"; reason: string }
  | { kind: "duplicate"; inboundId: number }
  /** Dropped without trace or answer (a reply that failed verification). */
  | { kind: "ignored"; reason: string }
  | { kind: "handled"; inboundId: number; status: InboundStatus };

/** How an entry point hands a message to the router (the Postmark inbound webhook gets it through its context). */
export type MailReceiver = (mail: InboundEmail, deps: Deps, now: number) => Promise<ReceiveOutcome>;

type Route = { kind: "inbox" } | { kind: "reply"; token: string } | { kind: "unknown_recipient" };

/**
 * Which path a message takes, by its envelope recipient (never its To header: a forward keeps
 * the original To): the inbox for invites, reply+<token>@ the inbox's domain for replies.
 */
function routeRecipient(to: string, inbox: string): Route {
  if (to === inbox) return { kind: "inbox" };
  const domain = inbox.slice(inbox.lastIndexOf("@"));
  const reply = /^reply\+([a-z2-7]{1,64})@/.exec(to);
  if (reply && to.endsWith(domain)) return { kind: "reply", token: reply[1]! };
  return { kind: "unknown_recipient" };
}

function megabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${mb.toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** The one-line SMTP reason for a message over MAX_RAW_BYTES (the sender's server bounces it to them). */
function tooLarge(size: number, config: Config): ReceiveOutcome {
  return {
    kind: "refused",
    reason: `Your message is ${megabytes(size)}; Rapport reads messages up to ${megabytes(config.maxRawBytes)}. Forward the invitation on its own, without other attachments.`,
  };
}

/** Whether the sender is shown genuine, by whatever vouches for it on this way in (see above). */
function senderVerdict(mail: InboundEmail, raw: Uint8Array, from: string, config: Config): AuthVerdict {
  if (mail.via === "postmark") {
    return config.postmarkInboundTrusted
      ? { ok: true, via: "postmark_trusted" }
      : { ok: false, reason: "the Postmark inbound path is not trusted (POSTMARK_INBOUND_TRUSTED is not true)" };
  }
  return senderAuthenticated(topmostHeader(raw, "authentication-results"), from, config.authservId);
}

/** The raw bytes, unless the message is over MAX_RAW_BYTES: then the refusal, and nothing is archived. */
async function readWithinLimit(mail: InboundEmail, config: Config): Promise<Uint8Array | ReceiveOutcome> {
  if (mail.rawSize !== undefined && mail.rawSize > config.maxRawBytes) return tooLarge(mail.rawSize, config);
  const raw = await mail.readRaw();
  return raw.byteLength > config.maxRawBytes ? tooLarge(raw.byteLength, config) : raw;
}

export const receiveInbound: MailReceiver = async (mail, deps, now) => {
  const { config, log } = deps;
  const to = mail.envelopeTo.trim().toLowerCase();

  const route = routeRecipient(to, config.inboxAddress);
  if (route.kind === "unknown_recipient") {
    log("info", "inbound_refused", { reason: "unknown_recipient", to });
    return { kind: "refused", reason: `No mailbox ${to} here.` };
  }
  const sender = parseEnvelopeSender(mail.envelopeFrom);
  if (!sender.ok) {
    log("info", "inbound_refused", { reason: "bad_sender", detail: sender.reason, from: mail.envelopeFrom.slice(0, 320) });
    return { kind: "refused", reason: "The sender address is not one valid email address." };
  }
  const from = sender.address;
  if (route.kind === "reply") return receiveReply(mail, route.token, { from, to }, deps, now);

  if (!isAllowedSender(config.allowedSenders, from)) {
    log("info", "inbound_refused", { reason: "sender_not_allowed", from });
    return { kind: "refused", reason: `${from} is not allowed to use this Rapport; ask its owner to add you.` };
  }
  const raw = await readWithinLimit(mail, config);
  if (!(raw instanceof Uint8Array)) {
    log("info", "inbound_refused", { reason: "too_large", from });
    return raw;
  }
  // An invite is answered by email and plants meetings in the account of the address it names:
  // a forged sender would have Rapport mail its victim. So it is refused at SMTP time, never
  // answered (the answer would reach the victim).
  if (config.requireSenderAuth) {
    const verdict = senderVerdict(mail, raw, from, config);
    if (!verdict.ok) {
      log("warn", "inbound_refused", { reason: "sender_not_authenticated", from, detail: verdict.reason });
      return { kind: "refused", reason: `Rapport could not confirm that this message is from ${from} (SPF or DKIM).` };
    }
  }
  return intake(mail, raw, { from, to }, "invite", deps, now, (row) => processInvite(row, raw, mail.header("message-id"), deps, now));
};

/**
 * A reply acts only if its token verifies (unexpired, ours), names a user whose address is the
 * envelope sender, and (in production) the sender passed SPF or DKIM. Anything else is dropped
 * quietly: no data kept, no answer to a stranger, a log line with the reason.
 */
async function receiveReply(mail: InboundEmail, token: string, envelope: { from: string; to: string }, deps: Deps, now: number): Promise<ReceiveOutcome> {
  const { config, db, log } = deps;
  const ignore = (reason: string): ReceiveOutcome => {
    log("warn", "reply_dropped", { reason, from: envelope.from });
    return { kind: "ignored", reason };
  };
  const check = await verifyToken(config.tokenKeys, token, "reply", now);
  if (!check.ok) return ignore(`token ${check.reason}`);
  const user = await findUserById(db, check.claims.userId);
  if (!user || user.email !== envelope.from) return ignore("sender is not the token's user");
  const raw = await readWithinLimit(mail, config);
  if (!(raw instanceof Uint8Array)) {
    log("info", "inbound_refused", { reason: "too_large", from: envelope.from });
    return raw;
  }
  // On Postmark's path nothing in the message can show the sender genuine, so a reply there is
  // acted on only when the operator trusts that path, whatever REQUIRE_SENDER_AUTH says.
  if (config.requireSenderAuth || mail.via === "postmark") {
    const verdict = senderVerdict(mail, raw, envelope.from, config);
    if (!verdict.ok) return ignore(`sender not authenticated: ${verdict.reason}`);
  }
  return intake(mail, raw, envelope, "reply", deps, now, (row) => processReply(row, raw, { user, nudgeId: check.claims.nudgeId }, deps, now));
}
