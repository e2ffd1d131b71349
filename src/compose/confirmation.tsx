/**
 * The confirmation: what Rapport understood of a forwarded invite, in the user's time zone,
 * and when each nudge will arrive. Its job is trust: a user who reads it should be able to
 * spot any misunderstanding at once and fix it by forwarding again.
 */
import type { ComposedContent } from "./content";
import { clockTime, dayAndTime, duration, longDate, longDateOf, shortDayAndTime, zoneLabel } from "./format";
import { Facts, Heading, Layout, List, renderHtml } from "./layout";
import type { MealKind, MeetingFormat } from "./nudge-data";
import { factLines, greeting as greet, listLines, paragraphs, singleLined } from "./text";

/** The reminders planned for one meeting, as the confirmation lists them. */
export type MeetingNudgeKind = "prep" | "thanks" | "thanks_followup" | "keep_in_touch";

export interface PlannedReminder {
  kind: MeetingNudgeKind;
  dueAt: number;
}

export interface ConfirmedMeeting {
  summary: string;
  start: number;
  end: number;
  allDay: boolean;
  startDate: string | null;
  endDate: string | null;
  location: string | null;
  meetingUrl: string | null;
  format: MeetingFormat;
  meal: boolean;
  mealKind: MealKind | null;
  recurring: boolean;
  nextOccurrence: boolean;
}

/** The meeting as it stood before this update, to say what changed. */
export interface PreviousMeeting {
  summary: string;
  start: number;
  end: number;
  location: string | null;
  meetingUrl: string | null;
  cancelled: boolean;
}

/** Why no one could be named, so the confirmation can say exactly what is missing. */
export type MissingPerson =
  | { kind: "no_guest" }
  | { kind: "service"; senders: string[] }
  | { kind: "group"; guests: number }
  | { kind: "unclear"; guests: string[] }
  | { kind: "unnamed"; guest: string }
  | { kind: "listing"; sender: string };

/** Where the zone the user's times are shown in came from, said in their first confirmation. */
export type ZoneOrigin = "invite" | "default" | "user";

export interface ConfirmationData {
  userName: string | null;
  /** The user's IANA zone: every time in the email is shown in it. */
  timeZone: string;
  meeting: ConfirmedMeeting;
  /** Set for an update: the meeting before it. */
  previous: PreviousMeeting | null;
  interviewee: { name: string | null; email: string } | null;
  /** Set when `interviewee` is null and the meeting schedules something: what is missing. */
  missing: MissingPerson | null;
  company: string | null;
  plan: PlannedReminder[];
  /** "corrected": the answer to a reply that fixed what an earlier confirmation said. */
  change: "new" | "updated" | "unchanged" | "corrected";
  /** For "corrected": what the reply changed, one phrase each ("over lunch", "who it is with: Elena Ruiz"). */
  corrections?: string[];
  /** Set when the invite's own zone was missing or unknown and the user's zone was assumed. */
  assumedZone: { reason: "floating" } | { reason: "unknown_zone"; tzid: string } | null;
  /** Set in the first confirmation a user gets: the zone is said once, with how to change it. */
  zoneOrigin: ZoneOrigin | null;
  /** Set in the first confirmation of a user who has not said what they are aiming for: ask, once. */
  askGoal?: boolean;
  /** Meetings in the same message that were not read (over the per-message cap). */
  otherEvents: number;
  /** The user's private calendar feed URL. */
  feedUrl: string;
  now: number;
}

const NUDGE_PURPOSE: Record<MeetingNudgeKind, string> = {
  prep: "your prep sheet: questions to ask, what to bring, when to wrap up",
  thanks: "a thank-you prompt with a draft note, ready to send",
  thanks_followup: "one gentle reminder, only if the thank-you is still unsent",
  keep_in_touch: "a keep-in-touch prompt: what to share and how",
};

/** A nudge due within this of `now` goes out with the next cron run: "right away". */
const RIGHT_AWAY = 10 * 60_000;

