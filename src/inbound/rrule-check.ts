/**
 * Which repeat rules (RRULE) Rapport expands, decided before ical.js sees them. ical.js walks a
 * rule candidate by candidate inside one `next()` call, with no limit, so a rule that can never
 * match (day 30 of February) spins until the Worker is killed, and a rule that repeats every
 * second or hour takes millions of steps to reach next week (docs/design.md §7). A rule refused here is
 * not expanded: the event keeps its first occurrence (DTSTART, which RFC 5545 counts) and the
 * reason is reported.
 *
 * The checks are conservative: they refuse only rules that cannot match or that ical.js cannot
 * match (it compares some BY-values literally, so `FREQ=DAILY;BYMONTHDAY=-1` never matches
 * there). What they cannot foresee, the work budget stops (ical-meter.ts).
 */
import type ICAL from "ical.js";
import type { LocalDateTime } from "../time/zoned";

const FREQUENCIES = new Set(["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"]);
const SUB_DAILY = new Set(["SECONDLY", "MINUTELY", "HOURLY"]);
const WEEKDAYS = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
/** Longest each month can be (February in a leap year). */
const MAX_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
/** Day of the (non-leap) year on which each month starts, 1-based. */
const MONTH_STARTS = [1, 32, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366];

const RANGES: Record<string, { min: number; max: number; zero: boolean }> = {
  BYSECOND: { min: 0, max: 60, zero: true },
  BYMINUTE: { min: 0, max: 59, zero: true },
  BYHOUR: { min: 0, max: 23, zero: true },
  BYMONTH: { min: 1, max: 12, zero: false },
  BYMONTHDAY: { min: -31, max: 31, zero: false },
  BYYEARDAY: { min: -366, max: 366, zero: false },
  BYWEEKNO: { min: -53, max: 53, zero: false },
  BYSETPOS: { min: -366, max: 366, zero: false },
};

interface ByDay {
  ordinal: number | null;
  weekday: number;
}

function byDay(value: string): ByDay | null {
  const match = /^([+-]?\d{1,2})?(SU|MO|TU|WE|TH|FR|SA)$/.exec(value.trim().toUpperCase());
  if (!match) return null;
  return { ordinal: match[1] === undefined ? null : Number(match[1]), weekday: WEEKDAYS.indexOf(match[2]!) };
}

function list(values: readonly number[]): string {
  return values.join(",");
}

