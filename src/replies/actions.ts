/**
 * What a reply does. Each command acts on the nudge the reply answers (a thank-you prompt, a
 * check-in, a digest line) and returns the sentence the acknowledgement will say. Writes go
 * through db/replies.ts; dates are computed in the user's zone by nudges/plan.ts.
 */
import type { Database } from "../db/client";
import {
  addNote,
  cancelPending,
  findContact,
  lastSentCheckIn,
  nudgeByKey,
  pendingCheckIn,
  reschedule,
  setNudgeStatus,
  updateContact,
  updateUser,
} from "../db/replies";
import { createNudges } from "../db/dispatch";
import { meetingNudgeKey } from "../db/nudges";
import type { Contact, Meeting, Nudge, User } from "../db/schema";
import { canonicalTimeZone } from "../time/zoned";
import { cityZone } from "../time/place-zones";
import { longDate } from "../compose/format";
import { displayName as name } from "../compose/nudge-data";
import { afterSpan, onDate, spanDays, type Span } from "../nudges/plan";
import type { Command, ParsedReply } from "./commands";

export interface ReplyContext {
  user: User;
  /** The nudge whose email was answered. */
  nudge: Nudge;
  meeting: Meeting | null;
  contact: Contact | null;
  now: number;
}

export interface ReplyEffects {
  /** One sentence per thing that changed (or could not), for the acknowledgement. */
  lines: string[];
  /** Append the list of commands to the acknowledgement. */
  help: boolean;
  /** `landed <company>`: the caller sends the "tell everyone who helped" email. */
  landed?: string;
  /** `delete my data`: the acknowledgement asks for confirmation. */
  deleteRequested?: boolean;
  /** `yes, delete` answering a deletion request: the caller deletes everything. */
  deleteConfirmed?: boolean;
  /** `new feed link`: the caller retires the calendar feed link and sends the new one. */
  rotateFeed?: boolean;
}

const DAY = 86_400_000;
/** A "yes, delete" counts only as the answer to a request made this recently. */
const DELETE_CONFIRM_WINDOW = DAY;

function spanText(span: Span): string {
  if ("months" in span) return span.months === 1 ? "every month" : `every ${span.months} months`;
  return span.days % 7 === 0 ? (span.days === 7 ? "every week" : `every ${span.days / 7} weeks`) : `every ${span.days} days`;
}

/** A check-in done: note the touch, close the prompt that asked, and plan the next at the cadence. */
async function checkInDone(db: Database, user: User, contact: Contact, answered: Nudge | null, now: number): Promise<string> {
  const asked = answered?.kind === "keep_in_touch" ? answered : await lastSentCheckIn(db, contact.id);
  if (asked) await setNudgeStatus(db, [asked.id], "done", now);
  await updateContact(db, contact.id, { lastTouchedAt: now }, now);
  const next = afterSpan(now, { days: contact.cadenceDays }, user.timeZone);
  await moveCheckIn(db, user, contact, next, `done:${asked?.id ?? now}`, now);
  return `Noted that you checked in with ${name(contact)}. Next reminder: ${longDate(next, user.timeZone)}.`;
}

/** Puts the contact's one pending check-in at `dueAt`, creating it if the chain had none. */
async function moveCheckIn(db: Database, user: User, contact: Contact, dueAt: number, reason: string, now: number): Promise<void> {
  const pending = await pendingCheckIn(db, contact.id);
  if (pending) await reschedule(db, pending.id, dueAt, now);
  else {
    await createNudges(db, [{ userId: user.id, contactId: contact.id, kind: "keep_in_touch", dueAt, uniqueKey: `keep_in_touch:contact:${contact.id}:${reason}` }], now);
  }
  await updateContact(db, contact.id, { nextCheckInAt: dueAt, status: "active" }, now);
}

/** The thank-you prompt of the meeting a thanks or follow-up email was about. */
async function thanksOf(db: Database, nudge: Nudge): Promise<{ thanks?: Nudge; followup?: Nudge }> {
  if (!nudge.meetingId) return {};
  const [thanks, followup] = await Promise.all([
    nudgeByKey(db, meetingNudgeKey("thanks", nudge.meetingId)),
    nudgeByKey(db, meetingNudgeKey("thanks_followup", nudge.meetingId)),
  ]);
  return { thanks, followup };
}

