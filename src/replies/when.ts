/**
 * When a person means, in words: "next Thursday", "in 10 days", "Jan 4", "a couple of weeks",
 * "end of the month". Read as a local date in the user's zone, relative to the reply's time.
 *
 * Calendar dates and weekdays are read by chrono-node (English build). Around it, a few rules
 * of our own for what it does not read or reads another way than people mean:
 *  - numbers in words and abbreviations ("three wks", "a fortnight", "weds") become digits and
 *    words chrono knows;
 *  - spans ("in 2 months") add calendar months with the day clamped (31 Jan + 1 month is 28 Feb,
 *    where chrono overflows into March);
 *  - a bare weekday is the next one after today, never today; "next Friday" is the Friday of
 *    next week (chrono's reading, which we keep);
 *  - "next week" is its Monday (as mail apps' snooze menus have it; chrono adds seven days);
 *    "end of the week" its Friday, "this weekend" its Saturday, "end of the month" its last day;
 *  - "mid-January", "in January", "the 15th", "a week from Friday", "after ... on the 17th";
 *  - "1/5" is 5 January for users in the Americas and ambiguous elsewhere unless a part is
 *    above 12.
 * Pure: the reply's instant and the user's zone in, a date or nothing out.
 */
import * as chrono from "chrono-node/en";
import { utcToLocal } from "../time/zoned";

export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

export interface Clock {
  now: number;
  timeZone: string;
}

/** A span of a snooze or cadence: calendar days or calendar months. */
export type Span = { days: number } | { months: number };

export type WhenReading =
  /** `rest` is the text with the date words taken out, to tell "Friday" from "she left on Friday". */
  | { kind: "date"; date: LocalDate; rest: string }
  /** A date is named, but which one is unclear ("1/5" outside the Americas). */
  | { kind: "ambiguous"; rest: string };

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, sixty: 60, ninety: 90,
};

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/**
 * Words to digits and spellings chrono knows: "a couple of weeks" -> "2 weeks", "a fortnight" ->
 * "2 weeks", "wks" -> "weeks", "weds" -> "wednesday", "til" -> "until". Also used by the cadence
 * reader ("every two months").
 */
export function normaliseTimeWords(text: string): string {
  return text
    // A range means its sooner end: "4-6 weeks" -> "4 weeks", "a month or two" -> "a month".
    .replace(/\b(\d{1,3})\s*(?:-|–|to|or)\s*\d{1,3}\s+(days?|weeks?|months?)/g, "$1 $2")
    .replace(/\b(an?|one)\s+(day|week|month)\s+or\s+(?:two|2)\b/g, "$1 $2")
    .replace(/\b(a\s+)?couple(\s+of)?\b/g, "2")
    .replace(/\b(a\s+)?few\b/g, "3")
    .replace(/\bhalf\s+a\s+month\b/g, "2 weeks")
    .replace(/\b(a|one)\s+fortnight\b/g, "2 weeks")
    .replace(/\b(\d+)\s+fortnights?\b/g, (_, n: string) => `${Number(n) * 2} weeks`)
    .replace(/\bfortnight\b/g, "2 weeks")
    .replace(new RegExp(`\\b(${Object.keys(NUMBER_WORDS).join("|")})\\b`, "g"), (word) => String(NUMBER_WORDS[word]))
    .replace(/\b(\d+)\s*(wks?|w)\b/g, "$1 weeks")
    .replace(/\b(\d+)\s*(d|dys?)\b/g, "$1 days")
    .replace(/\b(\d+)\s*(mos?|mths?|m)\b/g, "$1 months")
    .replace(/\b(\d+)\s*(yrs?|y)\b/g, "$1 years")
    .replace(/\bwks?\b/g, "weeks")
    .replace(/\b(weds?|wednes)\b/g, "wednesday")
    .replace(/\b(tues?)\b/g, "tuesday")
    .replace(/\b(thurs?|thu)\b/g, "thursday")
    .replace(/\b(til|till|untill|unitl|untl)\b/g, "until")
    // "in a month's time", "a week's time": the span itself.
    .replace(/\b(days?|weeks?|months?|years?)'?s'? time\b/g, "$1")
    // "give it 3 more days", "another 2 weeks": the span.
    .replace(/\b(\d+) (?:more|extra|further) (days?|weeks?|months?)\b/g, "$1 $2")
    .replace(/\bnxt\b/g, "next")
    .replace(/\bmon\b/g, "monday")
    .replace(/\s+/g, " ")
    .trim();
}

const DAY = 86_400_000;

function today(clock: Clock): LocalDate {
  const { year, month, day } = utcToLocal(clock.now, clock.timeZone);
  return { year, month, day };
}

