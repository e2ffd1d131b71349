/**
 * Evaluates an invite's own VTIMEZONE (Exchange display-name zones, Lotus, CDO): the UTC offset
 * in force at an instant, from its STANDARD/DAYLIGHT observances.
 *
 * ical.js can do this, but it expands every zone from its first DTSTART (1601 for Exchange)
 * to five years past the current year, one recurrence step at a time: 25-85 ms per message,
 * over the Worker's whole CPU budget. Real VTIMEZONEs use one rule shape ("the nth or last
 * weekday of a month, yearly", plus RDATE lists), and the onset for a given year of that
 * shape is plain arithmetic. Other shapes report `null` and the caller falls back to ical.js.
 */
import { firstPropertyValue, firstValue } from "./ical-time";
import ICAL from "ical.js";
import { localAsUtc, type LocalDateTime } from "../time/zoned";

interface YearlyRule {
  month: number;
  /** 1..5 for "first".."fifth", -1..-5 counting from the end of the month. */
  ordinal: number;
  /** 0 = Sunday. */
  weekday: number;
  /** Last year with an onset (from UNTIL or COUNT), or Infinity. */
  lastYear: number;
  /** Latest onset instant allowed by UNTIL, or Infinity. */
  until: number;
}

interface Observance {
  offsetFrom: number;
  offsetTo: number;
  start: LocalDateTime;
  rule: YearlyRule | null;
  /** RDATE onsets, as UTC instants. */
  rdates: number[];
}

export interface ZoneRules {
  offsetAt(instant: number): number;
}

const WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

function localOf(time: ICAL.Time): LocalDateTime {
  return { year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second };
}

/** The day of month of the `ordinal`th `weekday` in a month (ordinal < 0 counts from the end). */
function nthWeekday(year: number, month: number, weekday: number, ordinal: number): number {
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (ordinal > 0) {
    const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
    const day = 1 + ((weekday - first + 7) % 7) + (ordinal - 1) * 7;
    // "5th Sunday" in a month with four means the last one, as Windows and ical.js read it.
    return day > daysInMonth ? day - 7 : day;
  }
  const last = new Date(Date.UTC(year, month - 1, daysInMonth)).getUTCDay();
  return daysInMonth - ((last - weekday + 7) % 7) + (ordinal + 1) * 7;
}

/** Reads an RRULE of the supported shape; undefined when the shape is anything else. */
function yearlyRule(recur: ICAL.Recur, start: LocalDateTime, offsetFrom: number): YearlyRule | undefined {
  const byMonth = recur.parts.BYMONTH ?? [];
  const byDay = recur.parts.BYDAY ?? [];
  const others = Object.keys(recur.parts).filter((part) => !["BYMONTH", "BYDAY", "BYHOUR", "BYMINUTE", "BYSECOND"].includes(part));
  if (recur.freq !== "YEARLY" || (recur.interval ?? 1) !== 1 || byMonth.length !== 1 || byDay.length !== 1 || others.length > 0) {
    return undefined;
  }
  const match = /^([+-]?\d)?(SU|MO|TU|WE|TH|FR|SA)$/.exec(byDay[0]!.toUpperCase());
  if (!match || !match[1] || Number(match[1]) === 0) return undefined;
  let until = Infinity;
  let lastYear = Infinity;
  if (recur.until) {
    const local = localOf(recur.until);
    // UNTIL is UTC when it ends in Z (as RFC 5545 requires here), else local wall time.
    until = recur.until.zone === ICAL.Timezone.utcTimezone ? localAsUtc(local) : localAsUtc(local) - offsetFrom;
    lastYear = local.year;
  }
  if (recur.count) lastYear = Math.min(lastYear, start.year + recur.count - 1);
  return { month: byMonth[0]!, ordinal: Number(match[1]), weekday: WEEKDAYS.indexOf(match[2]!), lastYear, until };
}

function readObservance(component: ICAL.Component): Observance | undefined {
  const start = firstPropertyValue(component, "dtstart");
  const from = firstPropertyValue(component, "tzoffsetfrom");
  const to = firstPropertyValue(component, "tzoffsetto");
  if (!(start instanceof ICAL.Time) || !(from instanceof ICAL.UtcOffset) || !(to instanceof ICAL.UtcOffset)) return undefined;
  const offsetFrom = from.toSeconds() * 1000;
  const local = localOf(start);
  let rule: YearlyRule | null = null;
  const rrules = component.getAllProperties("rrule");
  if (rrules.length > 1) return undefined;
  const recur = rrules[0] ? firstValue(rrules[0]) : undefined;
  if (recur instanceof ICAL.Recur) {
    const parsed = yearlyRule(recur, local, offsetFrom);
    if (!parsed) return undefined;
    rule = parsed;
  }
  const rdates: number[] = [];
  for (const property of component.getAllProperties("rdate")) {
    for (const value of property.getValues()) {
      if (value instanceof ICAL.Time) rdates.push(localAsUtc(localOf(value)) - offsetFrom);
      else return undefined; // RDATE periods: not a real-world VTIMEZONE shape
    }
  }
  return { offsetFrom, offsetTo: to.toSeconds() * 1000, start: local, rule, rdates };
}

/** The latest onset of `observance` at or before `instant`, or -Infinity. */
function latestOnset(observance: Observance, instant: number): number {
  const { start, offsetFrom, rule } = observance;
  const first = localAsUtc(start) - offsetFrom;
  if (first > instant) return -Infinity;
  let latest = first;
  for (const rdate of observance.rdates) if (rdate <= instant && rdate > latest) latest = rdate;
  if (rule) {
    const year = Math.min(new Date(instant + offsetFrom).getUTCFullYear(), rule.lastYear);
    for (const candidateYear of [year, year - 1]) {
      if (candidateYear < start.year) break;
      const day = nthWeekday(candidateYear, rule.month, rule.weekday, rule.ordinal);
      const onset = localAsUtc({ ...start, year: candidateYear, month: rule.month, day }) - offsetFrom;
      if (onset <= instant && onset <= rule.until && onset >= first) {
        if (onset > latest) latest = onset;
        break;
      }
    }
  }
  return latest;
}

/** Offset rules for a VTIMEZONE, or null when it uses a shape this evaluator does not cover. */
export function zoneRules(vtimezone: ICAL.Component): ZoneRules | null {
  const observances: Observance[] = [];
  for (const component of [...vtimezone.getAllSubcomponents("standard"), ...vtimezone.getAllSubcomponents("daylight")]) {
    const observance = readObservance(component);
    if (!observance) return null;
    observances.push(observance);
  }
  if (observances.length === 0) return null;
  const earliest = observances.reduce((a, b) => (localAsUtc(a.start) <= localAsUtc(b.start) ? a : b));
  return {
    offsetAt(instant: number): number {
      let best: Observance | null = null;
      let bestOnset = -Infinity;
      for (const observance of observances) {
        const onset = latestOnset(observance, instant);
        if (onset > bestOnset) {
          bestOnset = onset;
          best = observance;
        }
      }
      // Before the zone's first onset, the offset in force is the one it changed from.
      return best ? best.offsetTo : earliest.offsetFrom;
    },
  };
}
