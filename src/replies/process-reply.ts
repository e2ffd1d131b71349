/**
 * Acting on a verified reply: read the new text, read the commands in it, decide what they do,
 * write it in one batch, and answer in words. The checks that make a reply trustworthy (token,
 * sender, SPF/DKIM) and the setting aside of auto-replies happen before this, in the router, so
 * nothing here runs for a stranger or a robot.
 */
import { simpleNotice } from "../compose/notices";
import { composeReplyAck, suggestionLine } from "../compose/reply-ack";
import { markInbound, type InboundStatus } from "../db/inbound";
import { applyReplyWrites, countSentSince, deleteUserRows, findContact, findMeetingById, findNudge, rawKeysOf, replyState } from "../db/replies";
import type { Contact, InboundMessage, Meeting, Nudge, User } from "../db/schema";
import type { Deps } from "../deps";
import { currentFeedUrl, rotateFeedUrl } from "../links/feed-link";
import { holdAnswer, nudgesOfMeeting, type HeldAnswer as AckSummaryEntry } from "../db/nudges";
import { composeCorrectedConfirmation } from "../nudges/reconfirm";
import { sendAnswer } from "../nudges/answer";
import { envelope } from "../nudges/envelope";
import { landedAnswer } from "../nudges/landed";
import { redraftThanks } from "../nudges/redraft";
import { decideReply, digestLinesOf, parsePayload, type ReplyContext } from "./actions";
import { readReply } from "./commands";
import { isOnlyPoliteness } from "./fragments";
import { readReplyMessage } from "./reply-body";
import { ANSWERED_KINDS, type AnsweredKind, type Command } from "./reply-kinds";

/** At most this many answers per user per hour: past it, a reply storm's answers go out as one summary an hour. */
export const ACKS_PER_HOUR = 5;
const HOUR = 3_600_000;

/** The email kind a reply answers, as the reader knows them. */
function answered(kind: Nudge["kind"]): AnsweredKind {
  return (ANSWERED_KINDS as readonly string[]).includes(kind) ? (kind as AnsweredKind) : "reply_ack";
}

