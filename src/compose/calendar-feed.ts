/**
 * The private calendar feed: upcoming meetings (with the wrap-up time) and every pending nudge,
 * so the user sees in their own calendar app what Rapport will send and when. Built with the
 * `ics` package. UIDs are derived from row ids, so a calendar app refreshing the feed updates
 * events instead of duplicating them; times are UTC instants (exact in every app), check-ins
 * are all-day reminders on the user's local date.
 *
 * Invite text is hostile input and `ics` validates strictly (it refuses `https://Acme.zoom.us`,
 * with capitals in the host, and then fails the whole calendar), so the feed never fails whole:
 * URLs are normalised, a value `ics` still refuses is dropped from its event, and an event it
 * refuses altogether is left out and reported; the rest of the feed is served.
 */
import { createEvent, createEvents, type DateArray, type EventAttributes } from "ics";
import { utcToLocal, addLocalDays } from "../time/zoned";
import { stamped } from "./calendar-file";
import { meetingTitle } from "./confirmation";
import { clockTime } from "./format";
import { displayName as who, type ContactFacts, type MealKind } from "./nudge-data";
import { wrapUpAt } from "./prep";

/** A meeting as the feed shows it; `id` keeps its calendar UID stable between fetches. */
export interface FeedMeeting {
  id: number;
  summary: string;
  startsAt: number;
  endsAt: number;
  meal: boolean;
  /** Which meal, for how long it may run ("lunch" runs longer than "coffee"). */
  mealKind?: MealKind | null;
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

/** A web URL with its scheme and host lowercased (as `ics` requires), or null when it is not one. */
export function feedUrl(value: string | null): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}

function meetingEvent({ meeting, contact }: FeedInput["meetings"][number], timeZone: string): EventAttributes {
  const title = meetingTitle(meeting, contact);
  const wrapUp = clockTime(wrapUpAt({ start: meeting.startsAt, end: meeting.endsAt, meal: meeting.meal, mealKind: meeting.mealKind ?? null }), timeZone);
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
    ...(feedUrl(meeting.meetingUrl) ? { url: feedUrl(meeting.meetingUrl)! } : {}),
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

/** An event `ics` refused, left out of the feed (or, with `field`, kept without that value). */
export interface LeftOut {
  uid: string;
  field: "url" | null;
  reason: string;
}

export interface Feed {
  text: string;
  leftOut: LeftOut[];
}

/** Each event as `ics` accepts it: as built, without its URL, or not at all. */
function acceptedEvents(events: EventAttributes[]): { events: EventAttributes[]; leftOut: LeftOut[] } {
  const accepted: EventAttributes[] = [];
  const leftOut: LeftOut[] = [];
  for (const event of events) {
    const uid = event.uid ?? "";
    const { error } = createEvent(event);
    if (!error) {
      accepted.push(event);
      continue;
    }
    if ("url" in event && event.url) {
      const { url: _dropped, ...withoutUrl } = event;
      if (!createEvent(withoutUrl as EventAttributes).error) {
        accepted.push(withoutUrl as EventAttributes);
        leftOut.push({ uid, field: "url", reason: error.message });
        continue;
      }
    }
    leftOut.push({ uid, field: null, reason: error.message });
  }
  return { events: accepted, leftOut };
}

const EMPTY_FEED = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rapport//Feed//EN", "X-WR-CALNAME:Rapport", "END:VCALENDAR", ""].join("\r\n");

/** The feed's text, with the events (or values) `ics` refused left out and named. */
export function calendarFeed(input: FeedInput): Feed {
  const built: LeftOut[] = [];
  /** Builds one event; a value that breaks the building (an invalid date) leaves that event out. */
  const build = (uid: string, make: () => EventAttributes | null): EventAttributes[] => {
    try {
      const event = make();
      return event ? [stamped({ ...event, productId: "-//Rapport//Feed//EN", calName: "Rapport" }, input.now)] : [];
    } catch (error) {
      built.push({ uid, field: null, reason: error instanceof Error ? error.message : String(error) });
      return [];
    }
  };
  const events = [
    ...input.meetings.flatMap((m) => build(`meeting-${m.meeting.id}@rapport`, () => meetingEvent(m, input.timeZone))),
    ...input.nudges.flatMap((n) => build(`nudge-${n.nudge.id}@rapport`, () => nudgeEvent(n, input.timeZone))),
  ];
  // `ics` cannot write a calendar without events; an empty VCALENDAR is still a valid feed.
  if (events.length === 0) return { text: EMPTY_FEED, leftOut: built };
  const whole = createEvents(events);
  if (!whole.error && whole.value) return { text: whole.value, leftOut: built };
  // Only when `ics` refused something: find which events, and serve the others.
  const { events: accepted, leftOut: refused } = acceptedEvents(events);
  const leftOut = [...built, ...refused];
  if (accepted.length === 0) return { text: EMPTY_FEED, leftOut };
  const rest = createEvents(accepted);
  if (rest.error || !rest.value) return { text: EMPTY_FEED, leftOut: [...leftOut, { uid: "*", field: null, reason: rest.error?.message ?? "no output" }] };
  return { text: rest.value, leftOut };
}
