/**
 * receiveInbound: the email() path, in DESIGN §3's order. Refuse what is not ours (nothing
 * stored), skip what we already handled (Message-ID), archive the raw bytes before anything
 * parses them, record the message, then process it: an invite (inbox) or a reply (reply+token).
 */
import { findInbound, markInbound, recordInbound, type InboundStatus } from "../db/inbound";
import type { InboundMessage } from "../db/schema";
import { ensureUser, findUserByEmail } from "../db/users";
import { planNextDigest } from "../nudges/digest-plan";
import { currentFeedUrl } from "../feed/feed-link";
import type { Deps } from "../deps";
import { composeInviteError } from "../compose/notices";
import { sendAnswer } from "./answer";
import { applyMeeting } from "./apply-invite";
import { automatedReason, type HeaderLookup } from "./automated";
import { understandInvite } from "./invite";
import { DEFAULT_MIME_LIMITS } from "./mime";
import { rawKey, sha256Hex } from "./raw-archive";
import { isAllowedSender } from "./senders";
import { findUserById } from "../db/replies";
import { senderAuthenticated, topmostHeader } from "../replies/authenticity";
import { processReply } from "../replies/process-reply";
import { verifyToken } from "../replies/token";

/** What the email() entry point knows about a message, before reading its bytes. */
export interface InboundEmail {
  envelopeFrom: string;
  envelopeTo: string;
  header: HeaderLookup;
  readRaw(): Promise<Uint8Array>;
}

export type ReceiveOutcome =
  /** Refused at SMTP time (setReject) with this one-line reason; nothing stored. */
  | { kind: "refused"; reason: string }
  | { kind: "duplicate"; inboundId: number }
  /** Dropped without trace or answer (a reply that failed verification). */
  | { kind: "ignored"; reason: string }
  | { kind: "handled"; inboundId: number; status: InboundStatus };

const FINISHED: ReadonlySet<InboundStatus> = new Set(["processed", "rejected", "ignored"]);

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

export async function receiveInbound(mail: InboundEmail, deps: Deps, now: number): Promise<ReceiveOutcome> {
  const { config, log } = deps;
  const to = mail.envelopeTo.trim().toLowerCase();
  const from = mail.envelopeFrom.trim().toLowerCase();

  const route = routeRecipient(to, config.inboxAddress);
  if (route.kind === "unknown_recipient") {
    log("info", "inbound_refused", { reason: "unknown_recipient", to });
    return { kind: "refused", reason: `No mailbox ${to} here.` };
  }
  if (route.kind === "reply") return receiveReply(mail, route.token, { from, to }, deps, now);

  if (!isAllowedSender(config.allowedSenders, from)) {
    log("info", "inbound_refused", { reason: "sender_not_allowed", from });
    return { kind: "refused", reason: `${from} is not allowed to use this Rapport; ask its owner to add you.` };
  }
  const raw = await mail.readRaw();
  return intake(mail, raw, { from, to }, deps, now, (row) => processInbound(row, raw, mail.header, deps, now));
}

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
  const raw = await mail.readRaw();
  if (config.requireSenderAuth) {
    const verdict = senderAuthenticated(topmostHeader(raw, "authentication-results"), envelope.from, config.authservId);
    if (!verdict.ok) return ignore(`sender not authenticated: ${verdict.reason}`);
  }
  return intake(mail, raw, envelope, deps, now, (row) => processReply(row, raw, { user, nudgeId: check.claims.nudgeId }, deps, now));
}

/**
 * What every accepted message goes through: skip it if already handled (Message-ID), archive
 * the raw bytes, record it, process it. A failure after archiving marks the row `failed` and
 * rethrows, so the sending server retries and the bytes stay at hand for reprocessing.
 */
