/**
 * Understands one inbound message: MIME -> calendar -> the meeting, the interviewee and the
 * nudge plan. Pure apart from parsing (no database, no clock, no sending), so `npm run inspect`
 * and the email handler give the same answer for the same bytes.
 */
import { planMeetingNudges, type PlannedNudge } from "../nudges/plan";
import { readCalendar, type CalendarEvent, type ItipMethod } from "./calendar";
import { HOW_TO_FORWARD, InviteError } from "./invite-error";
import { meetingTraits, type MeetingTraits } from "./meeting-traits";
import { DEFAULT_MIME_LIMITS, readMail, type MimeLimits } from "./mime";
import { findInterviewee, guessCompany, type Person } from "./people";

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
}

export interface UnderstoodInvite {
  method: ItipMethod;
  /** Message-ID of the inbound message, when it had one. */
  messageId: string | null;
  subject: string;
  user: Person;
  /** The zone the user's times are shown in; `userTimeZoneSource` says where it came from. */
  userTimeZone: string;
  userTimeZoneSource: "user" | "invite" | "default";
  event: CalendarEvent;
  traits: MeetingTraits;
  interviewee: Person | null;
  company: string | null;
  /** Empty for CANCEL, REPLY and the other methods that do not schedule a meeting. */
  plan: PlannedNudge[];
  /** Further distinct events in the message that were not acted on. */
  otherEvents: number;
}

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

  const floatingZone = options.userTimeZone ?? options.defaultTimeZone;
  const events: CalendarEvent[] = [];
  const skipped: InviteError[] = [];
  let method: ItipMethod | null = null;
  for (const part of mail.calendars) {
    const read = readCalendar(part.text, { mimeMethod: part.mimeMethod, floatingZone, now: options.now });
    method ??= read.method;
    skipped.push(...read.skipped);
    for (const event of read.events) {
      // The same event reached us twice (inline and attached, or in a nested forward).
      if (!events.some((e) => e.uid === event.uid && e.recurrenceId === event.recurrenceId)) events.push(event);
    }
  }

  const event = events[0];
  if (!event) {
    if (skipped[0]) throw skipped[0];
    throw new InviteError(
      "unsupported",
      "The calendar in your message holds no event (only tasks, availability or time zone data). " + HOW_TO_FORWARD,
      "no VEVENT",
    );
  }

  const userEmail = (options.user ?? mail.from?.address ?? "").trim().toLowerCase();
  const userName = mail.from && mail.from.address.toLowerCase() === userEmail ? mail.from.name.trim() || null : null;
  const own = new Set([userEmail, options.inboxAddress?.toLowerCase() ?? ""].filter(Boolean));
  const interviewee = findInterviewee(event, own);

  let userTimeZone = floatingZone;
  let userTimeZoneSource: UnderstoodInvite["userTimeZoneSource"] = options.userTimeZone ? "user" : "default";
  if (!options.userTimeZone && isZoneHint(event.timeZone)) {
    userTimeZone = event.timeZone;
    userTimeZoneSource = "invite";
  }

  const resolvedMethod = method ?? "PUBLISH";
  return {
    method: resolvedMethod,
    messageId: mail.messageId,
    subject,
    user: { name: userName, email: userEmail },
    userTimeZone,
    userTimeZoneSource,
    event,
    traits: meetingTraits(event),
    interviewee,
    company: guessCompany(event.summary, interviewee),
    plan: SCHEDULING_METHODS.has(resolvedMethod)
      ? planMeetingNudges({ startsAt: event.start, endsAt: event.end }, userTimeZone, options.now)
      : [],
    otherEvents: events.length - 1,
  };
}
