/** Small helpers for the plain-text part, which many people read first (and all screen readers can). */
import { nameKey, personName } from "../names/person-name";

/** Label/value lines aligned in a column: "  With:   Sam Lee". */
export function factLines(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows
    .map(([label, value]) => {
      const [first, ...rest] = value.split("\n");
      const indent = " ".repeat(width + 2);
      return [`  ${`${label}:`.padEnd(width)}${first}`, ...rest.map((line) => `${indent}${line}`)].join("\n");
    })
    .join("\n");
}

/** Paragraphs separated by one blank line, skipping empty ones; ends with a newline. */
export function paragraphs(...parts: (string | null | false | undefined)[]): string {
  return `${parts.filter((part): part is string => Boolean(part)).join("\n\n")}\n`;
}

/**
 * The given name in a full name as people write it: "Jane" of "Jane Doe", "Ana" of "Ana de la
 * Cruz", 美咲 of 佐藤 美咲; null when there is no name.
 */
export function givenName(name: string | null | undefined): string | null {
  return personName(name)?.givenName ?? null;
}

/**
 * The user's name for a short note or a greeting: their given name ("Jane" for Jane Doe), or
 * the name as they gave it when it has no given name apart ("Dr. Okafor", not "Okafor"; "Liz").
 */
export function shortName(name: string | null | undefined): string | null {
  const parsed = personName(name);
  if (!parsed || !name) return null;
  if (parsed.name.includes(" ")) return parsed.givenName ?? parsed.name;
  // One word: as written in capitals ("jane" is Jane), or with the title it came with.
  return nameKey(name) === nameKey(parsed.name) ? parsed.name : name.trim();
}

/** "Hi Jane," from "Jane Doe"; "Hi," when the name is unknown or is really an address. */
export function greeting(name: string | null): string {
  const first = shortName(name);
  return first && !first.includes("@") ? `Hi ${first},` : "Hi,";
}

/** "  - item" lines (or "  1. item" when numbered): the text twin of the HTML List. */
export function listLines(items: string[], numbered = false): string {
  return items.map((item, i) => (numbered ? `  ${i + 1}. ${item}` : `  - ${item}`)).join("\n");
}

/**
 * Invite text on one line: what an organizer typed (a summary, a name, a place) may hold line
 * breaks, and in a text body a line break would let it start a line of its own that reads like
 * Rapport's (fake advice, a fake link). The same rule as for headers.
 */
export function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g, " ").replace(/\s+/g, " ").trim();
}

/**
 * `value` with every string in it on one line (see oneLine), through objects and arrays, except
 * under the keys named in `keep` (the user's own multi-line notes, read line by line). Each email
 * applies it to its data as it begins, so no field, however it is used below, can break a line.
 */
export function singleLined<T>(value: T, keep: readonly string[] = []): T {
  if (typeof value === "string") return oneLine(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => singleLined(item, keep)) as T;
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, keep.includes(key) ? item : singleLined(item, keep)])) as T;
  }
  return value;
}
