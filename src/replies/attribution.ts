/**
 * The line a mail client writes above the history it appends: "On <date>, <name> <addr> wrote:"
 * and its forms in every client and language. It is short (one line, or up to four when the
 * client wrapped it), it carries a date or time and/or an address or name, and history follows
 * it. Vocabularies are data; the shapes are general:
 *
 * - a verb: "On … wrote:", "Le … a écrit :", "Am … schrieb Name:", "Name <addr> schrieb am …:",
 *   "<date> пользователь Name написал:", "Wiadomość napisana przez … w dniu …:", "addr wrote:";
 * - no verb, date first and address last: "2017-11-24 16:32 GMT+01:00 Name <addr>:",
 *   "30.09.2017, 18.30, \"Name\" <addr>:", "ср, 30 апр. 2025 г. в 15:19, Name <addr>:";
 * - no colon: "On <date> Name <addr> wrote", Zoho's "---- On … wrote ----", or any dated one
 *   right above a quote or a header block.
 *
 * A line of the user's own that mentions writing ("On Monday Sam wrote:") has no date nor
 * address: it only counts when `>` lines follow it.
 *
 * Hostile input: a window of at most five lines of at most MAX_ATTRIBUTION_CHARS, each test a
 * single pass.
 */

import { endsWithColon, hasAddress, hasCalendarDate, hasDate, hasTime, type Line, startsWithDate, unquoted, wordCount } from "./lines";

// An attribution names a date and a sender; much longer than this is prose, not a header.
const MAX_ATTRIBUTION_CHARS = 500;
const MAX_LINE_CHARS = 300;

// "On", "Le", "Am", … in the sender's language, before the date.
const OPENERS = [
  "on ", "le ", "am ", "el ", "il ", "in data ", "em ", "no dia ", "op ", "den ", "w dniu ", "dnia ", "dne ",
  "dňa ", "в ", "στις ", "في ", "בתאריך ", "pada ", "vào ", "在",
];

// "wrote" in the sender's language; several clients put it last, some first.
const VERBS = [
  "wrote", "writes", "écrit", "ecrit", "schrieb", "geschrieben", "schreef", "escribió", "escribio", "scritto",
  "escreveu", "skrev", "kirjoitti", "napisał", "napisala", "napisała", "napisana", "napisal", "napsal", "napísal",
  "napisao", "pisze", "написал", "написав", "написа", "пише", "έγραψε", "كتب", "a scris", "írta", "yazdı", "写道",
  "寫道", "のメッセージ", "작성", "כתב", "đã viết", "menulis", "rašė", "rakstīja", "kirjutas", "escriure", "geskryf",
  "लिखा",
];

export interface Attribution {
  end: number; // last line of the attribution
  strong: boolean; // unmistakably a client's header, so history follows even without `>` lines
}

/**
 * Whether an attribution could end on this line, a cheap test so that attributionAt runs only
 * near one: a colon, a verb, Zoho's dashes or an address last, a `>`-quoted closer, old Gmail's
 * date first. (The forms that end in a name need a quote or header block below: the caller's.)
 */
export function mayEndAttribution(line: Line): boolean {
  if (line.blank) return false;
  if (line.quoted) return true;
  let text = line.text;
  if (endsWithColon(text)) return true;
  const first = text.charCodeAt(0);
  if (first >= 48 && first <= 57) return true;
  // Zoho's "---- On … wrote ----", Gmail's bold "*On … wrote:*".
  let end = text.length;
  while (end > 0 && "-* ".includes(text[end - 1]!)) end--;
  if (end < text.length) {
    text = text.slice(0, end);
    if (endsWithColon(text) || text.endsWith(">")) return true;
  }
  if (text.endsWith(">")) return true;
  return LETTER_LAST.test(text) && endsWithVerb(text.slice(-24).toLowerCase());
}

const LETTER_LAST = /\p{L}$/u;

/** What follows an attribution, which decides the forms without a colon. */
export type After = "quote" | "headers" | "other";

