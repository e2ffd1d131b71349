/**
 * What a reply does, decided as data: each command acts on the email it answers (a thank-you
 * prompt, a check-in, a digest line) and says in a sentence what changed, with dates in the
 * user's zone. Pure: the state the commands may touch is read beforehand in bulk
 * (db/replies.ts `replyState`), and every change comes back as a write, applied in one D1 batch,
 * so a digest reply of twenty lines costs a few queries, not hundreds.
 */
import { longDate } from "../compose/format";
import { displayName as name, firstName } from "../compose/nudge-data";
import type { ReplyState, ReplyWrite } from "../db/replies";
import type { Contact, Meeting, Nudge, User } from "../db/schema";
import { afterSpan, nextCheckInAt, onAWorkingDay, onDate, planMeetingNudges, spanDays, type Span } from "../nudges/plan";
import { meetingNudgeKey } from "../db/nudges";
import { labelAsName, organisationLabel, sameOrganisation } from "../names/domains";
import { nameKey, personName } from "../names/person-name";
import { canonicalTimeZone, utcToLocal } from "../time/zoned";
import type { DigestLine } from "../compose/digest";
import { findLeads } from "../nudges/leads";
import { Book } from "./reply-book";
import type { Command, CommandKind } from "./reply-kinds";
import { isoDate, parseIsoDate, readWhen } from "./when";
import { coreOf, isPleasantry } from "./fragments";
import { isPromise } from "./intents-reminders";

export interface ReplyContext {
  user: User;
  /** The nudge whose email was answered. */
  nudge: Nudge;
  meeting: Meeting | null;
  contact: Contact | null;
  now: number;
  /**
   * When the email answered was Rapport's answer to an earlier reply (an acknowledgement, a
   * redraft): the reminder that conversation is about, which "sent" or "snooze" act on.
   */
  about?: ReplyContext | null;
}

/** Commands that act on a reminder or its person: on an answer's thread, they act on what it is about. */
const ABOUT_KINDS: ReadonlySet<CommandKind> = new Set(["done", "snooze", "skip", "stop", "cadence", "note", "linkedin", "correct", "not_meeting", "landed", "moved"]);

/** What to ask when a reading is unsure; "yes" to the answer applies `command` to `nudgeId`'s email. */
export interface Ask {
  command: Command;
  nudgeId: number;
}

export interface ReplyEffects {
  /** One sentence per thing that changed (or could not), for the answer. */
  lines: string[];
  writes: ReplyWrite[];
  /** Add the list of what one can reply. */
  help: boolean;
  /** The two replies the user most likely meant, when the reply held none Rapport could act on. */
  suggestions: string[];
  ask?: Ask;
  /** `landed`: the caller sends the "tell everyone who helped" email. */
  landed?: { company: string | null };
  /** `delete my data`: the answer asks for confirmation. */
  deleteRequested?: boolean;
  /** `yes, delete` answering a deletion request: the caller deletes everything. */
  deleteConfirmed?: boolean;
  /** `new feed link`: the caller retires the calendar feed link and sends the new one. */
  rotateFeed?: boolean;
  /** A correction: the caller answers with the corrected confirmation of this meeting. */
  corrected?: { meetingId: number; what: string[] };
}

const DAY = 86_400_000;
/** A "yes, delete" counts only as the answer to a request made this recently. */
const DELETE_CONFIRM_WINDOW = DAY;

/** "P2W" -> 14 days, "P3M" -> 3 months, "P10D" -> 10 days. */
export function spanOf(every: string): Span | null {
  const match = /^P(\d{1,3})([DWM])$/.exec(every);
  if (!match) return null;
  const n = Number(match[1]);
  return match[2] === "M" ? { months: n } : { days: match[2] === "W" ? n * 7 : n };
}

function spanText(span: Span): string {
  if ("months" in span) return span.months === 1 ? "every month" : span.months === 12 ? "once a year" : `every ${span.months} months`;
  if (span.days % 7 === 0) return span.days === 7 ? "every week" : `every ${span.days / 7} weeks`;
  return `every ${span.days} days`;
}

