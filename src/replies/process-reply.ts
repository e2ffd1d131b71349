/**
 * Acting on a verified reply: read the new text, parse the command, apply it, acknowledge it.
 * The checks that make a reply trustworthy (token, sender, SPF/DKIM) and the setting aside of
 * auto-replies happen before this, in receive.ts, so nothing here runs for a stranger or a robot.
 */
import { composeLanded } from "../compose/landed";
import { composeReplyAck } from "../compose/reply-ack";
import { envelope } from "../nudges/envelope";
import { simpleNotice } from "../compose/notices";
import { markInbound, type InboundStatus } from "../db/inbound";
import { contactsMet, countSentSince, deleteUserRows, findContact, findMeetingById, findNudge, rawKeysOf } from "../db/replies";
import type { InboundMessage, User } from "../db/schema";
import type { Deps } from "../deps";
import { sendAnswer } from "../nudges/answer";
import { contactFacts } from "../nudges/compose-nudge";
import { applyReply } from "./actions";
import { parseReply } from "./commands";
import { readReply } from "./reply-body";
import { rotateFeedUrl } from "../links/feed-link";

/** At most this many acknowledgements per user per hour: a reply storm gets acted on, not answered. */
export const ACKS_PER_HOUR = 5;
const HOUR = 3_600_000;

export async function processReply(
  row: InboundMessage,
  raw: Uint8Array,
  reply: { user: User; nudgeId: number },
  deps: Deps,
  now: number,
): Promise<InboundStatus> {
  const { db, config, log, archive, mailer } = deps;
  const { user } = reply;

  const nudge = await findNudge(db, reply.nudgeId);
  if (!nudge || nudge.userId !== user.id) {
    await markInbound(db, row.id, "ignored", now, { code: "unknown_nudge" });
    log("warn", "reply_ignored", { inboundId: row.id, reason: "nudge missing or not the user's" });
    return "ignored";
  }

  const { email, newText } = await readReply(raw);
  const parsed = parseReply(newText);
  const meeting = nudge.meetingId ? ((await findMeetingById(db, nudge.meetingId)) ?? null) : null;
  const contactId = nudge.contactId ?? meeting?.contactId ?? null;
  const contact = contactId ? ((await findContact(db, contactId)) ?? null) : null;
  const effects = await applyReply(db, { user, nudge, meeting, contact, now }, parsed);
  log("info", "reply_applied", { inboundId: row.id, nudgeId: nudge.id, kind: parsed.kind === "single" ? parsed.command.kind : "items" });

  if (effects.deleteConfirmed) {
    // Everything goes: archived mail first (it needs the rows to find it), then the rows.
    const keys = await rawKeysOf(db, user.email);
    await archive.delete(keys.map((k) => k.rawKey));
    await deleteUserRows(db, user);
    const goodbye = simpleNotice("Your Rapport data is deleted", user.name, [
      "Everything Rapport kept about you is deleted: meetings, contacts, notes, reminders and archived mail.",
      "If you forward an invitation again, Rapport starts afresh.",
    ]);
    await mailer.send(
      envelope(goodbye, { to: user.email, tag: "reply_ack", inReplyTo: email.messageId ?? null, autoSubmitted: "auto-replied" }, {
        from: config.fromAddress,
        replyTo: config.inboxAddress,
        messageStream: config.messageStream,
      }),
    );
    log("info", "user_deleted", { userId: user.id });
    return "processed";
  }

  if (effects.rotateFeed) {
    const url = await rotateFeedUrl(db, config, user, now);
    effects.lines.push(`Here is your new calendar feed link; the old one no longer works. Subscribe to it again in your calendar app: ${url}`);
  }

  if (effects.landed) {
    const helpers = await contactsMet(db, user.id, now);
    const content = composeLanded({
      userName: user.name,
      timeZone: user.timeZone,
      company: effects.landed,
      helpers: helpers.map(({ contact, lastMet }) => ({ contact: contactFacts(contact)!, lastMet })),
    });
    await sendAnswer(deps, { user, inboundId: row.id, inReplyTo: email.messageId ?? null, tag: "landed", content }, now);
  } else if ((await countSentSince(db, user.id, "reply_ack", now - HOUR)) >= ACKS_PER_HOUR) {
    log("warn", "reply_ack_rate_limited", { userId: user.id, inboundId: row.id });
  } else {
    await sendAnswer(
      deps,
      {
        user,
        inboundId: row.id,
        inReplyTo: email.messageId ?? null,
        tag: "reply_ack",
        content: composeReplyAck({ userName: user.name, replySubject: email.subject ?? "", lines: effects.lines, help: effects.help }),
        meetingId: meeting?.id ?? null,
        contactId: contact?.id ?? null,
        payload: effects.deleteRequested ? { request: "delete" } : undefined,
      },
      now,
    );
  }
  await markInbound(db, row.id, "processed", now);
  return "processed";
}
