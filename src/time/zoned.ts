/**
 * Wall-clock time in IANA zones, computed with Intl (workerd and Node both carry full tz data).
 *
 * Everything Rapport stores is a UTC instant (epoch ms); people live in wall-clock time. These
 * helpers are the only bridge between the two, so DST rules live in exactly one place.
 */

/** A wall-clock reading: month is 1-12, as humans and iCalendar write it. */
export interface LocalDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const MINUTE = 60_000;

// Intl.DateTimeFormat construction is the expensive part (and throwing for an unknown name
// costs as much): one formatter, or null for "not a zone", per name, reused.
const partsFormatters = new Map<string, Intl.DateTimeFormat | null>();
const MAX_CACHED_NAMES = 2000;

function tryFormatter(timeZone: string): Intl.DateTimeFormat | null {
  let formatter = partsFormatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      formatter = null;
    }
    // Names come from invites, so the cache is bounded: hostile mail cannot grow it forever.
    if (partsFormatters.size >= MAX_CACHED_NAMES) partsFormatters.clear();
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  const formatter = tryFormatter(timeZone);
  if (!formatter) throw new RangeError(`unknown time zone: ${timeZone}`);
  return formatter;
}

/** True when `name` is a time zone this runtime knows (IANA names and their aliases). */
export function isValidTimeZone(name: string): boolean {
  return name.length > 0 && name.length <= 64 && tryFormatter(name) !== null;
}

/** The canonical spelling of a known zone ("europe/berlin" -> "Europe/Berlin"), else null. */
export function canonicalTimeZone(name: string): string | null {
  if (!isValidTimeZone(name)) return null;
  return partsFormatter(name).resolvedOptions().timeZone;
}

// `formatToParts` costs about three times `format` on the same formatter, and every invite
// time and planned nudge goes through here several times: read `format`'s "M/D/Y, h:m:s"
// string (en-US, h23) and fall back to the parts whenever it is not in that shape.
const WALL_CLOCK = /^(\d+)\/(\d+)\/(\d+), (\d+):(\d+):(\d+)$/;

/** The wall-clock reading of `instant` in `timeZone`. */
export function utcToLocal(instant: number, timeZone: string): LocalDateTime {
  const formatter = partsFormatter(timeZone);
  const wall = Number.isFinite(instant) ? WALL_CLOCK.exec(formatter.format(instant)) : null;
  if (wall) {
    return {
      year: Number(wall[3]),
      month: Number(wall[1]),
      day: Number(wall[2]),
      hour: Number(wall[4]),
      minute: Number(wall[5]),
      second: Number(wall[6]),
    };
  }
  const fields: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year!,
    month: fields.month!,
    day: fields.day!,
    hour: fields.hour!,
    minute: fields.minute!,
    second: fields.second!,
  };
}

/** Treats a wall-clock reading as if it were UTC: the arithmetic base for offsets. */
export function localAsUtc(local: LocalDateTime): number {
  return Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second);
}

/** The zone's offset from UTC at `instant`, in ms (east positive). */
export function offsetAt(instant: number, timeZone: string): number {
  const local = utcToLocal(instant, timeZone);
  // Intl drops sub-second precision; compare whole seconds on both sides.
  return localAsUtc(local) - Math.floor(instant / 1000) * 1000;
}

/**
 * The UTC instant of a wall-clock reading in `timeZone`, with RFC 5545 §3.3.5 semantics:
 * a time that occurs twice (clocks going back) means the first occurrence; a time that does
 * not occur (clocks going forward) is read with the offset in force before the gap, so
 * 02:30 on a spring-forward night becomes 03:30 local.
 */
export function localToUtc(local: LocalDateTime, timeZone: string): number {
  // With no transition near, the same instant is asked about twice: answer it once.
  let lastInstant = NaN;
  let lastOffset = 0;
  return localToUtcWith(local, (instant) => {
    if (instant !== lastInstant) {
      lastInstant = instant;
      lastOffset = offsetAt(instant, timeZone);
    }
    return lastOffset;
  });
}

/**
 * {@link localToUtc} for any zone given as "offset in force at an instant" (an invite's own
 * VTIMEZONE rules, say), with the same first-occurrence and before-the-gap semantics.
 */
export function localToUtcWith(local: LocalDateTime, offsetAtInstant: (instant: number) => number): number {
  const asUtc = localAsUtc(local);
  // Offsets a day and a half either side cover every real transition; the candidates are the
  // readings of `local` under each offset, and valid ones map back to `local`.
  const before = offsetAtInstant(asUtc - 36 * 60 * MINUTE);
  const after = offsetAtInstant(asUtc + 36 * 60 * MINUTE);
  const candidates = [asUtc - before, asUtc - after].sort((a, b) => a - b);
  const valid = candidates.filter((instant) => instant + offsetAtInstant(instant) === asUtc);
  if (valid.length > 0) return valid[0]!;
  // In a gap: use the offset before the transition.
  return asUtc - before;
}

/** Adds whole calendar days to a local date, keeping the clock reading. */
export function addLocalDays(local: LocalDateTime, days: number): LocalDateTime {
  const shifted = new Date(Date.UTC(local.year, local.month - 1, local.day + days));
  return {
    ...local,
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

/** The same local date at another clock time. */
export function atClock(local: LocalDateTime, hour: number, minute = 0): LocalDateTime {
  return { ...local, hour, minute, second: 0 };
}
