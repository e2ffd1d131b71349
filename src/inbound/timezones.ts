/**
 * Resolves an invite's TZID to rules that turn its wall-clock times into UTC instants.
 *
 * ical.js reads a TZID it has no registered zone for as UTC, silently, which would put every
 * Outlook meeting hours off. So Rapport never lets ical.js resolve zones: it reads the local
 * fields and converts them itself, in this order:
 *   1. an IANA name (also inside Mozilla-style "/mozilla.org/.../Europe/Berlin" prefixes);
 *   2. a Windows zone name ("Pacific Standard Time"), mapped to IANA with windows-iana;
 *   3. the calendar's own VTIMEZONE (Exchange display names, Lotus, CDO custom zones),
 *      evaluated per message (vtimezone.ts, or for unusual rule shapes an ical.js Timezone)
 *      and never registered in ical.js's process-wide TimezoneService, so one sender's zone
 *      definitions cannot leak into another's parse;
 *   4. without VTIMEZONE: a Windows name missing its " Standard Time" (Lotus "FLE"), a known
 *      region or city in a display name ("(UTC-05:00) Eastern Time (US & Canada)"), else the
 *      fixed offset the name states.
 */
import ICAL from "ical.js";
import { findIana } from "windows-iana";
import { canonicalTimeZone, localToUtc, localToUtcWith, offsetAt, type LocalDateTime } from "../time/zoned";
import { zonesNamedIn } from "../time/place-zones";
import { metered } from "./ical-meter";
import { firstPropertyValue, firstValue, localOf } from "./ical-time";
import { ruleProblem } from "./rrule-check";
import { zoneRules, type ZoneRules } from "./vtimezone";
import { WorkBudget } from "./work-budget";

export type ZoneRule =
  | { kind: "utc" }
  | { kind: "iana"; name: string }
  | { kind: "vtimezone"; tzid: string; rules: ZoneRules; iana: string | null }
  | { kind: "fixed"; offsetMs: number };

/** The IANA zone a rule corresponds to, when there is one (for showing times and guessing a user's zone). */
export function ianaOf(rule: ZoneRule): string | null {
  switch (rule.kind) {
    case "utc":
      return "UTC";
    case "iana":
      return rule.name;
    case "vtimezone":
      return rule.iana;
    case "fixed":
      return null;
  }
}

export function toUtc(local: LocalDateTime, rule: ZoneRule): number {
  switch (rule.kind) {
    case "utc":
      return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
    case "iana":
      return localToUtc(local, rule.name);
    case "fixed":
      return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second) - rule.offsetMs;
    case "vtimezone":
      return localToUtcWith(local, rule.rules.offsetAt);
  }
}

// Windows names whose windows-iana default is not the zone people of that region would name.
const PREFERRED_IANA: Record<string, string> = {
  "fle standard time": "Europe/Helsinki",
  "w. europe standard time": "Europe/Berlin",
  "romance standard time": "Europe/Paris",
};

/** "(UTC+07:00) Bangkok" or "GMT +0100": the first stated offset, in ms. */
function statedOffset(tzid: string): number | null {
  const match = /(?:UTC|GMT)\s*([+-])\s*(\d{1,2}):?(\d{2})?/i.exec(tzid);
  if (!match) return /^\(UTC\)/i.test(tzid) ? 0 : null;
  const minutes = Number(match[2]) * 60 + Number(match[3] ?? 0);
  return (match[1] === "-" ? -1 : 1) * minutes * 60_000;
}

/** Normalises a TZID for matching a DTSTART parameter to a VTIMEZONE's TZID property. */
export function tzidKey(tzid: string): string {
  return tzid.replace(/^"+|"+$/g, "").replace(/\\([,;\\])/g, "$1").replace(/\s+/g, " ").trim().toLowerCase();
}

function readIanaName(tzid: string): string | null {
  const direct = canonicalTimeZone(tzid);
  if (direct) return direct;
  // Mozilla's old "/mozilla.org/20050126_1/Europe/Berlin" and similar prefixes.
  const tail = /([A-Za-z]+\/[A-Za-z_+-]+(?:\/[A-Za-z_+-]+)?)$/.exec(tzid);
  return tail ? canonicalTimeZone(tail[1]!) : null;
}