/** Calendar arithmetic on dates alone (no zone: a local date plus days is a local date). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Months later, on the same day of the month, clamped to the month's last day. */
export function addMonths(date: LocalDate, months: number): LocalDate {
  const index = date.month - 1 + months;
  const year = date.year + Math.floor(index / 12);
  const month = (((index % 12) + 12) % 12) + 1;
  return { year, month, day: Math.min(date.day, lastDayOfMonth(year, month)) };
}

export function addSpan(date: LocalDate, span: Span): LocalDate {
  return "days" in span ? addDays(date, span.days) : addMonths(date, span.months);
}

function weekdayOf(date: LocalDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

/** The next `weekday` strictly after `date`. */
function nextWeekday(date: LocalDate, weekday: number): LocalDate {
  const ahead = (weekday - weekdayOf(date) + 7) % 7 || 7;
  return addDays(date, ahead);
}

/** Monday of the week after `date` (weeks start on Monday). */
function nextMonday(date: LocalDate): LocalDate {
  const sinceMonday = (weekdayOf(date) + 6) % 7;
  return addDays(date, 7 - sinceMonday);
}

/** Dates compare as YYYYMMDD numbers. */
function key(date: LocalDate): number {
  return date.year * 10_000 + date.month * 100 + date.day;
}

/** The first `month`/`day` strictly after `from` (next year when this year's is past). */
function nextDayOfYear(from: LocalDate, month: number, day: number): LocalDate {
  const clamp = (year: number) => ({ year, month, day: Math.min(day, lastDayOfMonth(year, month)) });
  const thisYear = clamp(from.year);
  return key(thisYear) > key(from) ? thisYear : clamp(from.year + 1);
}

/** Zones whose people write month first ("1/5" is 5 January). */
function writesMonthFirst(timeZone: string): boolean {
  return /^(America|US|Canada|Pacific\/Honolulu)\b/.test(timeZone);
}

/** "2 weeks", "10 days", "a month", "3 months": a span, or null. `text` has gone through normaliseTimeWords. */
export function readSpan(text: string): { span: Span; at: number; length: number } | null {
  const match = /\b(\d{1,3}|an?)\s*(days?|weeks?|months?|years?)\b/.exec(text);
  if (!match) return null;
  const n = /^an?$/.test(match[1]!) ? 1 : Number(match[1]);
  if (!Number.isInteger(n) || n < 1) return null;
  const unit = match[2]!;
  const span: Span | null = unit.startsWith("day")
    ? n <= 730 ? { days: n } : null
    : unit.startsWith("week")
      ? n <= 104 ? { days: n * 7 } : null
      : unit.startsWith("month")
        ? n <= 24 ? { months: n } : null
        : n <= 2 ? { months: n * 12 } : null;
  return span ? { span, at: match.index, length: match[0].length } : null;
}

function cut(text: string, at: number, length: number): string {
  return `${text.slice(0, at)} ${text.slice(at + length)}`.replace(/\s+/g, " ").trim();
}

type OwnRule = (text: string, from: LocalDate) => { date: LocalDate; match: RegExpExecArray } | null;

const WEEKDAY_WORDS = `${WEEKDAYS.join("|")}|mon|fri|sat|sun`;
const weekdayPattern = `(${WEEKDAY_WORDS})`;
/** A weekday said beside a date ("Wednesday the 16th"), not captured. */
const WEEKDAY_WORD = `(?:${WEEKDAY_WORDS})`;
const monthPattern = `(${MONTHS.join("|")}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)`;

function weekdayIndex(word: string): number {
  return WEEKDAYS.findIndex((day) => day.startsWith(word.slice(0, 3)));
}

function monthIndex(word: string): number {
  return MONTHS.findIndex((month) => month.startsWith(word.slice(0, 3))) + 1;
}

function ordinalDay(text: string): number {
  return Number(text.replace(/\D/g, ""));
}

/** Holidays people snooze around, as month and day. */
const HOLIDAYS: [RegExp, number, number][] = [
  [/\b(?:christmas|xmas)(?: day)?\b/, 12, 25],
  [/\bchristmas eve\b/, 12, 24],
  [/\bboxing day\b/, 12, 26],
  [/\bnew year'?s?(?: day)?\b/, 1, 1],
  [/\bnew year'?s eve\b/, 12, 31],
];

/** The rules chrono does not have, most specific first. Each must match a whole phrase. */
const OWN_RULES: OwnRule[] = [
  // "after Christmas", "after New Year's": the day after; "by Christmas", "on New Year's Day": the day.
  (text, from) => {
    for (const [pattern, month, day] of HOLIDAYS) {
      const match = pattern.exec(text);
      if (!match) continue;
      const date = nextDayOfYear(from, month, day);
      const before = text.slice(0, match.index);
      // "before Christmas" names no day: it is for the user to say which.
      if (/\b(before|by)\s+(the\s+)?$/.test(before)) return null;
      const whole = /\b(after|past)\s+(the\s+)?$/.exec(before);
      const at = whole ? whole.index : match.index;
      const full = Object.assign([text.slice(at, match.index + match[0].length)], { index: at, input: text }) as unknown as RegExpExecArray;
      return { date: whole ? addDays(date, 1) : date, match: full };
    }
    return null;
  },
  // "a week from tomorrow", "2 days from tomorrow"
  (text, from) => {
    const match = /\b(\d{1,2}|an?) (days?|weeks?) from tomorrow\b/.exec(text);
    if (!match) return null;
    const n = /^an?$/.test(match[1]!) ? 1 : Number(match[1]);
    return { date: addDays(from, 1 + n * (match[2]!.startsWith("week") ? 7 : 1)), match };
  },
  // "a week from Friday", "2 weeks from monday"
  (text, from) => {
    const match = new RegExp(`\\b(\\d{1,2}|an?) weeks? from (this |next )?${weekdayPattern}\\b`).exec(text);
    if (!match) return null;
    const weeks = /^an?$/.test(match[1]!) ? 1 : Number(match[1]);
    const base = nextWeekday(from, weekdayIndex(match[3]!));
    return { date: addDays(match[2] === "next " ? addDays(base, 7) : base, weeks * 7), match };
  },
  // "Thursday week", "Monday week" (British): that weekday a week after the coming one.
  (text, from) => {
    const match = new RegExp(`\\b${weekdayPattern} week\\b(?! ?end)`).exec(text);
    if (!match) return null;
    return { date: addDays(nextWeekday(from, weekdayIndex(match[1]!)), 7), match };
  },
  // "the week after next": its Monday, as "next week" is next week's.
  (text, from) => {
    const match = /\b(?:the )?weeks? after next\b/.exec(text);
    return match ? { date: addDays(nextMonday(from), 7), match } : null;
  },
  // "the first Monday of January", "the second Tuesday in March": counted from the month's 1st.
  (text, from) => {
    const match = new RegExp(`\\b(?:the )?(first|1st|second|2nd|third|3rd|fourth|4th) ${weekdayPattern} (?:of|in) ${monthPattern}\\b`).exec(text);
    if (!match) return null;
    const nth = { first: 1, "1st": 1, second: 2, "2nd": 2, third: 3, "3rd": 3, fourth: 4, "4th": 4 }[match[1]!]!;
    const first = nextDayOfYear(from, monthIndex(match[3]!), 1);
    const weekday = weekdayIndex(match[2]!);
    const firstOfKind = weekdayOf(first) === weekday ? first : nextWeekday(first, weekday);
    return { date: addDays(firstOfKind, 7 * (nth - 1)), match };
  },
  // "the first week of January": its 1st, or the Monday after when the 1st falls on Friday to Sunday.
  (text, from) => {
    const match = new RegExp(`\\b(?:the )?(?:first|1st) week of ${monthPattern}\\b`).exec(text);
    if (!match) return null;
    const first = nextDayOfYear(from, monthIndex(match[1]!), 1);
    const weekday = weekdayOf(first);
    return { date: weekday === 5 || weekday === 6 || weekday === 0 ? nextWeekday(first, 1) : first, match };
  },
  // "the start of next month", "early next month", "mid next month"
  (text, from) => {
    const match = /\b(?:the )?(start|beginning|early|mid|middle)(?: of|-)? next month\b/.exec(text);
    if (!match) return null;
    const next = addMonths({ ...from, day: 1 }, 1);
    return { date: /^mid/.test(match[1]!) ? { ...next, day: 15 } : next, match };
  },
  // "end of next week" (its Friday), "end of the week", "end of the month", "end of January"
  (text, from) => {
    const match = new RegExp(`\\b(?:by |at |until )?(?:the )?end of (next week|(?:the |this )?week|(?:the |this )?month|next month|${monthPattern})\\b`).exec(text);
    if (!match) return null;
    const what = match[1]!;
    if (what === "next week") return { date: addDays(nextMonday(from), 4), match };
    if (/week$/.test(what)) {
      const friday = weekdayOf(from) === 5 ? from : nextWeekday(from, 5);
      return { date: weekdayOf(from) === 6 || weekdayOf(from) === 0 ? nextWeekday(from, 5) : friday, match };
    }
    if (what === "next month") {
      const next = addMonths({ ...from, day: 1 }, 1);
      return { date: { ...next, day: lastDayOfMonth(next.year, next.month) }, match };
    }
    if (/month$/.test(what)) return { date: { ...from, day: lastDayOfMonth(from.year, from.month) }, match };
    const month = monthIndex(what);
    const date = nextDayOfYear(from, month, 1);
    return { date: { ...date, day: lastDayOfMonth(date.year, month) }, match };
  },
  // "after the weekend" -> the Monday after it
  (text, from) => {
    const match = /\bafter (?:the|this) week ?end\b/.exec(text);
    return match ? { date: nextMonday(from), match } : null;
  },
  // "next week" -> Monday; "next weekend" / "this weekend" / "the weekend" -> Saturday
  (text, from) => {
    const match = /\b(next|this|the|over the) (week ?end|week)\b/.exec(text);
    if (!match) return null;
    const weekend = match[2] !== "week";
    if (!weekend && match[1] !== "next") return null; // "this week" names no day
    if (!weekend) return { date: nextMonday(from), match };
    const saturday = weekdayOf(from) === 6 ? from : nextWeekday(from, 6);
    return { date: match[1] === "next" ? addDays(nextMonday(from), 5) : saturday, match };
  },
  // "mid-January", "early February", "late March", "in January", "until Feb", "January" alone
  (text, from) => {
    const match = new RegExp(`\\b(mid|early|late|in|until|by|beginning of|start of)?[- ]?${monthPattern}\\b(?! ?\\d)`).exec(text);
    if (!match || (match[1] === undefined && !new RegExp(`^${monthPattern}$`).test(text.trim()))) return null;
    const month = monthIndex(match[2]!);
    const day = match[1] === "mid" ? 15 : match[1] === "late" ? 25 : 1;
    const date = nextDayOfYear(from, month, day);
    // "in January" said in January means next January only if this one is (almost) over.
    return { date, match };
  },
  // "the 15th", "on the 3rd", "until the 17th", "on 18th": the next such day of a month
  (text, from) => {
    const match = new RegExp(`\\b(?:(?:on |until |by |after )?(?:${WEEKDAY_WORD},? )?the |(?:on|until|by|after) (?:${WEEKDAY_WORD},? )?)(\\d{1,2})(?:st|nd|rd|th)\\b(?! of)`).exec(text);
    if (!match) return null;
    const day = ordinalDay(match[1]!);
    if (day < 1 || day > 31) return null;
    let date: LocalDate = { ...from, day: Math.min(day, lastDayOfMonth(from.year, from.month)) };
    if (key(date) <= key(from)) {
      const next = addMonths({ ...from, day: 1 }, 1);
      date = { ...next, day: Math.min(day, lastDayOfMonth(next.year, next.month)) };
    }
    // "after the 15th": the day after it.
    return { date: /^after\b/.test(match[0]) ? addDays(date, 1) : date, match };
  },
];

/**
 * "1/5" or "20/12" or "12/20/26"; null when none, "ambiguous" when it could be either order. A
 * dotted "23.12." is day first, as everywhere it is written so.
 */
function slashDate(text: string, from: LocalDate, timeZone: string): { date: LocalDate | "ambiguous"; match: RegExpExecArray } | null {
  const dotted = /\b(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4})?)?(?![\d.])(?!\s*(?:days?|weeks?|months?|hours?|years?)\b)/.exec(text);
  if (dotted) {
    const [day, month] = [Number(dotted[1]), Number(dotted[2])];
    if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(2028, month)) return null;
    if (dotted[3]) {
      const year = dotted[3].length === 2 ? 2000 + Number(dotted[3]) : Number(dotted[3]);
      return { date: { year, month, day: Math.min(day, lastDayOfMonth(year, month)) }, match: dotted };
    }
    return { date: nextDayOfYear(from, month, day), match: dotted };
  }
  const match = /\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?\b/.exec(text);
  if (!match) return null;
  const [a, b] = [Number(match[1]), Number(match[2])];
  let month: number;
  let day: number;
  if (writesMonthFirst(timeZone)) [month, day] = [a, b];
  else if (a > 12 && b <= 12) [month, day] = [b, a];
  else if (b > 12 && a <= 12) [month, day] = [a, b];
  else return { date: "ambiguous", match };
  if (month < 1 || month > 12 || day < 1 || day > lastDayOfMonth(2028, month)) return null;
  if (match[3]) {
    const year = match[3].length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
    return { date: { year, month, day: Math.min(day, lastDayOfMonth(year, month)) }, match };
  }
  return { date: nextDayOfYear(from, month, day), match };
}

