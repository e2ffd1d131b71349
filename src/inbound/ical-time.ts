/**
 * Reading values out of ical.js: a time's wall-clock fields, without ical.js's idea of its zone
 * (Rapport resolves zones itself), and value reads that say when the data, not our code, is bad.
 */
import type ICAL from "ical.js";
import type { LocalDateTime } from "../time/zoned";

export function localOf(time: ICAL.Time): LocalDateTime {
  return { year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second };
}

/**
 * ical.js decodes a property's value lazily, on first read, and on hostile text it may throw
 * anything from there (its own errors, and TypeErrors from its decoders). Reads go through these,
 * so what ical.js throws on the sender's data arrives as a CalendarDataError, and a TypeError
 * anywhere else is a bug of ours that is not dressed up as a damaged invite.
 */
export class CalendarDataError extends Error {
  constructor(cause: unknown) {
    super(`ical.js could not read a value: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "CalendarDataError";
  }
}

export function firstValue(property: ICAL.Property): unknown {
  try {
    return property.getFirstValue();
  } catch (error) {
    throw new CalendarDataError(error);
  }
}

export function firstPropertyValue(component: ICAL.Component, name: string): unknown {
  try {
    return component.getFirstPropertyValue(name);
  } catch (error) {
    throw new CalendarDataError(error);
  }
}