const KIND_WORDS: Partial<Record<CommandKind, string>> = {
  done: "mark it as done",
  snooze: "remind you again later",
  skip: "skip this reminder",
  stop: "stop the check-ins about this person",
  unsubscribe: "stop all email from Rapport",
  cadence: "change how often I remind you about this person",
  time_zone: "change your time zone",
  help: "send you the list of replies",
  correct: "correct what the confirmation says",
};

/** What a user most likely meant to reply to this kind of email, as examples to copy. */
export function likelyReplies(kind: Nudge["kind"]): string[] {
  switch (kind) {
    case "thanks":
    case "thanks_followup":
      return ["sent", "snooze 3 days"];
    case "keep_in_touch":
      return ["done", "snooze 2 weeks"];
    case "digest":
      return ["1 done", "2 snooze 1 month"];
    case "confirm":
      return ["it's with <name> from <company>", "not an interview"];
    case "prep":
      return ["note: ...", "it's over lunch"];
    default:
      return ["help", "pause"];
  }
}

interface Target {
  user: User;
  nudge: Nudge;
  meeting: Meeting | null;
  contact: Contact | null;
  now: number;
}

function untilInstant(until: string, target: Target): number | null {
  const date = parseIsoDate(until);
  return date ? onDate(date, target.now, target.user.timeZone) : null;
}

/** The check-in done: note the touch, close the prompt that asked, plan the next at the cadence. */
function checkInDone(book: Book, target: Target, contact: Contact): string {
  const { user, nudge, now } = target;
  const asked = nudge.kind === "keep_in_touch" && nudge.contactId === contact.id ? nudge : book.lastSentCheckIn(contact.id);
  book.setStatus([asked], "done");
  contact.lastTouchedAt = now;
  book.writes.push({ op: "contact", id: contact.id, fields: { lastTouchedAt: now } });
  const next = nextCheckInAt(now, contact.cadenceDays, user.timeZone);
  book.moveCheckIn(user, contact, next, `done:${asked?.id ?? now}`);
  return `Noted that you checked in with ${name(contact)}. Next reminder: ${longDate(next, user.timeZone)}.`;
}

function isThanks(nudge: Nudge): boolean {
  return nudge.kind === "thanks" || nudge.kind === "thanks_followup";
}

