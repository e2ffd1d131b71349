/**
 * Repairs the real-world malformations that make ical.js reject an otherwise readable invite
 * (docs/design.md §7: 6 of the 40 corpus files). Each repair is narrow, named after what it fixes, and
 * only touches lines that would fail anyway; a well-formed calendar comes out unchanged.
 *
 * It runs on every calendar, so the common case is kept cheap: each check first looks for the
 * one character its malformation needs (a quote, a `;;`, a bare date) with indexOf and only
 * then runs the exact rule, and an untouched line is passed on as the same string.
 */
import ICAL from "ical.js";

// A property line: NAME, optional ;params, then ':' outside quotes, then the value.
function splitAt(line: string): number {
  const colon = line.indexOf(":");
  const quote = line.indexOf('"');
  // No quote before the first colon (the usual line): that colon is the separator.
  if (colon === -1 || quote === -1 || quote > colon) return colon;
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ":" && !quoted) return i;
  }
  return -1;
}

const DATE_ONLY = /^\d{8}$/;

/** Where an RRULE that ical.js cannot read is kept (lowercase: as ical.js names properties). */
export const UNREADABLE_RRULE = "x-rapport-unreadable-rrule";

/** Why ical.js cannot read this RRULE value, or null when it can. */
export function unreadableReason(value: string): string | null {
  try {
    ICAL.Recur.fromString(value);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
const DATE_PROPERTIES = /^(DTSTART|DTEND|DUE|RECURRENCE-ID|EXDATE|RDATE)$/i;
const SLIPPED_VALUE = /^([A-Z-]+;TZID=)"([^":]+):(\d{8}(?:T\d{6}Z?)?)"$/i;

/** True when `line` is empty or whitespace only (cheap for the usual line starting with a visible ASCII character). */
function isBlank(line: string): boolean {
  const first = line.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return false;
  return line.trim() === "";
}

function repairLine(line: string): string | null {
  if (isBlank(line)) return null;

  // `DTSTART;TZID="W. Europe Standard Time:20200609T090000"`: the value slipped inside the quotes.
  if (line.includes('"')) {
    const slipped = SLIPPED_VALUE.exec(line);
    if (slipped) return `${slipped[1]}"${slipped[2]}":${slipped[3]}`;
  }

  const at = splitAt(line);
  // `ORGANIZER;CN=Sixt SE` with no value at all: nothing to read, and ical.js throws on it.
  if (at === -1) return /^(BEGIN|END):/i.test(line) ? line : null;
  const originalHead = line.slice(0, at);
  // The rules below are for RRULE, EXRULE and date properties (D..., R..., E...) and for a
  // head with an empty parameter: any other line is already well-formed.
  const initial = line.charCodeAt(0);
  const lower = initial | 0x20;
  const named = initial >= 0x80 || lower === 0x64 || lower === 0x72 || lower === 0x65;
  if (!named && !originalHead.includes(";;") && !originalHead.endsWith(";")) return line;
  const originalValue = line.slice(at + 1);

  // `;;` (an empty parameter) and a trailing `;` before the colon.
  let head =
    originalHead.includes(";;") || originalHead.endsWith(";") ? originalHead.replace(/;{2,}/g, ";").replace(/;$/, "") : originalHead;
  let value = originalValue;
  const semicolon = head.indexOf(";");
  const name = (semicolon === -1 ? head : head.slice(0, semicolon)).toUpperCase();

  // `RRULE:...;BYDAY=MO, TU, WE` (CDO folds inside rules and leaves the spaces).
  if (name === "RRULE" || name === "EXRULE") {
    value = value.replace(/\s+/g, "");
    // A rule ical.js cannot read (`BYWEEKNO=54`) would fail the whole calendar at parse: it is
    // set aside under another name, so the event keeps its first occurrence and says why.
    if (unreadableReason(value) !== null) return `${name === "RRULE" ? UNREADABLE_RRULE.toUpperCase() : "X-RAPPORT-UNREADABLE-EXRULE"}:${value}`;
  }

  // `DTSTART:20060611`: a DATE without VALUE=DATE, which ical.js reads as a broken DATE-TIME.
  if (DATE_PROPERTIES.test(name) && DATE_ONLY.test(value.trim()) && !/;VALUE=/i.test(head)) {
    head += ";VALUE=DATE";
    value = value.trim();
  }
  return head === originalHead && value === originalValue ? line : `${head}:${value}`;
}

const BEGIN_CALENDAR = /^BEGIN:VCALENDAR$/i;
const END_CALENDAR = /^END:VCALENDAR$/i;

/** `line`, trailing whitespace ignored, matches `marker` (whose first letter is `initial`, lowercase). */
function isMarker(line: string, marker: RegExp, initial: number): boolean {
  // Only B/b (E/e) can start a match: skip the trim and the regex for every other line.
  if ((line.charCodeAt(0) | 0x20) !== initial) return false;
  return marker.test(line.replace(/\s+$/, ""));
}

/**
 * RFC 5545 §3.1 unfolding: a line starting with a space or tab continues the previous one,
 * minus that first character. Breaks are CRLF, CR or LF. One pass over the text, without
 * normalising it into whole-text copies first.
 */
export function unfold(text: string): string[] {
  const lines: string[] = [];
  let nextCr = text.indexOf("\r");
  let nextLf = text.indexOf("\n");
  let start = 0;
  for (;;) {
    let end: number;
    let after: number;
    if (nextCr !== -1 && (nextLf === -1 || nextCr < nextLf)) {
      end = nextCr;
      after = text.charCodeAt(nextCr + 1) === 10 ? nextCr + 2 : nextCr + 1;
    } else if (nextLf !== -1) {
      end = nextLf;
      after = nextLf + 1;
    } else {
      end = text.length;
      after = -1;
    }
    const first = text.charCodeAt(start);
    if (lines.length > 0 && start < end && (first === 32 || first === 9)) lines[lines.length - 1] += text.slice(start + 1, end);
    else lines.push(text.slice(start, end));
    if (after === -1) return lines;
    start = after;
    if (nextCr !== -1 && nextCr < start) nextCr = text.indexOf("\r", start);
    if (nextLf !== -1 && nextLf < start) nextLf = text.indexOf("\n", start);
  }
}

/** Keeps only lines inside BEGIN:VCALENDAR ... END:VCALENDAR (Podio appends text after the end). */
export function repairCalendar(text: string): string {
  const out: string[] = [];
  let depth = 0;
  for (const line of unfold(text)) {
    if (isMarker(line, BEGIN_CALENDAR, 0x62)) depth += 1;
    if (depth === 0) continue;
    // Trailing spaces can be content (a SUMMARY ending in spaces): only the markers are trimmed.
    const repaired = repairLine(line);
    if (repaired !== null) out.push(repaired);
    if (isMarker(line, END_CALENDAR, 0x65)) depth -= 1;
  }
  return out.join("\r\n") + "\r\n";
}
