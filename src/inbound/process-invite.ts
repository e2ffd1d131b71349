/**
 * processInvite: one recorded message sent to the inbox, from a person (intake has set robots
 * aside). Understands it, applies each meeting it holds, answers the user (a confirmation per
 * meeting, or the reason nothing could be read), and returns the status the row ends in.
 */
import { composeInviteError } from "../compose/notices";
import { markInbound, type InboundStatus } from "../db/inbound";
import { hadConfirmationBefore } from "../db/nudges";
import type { InboundMessage, User } from "../db/schema";
import { ensureUser, findUserByEmail } from "../db/users";
import type { Deps } from "../deps";
import { currentFeedUrl } from "../links/feed-link";
import { sendAnswer } from "../nudges/answer";
import { planNextDigest } from "../nudges/digest-plan";
import { applyMeeting } from "./apply-invite";
import { understandInvite, type UnderstoodInvite } from "./invite";
import { DEFAULT_MIME_LIMITS } from "./mime";

export async function processInvite(
  row: InboundMessage,
  raw: Uint8Array,
  messageId: string | null,
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
        inReplyTo: messageId,
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
  for (const { event } of invite.meetings) {
    // A series planned from its first occurrence because its rule was not expanded: say why.
    if (event.notExpanded) log("warn", "series_not_expanded", { inboundId: row.id, uid: event.uid, reason: event.notExpanded });
  }
  const user =
    existingUser ??
    (await ensureUser(db, { email: row.envelopeFrom, name: invite.user.name, timeZone: invite.userTimeZone }, now));
  // Every time, not only for a new user: idempotent (keyed by user and month), and an earlier
  // attempt of this message may have created the user and failed before planning the digest.
  await planNextDigest(db, user, now);
  const feedUrl = await currentFeedUrl(db, config, user, now);
  const firstConfirmation = !existingUser || !(await hadConfirmationBefore(db, user.id, row.id));
  for (const [index, reading] of invite.meetings.entries()) {
    const applied = await applyMeeting(db, reading, {
      user,
      inboundId: row.id,
      now,
      unread: index === 0 ? invite.unread : 0,
      feedUrl,
      zoneOrigin: firstConfirmation && index === 0 ? zoneOrigin(user, invite, config.defaultTimeZone) : null,
    });
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

/**
 * Where the user's zone came from, as their first confirmation says it: the invite they forwarded
 * first, or the default when it named none. A user made earlier (by a message Rapport could not
 * read) kept the default, unless they set their own by reply.
 */
function zoneOrigin(user: User, invite: UnderstoodInvite, defaultTimeZone: string): "invite" | "default" | "user" {
  if (user.timeZone === invite.meetings[0]?.event.timeZone) return "invite";
  return user.timeZone === defaultTimeZone ? "default" : "user";
}
