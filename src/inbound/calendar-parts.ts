/**
 * Keeps only what may hold a calendar, before postal-mime reads a message. postal-mime decodes
 * every attachment: a forward carrying a 3 MB resume cost 60 ms of CPU in it alone, six times
 * the free plan's budget for a whole email (docs/design.md §7). This walks the MIME tree on the raw
 * bytes, reading only header blocks and boundary lines, and empties the body of each part that
 * cannot be a calendar: not a calendar by content type or file name, not text (postal-mime
 * still reads the text parts), not a multipart or a forwarded message (message/rfc822, walked
 * in turn). What is left is the same message with those bodies removed, so postal-mime finds
 * the same calendars, in the same order, in a few kilobytes.
 *
 * The walk never decides alone: anything it does not understand (no boundary, a part that does
 * not end, nesting past its limit) is kept as it is, and postal-mime reads it as before.
 */

const CALENDAR_TYPES = new Set(["text/calendar", "application/ics", "text/x-vcalendar", "application/x-ics"]);
const CALENDAR_FILE = /\.(ics|vcs|ical|ifb)$/i;
/** Deeper than postal-mime's own cap (32): past this the message is left for it to refuse. */
const MAX_DEPTH = 40;

const LF = 0x0a;
const CR = 0x0d;
const DASH = 0x2d;

interface Entity {
  type: string;
  boundary: string | null;
  fileName: string | null;
  encoding: string;
  bodyStart: number;
}

const latin1 = new TextDecoder("latin1");

/** Where the header block starting at `start` ends (the blank line), and where the body starts. */
function headerEnd(raw: Uint8Array, start: number, end: number): { headersEnd: number; bodyStart: number } | null {
  for (let i = start; i < end; i += 1) {
    i = raw.indexOf(LF, i);
    if (i === -1 || i >= end) return null;
    // A line that is empty (LF LF) or holds only CR (LF CR LF) ends the headers.
    if (i + 1 < end && raw[i + 1] === LF) return { headersEnd: i + 1, bodyStart: i + 2 };
    if (i + 2 < end && raw[i + 1] === CR && raw[i + 2] === LF) return { headersEnd: i + 1, bodyStart: i + 3 };
  }
  return null;
}