/** chrono's reading of the first date it finds, corrected where people mean otherwise. */
function chronoDate(text: string, from: LocalDate): { date: LocalDate; at: number; length: number } | null {
  // chrono works in the process's own zone: give it the user's local date at noon as a local
  // time there, and read back only the date (noon is never inside a DST gap).
  const reference = new Date(from.year, from.month - 1, from.day, 12, 0, 0);
  for (const result of chrono.casual.parse(text, reference, { forwardDate: true })) {
    const start = result.start;
    // Times of day ("at 3pm") alone name no day.
    if (!start.isCertain("day") && !start.isCertain("weekday") && !start.isCertain("month")) continue;
    let date: LocalDate = { year: start.get("year")!, month: start.get("month")!, day: start.get("day")! };
    if (start.isCertain("weekday") && !start.isCertain("day")) {
      const weekday = start.get("weekday")!;
      // chrono reads "Friday" said on a Friday as today, and "this Friday" likewise: people mean the next one.
      if (!/\bnext\b/.test(result.text) && key(date) <= key(from)) date = nextWeekday(from, weekday);
      if (/\blast\b/.test(result.text)) continue;
    }
    if (key(date) < key(from)) continue; // a past date names no snooze
    return { date, at: result.index, length: result.text.length };
  }
  return null;
}