/** Applies one command to one target; returns the sentence for the answer. */
function act(command: Command, target: Target, book: Book, effects: ReplyEffects): void {
  const { user, nudge, meeting, contact, now } = target;
  const say = (line: string) => effects.lines.push(line);
  const notHere = (what: string) => {
    say(`There is ${what} in that email, so I changed nothing.`);
    effects.help = true;
  };

  switch (command.kind) {
    case "done": {
      if (isThanks(nudge) && nudge.meetingId) {
        const thanks = book.ofMeeting(nudge.meetingId, "thanks");
        const followup = book.ofMeeting(nudge.meetingId, "thanks_followup");
        book.setStatus([thanks, nudge], "done");
        if (followup?.status === "pending") book.setStatus([followup], "cancelled");
        say(`Marked your thank-you to ${name(contact)} as sent: no more reminders about it. Well done.`);
      } else if (contact && (nudge.kind === "keep_in_touch" || nudge.kind === "digest")) {
        say(checkInDone(book, target, contact));
      } else if (nudge.kind === "prep") {
        say(`Good luck with ${name(contact)}! Afterwards I will send you a draft thank-you note.`);
      } else notHere("no reminder to mark as done");
      break;
    }
    case "snooze": {
      const until = untilInstant(command.until, target);
      const when = until === null ? "" : longDate(until, user.timeZone);
      if (until === null || until <= now) {
        say("That date has passed, so I changed nothing. Try \u201csnooze 2 weeks\u201d or \u201csnooze until 15 January\u201d.");
        effects.help = true;
      } else if (contact && (nudge.kind === "keep_in_touch" || nudge.kind === "digest")) {
        // The prompt put off is no longer waiting for an answer: the snoozed reminder stands for it
        // (a digest lists it on its new day, not as due since the day it was first sent).
        book.setStatus([book.lastSentCheckIn(contact.id)], "skipped");
        book.moveCheckIn(user, contact, until, `snooze:${nudge.id}:${until}`);
        say(`Snoozed: I will remind you about ${name(contact)} again on ${when}.`);
      } else if (isThanks(nudge) && nudge.meetingId) {
        const followup = book.ofMeeting(nudge.meetingId, "thanks_followup");
        if (!followup || followup.status === "sent") {
          book.writes.push({
            op: "create_nudge",
            nudge: { userId: user.id, meetingId: nudge.meetingId, contactId: nudge.contactId, kind: "thanks_followup", dueAt: until, uniqueKey: `thanks_followup:meeting:${nudge.meetingId}:snooze:${until}` },
          });
        } else book.reschedule(followup, until);
        say(`Snoozed: I will remind you about the thank-you to ${name(contact)} on ${when}.`);
      } else notHere("no reminder to snooze");
      break;
    }
    case "skip": {
      if (nudge.kind === "keep_in_touch" || isThanks(nudge)) {
        book.setStatus([nudge], "skipped");
        if (nudge.meetingId && isThanks(nudge)) {
          book.writes.push({ op: "cancel_pending", scope: { meetingId: nudge.meetingId }, kinds: ["thanks_followup"] });
        }
        say(nudge.kind === "keep_in_touch" ? `Skipped this check-in with ${name(contact)}; the next one stays planned.` : `No more thank-you reminders for ${name(contact)}.`);
      } else if (contact && nudge.kind === "digest") {
        say(`Skipped ${name(contact)} for this month; the next check-in stays planned.`);
      } else notHere("no reminder to skip");
      break;
    }
    case "stop": {
      if (!contact) return notHere("nobody to stop reminders about");
      contact.status = "stopped";
      book.writes.push({ op: "contact", id: contact.id, fields: { status: "stopped" } });
      book.writes.push({ op: "cancel_pending", scope: { contactId: contact.id }, kinds: ["keep_in_touch"] });
      say(`No more check-in reminders about ${name(contact)}. Reply \u201cevery 3 months\u201d to start again.`);
      break;
    }
    case "cadence": {
      const span = spanOf(command.every);
      if (!contact || !span) return notHere("nobody to set a rhythm for");
      const days = spanDays(span);
      contact.cadenceDays = days;
      book.writes.push({ op: "contact", id: contact.id, fields: { cadenceDays: days } });
      const next = onAWorkingDay(Math.max(afterSpan(contact.lastTouchedAt ?? now, span, user.timeZone), now + DAY), user.timeZone);
      book.moveCheckIn(user, contact, next, `cadence:${now}`);
      say(`I will remind you to check in with ${name(contact)} ${spanText(span)}; next on ${longDate(next, user.timeZone)}.`);
      break;
    }
    case "note": {
      book.writes.push({ op: "note", note: { userId: user.id, contactId: contact?.id ?? null, meetingId: meeting?.id ?? null, body: command.text, source: nudge.kind === "digest" ? "digest" : "reply" } });
      // A note of several lines (a debrief) is not quoted back cut off mid-line: saying it is kept is enough.
      say(
        /\n/.test(command.text.trim())
          ? `Saved your notes${contact ? ` about ${name(contact)}` : ""}: they will come back when it is time to write to ${contact ? "them" : "your contacts"}.`
          : `Saved your note${contact ? ` about ${name(contact)}` : ""}: ${quoted(command.text, 120)}`,
      );
      noteLeads(command.text, target, book, effects);
      // A note is not a calendar: a meeting that moved is re-planned from its updated invitation.
      if (MOVED_OR_CANCELLED.test(command.text)) {
        say("If the meeting moved or was called off, forward me the updated invitation (or the cancellation) and I will change the reminders to match.");
      }
      break;
    }
    case "linkedin": {
      if (!contact) return notHere("nobody to connect with");
      if (command.url) {
        book.writes.push({ op: "contact", id: contact.id, fields: { linkedinUrl: command.url } });
        say(`Saved ${name(contact)}'s LinkedIn profile: ${command.url}`);
      } else {
        book.writes.push({ op: "contact", id: contact.id, fields: { linkedinConnectedAt: now } });
        say(`Noted that you are connected with ${name(contact)} on LinkedIn.`);
      }
      break;
    }
    case "landed":
      effects.landed = { company: command.company };
      break;
    case "moved": {
      if (!contact) return notHere("nobody whose company to change");
      contact.company = command.company;
      book.writes.push({ op: "contact", id: contact.id, fields: { company: command.company } });
      say(`Noted: ${name(contact)} is at ${command.company} now. What I write about them from here on says so.`);
      break;
    }
    case "pause":
      book.writes.push({ op: "user", id: user.id, fields: { status: "paused" } });
      say("Paused: no reminders until you reply \u201cresume\u201d.");
      break;
    case "resume":
      book.writes.push({ op: "user", id: user.id, fields: { status: "active" } });
      say("Welcome back: reminders are on again.");
      break;
    case "time_zone": {
      const zone = canonicalTimeZone(command.zone);
      if (!zone) return notHere(`no time zone I know as \u201c${command.zone}\u201d`);
      book.writes.push({ op: "user", id: user.id, fields: { timeZone: zone } });
      say(`Your time zone is now ${zone}. New reminders and the times in my emails use it.`);
      break;
    }
    case "unsubscribe":
      book.writes.push({ op: "user", id: user.id, fields: { status: "unsubscribed" } });
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
      } else say("There is no recent deletion request to confirm. Reply \u201cdelete my data\u201d first.");
      break;
    }
    case "new_feed_link":
      effects.rotateFeed = true;
      break;
    case "help":
      effects.help = true;
      break;
    case "my_name":
      book.writes.push({ op: "user", id: user.id, fields: { name: command.name } });
      say(`I will sign your drafts \u201c${command.name}\u201d from now on.`);
      break;
    case "goal":
      book.writes.push({ op: "user", id: user.id, fields: { goal: command.text } });
      say(`Noted your goal: ${quoted(command.text, 120)} Your prep sheets will ask questions with it in mind.`);
      break;
    case "not_meeting": {
      if (!meeting) return notHere("no meeting to drop");
      book.writes.push({ op: "meeting", id: meeting.id, fields: { status: "cancelled" } });
      book.writes.push({ op: "cancel_pending", scope: { meetingId: meeting.id }, kinds: ["prep", "thanks", "thanks_followup", "keep_in_touch"] });
      say(`Dropped \u201c${oneLine(meeting.summary || "this meeting", 80)}\u201d: no reminders about it.`);
      break;
    }
    case "correct":
      correct(command, target, book, effects);
      break;
    case "yes":
      say(nudge.kind === "confirm" ? "Good: everything stays as planned." : "Thanks!");
      break;
    case "unclear": {
      const meant = command.guess ? KIND_WORDS[command.guess] : undefined;
      const proposal = command.guess ? proposalFor(command.guess, target, command.text) : null;
      if (proposal) {
        effects.ask = { command: proposal.command, nudgeId: nudge.id };
        say(`I am not sure what you meant by \u201c${oneLine(command.text, 80)}\u201d. Did you mean that I should ${proposal.words}? Reply \u201cyes\u201d and I will.`);
      } else if (meant) {
        say(`I am not sure what you meant by \u201c${oneLine(command.text, 80)}\u201d. If you want me to ${meant}, reply with exactly what to do, for example \u201c${likelyReplies(nudge.kind)[0]}\u201d.`);
        effects.help = true;
      } else if (onlyAPromise(command.text)) {
        // "I'll send it tomorrow morning": nothing to change, and nothing to explain.
        say(`Good: the reminder stays as it is. Reply \u201c${likelyReplies(nudge.kind)[0]}\u201d once it is done.`);
      } else {
        say(`I did not find an instruction in \u201c${oneLine(command.text, 80)}\u201d, so I changed nothing.`);
        effects.suggestions = likelyReplies(nudge.kind);
      }
      break;
    }
  }
}

