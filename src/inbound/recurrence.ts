/**
 * The next occurrence of a recurring event, found by expanding its rule with ical.js in
 * wall-clock terms (times made floating), then converting with Rapport's own zone rules.
 */
import ICAL from "ical.js";
import { localAsUtc } from "../time/zoned";
import { localOf } from "./ical-time";
import { copyJcal } from "./jcal-copy";

/** A series is expanded at most this far to find the next occurrence: bounded work on hostile RRULEs. */
const MAX_OCCURRENCES = 2000;

/** The first occurrence whose start is at or after `now`, or null when the series is over. */
export function nextOccurrenceAfter(
  vevent: ICAL.Component,
  start: ICAL.Time,
  now: number,
  toInstant: (time: ICAL.Time) => number,
): number | null {
  // Zone offsets stay within ±18 h, so a wall-clock reading two days before `now` is past
  // without the (costly) exact conversion.
  const clearlyPast = now - 2 * 86_400_000;
  const rule = vevent.getFirstPropertyValue("rrule");
  // A series that ended before now (old invites, calendar exports) has no next occurrence:
  // expanding it occurrence by occurrence would cost milliseconds for nothing.
  if (rule instanceof ICAL.Recur && rule.until && !vevent.hasProperty("rdate") && localAsUtc(localOf(rule.until)) < clearlyPast) {
    return null;
  }
  // A daily or weekly series that began years ago (a standing meeting) is resumed close to
  // now rather than walked from its start: shifting the start by whole multiples of
  // 7 x INTERVAL days keeps both the weekday pattern and the interval's phase. COUNT is
  // counted from the real start, so such series are walked.
  const from = ICAL.Time.fromData({ ...localOf(start), isDate: start.isDate });
  if (rule instanceof ICAL.Recur && !rule.count && (rule.freq === "DAILY" || rule.freq === "WEEKLY")) {
    const periodDays = 7 * (rule.interval || 1);
    const daysBehind = Math.floor((clearlyPast - localAsUtc(localOf(start))) / 86_400_000);
    const periods = Math.floor(daysBehind / periodDays);
    if (periods > 0) from.adjust(periods * periodDays, 0, 0, 0);
  }
  try {
    const expansion = new ICAL.Event(floatingCopy(vevent)).iterator(from);
    for (let i = 0; i < MAX_OCCURRENCES; i += 1) {
      const occurrence = expansion.next();
      if (!occurrence) return null;
      if (localAsUtc(localOf(occurrence)) < clearlyPast) continue;
      const instant = toInstant(occurrence);
      if (instant >= now) return instant;
    }
  } catch {
    // An RRULE ical.js cannot expand: keep the first occurrence rather than lose the meeting.
  }
  return null;
}

/**
 * The event with its times made floating (TZID parameters dropped), for expanding its
 * recurrence in wall-clock terms: otherwise ical.js resolves the TZID against the calendar's
 * VTIMEZONE and expands that zone from its first year on every comparison (tens of ms).
 * Occurrences are converted to UTC afterwards with Rapport's own zone rules.
 */
function floatingCopy(vevent: ICAL.Component): ICAL.Component {
  // toJSON() hands out the component's own jCal arrays: copy them, or the original loses its TZIDs.
  const copy = new ICAL.Component(copyJcal(vevent.toJSON()));
  for (const name of ["dtstart", "dtend", "exdate", "rdate", "recurrence-id"]) {
    for (const property of copy.getAllProperties(name)) property.removeParameter("tzid");
  }
  return copy;
}
