/**
 * The reply grammar: what a user can write back, read forgivingly (any case, trailing
 * punctuation, "2w" or "2 weeks"). The first non-empty line decides; a line that is not a
 * command makes the whole reply a note. A digest reply may act on several numbered items,
 * one per line ("2 done", "3 snooze 1m"). Pure: text in, commands out.
 */

import type { Span } from "../nudges/plan";

export type { Span };

export type Command =
  | { kind: "done" }
  | { kind: "snooze"; span: Span }
  | { kind: "snooze_until"; date: { year: number; month: number; day: number } }
  | { kind: "skip" }
  | { kind: "stop" }
  | { kind: "cadence"; span: Span }
  | { kind: "note"; text: string }
  | { kind: "linkedin"; url: string }
  | { kind: "landed"; company: string }
  | { kind: "pause" }
  | { kind: "resume" }
  | { kind: "time_zone"; name: string }
  | { kind: "unsubscribe" }
  | { kind: "delete_data" }
  | { kind: "confirm_delete" }
  | { kind: "new_feed_link" }
  | { kind: "help" }
  /** Not a command: kept as a note and answered with help. */
  | { kind: "unclear"; text: string };

export interface ItemCommand {
  /** 1-based, as the digest numbers them. */
  item: number;
  command: Command;
}

export type ParsedReply = { kind: "single"; command: Command } | { kind: "items"; items: ItemCommand[]; unclear: string[] };

/** Notes and commands are short; anything longer is cut here so later steps do bounded work. */
export const MAX_REPLY_CHARS = 4000;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function span(amount: string, unit: string): Span | null {
  const n = Number(amount);
  if (!Number.isInteger(n) || n < 1 || n > 365) return null;
  const u = unit.toLowerCase();
  if (/^(d|days?)$/.test(u)) return { days: n };
  if (/^(w|wks?|weeks?)$/.test(u)) return { days: n * 7 };
  if (/^(m|mos?|months?)$/.test(u)) return n <= 24 ? { months: n } : null;
  return null;
}

function untilDate(text: string): { year: number; month: number; day: number } | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) return { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  // "20 december", "december 20", "dec 20 2027"
  const dayFirst = /^(\d{1,2})\s+([a-z]+)\.?(?:\s+(\d{4}))?$/.exec(text);
  const monthFirst = /^([a-z]+)\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?$/.exec(text);
  const [day, monthName, year] = dayFirst
    ? [dayFirst[1], dayFirst[2], dayFirst[3]]
    : monthFirst
      ? [monthFirst[2], monthFirst[1], monthFirst[3]]
      : [];
  const month = monthName ? MONTHS.indexOf(monthName.slice(0, 3)) + 1 : 0;
  if (!day || month < 1 || Number(day) < 1 || Number(day) > 31) return null;
  return { year: year ? Number(year) : 0, month, day: Number(day) };
}

/** One line (lowercased, trimmed of punctuation) to a command, or null. `rest` is the whole reply for notes. */
function commandOf(line: string, original: string, rest: string): Command | null {
  const text = line.toLowerCase().replace(/[.!\s]+$/, "").replace(/\s+/g, " ");
  if (/^(sent|done|sent it|done it|did it|i sent it|i did it)$/.test(text)) return { kind: "done" };
  if (/^(skip|skip it|skip this one)$/.test(text)) return { kind: "skip" };
  if (/^stop$/.test(text)) return { kind: "stop" };
  if (/^pause$/.test(text)) return { kind: "pause" };
  if (/^(resume|unpause|start again)$/.test(text)) return { kind: "resume" };
  if (/^(unsubscribe|unsubscribe me)$/.test(text)) return { kind: "unsubscribe" };
  if (/^delete my data$/.test(text)) return { kind: "delete_data" };
  if (/^yes,? delete( my data)?$/.test(text)) return { kind: "confirm_delete" };
  if (/^new (feed|calendar) link$/.test(text)) return { kind: "new_feed_link" };
  if (/^(help|\?|commands)$/.test(text)) return { kind: "help" };

  let match = /^snooze\s+(\d{1,3})\s*([a-z]+)$/.exec(text);
  if (match) {
    const s = span(match[1]!, match[2]!);
    return s ? { kind: "snooze", span: s } : null;
  }
  match = /^snooze until\s+(.+)$/.exec(text);
  if (match) {
    const date = untilDate(match[1]!);
    return date ? { kind: "snooze_until", date } : null;
  }
  match = /^every\s+(\d{1,3})\s*([a-z]+)$/.exec(text);
  if (match) {
    const s = span(match[1]!, match[2]!);
    return s ? { kind: "cadence", span: s } : null;
  }
  if (/^every (week|month)$/.test(text)) return { kind: "cadence", span: text.endsWith("week") ? { days: 7 } : { months: 1 } };

  match = /^note\s*:\s*/i.exec(original);
  if (match) {
    const body = rest.replace(/^\s*note\s*:\s*/i, "").trim();
    return body ? { kind: "note", text: body } : null;
  }
  match = /^linkedin:?\s+(https?:\/\/(?:[\w-]+\.)*linkedin\.com\/[^\s<>"]*)$/i.exec(original.trim());
  if (match) return { kind: "linkedin", url: match[1]! };
  match = /^landed:?\s+(?:at\s+|a job at\s+)?(.{1,100})$/i.exec(original.trim());
  if (match) return { kind: "landed", company: match[1]!.replace(/[.!]+$/, "").trim() };
  match = /^(?:time ?zone|tz):?\s+(.{2,64})$/i.exec(original.trim());
  if (match) return { kind: "time_zone", name: match[1]!.trim() };
  return null;
}

const ITEM = /^(\d{1,2})[.)]?\s+(.+)$/;

export function parseReply(newText: string): ParsedReply {
  const text = newText.slice(0, MAX_REPLY_CHARS).replace(/\r\n?/g, "\n");
  const lines = text.split("\n").map((line) => line.trim()).filter(Boolean);
  const first = lines[0] ?? "";

  // "2 done" / "3 snooze 1m": a digest reply, possibly several lines of them.
  if (ITEM.test(first)) {
    const items: ItemCommand[] = [];
    const unclear: string[] = [];
    for (const line of lines) {
      const item = ITEM.exec(line);
      const command = item ? commandOf(item[2]!, item[2]!, item[2]!) : null;
      if (item && command) items.push({ item: Number(item[1]), command });
      else unclear.push(line);
    }
    if (items.length > 0) return { kind: "items", items, unclear };
  }

  const command = commandOf(first, first, text.trim());
  if (command) return { kind: "single", command };
  return { kind: "single", command: text.trim() ? { kind: "unclear", text: text.trim() } : { kind: "help" } };
}