/**
 * People the note says to talk to become leads, credited to the contact it is about: the digest
 * lists them with a draft asking for the introduction, and an invite with them closes them.
 */
function noteLeads(text: string, target: Target, book: Book, effects: ReplyEffects): void {
  const { user, contact } = target;
  for (const lead of findLeads(text)) {
    if (book.openLeadNames.some((known) => known.toLowerCase() === lead.name.toLowerCase())) continue;
    book.openLeadNames.push(lead.name);
    // "Omar in their data team": someone at the contact's own company.
    const company = lead.company ?? (lead.team ? (contact?.company ?? null) : null);
    book.writes.push({ op: "lead", lead: { userId: user.id, sourceContactId: contact?.id ?? null, name: lead.name, company, team: lead.team, email: lead.email } });
    const where = [company, lead.team].filter(Boolean).join(", ");
    effects.lines.push(
      `I added ${lead.name}${where ? ` (${where})` : ""} to the people you could meet next` +
        (contact ? `, suggested by ${name(contact)}; your digest will remind you to ask ${firstName(contact)} for an introduction.` : "; your digest will list them."),
    );
  }
}

/** A concrete action to propose for an unsure reading, when one exists. */
function proposalFor(kind: CommandKind, target: Target, text: string): { command: Command; words: string } | null {
  const { user, now, contact } = target;
  switch (kind) {
    case "snooze": {
      const weekLater = afterSpan(now, { days: 7 }, user.timeZone);
      return { command: { kind: "snooze", until: isoDate(utcToLocal(weekLater, user.timeZone)) }, words: `remind you again on ${longDate(weekLater, user.timeZone)}` };
    }
    case "done":
      return { command: { kind: "done" }, words: "mark it as done" };
    case "stop":
      return contact ? { command: { kind: "stop" }, words: `stop the check-ins about ${name(contact)}` } : null;
    case "unsubscribe":
      return { command: { kind: "unsubscribe" }, words: "stop all email from Rapport" };
    case "correct": {
      // "not Maria": when the invite has exactly one other guest, that is who it is with.
      const notName = /\bnot\s+(?:with\s+)?([\p{Lu}][\p{L}'-]+(?:\s+[\p{Lu}][\p{L}'-]+)?)/u.exec(text)?.[1];
      if (!target.meeting || !notName) return null;
      const others = participantsOf(target.meeting).filter((p) => p.name && !nameKey(p.name).startsWith(nameKey(notName)));
      return others.length === 1 ? { command: { kind: "correct", name: others[0]!.name! }, words: `correct it to a meeting with ${others[0]!.name}` } : null;
    }
    default:
      return null;
  }
}

