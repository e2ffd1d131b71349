/**
 * The confirmation of a meeting as it is stored now: the answer to a reply that corrected what
 * an earlier confirmation said ("it's with Elena Ruiz, not her assistant", "over lunch"), so the
 * user sees at once that Rapport understood, and can correct again by replying to it.
 */
import { composeConfirmation, type PlannedReminder } from "../compose/confirmation";
import type { ComposedContent } from "../compose/content";
import type { Contact, Meeting, Nudge, User } from "../db/schema";
import { utcToLocal } from "../time/zoned";

/** "2026-12-08": the local date of an all-day meeting's start (its midnight in the user's zone). */
function localDate(instant: number, timeZone: string): string {
  const { year, month, day } = utcToLocal(instant, timeZone);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const MEETING_KINDS = new Set(["prep", "thanks", "thanks_followup", "keep_in_touch"]);

export function composeCorrectedConfirmation(input: {
  user: User;
  meeting: Meeting;
  contact: Contact | null;
  /** The meeting's nudges; the pending ones are what happens next. */
  nudges: Nudge[];
  corrections: string[];
  feedUrl: string;
  now: number;
}): ComposedContent {
  const { user, meeting, contact, now } = input;
  const plan: PlannedReminder[] = input.nudges
    .filter((nudge) => nudge.status === "pending" && MEETING_KINDS.has(nudge.kind))
    .sort((a, b) => a.dueAt - b.dueAt)
    .map((nudge) => ({ kind: nudge.kind as PlannedReminder["kind"], dueAt: nudge.dueAt }));
  const startDate = meeting.allDay ? localDate(meeting.startsAt, user.timeZone) : null;
  const endDate = meeting.allDay ? localDate(meeting.endsAt, user.timeZone) : null;
  return composeConfirmation({
    userName: user.name,
    timeZone: user.timeZone,
    meeting: {
      summary: meeting.summary,
      start: meeting.startsAt,
      end: meeting.endsAt,
      allDay: meeting.allDay,
      startDate,
      endDate,
      location: meeting.location,
      meetingUrl: meeting.meetingUrl,
      format: meeting.format,
      meal: meeting.meal,
      mealKind: meeting.mealKind,
      recurring: false,
      nextOccurrence: false,
    },
    previous: null,
    interviewee: contact ? { name: contact.name, email: contact.email } : null,
    missing: contact ? null : { kind: "no_guest" },
    company: contact?.company ?? null,
    plan,
    change: "corrected",
    corrections: input.corrections,
    assumedZone: null,
    zoneOrigin: null,
    otherEvents: 0,
    feedUrl: input.feedUrl,
    now,
  });
}