async function intake(
  mail: InboundEmail,
  raw: Uint8Array,
  envelope: { from: string; to: string },
  deps: Deps,
  now: number,
  process: (row: InboundMessage) => Promise<InboundStatus>,
): Promise<ReceiveOutcome> {
  const { db, archive, log } = deps;
  const digest = await sha256Hex(raw);
  // A message without Message-ID is identified by its bytes: a retry of it is the same bytes.
  const messageId = mail.header("message-id")?.trim() || `<sha256-${digest}@rapport.invalid>`;

  const seen = await findInbound(db, messageId);
  if (seen && FINISHED.has(seen.status)) {
    log("info", "inbound_duplicate", { inboundId: seen.id, status: seen.status });
    return { kind: "duplicate", inboundId: seen.id };
  }

  const key = seen?.rawKey ?? rawKey(now, digest);
  await archive.put(key, raw, { envelopeFrom: envelope.from, envelopeTo: envelope.to, messageId });
  const row = await recordInbound(db, {
    messageId,
    envelopeFrom: envelope.from,
    envelopeTo: envelope.to,
    receivedAt: now,
    rawKey: key,
    rawSize: raw.byteLength,
  });

  // Mail no human wrote (auto-replies, bounces, lists) is kept but never acted on or answered:
  // two robots answering each other would loop forever.
  const automated = automatedReason(envelope.from, mail.header, new Set([deps.config.inboxAddress]));
  if (automated) {
    await markInbound(db, row.id, "ignored", now, { code: "automated", detail: automated });
    log("info", "inbound_ignored", { inboundId: row.id, reason: automated });
    return { kind: "handled", inboundId: row.id, status: "ignored" };
  }

  try {
    return { kind: "handled", inboundId: row.id, status: await process(row) };
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    log("error", "inbound_failed", { inboundId: row.id, detail });
    await markInbound(db, row.id, "failed", now, { code: "internal", detail }).catch(() => undefined);
    throw error;
  }
}

/**
 * Understands and applies one recorded message from a person (intake has set robots aside),
 * answers the user, and returns the status the row ends in.
 */
export async function processInbound(
  row: InboundMessage,
  raw: Uint8Array,
  header: HeaderLookup,
  deps: Deps,
  now: number,
): Promise<InboundStatus> {
  const { config, db, log } = deps;

  const existingUser = await findUserByEmail(db, row.envelopeFrom);
  const result = await understandInvite(raw, {
    user: row.envelopeFrom,
    userTimeZone: existingUser?.timeZone ?? null,
    defaultTimeZone: config.defaultTimeZone,
    inboxAddress: config.inboxAddress,
    now,
    limits: { ...DEFAULT_MIME_LIMITS, maxRawBytes: config.maxRawBytes },
  });

  if (!result.ok) {
    const { error } = result;
    const user = existingUser ?? (await ensureUser(db, { email: row.envelopeFrom, name: null, timeZone: config.defaultTimeZone }, now));
    await sendAnswer(
      deps,
      {
        user,
        inboundId: row.id,
        inReplyTo: header("message-id"),
        tag: "error",
        content: composeInviteError({
          userName: user.name,
          forwardedSubject: result.subject,
          code: error.code,
          message: error.message,
        }),
      },
      now,
    );
    await markInbound(db, row.id, "rejected", now, { code: error.code, detail: error.detail ?? null });
    log("info", "inbound_rejected", { inboundId: row.id, code: error.code, detail: error.detail });
    return "rejected";
  }

  const { invite } = result;
  const user =
    existingUser ??
    (await ensureUser(db, { email: row.envelopeFrom, name: invite.user.name, timeZone: invite.userTimeZone }, now));
  // Every time, not only for a new user: idempotent (keyed by user and month), and an earlier
  // attempt of this message may have created the user and failed before planning the digest.
  await planNextDigest(db, user, now);
  const feedUrl = await currentFeedUrl(db, config, user, now);
  for (const [index, reading] of invite.meetings.entries()) {
    const applied = await applyMeeting(db, reading, { user, inboundId: row.id, now, unread: index === 0 ? invite.unread : 0, feedUrl });
    await sendAnswer(
      deps,
      {
        user,
        inboundId: row.id,
        answerIndex: index,
        inReplyTo: invite.messageId,
        tag: "confirm",
        content: applied.content,
        meetingId: applied.meetingId,
        contactId: applied.contactId,
      },
      now,
    );
    log("info", "meeting_applied", { inboundId: row.id, method: reading.method, outcome: applied.outcome, meetingId: applied.meetingId });
  }
  await markInbound(db, row.id, "processed", now);
  log("info", "inbound_processed", { inboundId: row.id, meetings: invite.meetings.length, unread: invite.unread });
  return "processed";
}
