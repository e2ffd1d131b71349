/**
 * The private calendar feed: upcoming meetings (with the wrap-up time) and every pending nudge,
 * so the user sees in their own calendar app what Rapport will send and when. Built with the
 * `ics` package. UIDs are derived from row ids, so a calendar app refreshing the feed updates
 * events instead of duplicating them; times are UTC instants (exact in every app), check-ins
 * are all-day reminders on the user's local date.
 */
import { createEvents, type DateArray, type EventAttributes } from "ics";
import { utcToLocal, addLocalDays } from "../time/zoned";
import { stamped } from "./calendar-file";
import { meetingTitle } from "./confirmation";
import { clockTime } from "./format";
import { displayName as who, type ContactFacts } from "./nudge-data";
import { wrapUpAt } from "./prep";

/** A meeting as the feed shows it; `id` keeps its calendar UID stable between fetches. */
export interface FeedMeeting {
  id: number;
  summary: string;
  startsAt: number;
  endsAt: number;
  meal: boolean;
  location: string | null;
  meetingUrl: string | null;
}

/** A pending reminder; `id` keeps its calendar UID stable between fetches. */
export interface FeedReminder {
  id: number;
  kind: string;
  dueAt: number;
}

type FeedPerson = Pick<ContactFacts, "name" | "email" | "company">;

export interface FeedInput {
  timeZone: string;
  meetings: { meeting: FeedMeeting; contact: FeedPerson | null }[];
  nudges: { nudge: FeedReminder; meeting: FeedMeeting | null; contact: FeedPerson | null }[];
  now: number;
}

function utc(instant: number): DateArray {
  const d = new Date(instant);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
}

function localDate(instant: number, timeZone: string, plusDays = 0): DateArray {
  const local = addLocalDays(utcToLocal(instant, timeZone), plusDays);
  return [local.year, local.month, local.day];
}

function meetingEvent({ meeting, contact }: FeedInput["meetings"][number], timeZone: string): EventAttributes {
  const title = meetingTitle(meeting, contact);
  const wrapUp = clockTime(wrapUpAt({ start: meeting.startsAt, meal: meeting.meal }), timeZone);
  const description = [
    contact ? `With ${who(contact)}${contact.company ? ` (${contact.company})` : ""}.` : null,
    `Plan to wrap up by ${wrapUp}.`,
    meeting.meetingUrl ? `Join: ${meeting.meetingUrl}` : null,
  ]
    .filter(Boolean)
    .join("\n");
  const end = meeting.endsAt > meeting.startsAt ? meeting.endsAt : meeting.startsAt + 30 * 60_000;
  return {
    uid: `meeting-${meeting.id}@rapport`,
    title,
    description,
    ...(meeting.location ? { location: meeting.location.trim() } : {}),
    ...(meeting.meetingUrl ? { url: meeting.meetingUrl } : {}),
    start: utc(meeting.startsAt),
    startInputType: "utc",
    startOutputType: "utc",
    end: utc(end),
    endInputType: "utc",
    endOutputType: "utc",
    status: "CONFIRMED",
  };
}

function nudgeEvent({ nudge, meeting, contact }: FeedInput["nudges"][number], timeZone: string): EventAttributes | null {
  const person = who(contact);
  const about = meeting ? meetingTitle(meeting, contact) : person;
  const short = (title: string, description: string): EventAttributes => ({
    uid: `nudge-${nudge.id}@rapport`,
    title,
    description,
    start: utc(nudge.dueAt),
    startInputType: "utc",
    startOutputType: "utc",
    duration: { minutes: 15 },
  });
  switch (nudge.kind) {
    case "prep":
      return short(`Prep: ${about}`, "Rapport emails your prep sheet: questions, what to bring, when to wrap up.");
    case "thanks":
      return short(`Send thank-you to ${person}`, "Rapport emails a draft thank-you note. Send it within 24 hours.");
    case "thanks_followup":
      return short(`Thank-you to ${person} sent?`, "A reminder comes only if the thank-you is still open.");
    case "digest":
      return short("Rapport monthly digest", "Who to check in with this month.");
    case "keep_in_touch":
      return {
        uid: `nudge-${nudge.id}@rapport`,
        title: `Check in with ${person}`,
        description: "Share how their advice helped, an article, or news from your search.",
        start: localDate(nudge.dueAt, timeZone),
        end: localDate(nudge.dueAt, timeZone, 1),
      };
    default:
      return null;
  }
}

/** The feed's text, or null if `ics` refused an event (it validates; never expected). */
export function calendarFeed(input: FeedInput): string | null {
  const events = [
    ...input.meetings.map((m) => meetingEvent(m, input.timeZone)),
    ...input.nudges.map((n) => nudgeEvent(n, input.timeZone)).filter((e): e is EventAttributes => e !== null),
  ].map((event) => stamped({ ...event, productId: "-//Rapport//Feed//EN", calName: "Rapport" }, input.now));
  if (events.length === 0) {
    // `ics` cannot write a calendar without events; an empty VCALENDAR is still a valid feed.
    return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rapport//Feed//EN", "X-WR-CALNAME:Rapport", "END:VCALENDAR", ""].join("\r\n");
  }
  const { error, value } = createEvents(events);
  return error || !value ? null : value;
}