interface Participant {
  name: string | null;
  email: string;
}

function participantsOf(meeting: Meeting): Participant[] {
  try {
    const list: unknown = JSON.parse(meeting.participants ?? "[]");
    return Array.isArray(list) ? list.filter((p): p is Participant => typeof p?.email === "string") : [];
  } catch {
    return [];
  }
}

/**
 * Whether two spellings of a name are one name written twice: the same first letter, and at
 * most one letter apart (two for names of six letters or more): "Shaw" and "Shah", not "Li" and "Lu".
 */
function nearlySpelt(a: string, b: string): boolean {
  const [x, y] = [nameKey(a), nameKey(b)];
  if (x === y) return true;
  if (x.length < 3 || y.length < 3 || x[0] !== y[0]) return false;
  const allowed = Math.min(x.length, y.length) >= 6 ? 2 : 1;
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= y.length; j += 1) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[y.length]! <= allowed;
}

/** The guest a name means: the full name, or a first name only one guest has. */
function guestNamed(participants: Participant[], wanted: string): Participant | null {
  const key = nameKey(wanted);
  const whole = participants.filter((p) => p.name && nameKey(p.name) === key);
  if (whole.length === 1) return whole[0]!;
  const first = participants.filter((p) => p.name && nameKey(p.name.split(/\s+/)[0]!) === key);
  if (first.length === 1) return first[0]!;
  const local = participants.filter((p) => nameKey(p.email.split("@")[0]!).includes(key) && key.length >= 3);
  return local.length === 1 ? local[0]! : null;
}

