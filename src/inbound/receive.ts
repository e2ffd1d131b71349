/**
 * receiveInbound: the email() path, in DESIGN §3's order. Refuse what is not ours (nothing
 * stored), skip what we already handled (Message-ID), archive the raw bytes before anything
 * parses them, record the message, then process it. A failure after archiving marks the
 * message `failed` and rethrows, so the sending server retries and the raw bytes stay at hand
 * for reprocessing.
 */
import { findInbound, markInbound, recordInbound, type InboundStatus } from "../db/inbound";
import type { InboundMessage } from "../db/schema";
import { ensureUser, findUserByEmail } from "../db/users";
import { planNextDigest } from "../nudges/digest-plan";
import type { Deps } from "../deps";
import { composeInviteError } from "../compose/notices";
import { sendAnswer } from "./answer";
import { applyMeeting } from "./apply-invite";
import { automatedReason, type HeaderLookup } from "./automated";
import { understandInvite } from "./invite";
import { DEFAULT_MIME_LIMITS } from "./mime";
import { rawKey, sha256Hex } from "./raw-archive";
import { isAllowedSender } from "./senders";

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
  | { kind: "handled"; inboundId: number; status: InboundStatus };

const FINISHED: ReadonlySet<InboundStatus> = new Set(["processed", "rejected", "ignored"]);

type Route = "inbox" | "reply" | "unknown_recipient";

/**
 * Which path a message takes, by its envelope recipient (never its To header: a forward keeps
 * the original To). Replies to nudges come to reply+...@ the inbox's domain; acting on them is
 * the replies feature, so for now they are refused with a reason the sender sees in the bounce.
 */
function routeRecipient(to: string, inbox: string): Route {
  if (to === inbox) return "inbox";
  const domain = inbox.slice(inbox.lastIndexOf("@"));
  return to.startsWith("reply+") && to.endsWith(domain) ? "reply" : "unknown_recipient";
}

const REFUSALS: Record<Exclude<Route, "inbox">, (to: string) => string> = {
  reply: () => "Rapport cannot act on replies yet; nothing was changed. Forward invitations to the main address.",
  unknown_recipient: (to) => `No mailbox ${to} here.`,
};

export async function receiveInbound(mail: InboundEmail, deps: Deps, now: number): Promise<ReceiveOutcome> {
  const { config, db, archive, log } = deps;
  const to = mail.envelopeTo.trim().toLowerCase();
  const from = mail.envelopeFrom.trim().toLowerCase();

  const route = routeRecipient(to, config.inboxAddress);
  if (route !== "inbox") {
    log("info", "inbound_refused", { reason: route, to });
    return { kind: "refused", reason: REFUSALS[route](to) };
  }
  if (!isAllowedSender(config.allowedSenders, from)) {
    log("info", "inbound_refused", { reason: "sender_not_allowed", from });
    return { kind: "refused", reason: `${from} is not allowed to use this Rapport; ask its owner to add you.` };
  }

  const raw = await mail.readRaw();
  const digest = await sha256Hex(raw);
  // A message without Message-ID is identified by its bytes: a retry of it is the same bytes.
  const messageId = mail.header("message-id")?.trim() || `<sha256-${digest}@rapport.invalid>`;

  const seen = await findInbound(db, messageId);
  if (seen && FINISHED.has(seen.status)) {
    log("info", "inbound_duplicate", { inboundId: seen.id, status: seen.status });
    return { kind: "duplicate", inboundId: seen.id };
  }

  const key = seen?.rawKey ?? rawKey(now, digest);
  await archive.put(key, raw, { envelopeFrom: from, envelopeTo: to, messageId });
  const row = await recordInbound(db, {
    messageId,
    envelopeFrom: from,
    envelopeTo: to,
    receivedAt: now,
    rawKey: key,
    rawSize: raw.byteLength,
  });

  try {
    const status = await processInbound(row, raw, mail.header, deps, now);
    return { kind: "handled", inboundId: row.id, status };
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    log("error", "inbound_failed", { inboundId: row.id, detail });
    await markInbound(db, row.id, "failed", now, { code: "internal", detail }).catch(() => undefined);
    throw error;
  }
}

/**
 * Understands and applies one recorded message, answers the user, and returns the status the
 * row ends in. Also the entry for reprocessing a `failed` message from its archived bytes.
 */
export async function processInbound(
  row: InboundMessage,
  raw: Uint8Array,
  header: HeaderLookup,
  deps: Deps,
  now: number,
): Promise<InboundStatus> {
  const { config, db, log } = deps;

  const automated = automatedReason(row.envelopeFrom, header, new Set([config.inboxAddress]));
  if (automated) {
    await markInbound(db, row.id, "ignored", now, { code: "automated", detail: automated });
    log("info", "inbound_ignored", { inboundId: row.id, reason: automated });
    return "ignored";
  }

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
  if (!existingUser) await planNextDigest(db, user, now);
  for (const [index, reading] of invite.meetings.entries()) {
    const applied = await applyMeeting(db, reading, { user, inboundId: row.id, now, unread: index === 0 ? invite.unread : 0 });
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