/**
 * The day a phrase names, if it names one. `text` is lowercase. Relative words ("tomorrow",
 * "in 10 days") count from the reply's local date.
 */
export function readWhen(raw: string, clock: Clock): WhenReading | null {
  const text = normaliseTimeWords(raw);
  const from = today(clock);
  // Feasts whose date moves with a calendar Rapport does not keep ("after Chinese New Year" is
  // no 1 January): no day, so a snooze asks which.
  if (/\b(?:chinese|lunar) new year\b|\b(?:spring festival|diwali|eid|ramadan|hanukkah|passover|easter|holi|tet|rosh hashanah|yom kippur)\b/.test(text)) return null;

  // "after my interview on the 17th": the day after the day named.
  const after = /\bafter\b.*?\bon\b/.test(text);
  const shift = (date: LocalDate) => (after ? addDays(date, 1) : date);

  if (/\b(day after tomorrow|overmorrow)\b/.test(text)) {
    return { kind: "date", date: addDays(from, 2), rest: text.replace(/\b(the )?day after tomorrow\b/, " ").trim() };
  }
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text);
  if (iso) {
    const date = { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
    if (date.month >= 1 && date.month <= 12 && date.day >= 1 && date.day <= lastDayOfMonth(date.year, date.month)) {
      return { kind: "date", date, rest: cut(text, iso.index, iso[0].length) };
    }
  }
  const slash = slashDate(text, from, clock.timeZone);
  if (slash) {
    const rest = cut(text, slash.match.index, slash.match[0].length);
    return slash.date === "ambiguous" ? { kind: "ambiguous", rest } : { kind: "date", date: shift(slash.date), rest };
  }
  for (const rule of OWN_RULES) {
    const found = rule(text, from);
    if (found) return { kind: "date", date: shift(found.date), rest: cut(text, found.match.index, found.match[0].length) };
  }
  const span = readSpan(text);
  if (span) {
    // "2 weeks from now", "in 10 days", "for a month", "3 days later"
    const tail = /^( from (now|today)| later)/.exec(text.slice(span.at + span.length));
    // "2 days before the meeting": counted from a day the reply does not give.
    if (/^ (before|prior to|ahead of)\b/.test(text.slice(span.at + span.length))) return null;
    const before = /\b(in|for|after|within) $/.exec(text.slice(0, span.at));
    const at = before ? before.index : span.at;
    const length = span.at + span.length - at + (tail ? tail[0].length : 0);
    return { kind: "date", date: addSpan(from, span.span), rest: cut(text, at, length) };
  }
  const found = chronoDate(text, from);
  if (found) return { kind: "date", date: shift(found.date), rest: cut(text, found.at, found.length) };
  return null;
}

/**
 * Whether a text starts with a word of days and dates ("Thursday", "Jan", "tomorrow", "next"):
 * "moved to Thursday" names when, not a new employer.
 */
const DATE_WORD_FIRST = new RegExp(
  `^(?:${WEEKDAYS.join("|")}|${MONTHS.join("|")}|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|tomorrow|today|next|this|the)\\b`,
  "i",
);

export function startsWithDateWord(text: string): boolean {
  return DATE_WORD_FIRST.test(text);
}

export function isoDate(date: LocalDate): string {
  return `${date.year}-${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
}

export function parseIsoDate(text: string): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return match ? { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) } : null;
}