/** An attribution starting at line i, possibly wrapped over up to four lines (and one blank). */
export function attributionAt(lines: Line[], i: number, after: (end: number) => After): Attribution | null {
  const first = lines[i]!;
  if (first.text.length > MAX_LINE_CHARS) return null;
  const parts = [headText(first.text)];
  let head: boolean | undefined;
  let end = i;
  for (;;) {
    // A wrap just before the address's closing ">" or the verb leaves the end of the line
    // `>`-quoted on the next: "…<rick@example.com\n> a écrit :", "…<\nmailto:…\n> wrote:".
    const closer =
      lines[end + 1]?.quoted && !endsWithColon(parts[parts.length - 1]!) && (head ??= isHead(parts[0]!))
        ? quotedCloser(lines[end + 1])
        : null;
    if (closer === null) {
      const found = classify(parts.join(" "), () => after(end));
      if (found) return { end, strong: found === "strong" };
    }
    if (!(head ??= isHead(parts[0]!)) || parts.length === 4) return null;

    // Gmail, Apple Mail and Android wrap a long attribution anywhere: "…Name <\naddr> wrote:",
    // "…Name\n<addr> kirjoitti:", "…<addr\n>:", "…2014,\nat 10:18,\nName <addr> wrote:", and
    // once in a while with a blank line inside the address ("…Name\n\n<\nmailto:…").
    let next = end + 1;
    if (next < lines.length && lines[next]!.blank && next + 1 < lines.length && opensAddress(lines[next + 1]!.text)) next++;
    const line = lines[next];
    if (!line || line.blank || line.text.length > MAX_LINE_CHARS) return null;
    let text = line.text;
    if (line.quoted) {
      const closing = quotedCloser(line);
      if (closing === null) return null;
      text = closing;
    } else if (!continues(parts[parts.length - 1]!, text) && classify(text, () => after(next)) !== null) {
      // The next line is an attribution of its own: this one is the user's.
      return null;
    }
    parts.push(text);
    end = next;
    if (parts.join(" ").length > MAX_ATTRIBUTION_CHARS) return null;
  }
}

/** The end of a wrapped attribution on a `>`-quoted line (">:", "> wrote:"), as text; else null. */
function quotedCloser(line: Line | undefined): string | null {
  if (!line?.quoted) return null;
  const text = unquoted(line.text);
  return text === ":" || isVerbTail(text) ? ">" + text : null;
}

/** The line without the dashes or bullet that Yahoo ("--- On …"), Zimbra ("- Le …") and Zoho put around it. */
function headText(text: string): string {
  let start = 0;
  while (start < text.length && "-–—* ".includes(text[start]!)) start++;
  return text.slice(start);
}

/** Whether a line can begin a wrapped attribution: it holds a date, an address or a verb, and is no finished sentence. */
function isHead(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  const before = text.charCodeAt(text.length - 2);
  // "…went well." ends a sentence; "Fr., 28." (a date) does not.
  if ((last === 0x2e || last === 0x21 || last === 0x3f) && !(before >= 48 && before <= 57)) return false;
  const lower = text.toLowerCase();
  return (text.length <= 80 && startsWithOpener(lower)) || hasDate(text) || hasAddress(text) || hasVerb(lower);
}

/** Whether `next` plainly continues `previous`: the wrap fell inside an address, a clause or before the verb. */
function continues(previous: string, next: string): boolean {
  const end = previous[previous.length - 1];
  if (end === "," || end === "<" || end === "(" || end === "[" || end === '"') return true;
  const start = next.charCodeAt(0);
  if (next[0] === "<" || next[0] === "(" || next[0] === "[" || next[0] === ">" || next.startsWith("mailto:")) return true;
  // A lower-case start continues the sentence: "wrote:", "at 10:18,", "um 12:00 schrieb …".
  if (start >= 97 && start <= 122) return true;
  return hasVerb(previous.slice(previous.lastIndexOf(" ") + 1).toLowerCase()); // "…schreef\nName <addr>:"
}

function opensAddress(text: string): boolean {
  return text[0] === "<" || text.startsWith("mailto:");
}

// The verb wrapped onto a line of its own: "wrote:", "a écrit :", "ha scritto:", "het\nvolgende geschreven:".
function isVerbTail(text: string): boolean {
  if (!endsWithColon(text)) return false;
  const words = text.slice(0, -1).trim();
  return words.length < 30 && wordCount(words) <= 3 && hasVerb(words.toLowerCase());
}

function verbIndex(lower: string): number {
  let best = -1;
  for (const verb of VERBS) {
    const at = lower.indexOf(verb);
    if (at >= 0 && (best < 0 || at < best)) best = at;
  }
  return best;
}

