/**
 * Understands one inbound message: MIME -> calendar -> the meeting, the interviewee and the
 * nudge plan. Pure apart from parsing (no database, no clock, no sending), so `npm run inspect`
 * and the email handler give the same answer for the same bytes.
 */
import { planMeetingNudges, type PlannedNudge } from "../nudges/plan";
import { countEvents, MAX_EVENTS, readCalendar, tooManyEvents, type CalendarEvent, type ItipMethod } from "./calendar";
import { HOW_TO_FORWARD, InviteError } from "./invite-error";
import { meetingTraits, type MeetingTraits } from "./meeting-traits";
import { DEFAULT_MIME_LIMITS, readMail, type MimeLimits } from "./mime";
import { personName } from "../names/person-name";
import { findCompany } from "./company";
import { readPeople, type NobodyReason, type Person } from "./people";
import { WorkBudget } from "./work-budget";

export interface UnderstandOptions {
  /** The forwarding user's address (the envelope sender); defaults to the message's From. */
  user?: string | null;
  /** The user's zone when they already have one; else one is chosen from the invite. */
  userTimeZone?: string | null;
  defaultTimeZone: string;
  /** Rapport's own inbox: never the interviewee. */
  inboxAddress?: string | null;
  now: number;
  limits?: MimeLimits;
  /** The work this message may cost (a step counter); a fresh default budget when absent. */
  budget?: WorkBudget;
}

/** One meeting read from the message, with what Rapport makes of it. */
export interface MeetingReading {
  method: ItipMethod;
  event: CalendarEvent;
  traits: MeetingTraits;
  /** Null when the invite names no one to meet (a ticket, a dentist, a webinar): then no plan. */
  interviewee: Person | null;
  /** Why `interviewee` is null, for the confirmation to say what is missing. */
  nobody: NobodyReason | null;
  company: string | null;
  /** Empty for CANCEL, REPLY and the other methods that do not schedule a meeting, and when no one is to be met. */
  plan: PlannedNudge[];
  /** The invite's people other than the user, names as people write them: whom a correction may name. */
  participants: { name: string | null; email: string }[];
}

/** A correction can only name someone on the invite; more than this many is an event, not a chat. */
const MAX_PARTICIPANTS = 20;

/** Organizer and guests other than the user and Rapport, each once, names tidied. */
function participantsOf(event: CalendarEvent, own: ReadonlySet<string>): MeetingReading["participants"] {
  const seen = new Set<string>();
  const out: MeetingReading["participants"] = [];
  for (const person of [event.organizer, ...event.attendees]) {
    if (!person || own.has(person.email) || seen.has(person.email) || person.kind === "ROOM" || person.kind === "RESOURCE") continue;
    seen.add(person.email);
    out.push({ name: personName(person.name)?.name ?? null, email: person.email });
    if (out.length >= MAX_PARTICIPANTS) break;
  }
  return out;
}

export interface UnderstoodInvite {
  /** Message-ID of the inbound message, when it had one. */
  messageId: string | null;
  subject: string;
  /** The forwarding user; `name` as people write it, from their own From header. */
  user: { email: string; name: string | null };
  /** The zone the user's times are shown in; `userTimeZoneSource` says where it came from. */
  userTimeZone: string;
  userTimeZoneSource: "user" | "invite" | "default";
  /** One per distinct meeting (calendar UID) in the message, in the order found; never empty. */
  meetings: MeetingReading[];
  /** Distinct meetings beyond {@link MAX_MEETINGS} that were not read. */
  unread: number;
}

/** A message holding a whole calendar export is not a set of invites: read this many at most. */
export const MAX_MEETINGS = 5;

export type InviteResult =
  | { ok: true; invite: UnderstoodInvite }
  /** `subject` is the message's decoded Subject when MIME parsing got that far. */
  | { ok: false; error: InviteError; subject: string };

/** Methods that put a meeting on the calendar (PUBLISH: a user forwarding an exported event). */
export const SCHEDULING_METHODS: ReadonlySet<ItipMethod> = new Set(["REQUEST", "PUBLISH", "ADD"]);

function isZoneHint(zone: string | null): zone is string {
  return zone !== null && zone !== "UTC";
}