/** The user's name, given name and initials, lowercased: a line of only these is their signature. */
export function ownNames(user: Pick<User, "name">): string[] {
  const parts = (user.name ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return [];
  const initials = parts.map((part) => part[0]).join("");
  return [...new Set([parts.join(" "), parts[0]!, initials, parts.map((part) => `${part[0]}.`).join(""), parts[0]![0]!])];
}

/** The email a command acts on, with its meeting and contact. */
async function targetOf(deps: Deps, user: User, nudge: Nudge, now: number): Promise<ReplyContext> {
  const meeting: Meeting | null = nudge.meetingId ? ((await findMeetingById(deps.db, nudge.meetingId)) ?? null) : null;
  const contactId = nudge.contactId ?? meeting?.contactId ?? null;
  const contact: Contact | null = contactId ? ((await findContact(deps.db, contactId)) ?? null) : null;
  return { user, nudge, meeting, contact, now };
}

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

  const { email, newText } = await readReplyMessage(raw);
  // An answer of ours (an acknowledgement, a redraft) is about a reminder: "sent" in reply to it
  // closes that reminder, and the reply is read as one to the reminder.
  const payload = nudge.kind === "reply_ack" ? parsePayload(nudge.payload) : null;
  const aboutNudge = payload?.about !== undefined ? await findNudge(db, payload.about) : undefined;
  const about = aboutNudge && aboutNudge.userId === user.id ? aboutNudge : null;
  let commands: Command[] = readReply(newText, {
    now,
    timeZone: user.timeZone,
    to: answered(about && !payload?.ask ? about.kind : nudge.kind),
    ownNames: ownNames(user),
    ...((about ?? nudge).kind === "digest" ? { digestItems: digestLinesOf(about ?? nudge).length } : {}),
  });

  // "yes" to an answer that asked ("Did you mean that I should …?") does what it asked, on the
  // email the question was about.
  let context = await targetOf(deps, user, nudge, now);
  const asked = payload?.ask;
  if (asked && commands.some((command) => command.kind === "yes")) {
    const original = await findNudge(db, asked.nudgeId);
    if (original && original.userId === user.id) {
      context = await targetOf(deps, user, original, now);
      commands = commands.map((command) => (command.kind === "yes" ? asked.command : command));
    }
  }
  if (about && context.nudge.id === nudge.id) context = { ...context, about: await targetOf(deps, user, about, now) };

  const lines = digestLinesOf((context.about ?? context).nudge);
  const itemLines = commands.flatMap((command) => (command.item !== undefined && lines[command.item - 1] ? [lines[command.item - 1]!] : []));
  const state = await replyState(
    db,
    user.id,
    [context.contact?.id, context.about?.contact?.id, ...itemLines.map((line) => line.contactId ?? undefined)].filter((id): id is number => id !== undefined && id !== null),
    [context.meeting?.id, context.about?.meeting?.id, ...itemLines.map((line) => (line.kind === "thanks" ? line.meetingId : undefined))].filter((id): id is number => id !== undefined),
  );
  const effects = decideReply(state, context, commands);
  await applyReplyWrites(db, effects.writes, now);
  log("info", "reply_applied", { inboundId: row.id, nudgeId: nudge.id, kinds: commands.map((command) => command.kind), writes: effects.writes.length });

  // "Thanks!", "Great, thank you": politeness changes nothing and asks for nothing; an answer
  // would only start a ping-pong of courtesies.
  if (commands.length > 0 && commands.every((command) => command.kind === "unclear" && command.guess === null && isOnlyPoliteness(command.text))) {
    log("info", "reply_politeness", { inboundId: row.id, nudgeId: nudge.id });
    await markInbound(db, row.id, "processed", now);
    return "processed";
  }

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

  if (effects.corrected) {
    // The answer to a correction is the corrected confirmation: what Rapport has now, at a glance.
    const meeting = await findMeetingById(db, effects.corrected.meetingId);
    if (meeting) {
      const contact = meeting.contactId ? ((await findContact(db, meeting.contactId)) ?? null) : null;
      const content = composeCorrectedConfirmation({
        user,
        meeting,
        contact,
        nudges: await nudgesOfMeeting(db, meeting.id, ["prep", "thanks", "thanks_followup", "keep_in_touch"]),
        corrections: effects.corrected.what,
        feedUrl: await currentFeedUrl(db, config, user, now),
        now,
      });
      await sendAnswer(
        deps,
        { user, inboundId: row.id, inReplyTo: email.messageId ?? null, tag: "confirm", content, meetingId: meeting.id, contactId: contact?.id ?? null },
        now,
      );
      await markInbound(db, row.id, "processed", now);
      return "processed";
    }
  }

  if (effects.landed) {
    const content = await landedAnswer(db, user, effects.landed.company, now);
    await sendAnswer(deps, { user, inboundId: row.id, inReplyTo: email.messageId ?? null, tag: "landed", content }, now);
    await markInbound(db, row.id, "processed", now);
    return "processed";
  }

  // The reminder this conversation is about, for replies to the answer: the one the reply acted on.
  const target = context.about ?? context;
  const aboutId = target.nudge.kind === "reply_ack" ? undefined : target.nudge.id;
  const redraft = wantsRedraft(target, commands)
    ? await redraftThanks(db, user, { meetingId: target.meeting!.id, contactId: target.contact!.id }, effects.lines, now)
    : null;
  const answer: AckSummaryEntry = {
    inboundId: row.id,
    subject: email.subject ?? "",
    // One line each: the summary lays out lines as they are (the draft's own lines included).
    lines: [...effects.lines, ...(redraft ? redraft.block.split("\n") : []), ...(effects.suggestions.length > 0 ? [suggestionLine(effects.suggestions)] : [])],
  };
  if ((await countSentSince(db, user.id, "reply_ack", now - HOUR)) >= ACKS_PER_HOUR) {
    // Past the hourly limit (a burst of replies, or a mail loop): acted on already, and answered
    // in one summary at the top of the hour rather than one email each.
    const dueAt = Math.ceil((now + 1) / HOUR) * HOUR;
    const held = (await holdAnswer(db, user.id, dueAt, answer, now)) || (await holdAnswer(db, user.id, dueAt + HOUR, answer, now));
    log("warn", "reply_ack_held", { userId: user.id, inboundId: row.id, held });
  } else {
    const extra = effects.deleteRequested ? { request: "delete" } : effects.ask ? { ask: effects.ask } : {};
    await sendAnswer(
      deps,
      {
        user,
        inboundId: row.id,
        inReplyTo: email.messageId ?? null,
        tag: "reply_ack",
        content:
          redraft?.content ??
          composeReplyAck({
            userName: user.name,
            replySubject: email.subject ?? "",
            lines: effects.lines,
            help: effects.help,
            suggestions: effects.suggestions,
          }),
        meetingId: target.meeting?.id ?? null,
        contactId: target.contact?.id ?? null,
        payload: aboutId !== undefined || Object.keys(extra).length > 0 ? { ...(aboutId !== undefined ? { about: aboutId } : {}), ...extra } : undefined,
      },
      now,
    );
  }
  await markInbound(db, row.id, "processed", now);
  return "processed";
}

/** Commands after which the thank-you is no longer open, or no longer to this person. */
const CLOSING_KINDS: ReadonlySet<Command["kind"]> = new Set(["done", "skip", "stop", "not_meeting", "correct", "unsubscribe", "delete_data", "landed"]);

/**
 * A reply to a thank-you prompt that tells what came of the meeting (a note, a debrief) and does
 * not close the thank-you: it gets the draft back, rewritten with what it said.
 */
function wantsRedraft(target: ReplyContext, commands: Command[]): boolean {
  const { nudge, meeting, contact } = target;
  if ((nudge.kind !== "thanks" && nudge.kind !== "thanks_followup") || !meeting || !contact) return false;
  return commands.some((command) => command.kind === "note" && command.item === undefined) && !commands.some((command) => CLOSING_KINDS.has(command.kind));
}
