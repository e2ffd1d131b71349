/** An ical.js time's wall-clock fields, without ical.js's idea of its zone (Rapport resolves zones itself). */
import type ICAL from "ical.js";
import type { LocalDateTime } from "../time/zoned";

export function localOf(time: ICAL.Time): LocalDateTime {
  return { year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second };
}
