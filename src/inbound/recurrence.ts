/**
 * The next occurrence of a recurring event, found by expanding its rule with ical.js in
 * wall-clock terms (times made floating), then converting with Rapport's own zone rules.
 * Every rule is checked first (rrule-check.ts), and the expansion draws on the message's work
 * budget (ical-meter.ts): no rule, however crafted, costs more than that budget.
 */
import ICAL from "ical.js";
import { localAsUtc } from "../time/zoned";
import { metered } from "./ical-meter";
import { firstPropertyValue, firstValue, localOf } from "./ical-time";
import { UNREADABLE_RRULE, unreadableReason } from "./ics-repair";
import { copyJcal } from "./jcal-copy";
import { ruleProblem } from "./rrule-check";
import { WorkBudgetSpent, type WorkBudget } from "./work-budget";

/** A series is expanded at most this far to find the next occurrence: bounded work on hostile RRULEs. */
const MAX_OCCURRENCES = 2000;

export interface NextOccurrence {
  /** The first occurrence at or after `now`, or null (the series is over, or was not expanded). */
  instant: number | null;
  /** Why the series was not expanded (its first occurrence stands), or null when it was. */
  notExpanded: string | null;
}

/** The first occurrence whose start is at or after `now`, or why the series was not expanded. */
export function nextOccurrenceAfter(
  vevent: ICAL.Component,
  start: ICAL.Time,
  now: number,
  toInstant: (time: ICAL.Time) => number,
  budget: WorkBudget,
): NextOccurrence {
  const notExpanded = (reason: string): NextOccurrence => ({ instant: null, notExpanded: reason });
  const unreadable = firstPropertyValue(vevent, UNREADABLE_RRULE);
  if (unreadable !== null) return notExpanded(`RRULE unreadable: ${unreadableReason(String(unreadable))}`);
  if (budget.exhausted) return notExpanded("the message's work budget was spent on earlier series");
  // Rule values are decoded lazily: a malformed RRULE throws here, and the meeting keeps its
  // first occurrence rather than being dropped.
  const rules: ICAL.Recur[] = [];
  try {
    for (const property of vevent.getAllProperties("rrule")) {
      const value = firstValue(property);
      if (value instanceof ICAL.Recur) rules.push(value);
    }
  } catch (error) {
    return notExpanded(`RRULE unreadable: ${error instanceof Error ? error.message : String(error)}`);
  }
  for (const rule of rules) {
    const problem = ruleProblem(rule, localOf(start));
    if (problem) return notExpanded(problem);
  }

  // Zone offsets stay within ±18 h, so a wall-clock reading two days before `now` is past
  // without the (costly) exact conversion.
  const clearlyPast = now - 2 * 86_400_000;
  const rule = rules[0];
  // A series that ended before now (old invites, calendar exports) has no next occurrence:
  // expanding it occurrence by occurrence would cost milliseconds for nothing.
  if (rule && rules.length === 1 && rule.until && !vevent.hasProperty("rdate") && localAsUtc(localOf(rule.until)) < clearlyPast) {
    return { instant: null, notExpanded: null };
  }
  // A daily or weekly series that began years ago (a standing meeting) is resumed close to
  // now rather than walked from its start: shifting the start by whole multiples of
  // 7 x INTERVAL days keeps both the weekday pattern and the interval's phase. COUNT is
  // counted from the real start, so such series are walked.
  const from = ICAL.Time.fromData({ ...localOf(start), isDate: start.isDate });
  if (rule && rules.length === 1 && !rule.count && (rule.freq === "DAILY" || rule.freq === "WEEKLY")) {
    const periodDays = 7 * (rule.interval || 1);
    const daysBehind = Math.floor((clearlyPast - localAsUtc(localOf(start))) / 86_400_000);
    const periods = Math.floor(daysBehind / periodDays);
    if (periods > 0) from.adjust(periods * periodDays, 0, 0, 0);
  }
  try {
    return metered(budget, () => {
      const expansion = new ICAL.Event(floatingCopy(vevent)).iterator(from);
      for (let i = 0; i < MAX_OCCURRENCES; i += 1) {
        // Our own loop draws on the budget too: one step per occurrence looked at.
        budget.spend(1);
        const occurrence = expansion.next();
        if (!occurrence) return { instant: null, notExpanded: null };
        if (localAsUtc(localOf(occurrence)) < clearlyPast) continue;
        const instant = toInstant(occurrence);
        if (instant >= now) return { instant, notExpanded: null };
      }
      return notExpanded(`no occurrence after now within ${MAX_OCCURRENCES} occurrences`);
    });
  } catch (error) {
    if (error instanceof WorkBudgetSpent) return notExpanded(`${error.message} before an occurrence after now was found`);
    // An RRULE ical.js cannot expand: keep the first occurrence rather than lose the meeting.
    return notExpanded(`ical.js could not expand the rule: ${error instanceof Error ? error.message : String(error)}`);
  }
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
