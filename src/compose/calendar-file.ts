/**
 * A small .ics attachment (built with the `ics` package) that puts a reminder in the user's
 * own calendar, e.g. the first keep-in-touch date under a thank-you prompt. Deterministic:
 * DTSTAMP is the given `now`, the UID is derived from the nudge.
 */
import { createEvent, type EventAttributes } from "ics";
import type { ContentAttachment } from "./content";

export interface CalendarReminder {
  uid: string;
  title: string;
  description: string;
  start: number;
  minutes: number;
  now: number;
}

/**
 * Sets DTSTAMP to `now`. `timestamp` is in ics's schema but missing from its typings; without it
 * DTSTAMP would be the wall clock, and the same email or feed would differ on every run.
 */
export function stamped(attributes: EventAttributes, now: number): EventAttributes {
  return { ...attributes, timestamp: now } as unknown as EventAttributes;
}

function parts(instant: number): [number, number, number, number, number] {
  const d = new Date(instant);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes()];
}

function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The attachment, or null if `ics` refuses the event (it validates its input). */
export function reminderAttachment(reminder: CalendarReminder, fileName: string): ContentAttachment | null {
  const attributes = stamped(
    {
      productId: "-//Rapport//Reminders//EN",
      uid: reminder.uid,
      title: reminder.title,
      description: reminder.description,
      start: parts(reminder.start),
      startInputType: "utc",
      startOutputType: "utc",
      duration: { minutes: reminder.minutes },
    },
    reminder.now,
  );
  const { error, value } = createEvent(attributes);
  if (error || !value) return null;
  return { name: fileName, contentBase64: base64(value), contentType: "text/calendar; charset=utf-8; method=PUBLISH" };
}
