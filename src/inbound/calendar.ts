/**
 * Reads one iCalendar text into the meetings it describes: the iTIP method and, per VEVENT,
 * the instants (UTC ms), people and places Rapport needs. Times are resolved by timezones.ts,
 * never by ical.js's global zone registry.
 */
import ICAL from "ical.js";
import { atClock, localAsUtc, type LocalDateTime } from "../time/zoned";
import { repairCalendar } from "./ics-repair";
import { InviteError } from "./invite-error";
import { CalendarDataError, firstPropertyValue, firstValue, localOf } from "./ical-time";
import { UNREADABLE_RRULE } from "./ics-repair";
import { nextOccurrenceAfter } from "./recurrence";
import { ianaOf, resolveTzid, toUtc, tzidKey, type ZoneRule } from "./timezones";
import { WorkBudget, WorkBudgetSpent } from "./work-budget";

export type ItipMethod = "REQUEST" | "PUBLISH" | "CANCEL" | "REPLY" | "COUNTER" | "REFRESH" | "ADD" | "DECLINECOUNTER";

export interface Participant {
  name: string | null;
  email: string;
  /** CUTYPE: INDIVIDUAL unless the calendar says ROOM, RESOURCE, GROUP or UNKNOWN. */
  kind: string;
  /** ROLE, uppercase: REQ-PARTICIPANT unless the calendar says CHAIR, OPT-PARTICIPANT or NON-PARTICIPANT. */
  role: string;
  /** SENT-BY: the address that acted for this participant (an assistant, or their own alias). */
  sentBy: string | null;
}

/** How the event's wall-clock times were tied to UTC. `floating` and `unknown_zone` used the user's zone. */
export type ZoneSource = "utc" | "iana" | "vtimezone" | "fixed" | "floating" | "unknown_zone" | "all_day";

export interface CalendarEvent {
  uid: string;
  /** '' for the event or series itself; the RECURRENCE-ID instant (ISO) for one occurrence. */
  recurrenceId: string;
  sequence: number;
  dtstamp: number | null;
  summary: string;
  description: string;
  location: string;
  /** Conference links from vendor X- properties (Teams, Google Meet). */
  conferenceUrls: string[];
  /** The URL property: often a conference link, sometimes just the event's web page. */
  url: string | null;
  organizer: Participant | null;
  attendees: Participant[];
  status: string;
  allDay: boolean;
  /** UTC instants; for all-day events, midnight in the zone used for floating times. */
  start: number;
  end: number;
  /** All-day only: YYYY-MM-DD, end exclusive. */
  startDate: string | null;
  endDate: string | null;
  /** The IANA zone the invite's times are written in, when known. */
  timeZone: string | null;
  zoneSource: ZoneSource;
  /** The raw TZID when it could not be resolved (then the user's zone was used). */
  unknownTzid: string | null;
  recurring: boolean;
  /** True when `start`/`end` are the next occurrence of a series rather than its first. */
  nextOccurrence: boolean;
  /** Why a series was not expanded, so its first occurrence stands (for the log); null otherwise. */
  notExpanded: string | null;
}

export interface ReadCalendarOptions {
  /** The MIME part's `method=` parameter; the METHOD property wins when both exist. */
  mimeMethod: string | null;
  /** Zone for floating times and all-day dates: the user's. */
  floatingZone: string;
  now: number;
  /** The message's work budget: series expansion and zone evaluation draw on it. */
  budget?: WorkBudget;
}

export interface CalendarRead {
  method: ItipMethod;
  events: CalendarEvent[];
  /** Why a VEVENT was skipped (e.g. no DTSTART), when others were usable or none were. */
  skipped: InviteError[];
}

/**
 * More VEVENTs than this in one message is a calendar export, not an invitation. Counted on
 * the text before anything is parsed, so a flood of events costs one scan.
 */
export const MAX_EVENTS = 50;

/** How many VEVENTs a calendar text holds, without parsing it. */
export function countEvents(calendarText: string): number {
  return calendarText.match(/^[ \t]*BEGIN[ \t]*:[ \t]*VEVENT[ \t]*\r?$/gim)?.length ?? 0;
}

export function tooManyEvents(count: number): InviteError {
  return new InviteError(
    "too_large",
    `Your message holds ${count} calendar events; Rapport reads invitations of up to ${MAX_EVENTS}. ` +
      "Forward the one invitation rather than a calendar export.",
    `${count} VEVENTs > ${MAX_EVENTS}`,
  );
}

function tooComplex(error: WorkBudgetSpent): InviteError {
  return new InviteError(
    "too_large",
    "The calendar in your message takes more work to read than Rapport allows (its time zones or " +
      "repeat rules are too complex). Forward the invitation again from your calendar app.",
    error.message,
  );
}