export function meetingTitle(meeting: { summary: string }, interviewee: ConfirmationData["interviewee"]): string {
  // Invites keep stray spaces, and booking systems leave separators dangling ("Code 123 ,").
  const summary = meeting.summary.trim().replace(/[\s,;:]+$/, "");
  if (summary) return summary;
  return interviewee ? `Meeting with ${interviewee.name ?? interviewee.email}` : "Your meeting";
}

/** What is missing when no one can be named, in the With line. */
function missingPerson(missing: MissingPerson | null): string {
  switch (missing?.kind) {
    case "service":
      return `no one I can name: it comes from ${listed(missing.senders)}, a booking system or shared mailbox, not a person`;
    case "group":
      return `no one I can name: it has ${missing.guests} guests, more like an event than a conversation with one person`;
    case "unclear":
      return `not clear: ${listed(missing.guests)} are ${missing.guests.length === 2 ? "both" : "all"} on the invitation, and nothing says which one you are meeting`;
    case "listing":
      return `no one I can name: it is an event from ${missing.sender} that invites no one, like a ticket or a listing`;
    case "unnamed":
      return `not clear: your invitation's only guest, ${missing.guest}, gives no name`;
    default:
      return "no one I can name: the invitation has no other guest";
  }
}

/** "a, b and c" */
function sentenceList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function listed(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The reply that fixes a missing person, with an example a reply reader understands. */
const ASK_WHO =
  "I kept this meeting, but I will not send a prep sheet or a thank-you prompt until I know who it is with. " +
  "Reply with their name and, if you know it, where they work, for example: \u201cit's with Elena Ruiz from Helios\u201d. " +
  "If it is not a meeting with someone (a ticket, an appointment), you need not do anything.";

function who(data: ConfirmationData): string {
  const person = data.interviewee;
  if (!person) return missingPerson(data.missing);
  const named = person.name ? `${person.name} <${person.email}>` : person.email;
  return data.company ? `${named}, ${data.company}` : named;
}

function when(data: ConfirmationData): string {
  const { meeting, timeZone } = data;
  if (meeting.allDay && meeting.startDate) {
    const last = meeting.endDate ? lastDayOf(meeting.endDate) : meeting.startDate;
    return last !== meeting.startDate
      ? `${longDateOf(meeting.startDate)} to ${longDateOf(last)} (all day)`
      : `${longDateOf(meeting.startDate)} (all day)`;
  }
  const start = `${longDate(meeting.start, timeZone)}, ${clockTime(meeting.start, timeZone)}`;
  const sameDay = longDate(meeting.start, timeZone) === longDate(meeting.end, timeZone);
  const range = sameDay
    ? `${start}\u2013${clockTime(meeting.end, timeZone)}`
    : `${start} \u2013 ${longDate(meeting.end, timeZone)}, ${clockTime(meeting.end, timeZone)}`;
  return `${range} (${zoneLabel(timeZone)})`;
}

/** DTEND of an all-day event is exclusive: the last day is the one before. */
function lastDayOf(exclusiveEnd: string): string {
  const date = new Date(`${exclusiveEnd}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

function length(meeting: ConfirmedMeeting): string {
  if (meeting.allDay) return "all day";
  if (meeting.end <= meeting.start) return "not stated in the invitation";
  return duration(meeting.end - meeting.start);
}

function where(meeting: ConfirmedMeeting): string {
  const location = meeting.location?.trim() || null;
  switch (meeting.format) {
    case "video":
      return `Video call: ${meeting.meetingUrl ?? location ?? "link in the invitation"}`;
    case "phone":
      return location ? `Phone call: ${location}` : "Phone call";
    case "in_person":
      return location ? `In person: ${location}` : "In person";
    default:
      return location ?? "not stated in the invitation";
  }
}

/** "time zone Berlin", unless Berlin is already theirs. */
function zoneExample(timeZone: string): string {
  return timeZone === "Europe/Berlin" ? "\u201ctime zone London\u201d" : "\u201ctime zone Berlin\u201d";
}

const ZONE_ORIGIN: Record<ZoneOrigin, string> = {
  invite: "the time zone of this invitation",
  default: "my default, since no invitation has told me yours",
  user: "the time zone I have for you",
};

/** Said once, in a user's first confirmation: which zone every time is shown in, why, and how to change it. */
function zoneIntro(data: ConfirmationData): string | null {
  if (!data.zoneOrigin) return null;
  return (
    `I will show all your times in ${zoneLabel(data.timeZone)}, ${ZONE_ORIGIN[data.zoneOrigin]}. ` +
    `If you live in another time zone, reply \u201ctime zone\u201d and your city, for example ${zoneExample(data.timeZone)}.`
  );
}

function notes(data: ConfirmationData): string[] {
  const list: string[] = [];
  const zone = zoneLabel(data.timeZone);
  if (data.assumedZone?.reason === "floating") {
    list.push(`The invitation gave no time zone, so I read its times as ${zone}.`);
  } else if (data.assumedZone?.reason === "unknown_zone") {
    list.push(`The invitation uses a time zone I do not know (\u201c${data.assumedZone.tzid}\u201d), so I read its times as ${zone}.`);
  }
  const intro = zoneIntro(data);
  if (intro) list.push(intro);
  // Advice for the meeting itself is for a meeting with someone.
  if (!data.interviewee) return list;
  if (data.askGoal) {
    list.push(
      "One question, once: what are you aiming for? Reply with a few words, for example \u201cgoal: move into product management\u201d, and your prep sheets will choose questions with it in mind.",
    );
  }
  if (data.meeting.format === "video" || data.meeting.format === "phone") {
    list.push("If it is practical, ask whether you could meet in person instead: it is easier to build rapport face to face.");
  }
  if (data.meeting.recurring) {
    list.push(
      data.meeting.nextOccurrence
        ? "This is a recurring series; I planned for its next occurrence, shown above."
        : "This is a recurring series; I planned for the occurrence shown above.",
    );
  }
  if (data.meeting.end <= data.now && !data.meeting.allDay) {
    list.push("This meeting is already over, so there is no prep sheet.");
  }
  if (data.otherEvents > 0) {
    list.push(
      `Your message held ${data.otherEvents} more meeting${data.otherEvents === 1 ? "" : "s"} than I read at once. Forward the others one at a time.`,
    );
  }
  return list;
}

/** "Time: was Tue 8 Dec 12:00, now Wed 9 Dec 15:00", one line per detail that changed. */
function changes(data: ConfirmationData): string[] {
  const before = data.previous;
  if (!before) return [];
  const { meeting, timeZone } = data;
  const list: string[] = [];
  if (before.cancelled) list.push("It had been cancelled; it is back on.");
  if (before.start !== meeting.start || before.end !== meeting.end) {
    list.push(`Time: was ${dayAndTime(before.start, timeZone)}\u2013${clockTime(before.end, timeZone)}, now ${dayAndTime(meeting.start, timeZone)}\u2013${clockTime(meeting.end, timeZone)}`);
  }
  const place = (location: string | null) => location?.trim() || "none given";
  if (place(before.location) !== place(meeting.location)) {
    list.push(`Place: was ${place(before.location)}, now ${place(meeting.location)}`);
  }
  if ((before.meetingUrl ?? null) !== (meeting.meetingUrl ?? null)) {
    list.push(`Video link: now ${meeting.meetingUrl ?? "none"}`);
  }
  if (before.summary.trim() !== meeting.summary.trim()) {
    list.push(`Title: was \u201c${before.summary.trim()}\u201d`);
  }
  return list;
}

function schedule(data: ConfirmationData): [string, string][] {
  return data.plan.map((nudge) => [
    nudge.dueAt - data.now <= RIGHT_AWAY ? "Right away" : dayAndTime(nudge.dueAt, data.timeZone),
    NUDGE_PURPOSE[nudge.kind],
  ]);
}

function subject(data: ConfirmationData, title: string): string {
  const at = data.meeting.allDay && data.meeting.startDate
    ? longDateOf(data.meeting.startDate)
    : shortDayAndTime(data.meeting.start, data.timeZone);
  if (!data.interviewee && data.change === "new") return `Who are you meeting? ${title}, ${at}`;
  const prefix = { new: "Got it", updated: "Updated", unchanged: "Already planned", corrected: "Corrected" }[data.change];
  return `${prefix}: ${title}, ${at}`;
}

function opening(data: ConfirmationData): string {
  if (!data.interviewee && data.change === "new") return "I saved your invitation, but I could not tell who you are meeting. Here is what I understood:";
  if (data.change === "corrected") return `Corrected: ${sentenceList(data.corrections ?? [])}. Here is the meeting as I have it now:`;
  return OPENING[data.change];
}

const OPENING: Record<Exclude<ConfirmationData["change"], "corrected">, string> = {
  new: "Got it. Here is what I understood from your invitation:",
  updated: "The invitation changed. Here is the meeting as it stands now, and the reminders moved with it:",
  unchanged: "I already had this invitation, and nothing in it changed:",
};

/** What the user reads where the reminders would be listed. */
function nothingPlanned(data: ConfirmationData): string {
  return data.interviewee ? "Nothing else is planned for this meeting." : ASK_WHO;
}

export function composeConfirmation(data: ConfirmationData): ComposedContent {
  // Invite text is hostile: every field on one line before any of it is used (issue #11, item 9).
  data = singleLined(data);
  const title = meetingTitle(data.meeting, data.interviewee);
  const facts: [string, string][] = [
    ["Meeting", title],
    ["With", who(data)],
    ["When", when(data)],
    ["Length", length(data.meeting)],
    ["Where", where(data.meeting)],
  ];
  const planned = schedule(data);
  const changed = changes(data);
  const extra = notes(data);
  const greeting = greet(data.userName);
  // With no one named, the reply asked for above is the fix.
  const fix = data.interviewee
    ? "Something wrong? Reply in your own words and I will fix it, for example \u201cit's with Elena Ruiz, not her assistant\u201d, \u201cwe're meeting over lunch\u201d or \u201cnot an interview, drop it\u201d."
    : null;
  const calendar = `To see these reminders in your calendar app, subscribe to your private feed (keep the link to yourself): ${data.feedUrl}`;

  const text = paragraphs(
    greeting,
    opening(data),
    changed.length > 0 && `What changed:\n${listLines(changed)}`,
    factLines(facts),
    planned.length > 0
      ? `What happens next:\n${listLines(planned.map(([at, what]) => `${at}: ${what}`))}`
      : nothingPlanned(data),
    ...extra,
    planned.length > 0 && calendar,
    fix,
    "\u2014 Rapport",
  );

  const html = renderHtml(
    <Layout title={title}>
      <p>{greeting}</p>
      <p>{opening(data)}</p>
      {changed.length > 0 && (
        <>
          <Heading>What changed</Heading>
          <List items={changed} />
        </>
      )}
      <Facts rows={facts} />
      {planned.length > 0 ? (
        <>
          <Heading>What happens next</Heading>
          <ul style="padding-left:20px;margin:0;">
            {planned.map(([at, what]) => (
              <li style="margin-bottom:4px;">
                <strong>{at}</strong>: {what}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{nothingPlanned(data)}</p>
      )}
      {extra.map((note) => (
        <p>{note}</p>
      ))}
      {planned.length > 0 && (
        <p>
          To see these reminders in your calendar app, <a href={data.feedUrl}>subscribe to your private feed</a> (keep the link to
          yourself).
        </p>
      )}
      {fix && <p>{fix}</p>}
    </Layout>,
  );

  return { subject: subject(data, title), text, html };
}