/** Where an address says its owner works, unless it is a personal mailbox or the user's own organisation. */
function companyOfAddress(email: string, userEmail: string): string | null {
  if (sameOrganisation(email, userEmail)) return null;
  const label = organisationLabel(email);
  return label ? labelAsName(label) : null;
}

/**
 * Fixes what the confirmation got wrong: who it is with (another guest of the invite, or the same
 * person's name spelt right), their company, the format, the meal. The answer is the corrected
 * confirmation; the prep sheet, drafts, feed and contacts page read the corrected rows.
 */
function correct(command: Extract<Command, { kind: "correct" }>, target: Target, book: Book, effects: ReplyEffects): void {
  const { user, meeting, contact, now } = target;
  if (!meeting) {
    effects.lines.push("There is no meeting in that email to correct, so I changed nothing.");
    effects.help = true;
    return;
  }
  const changed: string[] = [];
  let switched = false;
  if (command.name) {
    const wanted = personName(command.name) ?? { name: command.name, givenName: null };
    const guest = guestNamed(participantsOf(meeting), wanted.name);
    if (guest && guest.email !== contact?.email) {
      // Their name as the reply wrote it, when it says more than the invite's ("Elena" for "E. Ruiz").
      const fuller = guest.name && guest.name.split(/\s+/).length >= wanted.name.split(/\s+/).length ? personName(guest.name) ?? wanted : wanted;
      book.writes.push({
        op: "switch_contact",
        meetingId: meeting.id,
        person: { userId: user.id, email: guest.email, name: fuller.name, givenName: fuller.givenName, company: command.company ?? companyOfAddress(guest.email, user.email) },
      });
      changed.push(`you are meeting ${fuller.name}`);
      switched = true;
      if (!contact && meeting.status === "scheduled") {
        const plan = planMeetingNudges({ startsAt: meeting.startsAt, endsAt: meeting.endsAt }, user.timeZone, now);
        book.writes.push({ op: "plan_meeting", meetingId: meeting.id, userId: user.id, nudges: plan.map((n) => ({ kind: n.kind, dueAt: n.dueAt, uniqueKey: meetingNudgeKey(n.kind, meeting.id) })) });
      }
    } else if (contact) {
      // The same person, their name written right ("Siobhán, not Siobhan"): a lone word is their given name.
      const lone = !/\s/.test(wanted.name.trim());
      const words = contact.name?.split(/\s+/) ?? [];
      const sameFirst = contact.name && lone && nameKey(words[0]!) === nameKey(wanted.name);
      // "it's Shaw not Shah": a lone word spelt like their family name, not their given one, respells it.
      const surname = lone && !sameFirst && words.length >= 2 && nearlySpelt(wanted.name, words[words.length - 1]!) && !nearlySpelt(wanted.name, words[0]!);
      if (surname) {
        const name = [...words.slice(0, -1), wanted.name].join(" ");
        book.writes.push({ op: "contact", id: contact.id, fields: { name } });
        changed.push(`their name is ${name}`);
      } else {
        const name = lone && contact.name ? (sameFirst ? [wanted.name, ...words.slice(1)].join(" ") : contact.name) : wanted.name;
        const givenName = lone ? wanted.name : wanted.givenName;
        book.writes.push({ op: "contact", id: contact.id, fields: { name, givenName } });
        changed.push(lone && !sameFirst ? `your drafts will greet them as ${wanted.name}` : `their name is ${name}`);
      }
    } else {
      const guests = participantsOf(meeting).map((p) => p.name ?? p.email);
      effects.lines.push(
        `${wanted.name} is not among the guests of this invitation${guests.length > 0 ? ` (${guests.slice(0, 5).join(", ")})` : ""}. Forward an invitation that includes them and I will plan the reminders.`,
      );
    }
  }
  if (command.company && (switched || contact)) {
    // A switch carries the company itself; otherwise it is the contact's.
    if (!switched && contact) book.writes.push({ op: "contact", id: contact.id, fields: { company: command.company } });
    changed.push(`they work at ${command.company}`);
  }
  if (command.format || command.mealKind) {
    const fields: { format?: Meeting["format"]; meal?: boolean; mealKind?: Meeting["mealKind"] } = {};
    if (command.format) fields.format = command.format;
    if (command.mealKind) Object.assign(fields, { meal: true, mealKind: command.mealKind });
    book.writes.push({ op: "meeting", id: meeting.id, fields });
    if (command.format) changed.push(command.format === "in_person" ? "you meet in person" : command.format === "video" ? "it is a video call" : "it is a phone call");
    if (command.mealKind) changed.push(`it is over ${command.mealKind}`);
  }
  if (changed.length === 0) {
    if (effects.lines.length === 0) effects.lines.push("I could not tell what to correct, so I changed nothing.");
    effects.help = true;
    return;
  }
  effects.corrected = { meetingId: meeting.id, what: changed };
}