async function snooze(db: Database, context: ReplyContext, until: number): Promise<string | null> {
  const { user, nudge, contact, now } = context;
  const when = longDate(until, user.timeZone);
  if (nudge.kind === "keep_in_touch" && contact) {
    await moveCheckIn(db, user, contact, until, `snooze:${nudge.id}:${until}`, now);
    return `I will remind you about ${name(contact)} again on ${when}.`;
  }
  if ((nudge.kind === "thanks" || nudge.kind === "thanks_followup") && nudge.meetingId) {
    const { followup } = await thanksOf(db, nudge);
    if (followup && (followup.status === "pending" || followup.status === "cancelled" || followup.status === "sent")) {
      if (followup.status === "sent") {
        await createNudges(db, [{ userId: user.id, meetingId: nudge.meetingId, contactId: nudge.contactId, kind: "thanks_followup", dueAt: until, uniqueKey: `thanks_followup:meeting:${nudge.meetingId}:snooze:${until}` }], now);
      } else await reschedule(db, followup.id, until, now);
      return `I will remind you about the thank-you to ${name(contact)} on ${when}.`;
    }
  }
  return null;
}

async function single(db: Database, context: ReplyContext, command: Command): Promise<ReplyEffects> {
  const { user, nudge, contact, meeting, now } = context;
  const effects: ReplyEffects = { lines: [], help: false };
  const say = (line: string) => effects.lines.push(line);
  const unclearTarget = (what: string) => {
    say(`I am not sure which ${what} you mean here.`);
    effects.help = true;
  };

  switch (command.kind) {
    case "done": {
      if (nudge.kind === "thanks" || nudge.kind === "thanks_followup") {
        const { thanks, followup } = await thanksOf(db, nudge);
        await setNudgeStatus(db, [thanks?.id, nudge.id].filter((id): id is number => id !== undefined), "done", now);
        if (followup && followup.status === "pending") await setNudgeStatus(db, [followup.id], "cancelled", now);
        say(`Marked your thank-you to ${name(contact)} as sent: no more reminders about it. Well done.`);
      } else if (nudge.kind === "keep_in_touch" && contact) {
        say(await checkInDone(db, user, contact, nudge, now));
      } else unclearTarget("reminder");
      break;
    }
    case "snooze":
    case "snooze_until": {
      const until = command.kind === "snooze" ? afterSpan(now, command.span, user.timeZone) : onDate(command.date, now, user.timeZone);
      const line = until > now ? await snooze(db, context, until) : null;
      if (line) say(line);
      else unclearTarget("reminder to snooze");
      break;
    }
    case "skip": {
      if (nudge.kind === "keep_in_touch" || nudge.kind === "thanks" || nudge.kind === "thanks_followup") {
        await setNudgeStatus(db, [nudge.id], "skipped", now);
        if (nudge.meetingId && nudge.kind !== "keep_in_touch") await cancelPending(db, { meetingId: nudge.meetingId }, ["thanks_followup"], now);
        say(nudge.kind === "keep_in_touch" ? `Skipped this check-in with ${name(contact)}; the next one stays planned.` : `No more thank-you reminders for ${name(contact)}.`);
      } else unclearTarget("reminder to skip");
      break;
    }
    case "stop": {
      if (!contact) {
        unclearTarget("contact");
        break;
      }
      await updateContact(db, contact.id, { status: "stopped", nextCheckInAt: null }, now);
      await cancelPending(db, { contactId: contact.id }, ["keep_in_touch"], now);
      say(`No more check-in reminders about ${name(contact)}. Reply \u201cevery 3 months\u201d to start again.`);
      break;
    }
    case "cadence": {
      if (!contact) {
        unclearTarget("contact");
        break;
      }
      const days = spanDays(command.span);
      await updateContact(db, contact.id, { cadenceDays: days }, now);
      const next = afterSpan(contact.lastTouchedAt ?? now, command.span, user.timeZone);
      await moveCheckIn(db, user, { ...contact, cadenceDays: days }, Math.max(next, now + DAY), `cadence:${now}`, now);
      say(`I will remind you to check in with ${name(contact)} ${spanText(command.span)}.`);
      break;
    }
    case "note":
    case "unclear": {
      await addNote(db, { userId: user.id, contactId: contact?.id ?? null, meetingId: meeting?.id ?? null, body: command.text, source: "reply" }, now);
      if (command.kind === "note") say(`Saved your note${contact ? ` about ${name(contact)}` : ""}.`);
      else {
        say(`I did not recognise a command, so I saved your reply as a note${contact ? ` about ${name(contact)}` : ""}.`);
        effects.help = true;
      }
      break;
    }
    case "linkedin": {
      if (!contact) {
        unclearTarget("contact");
        break;
      }
      await updateContact(db, contact.id, { linkedinUrl: command.url }, now);
      say(`Saved ${name(contact)}'s LinkedIn profile.`);
      break;
    }
    case "landed":
      effects.landed = command.company;
      break;
    case "pause":
      await updateUser(db, user.id, { status: "paused" }, now);
      say("Paused: no reminders until you reply \u201cresume\u201d.");
      break;
    case "resume":
      await updateUser(db, user.id, { status: "active" }, now);
      say("Welcome back: reminders are on again.");
      break;
    case "time_zone": {
      const zone = canonicalTimeZone(command.name) ?? cityZone(command.name);
      if (!zone) {
        say(`I do not know the time zone \u201c${command.name}\u201d. Try a city (\u201ctime zone Berlin\u201d) or a name like Europe/Berlin.`);
        break;
      }
      await updateUser(db, user.id, { timeZone: zone }, now);
      say(`Your time zone is now ${zone}. New reminders and times in emails use it.`);
      break;
    }
    case "unsubscribe":
      await updateUser(db, user.id, { status: "unsubscribed" }, now);
      say("You are unsubscribed: Rapport will not email you again unless you forward a new invitation and reply \u201cresume\u201d.");
      break;
    case "delete_data":
      effects.deleteRequested = true;
      say("To delete everything Rapport keeps about you (meetings, contacts, notes and archived mail), reply \u201cyes, delete\u201d to this email within a day.");
      break;
    case "confirm_delete": {
      const request = parsePayload(nudge.payload);
      if (nudge.kind === "reply_ack" && request?.request === "delete" && now - (nudge.sentAt ?? nudge.createdAt) <= DELETE_CONFIRM_WINDOW) {
        effects.deleteConfirmed = true;
      } else {
        say("There is no recent deletion request to confirm. Reply \u201cdelete my data\u201d first.");
      }
      break;
    }
    case "new_feed_link":
      effects.rotateFeed = true;
      break;
    case "help":
      effects.help = true;
      break;
  }
  return effects;
}