function hasVerb(lower: string): boolean {
  return VERBS.some((verb) => lower.includes(verb));
}

function startsWithOpener(lower: string): boolean {
  return OPENERS.some((opener) => lower.startsWith(opener));
}

// Old Gmail: "2016-03-03 17:21 GMT+01:00 Some One", sometimes left without its address and colon.
const OLD_GMAIL = /^\d{4}-\d\d-\d\d \d\d?:\d\d GMT[+-]\d\d?:\d\d /;

/**
 * Whether the (joined) text is an attribution: "strong" when it is certainly a client's,
 * "weak" when it only reads like one (it counts above `>` lines), null when it is not one.
 */
function classify(source: string, after: () => After): "strong" | "weak" | null {
  if (source.length > MAX_ATTRIBUTION_CHARS) return null;
  let text = plainEntities(headText(source));
  // Zoho's "---- On … wrote ----" and bold markers "*On … wrote:*".
  let cut = text.length;
  while (cut > 0 && "-–—* ".includes(text[cut - 1]!)) cut--;
  text = text.slice(0, cut);
  if (text.length < 6) return null;

  const lower = text.toLowerCase();
  const colon = endsWithColon(text);
  const verb = verbIndex(lower);
  const dated = hasDate(text);
  const address = hasAddress(text);
  const dateFirst = startsWithDate(text);
  const leads = dateFirst || startsWithOpener(lower);

  if (verb >= 0 && colon) {
    if (leads) return dated || address ? "strong" : "weak";
    // Name first: "Name <addr> wrote:", "addr wrote:", "Name <addr> schrieb am <date>:",
    // "name schrieb am Do. 20. Juni 2024 um 14:49:", "Wiadomość napisana przez … w dniu …:".
    const before = text.slice(0, verb).trimEnd();
    const words = wordCount(before);
    if (words <= 10 && endsWithAddress(before)) return "strong";
    // "Rapport <addr> 于2026年12月8日周二 12:00写道：", "Name <addr>, 8 Ara 2026 Sal, 12:00 tarihinde şunu yazdı:"
    if (words <= 10 && hasAddress(before) && hasTime(before) && hasDate(before)) return "strong";
    if (words <= 4 && hasTime(text.slice(verb))) return "strong";
    return text.length <= 200 ? "weak" : null;
  }
  if (verb < 0 && colon) {
    // No verb, the date and time first and the address last: "2017-11-24 16:32 GMT+01:00 Name <addr>:",
    // Hebrew Gmail's "בתאריך …, 12:00 מאת Name <addr>:".
    const full = dateFirst || (text.endsWith(">:") && hasCalendarDate(text));
    return leads && full && hasTime(text) && endsWithAddress(text.slice(0, -1)) ? "strong" : null;
  }
  // No colon.
  if (OLD_GMAIL.test(text) && wordCount(text) <= 8) return "strong";
  if (!leads || !dated) return null;
  if (verb >= 0 && address && endsWithVerb(lower)) return "strong"; // "On <date> Name <addr> wrote"
  if (verb < 0 && !endsWithAddress(text)) return null;
  // "Am <date> schrieb Name" above a header block, "2013/11/1 Name <addr>" above `>` lines.
  const next = after();
  return next === "quote" || next === "headers" ? "strong" : null;
}

/** Some clients leave the attribution HTML-escaped in the text part: "Name &lt;addr&gt; wrote:". */
function plainEntities(text: string): string {
  if (!text.includes("&")) return text;
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&quot;", '"').replaceAll("&amp;", "&");
}

function endsWithVerb(lower: string): boolean {
  return VERBS.some((verb) => lower.endsWith(verb) && (lower.length === verb.length || lower[lower.length - verb.length - 1] === " "));
}

/** "… Name <addr>", "… from addr <addr>", "… <[addr](mailto:addr)>", "… addr". */
function endsWithAddress(text: string): boolean {
  const trimmed = text.trimEnd();
  const lastWord = trimmed.slice(trimmed.lastIndexOf(" ") + 1);
  if (trimmed.endsWith(">")) {
    const lt = trimmed.lastIndexOf("<");
    return lt >= 0 && hasAddress(trimmed.slice(lt));
  }
  return hasAddress(lastWord);
}