/** “the text”, on one line, ending the sentence with its own punctuation or a full stop. */
function quoted(text: string, max: number): string {
  const line = oneLine(text, max);
  return /[.!?…]$/u.test(line) ? `\u201c${line}\u201d` : `\u201c${line}\u201d.`;
}

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}\u2026` : line;
}

/** What an email's payload says, for acting on replies to it. */
export interface NudgePayload {
  /** An acknowledgement that asked to confirm a deletion. */
  request?: string;
  /** A digest: the contact of each numbered line (0 for none). */
  items?: number[];
  /** A digest: what each numbered line stands for (digests sent before these had items only). */
  lines?: DigestLine[];
  /** An answer that asked "Did you mean …?": what "yes" does. */
  ask?: Ask;
  /** An answer in the thread of a reminder: the reminder's nudge, which replies to it act on. */
  about?: number;
}

export function parsePayload(payload: string | null): NudgePayload | null {
  if (!payload) return null;
  try {
    return JSON.parse(payload) as NudgePayload;
  } catch {
    return null;
  }
}

/** What a digest's numbered lines stand for, by line number (1-based). */
export function digestLinesOf(nudge: Nudge): DigestLine[] {
  if (nudge.kind !== "digest") return [];
  const payload = parsePayload(nudge.payload);
  return payload?.lines ?? (payload?.items ?? []).map((contactId): DigestLine => ({ kind: "check_in", contactId }));
}

/** What a reply naming a digest's line of a person to meet does: asked, dropped, or noted. */
function actOnLead(command: Command, line: Extract<DigestLine, { kind: "lead" }>, target: Target, book: Book, effects: ReplyEffects): void {
  const say = (text: string) => effects.lines.push(text);
  switch (command.kind) {
    case "done":
    case "yes":
      book.writes.push({ op: "lead_status", id: line.leadId, userId: target.user.id, status: "contacted" });
      say(`Noted that you asked for an introduction to ${line.name}. When you have a time to meet, forward the invitation and I will take it from there.`);
      break;
    case "stop":
    case "skip":
      book.writes.push({ op: "lead_status", id: line.leadId, userId: target.user.id, status: "dropped" });
      say(`Took ${line.name} off your list of people to meet.`);
      break;
    case "snooze":
      say(`${line.name} stays on your list; I will show them again in next month's digest.`);
      break;
    case "note":
      act(command, target, book, effects);
      break;
    default:
      say(`That line is a person to meet: reply with its number and “done” once you have asked for the introduction, or “stop” to let it go.`);
  }
}