/** A parameter of a structured header value (`boundary="x"`, `name=a.ics`), unquoted. */
function parameter(value: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\*?\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]+))`, "i").exec(value);
  if (!match) return null;
  return (match[1] ?? match[2] ?? "").replace(/\\(.)/g, "$1");
}

function readEntity(raw: Uint8Array, start: number, end: number): Entity | null {
  const block = headerEnd(raw, start, end);
  // A part that starts with its blank line has no headers: text/plain by default.
  const headerText = block ? latin1.decode(raw.subarray(start, block.headersEnd)).replace(/\r?\n[ \t]+/g, " ") : "";
  const bodyStart = block ? block.bodyStart : start;
  const header = (name: string): string => {
    const match = new RegExp(`^${name}[ \\t]*:(.*)$`, "im").exec(headerText);
    return match ? match[1]!.trim() : "";
  };
  const contentType = header("content-type");
  const disposition = header("content-disposition");
  return {
    type: (contentType.split(";")[0] ?? "").trim().toLowerCase() || "text/plain",
    boundary: parameter(contentType, "boundary"),
    fileName: parameter(disposition, "filename") ?? parameter(contentType, "name"),
    encoding: header("content-transfer-encoding").toLowerCase(),
    bodyStart,
  };
}

/** Whether postal-mime must still see this leaf's body: a calendar by type or file name, or text. */
function mayHoldCalendar(entity: Entity): boolean {
  if (CALENDAR_TYPES.has(entity.type)) return true;
  if (entity.fileName !== null && CALENDAR_FILE.test(entity.fileName)) return true;
  return entity.type.startsWith("text/");
}

/** Offsets of each `--boundary` delimiter line in [from, end): where it starts and where the next line starts. */
function delimiters(raw: Uint8Array, boundary: string, from: number, end: number): { at: number; next: number; last: boolean }[] | null {
  const marker = new TextEncoder().encode(`--${boundary}`);
  const found: { at: number; next: number; last: boolean }[] = [];
  // Boundary lines start with "--": base64 bodies hold no "-", so the search jumps over them.
  for (let i = raw.indexOf(DASH, from); i !== -1 && i < end; i = raw.indexOf(DASH, i + 1)) {
    if (i > from && raw[i - 1] !== LF) continue;
    let matches = i + marker.length <= end;
    for (let k = 0; matches && k < marker.length; k += 1) matches = raw[i + k] === marker[k];
    if (!matches) continue;
    const after = i + marker.length;
    const last = raw[after] === DASH && raw[after + 1] === DASH;
    // "--b1" must not be read as the start of "--b10": only "--", blanks or the line's end may follow.
    let tail = last ? after + 2 : after;
    while (tail < end && (raw[tail] === 0x20 || raw[tail] === 0x09)) tail += 1;
    if (tail < end && raw[tail] !== CR && raw[tail] !== LF) continue;
    const lineEnd = raw.indexOf(LF, after);
    found.push({ at: i, next: lineEnd === -1 || lineEnd >= end ? end : lineEnd + 1, last });
    if (last) return found;
    i = after;
  }
  return found.length > 0 ? found : null;
}

/**
 * The byte ranges of the entity in [start, end) that postal-mime needs, appended to `keep`.
 * Returns false when the walk gave up (the caller then keeps the whole range).
 */
function walk(raw: Uint8Array, start: number, end: number, depth: number, keep: [number, number][]): boolean {
  if (depth > MAX_DEPTH) return false;
  const entity = readEntity(raw, start, end);
  if (!entity) return false;
  if (entity.type.startsWith("multipart/")) {
    if (!entity.boundary) return false;
    const lines = delimiters(raw, entity.boundary, entity.bodyStart, end);
    if (!lines) return false;
    if (lines[0]!.last) return false;
    // Headers and preamble up to the first delimiter line, then each part and the delimiter after it.
    keep.push([start, lines[0]!.next]);
    for (let index = 0; index < lines.length; index += 1) {
      const line = lines[index]!;
      const following = lines[index + 1];
      // The line break before the next delimiter belongs to it (RFC 2046).
      const eol = following && raw[following.at - 1] === LF ? (raw[following.at - 2] === CR ? 2 : 1) : 0;
      const partEnd = following ? Math.max(line.next, following.at - eol) : end;
      const inner: [number, number][] = [];
      if (!walk(raw, line.next, partEnd, depth + 1, inner)) inner.splice(0, inner.length, [line.next, partEnd]);
      keep.push(...inner);
      if (!following) break;
      keep.push([partEnd, following.next]);
      if (following.last) {
        keep.push([following.next, end]);
        break;
      }
    }
    return true;
  }
  // A forwarded message inline (not encoded): walk it as a message of its own.
  if (entity.type === "message/rfc822" && !/base64|quoted-printable/.test(entity.encoding)) {
    keep.push([start, entity.bodyStart]);
    const inner: [number, number][] = [];
    if (!walk(raw, entity.bodyStart, end, depth + 1, inner)) inner.splice(0, inner.length, [entity.bodyStart, end]);
    keep.push(...inner);
    return true;
  }
  if (entity.type.startsWith("message/") || mayHoldCalendar(entity)) {
    keep.push([start, end]);
    return true;
  }
  // Anything else (a resume, a photo, a winmail.dat): its headers stay, its body goes.
  keep.push([start, entity.bodyStart]);
  return true;
}

/** The message with the bodies of parts that cannot hold a calendar removed (or `raw` itself). */
export function calendarOnly(raw: Uint8Array): Uint8Array {
  const keep: [number, number][] = [];
  if (!walk(raw, 0, raw.byteLength, 0, keep)) return raw;
  const kept = keep.reduce((sum, [from, to]) => sum + Math.max(0, to - from), 0);
  if (kept >= raw.byteLength) return raw;
  const out = new Uint8Array(kept);
  let offset = 0;
  for (const [from, to] of keep) {
    if (to <= from) continue;
    out.set(raw.subarray(from, to), offset);
    offset += to - from;
  }
  return out;
}
