/**
 * Repairs the real-world malformations that make ical.js reject an otherwise readable invite
 * (DESIGN §7: 6 of the 40 corpus files). Each repair is narrow, named after what it fixes, and
 * only touches lines that would fail anyway; a well-formed calendar comes out unchanged.
 */

/** RFC 5545 §3.1 unfolding: a line starting with a space or tab continues the previous one. */
export function unfold(text: string): string[] {
  return text.replace(/\r\n?/g, "\n").replace(/\n[ \t]/g, "").split("\n");
}

// A property line: NAME, optional ;params, then ':' outside quotes, then the value.
function splitProperty(line: string): { head: string; value: string } | null {
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const ch = line[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === ":" && !quoted) return { head: line.slice(0, i), value: line.slice(i + 1) };
  }
  return null;
}

const DATE_ONLY = /^\d{8}$/;
const DATE_PROPERTIES = /^(DTSTART|DTEND|DUE|RECURRENCE-ID|EXDATE|RDATE)$/i;

function repairLine(line: string): string | null {
  if (line.trim() === "") return null;

  // `DTSTART;TZID="W. Europe Standard Time:20200609T090000"`: the value slipped inside the quotes.
  const slipped = /^([A-Z-]+;TZID=)"([^":]+):(\d{8}(?:T\d{6}Z?)?)"$/i.exec(line);
  if (slipped) return `${slipped[1]}"${slipped[2]}":${slipped[3]}`;

  const parts = splitProperty(line);
  // `ORGANIZER;CN=Sixt SE` with no value at all: nothing to read, and ical.js throws on it.
  if (!parts) return /^(BEGIN|END):/i.test(line) ? line : null;

  // `;;` (an empty parameter) and a trailing `;` before the colon.
  let head = parts.head.replace(/;{2,}/g, ";").replace(/;$/, "");
  let value = parts.value;
  const name = head.split(";")[0]!.toUpperCase();

  // `RRULE:...;BYDAY=MO, TU, WE` (CDO folds inside rules and leaves the spaces).
  if (name === "RRULE" || name === "EXRULE") value = value.replace(/\s+/g, "");

  // `DTSTART:20060611`: a DATE without VALUE=DATE, which ical.js reads as a broken DATE-TIME.
  if (DATE_PROPERTIES.test(name) && DATE_ONLY.test(value.trim()) && !/;VALUE=/i.test(head)) {
    head += ";VALUE=DATE";
    value = value.trim();
  }
  return `${head}:${value}`;
}

/** Keeps only lines inside BEGIN:VCALENDAR ... END:VCALENDAR (Podio appends text after the end). */
export function repairCalendar(text: string): string {
  const out: string[] = [];
  let depth = 0;
  for (const line of unfold(text)) {
    const trimmed = line.replace(/\s+$/, "");
    if (/^BEGIN:VCALENDAR$/i.test(trimmed)) depth += 1;
    if (depth === 0) continue;
    // Trailing spaces can be content (a SUMMARY ending in spaces): only the markers are trimmed.
    const repaired = repairLine(line);
    if (repaired !== null) out.push(repaired);
    if (/^END:VCALENDAR$/i.test(trimmed)) depth -= 1;
  }
  return out.join("\r\n") + "\r\n";
}