/** "I'll send it tomorrow morning", "Oops, forgot. Doing it now": a promise, with politeness at most. */
function onlyAPromise(text: string): boolean {
  const parts = text.split(/[,.!;\n]+/).map((part) => part.trim()).filter(Boolean);
  return parts.some((part) => isPromise(coreOf(part))) && parts.every((part) => isPromise(coreOf(part)) || isPleasantry(coreOf(part), part));
}

/** Words that say when to write to someone again: "ping her in March", "follow up after the 12th". */
const WRITE_AGAIN = /\b(?:ping|follow(?:-| )?up|reach out|check in|check back|get (?:back )?in touch|touch base|write|e-?mail|contact|remind)\b/i;

/** "1 March" when a note of a reminder about someone says to write again then; else null. */
function whenToWriteAgain(commands: Command[], context: ReplyContext): string | null {
  if (!["keep_in_touch", "thanks", "thanks_followup", "digest"].includes(context.nudge.kind)) return null;
  for (const command of commands) {
    if (command.kind !== "note" || !WRITE_AGAIN.test(command.text)) continue;
    const reading = readWhen(coreOf(command.text), { now: context.now, timeZone: context.user.timeZone });
    const today = isoDate(utcToLocal(context.now, context.user.timeZone));
    if (reading?.kind === "date" && isoDate(reading.date) > today) return `${reading.date.day} ${MONTHS[reading.date.month - 1]}`;
  }
  return null;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** Words that say a meeting moved or will not happen: "we rescheduled to Thursday", "she cancelled". */
const MOVED_OR_CANCELLED = /\b(?:re-?scheduled?|postponed?|moved (?:it |the meeting |our meeting )?(?:to|back)|pushed (?:it |the meeting )?(?:to|back)|cancel+ed|called (?:it )?off)\b/i;

/** Decides what the reply's commands do, in order; nothing is written here. */
export function decideReply(state: ReplyState, context: ReplyContext, commands: Command[]): ReplyEffects {
  const effects: ReplyEffects = { lines: [], writes: [], help: false, suggestions: [] };
  const book = new Book(state, effects.writes, context.now);
  // A numbered line of a digest, also when replying to the answer to a reply to that digest.
  const listed = digestLinesOf((context.about ?? context).nudge);
  const onlyNotes = commands.every((command) => command.kind === "note");
  for (const command of commands) {
    if (command.item === undefined) {
      const base = context.about && ABOUT_KINDS.has(command.kind) ? context.about : context;
      act(command, { ...base, contact: base.contact ? (state.contacts.get(base.contact.id) ?? base.contact) : null }, book, effects);
      continue;
    }
    const line = listed[command.item - 1];
    const found = line?.contactId ? state.contacts.get(line.contactId) : undefined;
    const contact = found && found.userId === context.user.id ? found : null;
    const thanks = line?.kind === "thanks" ? book.ofMeeting(line.meetingId, "thanks") : undefined;
    if (!line || (line.kind !== "lead" && !contact) || (line.kind === "thanks" && !thanks)) {
      effects.lines.push(`There is no line ${command.item} in that email.`);
      effects.help = true;
      continue;
    }
    const before = effects.lines.length;
    if (line.kind === "lead") actOnLead(command, line, { ...context, contact, meeting: null }, book, effects);
    else act(command, { ...context, nudge: thanks ?? context.nudge, contact, meeting: null }, book, effects);
    for (let i = before; i < effects.lines.length; i += 1) effects.lines[i] = `${command.item}: ${effects.lines[i]}`;
  }
  // Free text and nothing else: kept, and the answer says which replies act; a note that says
  // when to get back in touch ("Sam said to ping her in March") gets that day as the example.
  if (onlyNotes && commands.length > 0) {
    const when = whenToWriteAgain(commands, context);
    effects.suggestions = [...(when ? [`snooze until ${when}`] : []), ...likelyReplies(context.nudge.kind)].slice(0, 2);
  }
  return effects;
}