function readWindowsName(tzid: string): string | null {
  const preferred = PREFERRED_IANA[tzid.toLowerCase()];
  if (preferred) return preferred;
  const [first] = findIana(tzid);
  return first ? canonicalTimeZone(first) : null;
}

/**
 * Remembers a pure function of a TZID string (the same few names arrive in invite after
 * invite; resolving one costs Intl's resolvedOptions and windows-iana's table scan), bounded
 * because the names come from invites.
 */
function remembered(read: (tzid: string) => string | null): (tzid: string) => string | null {
  const known = new Map<string, string | null>();
  return (tzid) => {
    let value = known.get(tzid);
    if (value === undefined) {
      value = read(tzid);
      if (known.size >= 2000) known.clear();
      known.set(tzid, value);
    }
    return value;
  };
}

const ianaName = remembered(readIanaName);
const windowsName = remembered(readWindowsName);

/** Samples a custom zone against a candidate IANA zone across a year: same offsets, same zone. */
function agrees(rules: ZoneRules, iana: string, around: number): boolean {
  for (let month = 0; month < 12; month += 1) {
    const instant = around + month * 30 * 86_400_000;
    if (rules.offsetAt(instant) !== offsetAt(instant, iana)) return false;
  }
  return true;
}

/**
 * True when every observance of a VTIMEZONE changes at most once a year by a rule Rapport would
 * expand: what real zones do. ical.js expands a zone's rules from their first onset to five
 * years from now, so a daily or secondly "zone" would take millions of steps.
 */
function yearlyObservances(component: ICAL.Component): boolean {
  try {
    for (const observance of [...component.getAllSubcomponents("standard"), ...component.getAllSubcomponents("daylight")]) {
      const start = firstPropertyValue(observance, "dtstart");
      if (!(start instanceof ICAL.Time)) return false;
      for (const property of observance.getAllProperties("rrule")) {
        const rule = firstValue(property);
        if (!(rule instanceof ICAL.Recur) || rule.freq !== "YEARLY" || ruleProblem(rule, localOf(start)) !== null) return false;
      }
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * ical.js's own evaluation, for VTIMEZONE rule shapes vtimezone.ts does not cover (slow, rare),
 * drawing on the message's work budget; null for a zone whose rules are not yearly.
 */
function icalRules(component: ICAL.Component, tzid: string, budget: WorkBudget): ZoneRules | null {
  if (!yearlyObservances(component)) return null;
  const zone = new ICAL.Timezone({ component, tzid });
  return { offsetAt: (instant) => metered(budget, () => zone.utcOffset(ICAL.Time.fromJSDate(new Date(instant), true))) * 1000 };
}

/**
 * @param vtimezones the calendar's VTIMEZONE components by {@link tzidKey}
 * @param around an instant near the event, to check a custom zone against IANA candidates
 */
export function resolveTzid(
  tzid: string,
  vtimezones: ReadonlyMap<string, ICAL.Component>,
  around: number,
  budget: WorkBudget = new WorkBudget(),
): ZoneRule | null {
  const name = tzid.replace(/^"+|"+$/g, "").trim();
  if (!name) return null;
  if (/^(z|utc|gmt|etc\/utc|etc\/gmt)$/i.test(name)) return { kind: "utc" };

  const iana = ianaName(name) ?? windowsName(name);
  if (iana) return { kind: "iana", name: iana };

  const component = vtimezones.get(tzidKey(name));
  const rules = component ? (zoneRules(component) ?? icalRules(component, name, budget)) : null;
  if (rules) {
    const match = zonesNamedIn(name).find((candidate) => agrees(rules, candidate, around)) ?? null;
    return { kind: "vtimezone", tzid: name, rules, iana: match };
  }

  const abbreviated = windowsName(`${name} Standard Time`);
  if (abbreviated) return { kind: "iana", name: abbreviated };
  const named = zonesNamedIn(name)[0];
  if (named) return { kind: "iana", name: named };
  const offset = statedOffset(name);
  return offset === null ? null : { kind: "fixed", offsetMs: offset };
}