/** Months of the (non-leap) year that week `week` can touch, generously: ISO week 1 starts between 29 Dec and 4 Jan. */
function monthsOfWeek(week: number): Set<number> {
  const months = new Set<number>();
  // Day-of-year span the week can cover, with a few days' slack either way.
  const first = week > 0 ? 7 * week - 10 : 366 + 7 * week - 7;
  const last = week > 0 ? 7 * week + 4 : 366 + 7 * week + 11;
  for (let day = first; day <= last; day += 1) {
    const wrapped = ((((day - 1) % 365) + 365) % 365) + 1;
    months.add(MONTH_STARTS.findIndex((start, index) => wrapped >= start && wrapped < MONTH_STARTS[index + 1]!) + 1);
  }
  return months;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function weekdayOf(local: LocalDateTime): number {
  return new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay();
}

/** Why this rule is not expanded, or null when it may be. `start` is DTSTART's wall-clock time. */
export function ruleProblem(rule: ICAL.Recur, start: LocalDateTime): string | null {
  const freq = String(rule.freq ?? "").toUpperCase();
  if (!FREQUENCIES.has(freq)) return `FREQ=${freq || "(none)"} is not a frequency`;
  if (SUB_DAILY.has(freq)) return `FREQ=${freq} repeats more often than daily`;
  const interval = Number.isInteger(rule.interval) && rule.interval > 0 ? rule.interval : 1;

  const parts = rule.parts as Record<string, unknown[] | undefined>;
  for (const [name, values] of Object.entries(parts)) {
    if (!values || values.length === 0) continue;
    if (name === "BYDAY") continue;
    const range = RANGES[name];
    if (!range) return `${name} is not a rule part`;
    for (const value of values) {
      if (typeof value !== "number" || !Number.isInteger(value) || value < range.min || value > range.max || (!range.zero && value === 0)) {
        return `${name}=${String(value)} is outside ${range.min}..${range.max}`;
      }
    }
  }
  const numbers = (name: string) => (parts[name] as number[] | undefined) ?? [];
  const byMonth = numbers("BYMONTH");
  const byMonthDay = numbers("BYMONTHDAY");
  const byYearDay = numbers("BYYEARDAY");
  const byWeekNo = numbers("BYWEEKNO");
  const bySetPos = numbers("BYSETPOS");
  const days: ByDay[] = [];
  for (const value of (parts.BYDAY as string[] | undefined) ?? []) {
    const day = byDay(String(value));
    if (!day) return `BYDAY=${String(value)} is not a weekday`;
    if (day.ordinal !== null) {
      if (freq !== "MONTHLY" && freq !== "YEARLY") return `BYDAY=${value} has an ordinal, which only MONTHLY and YEARLY rules may have`;
      const most = freq === "MONTHLY" || byMonth.length > 0 ? 5 : 53;
      if (day.ordinal === 0 || Math.abs(day.ordinal) > most) return `BYDAY=${value} asks for a weekday a ${freq === "MONTHLY" || byMonth.length > 0 ? "month" : "year"} never has`;
    }
    days.push(day);
  }

  // Parts RFC 5545 (and ical.js) do not allow with this frequency or with each other.
  if (byWeekNo.length > 0 && freq !== "YEARLY") return `BYWEEKNO only belongs in a YEARLY rule, not ${freq}`;
  if (byYearDay.length > 0 && freq !== "YEARLY") return `BYYEARDAY only belongs in a YEARLY rule, not ${freq}`;
  if (byMonthDay.length > 0 && freq === "WEEKLY") return "BYMONTHDAY does not belong in a WEEKLY rule";
  if (byYearDay.length > 0 && (byMonth.length > 0 || byWeekNo.length > 0 || byMonthDay.length > 0)) {
    return "BYYEARDAY cannot be combined with BYMONTH, BYWEEKNO or BYMONTHDAY here";
  }
  if (byWeekNo.length > 0 && byMonthDay.length > 0) return "BYWEEKNO cannot be combined with BYMONTHDAY here";
  // ical.js compares a DAILY rule's BYMONTHDAY literally with the day of the month: a
  // negative day ("the last day") is never matched there.
  if (freq === "DAILY" && byMonthDay.some((day) => day < 0)) return `BYMONTHDAY=${list(byMonthDay)} counts from the month's end, which a DAILY rule cannot match here`;

  // Months the rule can land in: BYMONTH, narrowed for a MONTHLY rule to the months its
  // INTERVAL reaches from DTSTART's month.
  let months = byMonth.length > 0 ? [...new Set(byMonth)] : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  if (freq === "MONTHLY" && interval > 1) {
    const reached = new Set<number>();
    for (let step = 0; step < 12; step += 1) reached.add(((start.month - 1 + step * interval) % 12) + 1);
    months = months.filter((month) => reached.has(month));
    if (months.length === 0) return `BYMONTH=${list(byMonth)} is never reached every ${interval} months from month ${start.month}`;
  }
  if (byMonthDay.length > 0 && !months.some((month) => byMonthDay.some((day) => Math.abs(day) <= MAX_DAYS[month - 1]!))) {
    return `BYMONTHDAY=${list(byMonthDay)} never falls in ${byMonth.length > 0 ? `BYMONTH=${list(byMonth)}` : "the months this rule reaches"}`;
  }
  // "The first Monday, on the 15th": an nth weekday of a month falls in one week of it.
  const inMonth = freq === "MONTHLY" || (freq === "YEARLY" && byMonth.length > 0);
  if (inMonth && byMonthDay.length > 0 && days.length > 0 && days.every((day) => day.ordinal !== null)) {
    const possible = days.some((day) =>
      months.some((month) => {
        const length = MAX_DAYS[month - 1]!;
        const n = day.ordinal!;
        const [first, last] = n > 0 ? [7 * (n - 1) + 1, 7 * n] : [length + 7 * n + 1 - 3, length + 7 * (n + 1)];
        return byMonthDay.some((raw) => {
          // A negative day counts from the end of a month 28 to 31 days long.
          const candidates = raw > 0 ? [raw] : [29 + raw, length + 1 + raw];
          return candidates.some((date) => date >= Math.max(1, first) && date <= last);
        });
      }),
    );
    if (!possible) return `BYDAY=${(parts.BYDAY as string[]).join(",")} never falls on BYMONTHDAY=${list(byMonthDay)}`;
  }
  if (byWeekNo.length > 0 && byMonth.length > 0 && !byWeekNo.some((week) => byMonth.some((month) => monthsOfWeek(week).has(month)))) {
    return `BYWEEKNO=${list(byWeekNo)} never falls in BYMONTH=${list(byMonth)}`;
  }
  // 29 February every 4 (8, ...) years, counted from a year that is not a leap year.
  if (
    freq === "YEARLY" &&
    interval % 4 === 0 &&
    !isLeap(start.year) &&
    months.length === 1 &&
    months[0] === 2 &&
    byMonthDay.length > 0 &&
    byMonthDay.every((day) => day === 29 || day === -29)
  ) {
    return `BYMONTHDAY=29 in February is never reached every ${interval} years from ${start.year}`;
  }
  // Every 7 (14, ...) days lands on DTSTART's weekday only.
  if (freq === "DAILY" && interval % 7 === 0 && days.length > 0 && !days.some((day) => day.weekday === weekdayOf(start))) {
    return `BYDAY=${days.map((day) => WEEKDAYS[day.weekday]).join(",")} is never reached every ${interval} days from a ${WEEKDAYS[weekdayOf(start)]}`;
  }

  if (bySetPos.length > 0) {
    const most = largestSet(freq, months.length, byMonthDay, byYearDay, byWeekNo, days, parts);
    if (bySetPos.every((position) => Math.abs(position) > most)) {
      return `BYSETPOS=${list(bySetPos)} asks for more occurrences than one ${freq.toLowerCase().replace(/ly$/, "").replace("dai", "day")} holds (at most ${most})`;
    }
  }
  return null;
}

/** An upper bound on the occurrences one period (day, week, month, year) of the rule can hold. */
function largestSet(
  freq: string,
  monthCount: number,
  byMonthDay: number[],
  byYearDay: number[],
  byWeekNo: number[],
  days: ByDay[],
  parts: Record<string, unknown[] | undefined>,
): number {
  const times = ["BYHOUR", "BYMINUTE", "BYSECOND"].reduce((product, name) => product * Math.max(1, new Set(parts[name] ?? []).size), 1);
  const weekdayDays = (perWeekday: number) => days.reduce((sum, day) => sum + (day.ordinal === null ? perWeekday : 1), 0);
  let dayCount: number;
  switch (freq) {
    case "DAILY":
      dayCount = 1;
      break;
    case "WEEKLY":
      dayCount = days.length > 0 ? new Set(days.map((day) => day.weekday)).size : 1;
      break;
    case "MONTHLY": {
      const bounds = [31];
      if (byMonthDay.length > 0) bounds.push(new Set(byMonthDay).size);
      if (days.length > 0) bounds.push(weekdayDays(5));
      if (byMonthDay.length === 0 && days.length === 0) bounds.push(1);
      dayCount = Math.min(...bounds);
      break;
    }
    default: {
      const bounds = [366, monthCount * 31];
      if (byMonthDay.length > 0) bounds.push(new Set(byMonthDay).size * monthCount);
      if (byYearDay.length > 0) bounds.push(new Set(byYearDay).size);
      if (byWeekNo.length > 0) bounds.push(new Set(byWeekNo).size * 7);
      if (days.length > 0) bounds.push(weekdayDays(monthCount < 12 ? 5 * monthCount : 53));
      if (byMonthDay.length === 0 && byYearDay.length === 0 && byWeekNo.length === 0 && days.length === 0) bounds.push(monthCount);
      dayCount = Math.min(...bounds);
    }
  }
  return dayCount * times;
}
