/**
 * Working days, for reminders that ask the user to write to someone about work: Monday to
 * Friday, outside the year-end holidays. National holidays differ too much to list; these are
 * nearly everywhere Rapport's users write. Saturday and Sunday are the weekend of most users'
 * zones; a user whose week ends on Friday gets a Sunday reminder a day later than needed, never
 * one on their weekend.
 */

/** Days on which asking someone about work lands badly in most inboxes (month-day). */
const YEAR_END_HOLIDAYS = new Set(["12-24", "12-25", "12-26", "12-31", "01-01"]);

export function isWorkingDay(date: { year: number; month: number; day: number }): boolean {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  const monthDay = `${String(date.month).padStart(2, "0")}-${String(date.day).padStart(2, "0")}`;
  return weekday !== 0 && weekday !== 6 && !YEAR_END_HOLIDAYS.has(monthDay);
}