function parsePayload(payload: string | null): { request?: string; items?: number[] } | null {
  if (!payload) return null;
  try {
    return JSON.parse(payload) as { request?: string; items?: number[] };
  } catch {
    return null;
  }
}

/** "2 done", "3 snooze 1m": each line acts on the contact the digest listed under that number. */
async function digestItems(db: Database, context: ReplyContext, parsed: Extract<ParsedReply, { kind: "items" }>): Promise<ReplyEffects> {
  const effects: ReplyEffects = { lines: [], help: parsed.unclear.length > 0 };
  const listed = parsePayload(context.nudge.payload)?.items ?? [];
  for (const { item, command } of parsed.items) {
    const contactId = context.nudge.kind === "digest" ? listed[item - 1] : undefined;
    const contact = contactId !== undefined ? await findContact(db, contactId) : undefined;
    if (!contact || contact.userId !== context.user.id) {
      effects.lines.push(`There is no item ${item} in that email.`);
      effects.help = true;
      continue;
    }
    if (command.kind === "done") {
      effects.lines.push(`${item}: ${await checkInDone(db, context.user, contact, null, context.now)}`);
      continue;
    }
    const asCheckIn = { ...context, contact, nudge: { ...context.nudge, kind: "keep_in_touch" as const, contactId: contact.id } };
    const result = await single(db, asCheckIn, command);
    effects.lines.push(...result.lines.map((line) => `${item}: ${line}`));
    effects.help ||= result.help;
  }
  if (parsed.unclear.length > 0) effects.lines.push(`I could not read: \u201c${parsed.unclear.join(" / ").slice(0, 200)}\u201d.`);
  return effects;
}

export async function applyReply(db: Database, context: ReplyContext, parsed: ParsedReply): Promise<ReplyEffects> {
  return parsed.kind === "items" ? digestItems(db, context, parsed) : single(db, context, parsed.command);
}
