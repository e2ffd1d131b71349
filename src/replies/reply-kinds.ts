/**
 * What a reply can mean: the commands of docs/design.md §8's reply contract, each with its fields, as
 * `npm run inspect -- --reply` prints them. Plain, JSON-ready data: dates are local calendar
 * dates ("2026-12-11") and spans ISO-8601 durations ("P2W", "P3M").
 */

export type MealKind = "breakfast" | "brunch" | "coffee" | "lunch" | "dinner" | "drinks";
export type Format = "in_person" | "video" | "phone";

export type Command = (
  | { kind: "done" }
  /** `until`: the local date (YYYY-MM-DD, user's zone) when the reminder comes back. */
  | { kind: "snooze"; until: string }
  | { kind: "skip" }
  /** No more check-ins about this contact. */
  | { kind: "stop" }
  /** How often to check in: "P2W", "P3M", "P10D"; a year is "P12M". */
  | { kind: "cadence"; every: string }
  | { kind: "note"; text: string }
  /** null: "connected on LinkedIn", without a profile link. */
  | { kind: "linkedin"; url: string | null }
  /** null when the reply names no company ("I got the job!"). */
  | { kind: "landed"; company: string | null }
  /** The person the reminder is about works somewhere else now ("she's at Globex now"). */
  | { kind: "moved"; company: string }
  | { kind: "pause" }
  | { kind: "resume" }
  | { kind: "time_zone"; zone: string }
  | { kind: "unsubscribe" }
  | { kind: "delete_data" }
  | { kind: "confirm_delete" }
  | { kind: "new_feed_link" }
  | { kind: "help" }
  /** Fixing what a confirmation said; only the fields the reply names. */
  | { kind: "correct"; name?: string; company?: string; format?: Format; mealKind?: MealKind }
  /** Not an informational interview: drop the meeting and its reminders. */
  | { kind: "not_meeting" }
  | { kind: "goal"; text: string }
  | { kind: "my_name"; name: string }
  /** Confirms what Rapport asked. */
  | { kind: "yes" }
  /** No command and nothing worth keeping; `guess` is the likeliest kind, or null. */
  | { kind: "unclear"; text: string; guess: CommandKind | null }
) & {
  /** In a digest reply: the number of the line acted on. */
  item?: number;
};

export type CommandKind = Command["kind"];

/** The kinds of Rapport email a reply can answer (the email's Tag). */
export const ANSWERED_KINDS = [
  "confirm",
  "error",
  "prep",
  "thanks",
  "thanks_followup",
  "keep_in_touch",
  "digest",
  "reply_ack",
  "landed",
] as const;
export type AnsweredKind = (typeof ANSWERED_KINDS)[number];