const KNOWN_METHODS = new Set<string>(["REQUEST", "PUBLISH", "CANCEL", "REPLY", "COUNTER", "REFRESH", "ADD", "DECLINECOUNTER"]);
const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

function text(component: ICAL.Component, name: string): string {
  return verbatim(component, name).trim();
}

/**
 * A text value as the invite has it (leading spaces and all): what the organizer typed is kept
 * faithfully and only tidied where it is shown. Whitespace alone counts as absent.
 */
function verbatim(component: ICAL.Component, name: string): string {
  const value = firstPropertyValue(component, name);
  return typeof value === "string" && value.trim() !== "" ? value : "";
}

function param(property: ICAL.Property, name: string): string | null {
  const value = property.getParameter(name);
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" && first.trim() !== "" ? first.trim() : null;
}

const EMAIL_IN_TEXT = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/;

/**
 * An ORGANIZER or ATTENDEE. Addresses come from EMAIL= (iCloud's imip proxy puts the real
 * address there), else the value with or without `mailto:` in any case, quoted or not.
 */
function participant(property: ICAL.Property): Participant | null {
  const fromParam = param(property, "email");
  const value = String(firstValue(property) ?? "");
  const email = (fromParam ?? EMAIL_IN_TEXT.exec(value)?.[0] ?? EMAIL_IN_TEXT.exec(param(property, "cn") ?? "")?.[0])?.toLowerCase();
  if (!email || !EMAIL_IN_TEXT.test(email)) return null;
  const cn = param(property, "cn")?.replace(/^["']+|["']+$/g, "").trim() ?? null;
  const sentBy = EMAIL_IN_TEXT.exec(param(property, "sent-by") ?? "")?.[0]?.toLowerCase() ?? null;
  return {
    name: cn && cn.toLowerCase() !== email && !/^mailto:/i.test(cn) ? cn : null,
    email,
    kind: (param(property, "cutype") ?? "INDIVIDUAL").toUpperCase(),
    role: (param(property, "role") ?? "REQ-PARTICIPANT").toUpperCase().replace(/_/g, "-"),
    sentBy,
  };
}

function webUrl(value: string): string | null {
  return /^https?:\/\//i.test(value) ? value : null;
}

function isoDate(local: LocalDateTime): string {
  return new Date(localAsUtc(local)).toISOString().slice(0, 10);
}

/**
 * One resolver per VEVENT, telling how each time was tied to UTC. Zone rules are resolved once
 * per TZID and calendar (`rules` is shared by the calendar's events: same VTIMEZONEs, same
 * `around`), so a series with its overridden occurrences evaluates a custom zone once.
 */
function zoneResolver(
  vtimezones: Map<string, ICAL.Component>,
  rules: Map<string, ZoneRule | null>,
  floatingZone: string,
  around: number,
  budget: WorkBudget,
) {
  const floating: ZoneRule = { kind: "iana", name: floatingZone };
  return {
    rule(property: ICAL.Property, time: ICAL.Time): { rule: ZoneRule; source: ZoneSource; unknown: string | null } {
      if (time.isDate) return { rule: floating, source: "all_day", unknown: null };
      // ical.js marks a trailing Z by giving the time its UTC zone.
      if (time.zone === ICAL.Timezone.utcTimezone) {
        return { rule: { kind: "utc" }, source: "utc", unknown: null };
      }
      const tzid = param(property, "tzid");
      if (!tzid) return { rule: floating, source: "floating", unknown: null };
      if (!rules.has(tzid)) rules.set(tzid, resolveTzid(tzid, vtimezones, around, budget));
      const rule = rules.get(tzid)!;
      if (!rule) return { rule: floating, source: "unknown_zone", unknown: tzid };
      return { rule, source: rule.kind === "utc" ? "utc" : rule.kind, unknown: null };
    },
  };
}

function readEvent(
  vevent: ICAL.Component,
  vtimezones: Map<string, ICAL.Component>,
  resolvedZones: Map<string, ZoneRule | null>,
  options: ReadCalendarOptions,
  budget: WorkBudget,
): CalendarEvent {
  const startProperty = vevent.getFirstProperty("dtstart");
  const startValue = startProperty ? firstValue(startProperty) : undefined;
  if (!startProperty || !(startValue instanceof ICAL.Time)) {
    throw new InviteError(
      "missing_start",
      "The invitation has no start time (DTSTART), so Rapport cannot tell when the meeting is. " +
        "Ask the organizer to send it again, or forward the invitation from your own calendar.",
      `VEVENT ${text(vevent, "uid") || "(no UID)"} without DTSTART`,
    );
  }

  // A meeting outside these years is a broken or hostile date, and expanding a series or a
  // time zone from the year 1054 to now would burn the Worker's CPU budget for nothing.
  if (startValue.year < MIN_YEAR || startValue.year > MAX_YEAR) {
    throw new InviteError(
      "invalid_calendar",
      `The invitation's date (year ${startValue.year}) cannot be right, so Rapport did not plan anything. ` +
        "Forward the invitation again from your calendar app.",
      `DTSTART year ${startValue.year}`,
    );
  }

  const resolver = zoneResolver(vtimezones, resolvedZones, options.floatingZone, options.now, budget);
  const startZone = resolver.rule(startProperty, startValue);
  const allDay = startValue.isDate;
  const toInstant = (time: ICAL.Time, property: ICAL.Property): number => {
    const { rule } = time.isDate ? startZone : resolver.rule(property, time);
    return toUtc(time.isDate ? atClock(localOf(time), 0) : localOf(time), rule);
  };

  let start = toInstant(startValue, startProperty);
  let end = start;
  let endLocal: LocalDateTime | null = null;
  const endProperty = vevent.getFirstProperty("dtend");
  const endValue = endProperty ? firstValue(endProperty) : undefined;
  const duration = firstPropertyValue(vevent, "duration");
  // DTEND wins over DURATION when a (non-conforming) event carries both: it is what clients display.
  if (endProperty && endValue instanceof ICAL.Time) {
    end = toInstant(endValue, endProperty);
    endLocal = localOf(endValue);
  } else if (duration instanceof ICAL.Duration && !duration.isNegative) {
    const local = startValue.clone();
    local.addDuration(duration);
    endLocal = localOf(local);
    end = allDay ? toInstant(local, startProperty) : start + duration.toSeconds() * 1000;
  } else if (allDay) {
    const local = startValue.clone();
    local.adjust(1, 0, 0, 0);
    endLocal = localOf(local);
    end = toInstant(local, startProperty);
  }
  if (end < start) end = start;

  const recurring = vevent.hasProperty("rrule") || vevent.hasProperty("rdate") || vevent.hasProperty(UNREADABLE_RRULE);
  let nextOccurrence = false;
  let notExpanded: string | null = null;
  if (recurring && !vevent.hasProperty("recurrence-id")) {
    const next = nextOccurrenceAfter(vevent, startValue, options.now, (time) => toInstant(time, startProperty), budget);
    notExpanded = next.notExpanded;
    if (next.instant !== null && next.instant !== start) {
      const length = end - start;
      start = next.instant;
      end = next.instant + length;
      nextOccurrence = true;
    }
  }

  const recurrenceProperty = vevent.getFirstProperty("recurrence-id");
  const recurrenceValue = recurrenceProperty ? firstValue(recurrenceProperty) : undefined;
  // Only orders competing updates: a malformed DTSTAMP ("202103206T200210Z") is no reason to drop the event.
  let dtstamp: unknown = null;
  try {
    dtstamp = firstPropertyValue(vevent, "dtstamp");
  } catch {
    dtstamp = null;
  }
  const sequence = Number(firstPropertyValue(vevent, "sequence") ?? 0);

  return {
    uid: text(vevent, "uid") || syntheticUid(vevent),
    recurrenceId:
      recurrenceProperty && recurrenceValue instanceof ICAL.Time
        ? new Date(toInstant(recurrenceValue, recurrenceProperty)).toISOString()
        : "",
    sequence: Number.isFinite(sequence) && sequence >= 0 ? Math.floor(sequence) : 0,
    dtstamp: dtstamp instanceof ICAL.Time ? toUtc(localOf(dtstamp), { kind: "utc" }) : null,
    summary: verbatim(vevent, "summary"),
    description: verbatim(vevent, "description"),
    location: verbatim(vevent, "location"),
    conferenceUrls: conferenceUrls(vevent),
    url: webUrl(text(vevent, "url")),
    organizer: (() => {
      const property = vevent.getFirstProperty("organizer");
      return property ? participant(property) : null;
    })(),
    // Only the VEVENT's own ATTENDEEs: a VALARM's ATTENDEE is who gets the reminder, not a guest.
    attendees: vevent
      .getAllProperties("attendee")
      .map(participant)
      .filter((p): p is Participant => p !== null),
    status: text(vevent, "status").toUpperCase(),
    allDay,
    start,
    end,
    startDate: allDay ? isoDate(localOf(startValue)) : null,
    endDate: allDay && endLocal ? isoDate(endLocal) : null,
    timeZone: allDay ? null : startZone.source === "floating" || startZone.source === "unknown_zone" ? null : ianaOf(startZone.rule),
    zoneSource: startZone.source,
    unknownTzid: startZone.unknown,
    recurring,
    nextOccurrence,
    notExpanded,
  };
}

const CONFERENCE_PROPERTIES = [
  "x-google-conference",
  "x-microsoft-skypeteamsmeetingurl",
  "x-microsoft-onlinemeetingconflink",
  "x-microsoft-onlinemeetingexternallink",
];

function conferenceUrls(vevent: ICAL.Component): string[] {
  const urls: string[] = [];
  for (const name of CONFERENCE_PROPERTIES) {
    const value = firstPropertyValue(vevent, name);
    if (typeof value === "string" && /^https?:\/\//i.test(value.trim())) urls.push(value.trim());
  }
  return urls;
}

/** A stable stand-in for a missing UID (legacy CDO exports), so updates still find the meeting. */
function syntheticUid(vevent: ICAL.Component): string {
  const seed = `${vevent.getFirstProperty("dtstart")?.toICALString() ?? ""}|${text(vevent, "summary")}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i += 1) hash = Math.imul(hash ^ seed.charCodeAt(i), 0x01000193) >>> 0;
  return `rapport-no-uid-${hash.toString(16).padStart(8, "0")}`;
}

function parseCalendars(textValue: string): ICAL.Component[] {
  // Repairs touch only lines ical.js would reject, so they run on every calendar: some
  // malformations (a bare DATE without VALUE=DATE) only fail later, when a value is read.
  const repaired = repairCalendar(textValue);
  let jcal: unknown[];
  try {
    // Only ical.js runs here, on the sender's text: whatever it throws (its parser also throws
    // TypeErrors on some broken structures) says the calendar cannot be read.
    jcal = ICAL.parse(repaired) as unknown[];
  } catch (error) {
    throw damagedCalendar(error instanceof Error && !isDataError(error) ? new Error(`ical.js: ${error.message}`) : error);
  }
  // One VCALENDAR parses to a jCal array; several parse to an array of them.
  const list = typeof jcal[0] === "string" ? [jcal] : jcal;
  return list.map((item) => new ICAL.Component(item as unknown[]));
}

/**
 * Whether an error says the calendar's data is bad, rather than that our code is: an
 * InviteError of ours, or what ical.js throws for data it cannot read (a plain Error, its
 * ParserError, its InvalidRecurrenceRuleError). A TypeError, RangeError or the like is a bug
 * and is thrown on, so that it is seen (and the fuzz tests can catch it), not told to a user as
 * a damaged invite.
 */
function isDataError(error: unknown): boolean {
  if (error instanceof InviteError) return true;
  if (!(error instanceof Error)) return false;
  const prototype = Object.getPrototypeOf(error) as object | null;
  return error instanceof CalendarDataError || prototype === Error.prototype || error.name === "ParserError" || error.name === "InvalidRecurrenceRuleError";
}

function damagedCalendar(error: unknown): InviteError {
  if (!isDataError(error)) throw error;
  if (error instanceof InviteError) return error;
  return new InviteError(
    "invalid_calendar",
    "The calendar attached to your message is damaged and could not be read. " +
      "Forward the invitation again from your calendar app, or ask the organizer to resend it.",
    error instanceof Error ? error.message : String(error),
  );
}

export function readCalendar(calendarText: string, options: ReadCalendarOptions): CalendarRead {
  const eventCount = countEvents(calendarText);
  if (eventCount > MAX_EVENTS) throw tooManyEvents(eventCount);
  const budget = options.budget ?? new WorkBudget();
  const calendars = parseCalendars(calendarText);
  let method: ItipMethod | null = null;
  const events: CalendarEvent[] = [];
  const skipped: InviteError[] = [];

  for (const calendar of calendars) {
    const declared = text(calendar, "method").toUpperCase() || options.mimeMethod?.toUpperCase() || "";
    method ??= (KNOWN_METHODS.has(declared) ? declared : "PUBLISH") as ItipMethod;

    const vtimezones = new Map<string, ICAL.Component>();
    for (const vtimezone of calendar.getAllSubcomponents("vtimezone")) {
      const tzid = text(vtimezone, "tzid");
      if (tzid) vtimezones.set(tzidKey(tzid), vtimezone);
    }
    const resolvedZones = new Map<string, ZoneRule | null>();
    for (const vevent of calendar.getAllSubcomponents("vevent")) {
      try {
        events.push(readEvent(vevent, vtimezones, resolvedZones, options, budget));
      } catch (error) {
        // Zone evaluation by ical.js (rare VTIMEZONE shapes) that ran out of budget.
        if (error instanceof WorkBudgetSpent) throw tooComplex(error);
        // ical.js decodes values lazily, so a malformed value surfaces here, per event.
        skipped.push(damagedCalendar(error));
      }
    }
  }
  return { method: method ?? "PUBLISH", events, skipped };
}