export async function understandInvite(raw: Uint8Array, options: UnderstandOptions): Promise<InviteResult> {
  const seen = { subject: "" };
  try {
    return { ok: true, invite: await understand(raw, options, seen) };
  } catch (error) {
    if (error instanceof InviteError) return { ok: false, error, subject: seen.subject };
    throw error;
  }
}

async function understand(raw: Uint8Array, options: UnderstandOptions, seen: { subject: string }): Promise<UnderstoodInvite> {
  const mail = await readMail(raw, options.limits ?? DEFAULT_MIME_LIMITS);
  const subject = mail.subject.trim();
  seen.subject = subject;

  if (mail.calendars.length === 0) {
    throw new InviteError(
      "no_invite",
      `No calendar invitation was found in your message. ${HOW_TO_FORWARD}`,
      "no text/calendar part or .ics attachment",
    );
  }

  // Every calendar's events are counted before any is parsed: a flood of events is refused
  // for one text scan, whichever parts it is spread over.
  const eventCount = mail.calendars.reduce((sum, part) => sum + countEvents(part.text), 0);
  if (eventCount > MAX_EVENTS) throw tooManyEvents(eventCount);

  const budget = options.budget ?? new WorkBudget();
  const floatingZone = options.userTimeZone ?? options.defaultTimeZone;
  const found: { method: ItipMethod; event: CalendarEvent }[] = [];
  const skipped: InviteError[] = [];
  for (const part of mail.calendars) {
    const read = readCalendar(part.text, { mimeMethod: part.mimeMethod, floatingZone, now: options.now, budget });
    skipped.push(...read.skipped);
    for (const event of read.events) found.push({ method: read.method, event });
  }

  const distinct = onePerMeeting(found);
  if (distinct.length === 0) {
    if (skipped[0]) throw skipped[0];
    throw new InviteError(
      "unsupported",
      "The calendar in your message holds no event (only tasks, availability or time zone data). " + HOW_TO_FORWARD,
      "no VEVENT",
    );
  }

  const userEmail = (options.user ?? mail.from?.address ?? "").trim().toLowerCase();
  // "Patel, Sanjay" in an Outlook From header is Sanjay Patel, as in the invites themselves.
  const userName = mail.from && mail.from.address.toLowerCase() === userEmail ? (personName(mail.from.name)?.name ?? null) : null;
  const own = new Set([userEmail, options.inboxAddress?.toLowerCase() ?? ""].filter(Boolean));

  let userTimeZone = floatingZone;
  let userTimeZoneSource: UnderstoodInvite["userTimeZoneSource"] = options.userTimeZone ? "user" : "default";
  const hint = distinct[0]!.event.timeZone;
  if (!options.userTimeZone && isZoneHint(hint)) {
    userTimeZone = hint;
    userTimeZoneSource = "invite";
  }

  const meetings = distinct.slice(0, MAX_MEETINGS).map(({ method, event }): MeetingReading => {
    const { interviewee, nobody } = readPeople(event, { userEmail, userName, ownAddresses: own });
    return {
      method,
      event,
      traits: meetingTraits(event),
      interviewee,
      nobody,
      company: findCompany(event, interviewee, userEmail),
      // Nobody to prepare for or thank: the meeting is kept, and the confirmation asks who it is with.
      plan:
        SCHEDULING_METHODS.has(method) && interviewee
          ? planMeetingNudges({ startsAt: event.start, endsAt: event.end }, userTimeZone, options.now)
          : [],
      participants: participantsOf(event, own),
    };
  });

  return {
    messageId: mail.messageId,
    subject,
    user: { name: userName, email: userEmail },
    userTimeZone,
    userTimeZoneSource,
    meetings,
    unread: distinct.length - meetings.length,
  };
}

/**
 * One event per calendar UID. The same event often arrives twice (inline and attached, or in a
 * nested forward); a series comes as its master plus overridden occurrences, and the master
 * stands for the series. Different UIDs are different meetings.
 */
function onePerMeeting(found: { method: ItipMethod; event: CalendarEvent }[]): { method: ItipMethod; event: CalendarEvent }[] {
  const byUid = new Map<string, { method: ItipMethod; event: CalendarEvent }>();
  for (const item of found) {
    const kept = byUid.get(item.event.uid);
    if (!kept || (kept.event.recurrenceId !== "" && item.event.recurrenceId === "")) byUid.set(item.event.uid, item);
  }
  return [...byUid.values()];
}
