/**
 * A reply body as lines, and the small tests on one line of text that the quote, attribution,
 * header and signature rules share. Every function here is a single pass over one line.
 */

export interface Line {
  /** The line as written, trailing whitespace removed: what is kept in the new text. */
  raw: string;
  /**
   * The line as the rules read it: bidi and zero-width marks removed (Arabic and Hebrew clients
   * wrap header lines in them), no-break spaces as spaces, trimmed.
   */
  text: string;
  blank: boolean;
  /** A `>` quote line ("> …", ">> …", "> > …") or Supercite's "Name> …". */
  quoted: boolean;
  // What the rules have read of the line, kept so that a line tested from several places (a
  // header block's lines, a signature block below each rule) is read once.
  /** Which header key the line starts with (header-block.ts). */
  field?: "none" | "sender" | "other";
  /** Whether it is a closing ("Best,") and whether a name ("Sam Lee") (signature.ts). */
  signOff?: boolean;
  name?: boolean;
  /** 0: not a signature line; 1: a signature line; 2: one that proves a signature block (signature.ts). */
  signature?: 0 | 1 | 2;
}

// Left-to-right, right-to-left and zero-width marks, the byte-order mark, and the "ᐧ" some
// tracking add-ons (Streak) put in a line of its own: invisible, never text to read.
const INVISIBLE = /[\u061c\u1427\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

export function cleanText(line: string): string {
  let text = line;
  if (/[^\x20-\x7e]/.test(text)) text = text.replace(INVISIBLE, "").replace(/[\u00a0\u202f]/g, " ");
  return text.trim();
}

export function toLine(source: string): Line {
  const raw = source.trimEnd();
  const text = cleanText(raw);
  const blank = text === "";
  return { raw: blank ? "" : raw, text, blank, quoted: !blank && isQuoted(text) };
}

/** For each index, the first non-blank line at or after it (lines.length if none). */
export function nextNonBlankIndex(lines: Line[]): number[] {
  const next = new Array<number>(lines.length + 1);
  next[lines.length] = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) next[i] = lines[i]!.blank ? next[i + 1]! : i;
  return next;
}

function isQuoted(text: string): boolean {
  if (text[0] === ">") return true;
  // Supercite and some Usenet readers prefix the quoted author's initials or name: "C> …",
  // "Richard> …", capitalised.
  const first = text.charCodeAt(0);
  if (first < 65 || first > 90) return false;
  let i = 0;
  while (i < text.length && i < 10 && isAsciiLetter(text.charCodeAt(i))) i++;
  return i > 0 && text[i] === ">" && (i + 1 === text.length || text[i + 1] === " ");
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** The text after a line's `>` quote marks: "> > wrote:" → "wrote:". */
export function unquoted(text: string): string {
  let i = 0;
  while (i < text.length && (text[i] === ">" || text[i] === " ")) i++;
  return text.slice(i);
}

export function endsWithColon(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return last === 0x3a || last === 0xff1a; // ":" or the full-width "：" of CJK clients
}

export function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = text[i] === " " || text[i] === "\t";
    if (!space && !inWord) count++;
    inWord = !space;
  }
  return count;
}

/** Arabic-Indic and Persian digits as ASCII, so dates in any script read the same. */
function asciiDigits(text: string): string {
  if (!/[\u0660-\u0669\u06f0-\u06f9]/.test(text)) return text;
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => String((d.charCodeAt(0) - 0x660) % 0x90));
}

/** Whether the text holds an e-mail address ("a@b.c", also inside "<…>" or "mailto:"). */
export function hasAddress(text: string): boolean {
  let at = text.indexOf("@");
  if (at < 0) return text.includes("mailto:");
  while (at > 0) {
    if (!isAddressDelimiter(text[at - 1]!)) {
      // The domain runs to the next delimiter and has a dot with something after it.
      let j = at + 1;
      let dot = false;
      while (j < text.length && !isAddressDelimiter(text[j]!) && text[j] !== "@") {
        if (text[j] === "." && j > at + 1 && j + 1 < text.length && !isAddressDelimiter(text[j + 1]!)) dot = true;
        j++;
      }
      if (dot) return true;
      at = text.indexOf("@", j);
    } else {
      at = text.indexOf("@", at + 1);
    }
  }
  return text.includes("mailto:");
}

function isAddressDelimiter(c: string): boolean {
  return " \t<>()[]\"',;:".includes(c);
}

// A time ("15:19", "17.50"), a year ("2017", "2025 г."), or a numeric date ("4/4/12").
const TIME = /(?:^|\D)\d{1,2}[:.]\d\d(?:\D|$)/;
const YEAR = /(?:^|\D)(?:19|20)\d\d(?:\D|$)/;
const NUMERIC_DATE = /\d{1,4}[./-]\d{1,2}[./-]\d{2,4}/;

/** Whether the text holds a date or time written with digits. */
export function hasDate(text: string): boolean {
  if (!/[\d\u0660-\u0669\u06f0-\u06f9]/.test(text)) return false;
  const digits = asciiDigits(text);
  return TIME.test(digits) || YEAR.test(digits) || NUMERIC_DATE.test(digits);
}

/** Whether the text holds a calendar date, with its year or all in digits: "2026", "8.12.26". */
export function hasCalendarDate(text: string): boolean {
  if (!/[\d\u0660-\u0669\u06f0-\u06f9]/.test(text)) return false;
  const digits = asciiDigits(text);
  return YEAR.test(digits) || NUMERIC_DATE.test(digits);
}

/** Whether the text holds a time of day: "15:19", "17.50", "٣:٣٦". */
export function hasTime(text: string): boolean {
  return /[\d\u0660-\u0669\u06f0-\u06f9]/.test(text) && TIME.test(asciiDigits(text));
}

/**
 * Whether the text starts with its date: "2017-11-24 16:32 …", "pe 20. lokakuuta 2017 …",
 * "Wednesday, 17 November 2021, …", "ср, 30 апр. 2025 г. в 15:19, …": at most a weekday
 * before the first digit, and a year or a numeric date in the text (a time alone is prose:
 * "At 10:30 Sam wrote:").
 */
export function startsWithDate(text: string): boolean {
  const digits = asciiDigits(text);
  let words = 0;
  let inWord = false;
  for (let i = 0; i < digits.length && i < 24; i++) {
    const c = digits.charCodeAt(i);
    if (c >= 48 && c <= 57) return words <= 1 && hasCalendarDate(digits);
    const space = c === 32;
    if (!space && !inWord) words++;
    inWord = !space;
  }
  return false;
}
