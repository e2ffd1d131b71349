/**
 * Dates and durations as the user reads them, in their zone. Built from our own month and
 * weekday names rather than Intl's locale data, so the same email comes out byte-identical in
 * workerd, Node and any ICU version (golden files depend on it).
 */
import { utcToLocal } from "../time/zoned";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

const pad = (n: number): string => String(n).padStart(2, "0");

function weekday(year: number, month: number, day: number): string {
  return WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()]!;
}

/** "18:00" */
export function clockTime(instant: number, timeZone: string): string {
  const local = utcToLocal(instant, timeZone);
  return `${pad(local.hour)}:${pad(local.minute)}`;
}

/** "Tuesday 8 December 2026" */
export function longDate(instant: number, timeZone: string): string {
  const { year, month, day } = utcToLocal(instant, timeZone);
  return `${weekday(year, month, day)} ${day} ${MONTHS[month - 1]} ${year}`;
}

/** "Tuesday 8 December 2026" from "2026-12-08" (all-day events carry dates, not instants). */
export function longDateOf(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number) as [number, number, number];
  return `${weekday(year, month, day)} ${day} ${MONTHS[month - 1]} ${year}`;
}

/** "Monday 7 December, 18:00" */
export function dayAndTime(instant: number, timeZone: string): string {
  const { year, month, day } = utcToLocal(instant, timeZone);
  return `${weekday(year, month, day)} ${day} ${MONTHS[month - 1]}, ${clockTime(instant, timeZone)}`;
}

/** "Tue 8 Dec 12:00", for subjects. */
export function shortDayAndTime(instant: number, timeZone: string): string {
  const { year, month, day } = utcToLocal(instant, timeZone);
  return `${weekday(year, month, day).slice(0, 3)} ${day} ${MONTHS[month - 1]!.slice(0, 3)} ${clockTime(instant, timeZone)}`;
}

/** "30 minutes", "1 hour", "1 hour 30 minutes", "2 days". */
export function duration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes >= 24 * 60 && minutes % (24 * 60) === 0) return plural(minutes / (24 * 60), "day");
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return plural(rest, "minute");
  return rest === 0 ? plural(hours, "hour") : `${plural(hours, "hour")} ${plural(rest, "minute")}`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

/** "Los Angeles time" for America/Los_Angeles; "UTC" stays "UTC". */
export function zoneLabel(timeZone: string): string {
  if (!timeZone.includes("/")) return timeZone;
  return `${timeZone.split("/").pop()!.replace(/_/g, " ")} time`;
}

/** How often a contact is checked in with: "every 2 weeks", "every 3 months" (91 days is a quarter). */
export function cadenceText(days: number): string {
  if (days < 60 && days % 7 === 0) return days === 7 ? "every week" : `every ${days / 7} weeks`;
  const months = Math.max(1, Math.round(days / 30.4));
  return months === 1 ? "every month" : `every ${months} months`;
}
