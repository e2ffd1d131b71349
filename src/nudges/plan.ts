/**
 * When each nudge for a meeting is due (docs/design.md §1), computed in the user's time zone so
 * "18:00 the evening before" means their evening, across DST changes. Pure: meeting, zone
 * and `now` in, due instants out.
 *
 * First version (issue #2): the nudges issue refines this (short prep for imminent meetings,
 * the monthly digest, per-contact cadence).
 */
import { isWorkingDay } from "../time/working-days";
import { addLocalDays, atClock, localToUtc, utcToLocal } from "../time/zoned";

export type MeetingNudgeKind = "prep" | "thanks" | "thanks_followup" | "keep_in_touch";

export interface PlannedNudge {
  kind: MeetingNudgeKind;
  dueAt: number;
}

export interface MeetingTimes {
  startsAt: number;
  endsAt: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Nothing is sent between 21:00 and 08:00 local: such a time moves to the next 08:00. */
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 8;
const PREP_HOUR = 18;
/** A prep sheet held back for the night must still arrive this long before the meeting. */
const PREP_LEAD = 2 * HOUR;
const FOLLOWUP_HOUR = 18;
const KEEP_IN_TOUCH_HOUR = 9;
const KEEP_IN_TOUCH_AFTER_DAYS = 14;
/** A thank-you prompt for a meeting older than this would be stale: none is planned. */
const THANKS_STALE_AFTER = 7 * DAY;

export function outsideQuietHours(instant: number, timeZone: string): number {
  const local = utcToLocal(instant, timeZone);
  if (local.hour >= QUIET_FROM_HOUR) return localToUtc(atClock(addLocalDays(local, 1), QUIET_UNTIL_HOUR), timeZone);
  if (local.hour < QUIET_UNTIL_HOUR) return localToUtc(atClock(local, QUIET_UNTIL_HOUR), timeZone);
  return instant;
}

/**
 * A check-in prompt asks the user to write to someone about work, so it comes on a working day
 * (time/working-days.ts): one on a weekend or a year-end holiday moves to the next working day,
 * same local clock time.
 */
export function onAWorkingDay(instant: number, timeZone: string): number {
  let local = utcToLocal(instant, timeZone);
  if (isWorkingDay(local)) return instant;
  while (!isWorkingDay(local)) local = addLocalDays(local, 1);
  return localToUtc(local, timeZone);
}

/** `days` after the local date of `instant`, at `hour`:00 local. */
function localDayAt(instant: number, timeZone: string, days: number, hour: number): number {
  return localToUtc(atClock(addLocalDays(utcToLocal(instant, timeZone), days), hour), timeZone);
}

export function planMeetingNudges(meeting: MeetingTimes, timeZone: string, now: number): PlannedNudge[] {
  const plan: PlannedNudge[] = [];

  if (meeting.startsAt > now) {
    // The evening before; if that has passed (a late forward), at once, but not at night,
    // unless waiting for the morning would leave too little time before the meeting.
    const soonest = Math.max(localDayAt(meeting.startsAt, timeZone, -1, PREP_HOUR), now);
    const morning = outsideQuietHours(soonest, timeZone);
    plan.push({ kind: "prep", dueAt: morning <= meeting.startsAt - PREP_LEAD ? morning : soonest });
  }

  if (now - meeting.endsAt < THANKS_STALE_AFTER) {
    const thanks = outsideQuietHours(Math.max(meeting.endsAt + HOUR, now), timeZone);
    plan.push({ kind: "thanks", dueAt: thanks });
    plan.push({ kind: "thanks_followup", dueAt: localDayAt(thanks, timeZone, 1, FOLLOWUP_HOUR) });
  }

  const keepInTouch = localDayAt(meeting.startsAt, timeZone, KEEP_IN_TOUCH_AFTER_DAYS, KEEP_IN_TOUCH_HOUR);
  plan.push({ kind: "keep_in_touch", dueAt: onAWorkingDay(outsideQuietHours(Math.max(keepInTouch, now), timeZone), timeZone) });

  return plan.sort((a, b) => a.dueAt - b.dueAt);
}

const DIGEST_DAY_HOUR = 9;
const CHECK_IN_HOUR = 9;

/** The first 1st-of-the-month, 09:00 local, strictly after `after`. */
export function nextDigestAt(after: number, timeZone: string): number {
  const local = utcToLocal(after, timeZone);
  const thisMonth = localToUtc({ year: local.year, month: local.month, day: 1, hour: DIGEST_DAY_HOUR, minute: 0, second: 0 }, timeZone);
  if (thisMonth > after) return thisMonth;
  const year = local.month === 12 ? local.year + 1 : local.year;
  const month = local.month === 12 ? 1 : local.month + 1;
  return localToUtc({ year, month, day: 1, hour: DIGEST_DAY_HOUR, minute: 0, second: 0 }, timeZone);
}

/** "2026-12": the local month of an instant, naming a digest. */
export function monthKey(instant: number, timeZone: string): string {
  const { year, month } = utcToLocal(instant, timeZone);
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** The next check-in after one sent (or done) at `from`: the contact's cadence later, 09:00 local, on a working day. */
export function nextCheckInAt(from: number, cadenceDays: number, timeZone: string): number {
  return onAWorkingDay(localDayAt(from, timeZone, cadenceDays, CHECK_IN_HOUR), timeZone);
}

const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

export interface MonthBounds {
  /** Local midnight on the 1st of the month of `instant`, and of the months either side. */
  start: number;
  next: number;
  previous: number;
  /** "December 2026" */
  name: string;
  previousName: string;
}

export function monthBounds(instant: number, timeZone: string): MonthBounds {
  const { year, month } = utcToLocal(instant, timeZone);
  const first = (y: number, m: number) => localToUtc({ year: y, month: m, day: 1, hour: 0, minute: 0, second: 0 }, timeZone);
  const [prevYear, prevMonth] = month === 1 ? [year - 1, 12] : [year, month - 1];
  const [nextYear, nextMonth] = month === 12 ? [year + 1, 1] : [year, month + 1];
  return {
    start: first(year, month),
    next: first(nextYear, nextMonth),
    previous: first(prevYear, prevMonth),
    name: `${MONTH_NAMES[month - 1]} ${year}`,
    previousName: MONTH_NAMES[prevMonth - 1]!,
  };
}

/** A snooze or cadence: a number of days, or of calendar months (same day of month, clamped). */
export type Span = { days: number } | { months: number };

/** `span` after `from`, at 09:00 local: when a snoozed reminder comes back. */
export function afterSpan(from: number, span: Span, timeZone: string): number {
  if ("days" in span) return nextCheckInAt(from, span.days, timeZone);
  const local = utcToLocal(from, timeZone);
  const monthIndex = local.month - 1 + span.months;
  const year = local.year + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return localToUtc({ year, month, day: Math.min(local.day, lastDay), hour: CHECK_IN_HOUR, minute: 0, second: 0 }, timeZone);
}

/** A day named without a year means its next occurrence after `now`; 09:00 local. */
export function onDate(date: { year: number; month: number; day: number }, now: number, timeZone: string): number {
  const at = (year: number) => localToUtc({ year, month: date.month, day: date.day, hour: CHECK_IN_HOUR, minute: 0, second: 0 }, timeZone);
  if (date.year > 0) return at(date.year);
  const thisYear = utcToLocal(now, timeZone).year;
  return at(thisYear) > now ? at(thisYear) : at(thisYear + 1);
}

/** A cadence as days, for storage (a month counts as 30 days, three as 91: a quarter). */
export function spanDays(span: Span): number {
  return "days" in span ? span.days : span.months === 3 ? 91 : span.months * 30;
}
