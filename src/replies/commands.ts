/**
 * The reply reader: what a person meant by the new text of their reply (quotes and signature
 * already removed), as the commands of docs/design.md §8. Read from the words, not an exact first line:
 * "Done!! thank you", "ping me again in 10 days", "I got an offer from Helios!", "Done! He said I
 * should also talk to Omar." (done, and the rest kept as a note). What is not a command is kept
 * as a note when it says something (about the contact, the meeting, what came of it) and
 * dropped when it is only politeness or the reason for a snooze. A reading Rapport is unsure of
 * is not acted on: it comes back as `unclear` with its best guess, and the answer asks.
 *
 * A digest reply acts on numbered lines ("1 sent / 4 snooze 2 weeks / 6 stop", "1,2,4 done",
 * "Done with 1 and 3"), at most as many as the digest listed. Pure: text and clock in, commands
 * out; bounded work for any input.
 */
import { bodyBounds, coreOf, isPleasantry, plainText, sentencesOf, withoutLeadingFillers, type Piece } from "./fragments";
import { correction } from "./corrections";
import { account, dayNamed, explicitNote, readClause, snoozeUntilThen } from "./intents";
import type { Context } from "./reading";
import type { AnsweredKind, Command, CommandKind } from "./reply-kinds";
import type { Clock } from "./when";

export type { AnsweredKind, Command, CommandKind } from "./reply-kinds";

/** Notes and commands are short; anything longer is cut here so later steps do bounded work. */
export const MAX_REPLY_CHARS = 4000;
/** A digest lists at most this many people; a reply naming more lines is cut there. */
export const MAX_DIGEST_ITEMS = 20;
/** More things than this in one reply is not a person writing: the rest is not read. */
export const MAX_COMMANDS = 30;

export interface ReadOptions extends Clock {
  /** The kind of email the reply answers, when known; the words alone must still do. */
  to?: AnsweredKind | null;
  /** The user's names and initials, lowercased: a line holding only one is their signature. */
  ownNames?: readonly string[];
  /** How many numbered lines the digest answered had. */
  digestItems?: number;
}

/** One step of a reading, in the order of the text. */
type Unit =
  | { kind: "commands"; commands: Command[] }
  | { kind: "guess"; guess: CommandKind; piece: Piece }
  | { kind: "text"; piece: Piece };

// What a user says when they turn a reminder off, on or away: the reason they give ("busy this
// week", "I'm traveling") is for the moment, not a note to keep about the contact.
const CONTROL_KINDS: ReadonlySet<CommandKind> = new Set([
  "snooze", "skip", "stop", "unsubscribe", "pause", "resume", "time_zone", "help", "new_feed_link", "delete_data", "cadence", "not_meeting",
]);

/** Someone other than the user: a note worth keeping is usually about them. */
const SOMEONE_ELSE = /\b(she|he|they|her|him|his|hers|them|their|theirs|we|us|our|we're|we've|she's|he's|they're)\b/i;
/** A name in the middle of a sentence ("talk to Omar"): someone else too. */
const NAME_INSIDE = /(?<!^)(?<![.!?]\s)(?<!\bI\s)\b\p{Lu}\p{Ll}+/u;
/** Text about Rapport itself ("your emails arrive at 3am"): context for a command, not a note. */
const ABOUT_RAPPORT = /\b(you|your|rapport|these|this app|the emails|the reminders|the digests?)\b/i;

/**
 * "no I meant skip, not sent", "when I said next Friday I meant the 18th not the 11th", "lol no I
 * said SKIP not STOP": what the user meant, and what they did not, is the sentence's command.
 */
const MEANT =
  /(?:^|[,.;!]\s*)(?:(?:no|nope|sorry|oops|lol|wait|ah|oh|actually)[,!.]?\s+)*(?:when i said [^,]+?,?\s+)?i (?:meant|said|wanted)\s+(?<inner>[^,]+?)(?:,?\s+not\s+(?:the\s+)?[\p{L}\p{N}]+(?:\s+[\p{L}\p{N}]+){0,3})?(?:[.!]*$|,\s*)/diu;

function readPieces(text: string, start: number, end: number, context: Context): Unit[] {
  const units: Unit[] = [];
  let named: string | null = null; // the last day the text named, for "remind me then"
  for (const sentence of sentencesOf(text, start, end)) {
    // ("Sorry wrong person — I meant I sent the one to Marco": which one is for the user to say.)
    const meant = /wrong (?:person|contact)/i.test(text.slice(start, end)) ? null : MEANT.exec(sentence.text);
    const inner = meant?.indices?.groups?.inner;
    if (meant && inner) {
      const offset = sentence.start + (sentence.text.length - sentence.text.trimStart().length);
      const read = readPieces(text, offset + inner[0], offset + inner[1], context);
      if (read.some((unit) => unit.kind === "commands" && unit.commands.some((command) => command.kind !== "note"))) {
        // "…, I still want to keep in touch with her": the rest of the sentence is read as usual.
        const rest = offset + meant.index + meant[0].length;
        units.push(...read, ...(rest < sentence.end ? readPieces(text, rest, sentence.end, context) : []));
        continue;
      }
    }
    const note = explicitNote(text.slice(sentence.start, end));
    if (note) {
      units.push({ kind: "commands", commands: [{ kind: "note", text: note }] });
      break; // "note: …" keeps everything after it, as typed
    }
    // Corrections and account requests are read whole: their commas belong to them
    // ("it's with Elena Ruiz, not her assistant", "my calendar link leaked, can I get a new one?").
    // A name for the user's own signature ("Please call me Liz") is theirs, not the meeting's
    // format: it is read before the corrections, whose "call me" means a phone call.
    const asked = account(sentence, context);
    const ownName = asked && "commands" in asked && asked.commands.some((command) => command.kind === "my_name") ? asked : null;
    const whole = ownName ?? correction(sentence, context) ?? asked;
    if (whole && "commands" in whole) {
      units.push({ kind: "commands", commands: whole.commands });
      continue;
    }
    // "He's on leave till Feb, remind me then": a day named in an earlier clause counts too.
    const clauses: { clause: Piece; reading: ReturnType<typeof readClause> }[] = [];
    for (const clause of sentence.clauses) {
      clauses.push({ clause, reading: snoozeUntilThen(clause, named) ?? readClause(clause, sentence, context) });
      named = dayNamed(clause, context.clock) ?? named;
    }
    named = dayNamed(sentence, context.clock) ?? named;
    const sureClause = clauses.some(({ reading }) => reading && "commands" in reading);
    // A sentence Rapport is unsure of is asked about whole: its other words are the context of
    // the question ("got an offer but haven't decided yet"), not a note.
    const unsure = whole ?? clauses.find(({ reading }) => reading && "guess" in reading)?.reading ?? null;
    if (!sureClause && unsure && "guess" in unsure) {
      units.push({ kind: "guess", guess: unsure.guess, piece: sentence });
      continue;
    }
    for (const { clause, reading } of clauses) {
      if (reading && "commands" in reading) units.push({ kind: "commands", commands: reading.commands });
      else if (reading) units.push({ kind: "guess", guess: reading.guess, piece: clause });
      else units.push({ kind: "text", piece: clause });
    }
  }
  return units;
}

/** Runs of text between commands become notes, cut exactly as typed. */
function assemble(text: string, units: Unit[], whole: string): Command[] {
  const commands: Command[] = units.flatMap((unit) => (unit.kind === "commands" ? unit.commands : []));
  const control = commands.some((command) => CONTROL_KINDS.has(command.kind));
  const out: Command[] = [];
  let run: Piece[] = [];
  const closeRun = () => {
    // Politeness at either end of a run is not part of the note ("Sent, thanks! She replied").
    while (run.length > 0 && isPleasantry(run[0]!.core, run[0]!.text)) run.shift();
    while (run.length > 0 && isPleasantry(run[run.length - 1]!.core, run[run.length - 1]!.text)) run.pop();
    if (run.length > 0) {
      const note = text.slice(run[0]!.start, run[run.length - 1]!.end).trim();
      const aboutSomeone = SOMEONE_ELSE.test(note) || NAME_INSIDE.test(withoutLeadingFillers(note));
      // Without anyone named, a note is about the user: kept when it says something ("no
      // reply yet"), not when it is the reason for turning a reminder off or away.
      const aboutThemselves = !control && !ABOUT_RAPPORT.test(note) && (note.match(/[\p{L}\p{N}']+/gu) ?? []).length >= 3;
      // A question without anyone in it is put to Rapport ("counts as done, right?"), not a note.
      const question = /\?\s*$/.test(note) && !aboutSomeone;
      const keep = saysSomething(note) && !question && (aboutSomeone || aboutThemselves) && !(ABOUT_RAPPORT.test(note) && !aboutSomeone);
      if (keep) out.push({ kind: "note", text: note });
    }
    run = [];
  };
  for (const unit of units) {
    if (unit.kind === "text") run.push(unit.piece);
    else if (unit.kind === "commands") {
      closeRun();
      out.push(...unit.commands);
    } else closeRun();
  }
  closeRun();

  if (out.length === 0) {
    const firstGuess = units.find((unit): unit is Extract<Unit, { kind: "guess" }> => unit.kind === "guess");
    return [{ kind: "unclear", text: whole, guess: firstGuess?.guess ?? null }];
  }
  return dedupe(out);
}

// Hedges and fillers: a reply of only these ("hmm", "idk", "not sure yet") says nothing to keep.
const EMPTY_WORDS = new Set(
  "hmm hmmm hm um uh eh meh idk dunno maybe perhaps not sure yet no nope nah ok okay lol well i don't dont know so later".split(" "),
);

function saysSomething(note: string): boolean {
  const words = note.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  return words.some((word) => !EMPTY_WORDS.has(word));
}

function dedupe(commands: Command[]): Command[] {
  const seen = new Set<string>();
  // "I moved to Toronto so pls use Eastern time": one zone is set, the last one said.
  const lastZone = commands.findLastIndex((command) => command.kind === "time_zone");
  // "Sent it, stop nagging me": the thank-you is done; no more reminders follows from that.
  const doneItems = new Set(commands.filter((command) => command.kind === "done").map((command) => command.item ?? 0));
  return commands.filter((command, index) => {
    if (command.kind === "time_zone" && index !== lastZone) return false;
    if (command.kind === "skip" && doneItems.has(command.item ?? 0)) return false;
    // "I GOT THE JOB!!! Starting at Datadog": the news once, with where.
    if (command.kind === "landed" && command.company === null && commands.some((other) => other.kind === "landed" && other.company !== null)) return false;
    const key = JSON.stringify(command);
    if (command.kind !== "note" && seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------
// Digest replies

/** Units after a number that make it a span, not a digest line: "snooze 10 days", "2 weeks". */
const SPAN_UNITS = "days?|d|weeks?|wks?|w|months?|mos?|m|years?|yrs?";

// "1 done", "1. done", "1) Done", "(1) done", "#2: done", "- 6 stop", "* 1 done", "Item 3: ...", "number 2 is done"
const ITEM_LINE = /^\s*(?:[-*•]\s*)?(?:(?:for|re:?|as for|about|per|para|pour|für|voor)\s+(?:(?:il|el|le|la|den|de)\s+)?)?(?:#\s*|no\.?\s*|number\s+|item\s+|\()?(\d{1,2})(?:\s*[.):\-–—]\s*|\s+(?:is\s+)?)(?=\S)/i;
// "1,2,4 done", "2 and 4 done", "1-3 done"
const ITEM_LIST = /^\s*(?:[-*•]\s*)?(?:(?:for|re:?|as for)\s+)?(?:#\s*|nos?\.?\s*|numbers?\s+|items?\s+)?(\d{1,2}(?:\s*(?:,|and|&|\+|-|–|to)\s*(?:#\s*)?\d{1,2})+)\s*[.):\-–—]?\s+(?:(?:are|were|is)\s+)?(?=\S)/i;
// "done with 1 and 3", "stop reminding me about 5", "snooze 2 for a week"
const ITEMS_AFTER = /\b(?:with|about|for|on|of)\s+(?:number\s+|no\.?\s*|#|item\s+)?(\d{1,2}(?:\s*(?:,|and|&)\s*\d{1,2})*)\s*$/i;
// "snooze 2 for a week", "skip 2 and 3 please", and "Skip 2." at the end of a sentence
// ("snooze 10 days" is a span, not line 10)
const ITEMS_INSIDE = new RegExp(
  String.raw`^(snooze|stop|skip|done|sent|pause)(?:\s*:\s*|\s+)(?:#\s*|number\s+|no\.?\s*|item\s+)?(\d{1,2}(?:\s*(?:,|and|&|-|–|to|thru|through)\s*(?:#\s*)?\d{1,2})*)(?!\s*(?:${SPAN_UNITS})\b)(?:\s+(?=\S)|\s*[.!,;]*\s*$)`,
  "i",
);

// "Kindly mark 1 and 2 as done", "please mark #3 sent"
const MARK_AS = /^(?:kindly |please |pls |can you |could you )?mark (?:#\s*|no\.?\s*|number\s+|item\s+)?(\d{1,2}(?:\s*(?:,|and|&)\s*\d{1,2})*) (?:as )?(done|sent|complete|completed|skipped)\b/i;
// A line named by its mark anywhere in a segment: "remind me about number 2 next Friday",
// "Reached out to #1 and #3", "make #5 every 6 weeks". A bare number there could be anything
// ("every 6 weeks"); with "#", "no.", "number" or "item" before it, it is a line.
const MARKED_ITEMS = /(?:#\s*|\bno\.\s*|\bnumbers?\s+|\bitems?\s+|\b(?:nummer|n[uú]mero|num[eé]ro|nr\.?|el|il)\s+|\bw(?:ith|\/)\s+(?=\d{1,2}\s+on\s+(?:linkedin|li)\b))(\d{1,2}(?:\s*(?:,|and|&)\s*(?:#\s*)?\d{1,2})*)\b(?!\s*(?:days?|weeks?|months?)\b)/i;

/** "3rd one please remind after 10 days", "the 2nd person": a line named by its place. */
const ORDINAL_ITEM = /\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\s+(?:one|person|contact|guy|lady|line|name)\b/i;
/** Number words a digest line may be named by: "number one I already did". */
const NUMBER_WORDS: Record<string, string> = { one: "1", two: "2", three: "3", four: "4", five: "5", six: "6", seven: "7", eight: "8", nine: "9", ten: "10" };
const NUMBER_WORD = /\bnumber\s+(one|two|three|four|five|six|seven|eight|nine|ten)\b/gi;

/** "the rest", "the others", "everything else": the lines a reply does not name. */
const REST = String.raw`(?:and\s+)?(?:the\s+)?(?:rest|others|remaining ones|everything else|all (?:the )?others)`;
const REST_FIRST = new RegExp(String.raw`^\s*${REST}\b`, "i");
const REST_WORDS = new RegExp(String.raw`^${REST}\s*`, "i");

/** "1,2,4" -> [1, 2, 4]; "1-3" -> [1, 2, 3], "3 or 4" -> [3, 4]. */
function numbers(list: string): number[] {
  const out: number[] = [];
  for (const part of list.replace(/#\s*/g, "").split(/\s*(?:,|and|&|\+|\bor\b)\s*/)) {
    const range = /^(\d{1,2})\s*(?:-|–|to|thru|through)\s*(\d{1,2})$/.exec(part);
    if (range) for (let n = Number(range[1]); n <= Number(range[2]) && n - Number(range[1]) < MAX_DIGEST_ITEMS; n += 1) out.push(n);
    else out.push(Number(part));
  }
  return out.filter((n) => Number.isInteger(n) && n >= 1);
}

/** A line that starts with a number but reads as a span or date ("2 weeks", "5 Jan") is no item. */
const SPAN_OR_DATE = new RegExp(`^(?:${SPAN_UNITS}|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\\b`, "i");

function isSpanOrDate(rest: string): boolean {
  return SPAN_OR_DATE.test(rest);
}

interface ItemSegment {
  items: number[];
  /** Which line of the reply it is on: segments are read together only within a line. */
  line: number;
  start: number;
  end: number;
  /** Set when the words to read are not one slice of the reply ("snooze 2 for a week"). */
  phrase?: string;
  /** "the rest snooze a week": a command for lines the reply does not name. */
  vague?: boolean;
  /** "all done", "the rest snooze a week" (the digest's lines known): only its per-contact commands take the lines. */
  every?: boolean;
}

/** Commands that act on one contact: in a digest they need the number of its line. */
const PER_CONTACT: ReadonlySet<CommandKind> = new Set(["done", "snooze", "skip", "stop", "cadence", "linkedin", "moved"]);

/** A per-contact command that names no line is a guess: the answer asks which line. */
function needingItem(commands: Command[], text: string): Command[] {
  const first = commands.find((command) => PER_CONTACT.has(command.kind) && command.item === undefined);
  if (!first) return commands;
  return [{ kind: "unclear", text, guess: first.kind }];
}

/**
 * A digest line cut into its segments at commas and semicolons: "Done with 1 and 3, snooze 2
 * for a week" is two. A comma before a number cuts only when what precedes it is a whole
 * numbered command ("1 done, 2 snooze 2 weeks"); otherwise the number belongs to a list ("1, 2
 * and 4 done", "snooze 1, 2 for a week").
 */
function lineParts(line: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const match of line.matchAll(/[,;]|[.!?](?=\s+\S)/g)) {
    const cut = match.index + 1;
    const before = line.slice(from, cut);
    // A sentence's end cuts too ("Done with #1. Skip 2."), but not the dot of "1. done".
    const sentenceEnd = /[.!?]/.test(match[0]);
    if (sentenceEnd && !/\p{L}/u.test(before.replace(/^\s*(?:#\s*|no\.?\s*|number\s+|item\s+)?\d{1,2}[.)]?/i, ""))) continue;
    // "stop no. 4": the dot of "no." before a number ends no sentence.
    if (sentenceEnd && /\bno\.$/i.test(before) && /^\s*\d/.test(line.slice(cut))) continue;
    const numbered = /^\s*(?:[-*•]\s*)?(?:#\s*|\()?\d{1,2}\b[^\p{L}]*\p{L}/u.test(before);
    if (sentenceEnd || !/^\s*\d/.test(line.slice(cut)) || numbered) {
      parts.push(before);
      from = cut;
    }
  }
  parts.push(line.slice(from));
  // "1 done 2 done 4 done", "1,2 done 3 skip": a numbered command runs into the next number.
  return parts.flatMap((part) => {
    const pieces: string[] = [];
    let at = 0;
    for (const next of part.matchAll(/\s(?=\d{1,2}(?:\s*(?:,|and|&|\+)\s*\d{1,2})*[.):]?\s+(?:done|sent|skip|stop|snooze)\b)/gi)) {
      const before = part.slice(at, next.index);
      if (/^\s*(?:[-*•]\s*)?\d{1,2}\b.*\b(?:done|sent|skip|stop|snooze)\b/i.test(before)) {
        pieces.push(before);
        at = next.index;
      }
    }
    pieces.push(part.slice(at));
    // "number 1 I already did number 2 can wait": a line naming several lines by their mark is
    // cut before each mark.
    return pieces.flatMap((piece) => {
      const marks = [...piece.matchAll(/\s(?=(?:number|#|no\.)\s*\d{1,2}\b)/gi)];
      // Marked from its start ("#1 done #2 skip"), or after one word ("okay number 1 …"): then two marks make it a list.
      const first = /^\s*(?:number|#|no\.)\s*\d/i.test(piece) ? 1 : /^\s*\S+\s+(?:number|#|no\.)\s*\d/i.test(piece) ? 2 : Infinity;
      if (marks.length < first) return [piece];
      const cuts = [0, ...marks.map((mark) => mark.index), piece.length];
      const parts = cuts.slice(1).map((cut, index) => piece.slice(cuts[index], cut));
      // "stop #4 and #5" is one list: each cut part must say something after its mark.
      const says = (part: string) => /\p{L}{2,}/u.test(part.replace(/^\s*(?:\S+\s+)?(?:number|#|no\.)\s*\d{1,2}/i, "").replace(/\b(?:and|or|&)\b/gi, ""));
      return parts.slice(1).every(says) && says(parts[0]!) ? parts : [piece];
    });
  });
}

/** Words for every line of the digest: "all done", "done with everyone", "both sent". */
const EVERY_LINE = String.raw`(?:all(?: of them| \d{1,2})?|every(?:one|body| one|thing)|both(?: of them)?|them all|the lot)`;
const EVERY_FIRST = new RegExp(String.raw`^\s*(?:and\s+)?${EVERY_LINE}(?:\s+(?:are|were|is|have been|has been))?\s+(?=\S)`, "i");
const EVERY_AFTER = new RegExp(String.raw`^\s*(done|sent|skip|skipped|snooze|finished|completed)\s+(?:with\s+|for\s+|to\s+)?${EVERY_LINE}\b`, "i");
// "except 3", "but not #2", "apart from 3 and 5", "other than no. 4"
const EXCEPT = /^\s*,?\s*(?:except(?: for)?|but(?: not)?|apart from|other than|besides|save for)\s+(?:#\s*|no\.?\s*|number\s+|item\s+)?(\d{1,2}(?:\s*(?:,|and|&|or)\s*(?:#\s*)?\d{1,2})*)\b/i;

/**
 * A segment about every line of the digest ("all done", "done with everyone except 3"): the
 * command's words, and the lines it leaves out. Null when the segment does not say "all".
 */
function everyLine(part: string, following: string | undefined, lines: number): { phrase: string; except: number[]; joinsNext: boolean } | null {
  const first = EVERY_FIRST.exec(part);
  const after = first ? null : EVERY_AFTER.exec(part);
  if (!first && !after) return null;
  const word = (first ?? after)![0].toLowerCase();
  const count = /\ball (\d{1,2})\b/.exec(word)?.[1];
  if ((/\bboth\b/.test(word) && lines !== 2) || (count !== undefined && Number(count) !== lines)) return null;
  let phrase = first ? part.slice(first[0].length) : `${after![1]}${part.slice(after![0].length)}`;
  let except: number[] = [];
  const inside = /\s*,?\s*(?:except|but|apart|other than|besides|save for)\b/i.exec(phrase);
  const clause = inside ? EXCEPT.exec(phrase.slice(inside.index)) : null;
  if (inside && clause) {
    except = numbers(clause[1]!);
    phrase = phrase.slice(0, inside.index) + phrase.slice(inside.index + clause[0].length);
  }
  // "all done, except 3": the exception is the next part of the line.
  const next = !clause && following ? EXCEPT.exec(following) : null;
  if (next) except = numbers(next[1]!);
  return { phrase: phrase.trim(), except, joinsNext: next !== null && next[0].length >= following!.replace(/[\s.!,;]+$/, "").length };
}

/**
 * The numbered segments of a digest reply; null when no line names an item. `known` says the
 * digest's line count is known (`limit`), so "all" and "the rest" can name lines; without it
 * they are the user's to say, and the answer asks.
 */
function itemSegments(text: string, start: number, end: number, limit: number, known = false): ItemSegment[] | null {
  const segments: ItemSegment[] = [];
  let offset = start;
  let found = false;
  let lineNumber = 0;
  for (const written of text.slice(start, end).split("\n")) {
    lineNumber += 1;
    // "number one … number two …": the words as digits (same length, so offsets hold: "one" is
    // "1  "), and a line naming several is cut before each.
    const line = written.replace(NUMBER_WORD, (whole, word: string) => `number ${NUMBER_WORDS[word.toLowerCase()]!.padEnd(word.length)}`);
    let partStart = offset;
    offset += line.length + 1;
    // Items carry over within a line ("1 done - she replied already"), never to the next line.
    let inherited: number[] = [];
    // A line may hold several segments: "Done with 1 and 3, snooze 2 for a week".
    const parts = lineParts(line);
    for (let index = 0; index < parts.length; index += 1) {
      const part = parts[index]!;
      const at = partStart;
      partStart += part.length;
      if (part.trim() === "") continue;
      const every = known ? everyLine(part, parts[index + 1], limit) : null;
      if (every) {
        const all = Array.from({ length: limit }, (_, n) => n + 1);
        inherited = all.filter((n) => !every.except.includes(n));
        segments.push({ items: inherited, line: lineNumber, start: at, end: at + part.length, phrase: every.phrase, every: true });
        found = true;
        if (every.joinsNext) partStart += parts[(index += 1)]!.length;
        continue;
      }
      const lead = part.length - part.trimStart().length;
      const list = ITEM_LIST.exec(part);
      const single = list ? null : ITEM_LINE.exec(part);
      const inside = ITEMS_INSIDE.exec(part.trim());
      const after = ITEMS_AFTER.exec(part.replace(/[,;.!]+\s*$/, "").replace(/\s+(?:already|too|as well|now|today|yesterday)$/i, "").replace(/\bto (?=(?:#|no\.?\s*|number\s+|item\s+)?\d{1,2}(?:\s*(?:,|and|&)\s*#?\d{1,2})*\s*$)/i, "with "));
      const markAs = MARK_AS.exec(part.trim());
      const ordinal = ORDINAL_ITEM.exec(part);
      const marked = ordinal ?? MARKED_ITEMS.exec(part);
      if (REST_FIRST.test(part)) {
        // "…, rest snooze a week": which items "the rest" are is for the user to say.
        inherited = [];
        segments.push({ items: [], line: lineNumber, start: at, end: at + part.length, vague: true });
        continue;
      }
      if (list || (single && !isSpanOrDate(part.slice(single[0].length)))) {
        const match = (list ?? single)!;
        inherited = numbers(match[1]!);
        segments.push({ items: inherited, line: lineNumber, start: at + match[0].length, end: at + part.length });
      } else if (inside) {
        inherited = numbers(inside[2]!);
        const tail = part.trim().slice(inside[0].length);
        segments.push({ items: inherited, line: lineNumber, start: at + lead, end: at + part.length, phrase: `${inside[1]} ${tail}` });
      } else if (after) {
        inherited = numbers(after[1]!);
        // Read as the words before the numbers alone: "Done with 1" is "done" for line 1.
        // ("Reached out to #1 and #3": "to" reads as "with", so the words keep their "to".)
        const words = part.slice(0, after.index).trim();
        segments.push({ items: inherited, line: lineNumber, start: at, end: at + after.index, phrase: /\bto\s+(?:#|no\.?\s*|number\s+|item\s+)?\d/i.test(part.slice(after.index)) ? `${words} to` : words });
      } else if (markAs) {
        inherited = numbers(markAs[1]!);
        segments.push({ items: inherited, line: lineNumber, start: at + lead, end: at + part.length, phrase: `${markAs[2]}${part.trim().slice(markAs[0].length)}` });
      } else if (marked) {
        inherited = numbers(marked[1]!);
        // "and do stop no. 4 please": the joining and emphatic words are not the command's.
        const phrase = `${part.slice(0, marked.index)} ${part.slice(marked.index + marked[0].length)}`
          .replace(/\s+/g, " ")
          .trim()
          .replace(/^(?:(?:and|also|then|plus|please|pls|do)\s+)+/i, "");
        segments.push({ items: inherited, line: lineNumber, start: at, end: at + part.length, phrase });
      } else {
        // "Done with 1. Thanks!": the thanks is for Rapport, not more about line 1.
        if (isPleasantry(coreOf(part), part)) continue;
        segments.push({ items: inherited, line: lineNumber, start: at, end: at + part.length });
        continue;
      }
      found = true;
    }
  }
  if (!found) return null;
  if (known) {
    // "2 and 4 done, rest snooze a week": the rest are the lines no other segment names.
    const named = new Set(segments.flatMap((segment) => (segment.vague ? [] : segment.items)));
    for (const segment of segments) {
      if (!segment.vague) continue;
      const said = text.slice(segment.start, segment.end).trim().replace(/[,;.!]+$/, "");
      segment.items = Array.from({ length: limit }, (_, n) => n + 1).filter((n) => !named.has(n));
      segment.phrase = said.replace(REST_WORDS, "").replace(/^(?:(?:are|can|should)\s+(?:be\s+)?)?/i, "").replace(/^[\s:,–—-]+/, "");
      if (segment.items.length > 0) {
        delete segment.vague;
        segment.every = true;
      }
    }
  }
  // Bounded: never more numbered segments than the digest had lines, whatever the reply holds.
  let counted = 0;
  return segments.filter((segment) => segment.items.length === 0 || (counted += 1) <= limit);
}

function readDigest(text: string, segments: ItemSegment[], context: Context): Command[] {
  const out: Command[] = [];
  for (let i = 0; i < segments.length; ) {
    const first = segments[i]!;
    // Segments of the same items in a row are read together, so a note is not cut at its commas.
    let j = i + 1;
    const together = (next: ItemSegment) => !next.phrase && next.line === first.line && next.items.join() === first.items.join();
    while (!first.phrase && j < segments.length && together(segments[j]!)) j += 1;
    const last = segments[j - 1]!;
    const [source, from, to] = first.phrase ? [first.phrase, 0, first.phrase.length] : [text, first.start, last.end];
    if (first.vague) {
      // "rest snooze a week": what is meant for which lines is the user's to say; ask.
      const said = text.slice(first.start, first.end).trim().replace(/[,;.!]+$/, "");
      const meant = readReply(said.replace(REST_WORDS, ""), {
        ...context.clock,
        to: null,
      }).find((command) => command.kind !== "note" && command.kind !== "unclear");
      out.push({ kind: "unclear", text: said, guess: meant?.kind ?? null });
      i = j;
      continue;
    }
    const read = assemble(source, readPieces(source, from, to, context), source.slice(from, to).trim());
    if (first.every) {
      // "all done": each line gets what acts on a contact; a note goes with the reply once.
      // Words that act on no one ("all good thanks") are read as if no line were named.
      const perContact = read.filter((command) => PER_CONTACT.has(command.kind));
      if (perContact.length > 0) {
        for (const item of first.items) for (const command of perContact) out.push({ ...command, item });
        out.push(...read.filter((command) => !PER_CONTACT.has(command.kind) && command.kind !== "unclear"));
      } else {
        const said = text.slice(first.start, first.end).trim();
        for (const command of needingItem(assemble(text, readPieces(text, first.start, first.end, context), said), said)) {
          if (command.kind !== "unclear" || command.guess !== null) out.push(command);
        }
      }
      i = j;
      continue;
    }
    const commands = first.items.length === 0 ? needingItem(read, source.slice(from, to).trim()) : read;
    for (const command of commands) {
      if (first.items.length === 0) {
        // A line that names no item and asks nothing ("Thanks, these digests are great!") is politeness.
        if (command.kind !== "unclear" || command.guess !== null) out.push(command);
        continue;
      }
      const unclear = command.kind === "unclear" ? { text: lineOf(text, first.start) } : {};
      // "6 landed at Oracle": on a contact's line, a bare "landed at" is their job; the user's
      // own news says so ("2 - got the offer at Helios!!" is the user's, thanks to line 2).
      const bare = /^\s*(?:has |just |recently )*landed (?:at|with) /i.test(source.slice(from, to));
      const theirs: Command = command.kind === "landed" && command.company && bare ? { kind: "moved", company: command.company } : command;
      for (const item of first.items) out.push({ ...theirs, ...unclear, item });
    }
    i = j;
  }
  return out;
}

function lineOf(text: string, at: number): string {
  const start = text.lastIndexOf("\n", at - 1) + 1;
  const end = text.indexOf("\n", at);
  return text.slice(start, end < 0 ? text.length : end).trim();
}

// ---------------------------------------------------------------------------------------------

/** Reads the new text of a reply. An empty reply asks for help. */
export function readReply(newText: string, options: ReadOptions): Command[] {
  // NFKC may lengthen the text ("ﬁ" is "fi"): cut again after it.
  const text = plainText(newText.slice(0, MAX_REPLY_CHARS)).slice(0, MAX_REPLY_CHARS);
  const { start, end } = bodyBounds(text, options.ownNames ?? []);
  const whole = text.slice(start, end).trim();
  if (whole === "") return [{ kind: "help" }];

  const context: Context = { clock: { now: options.now, timeZone: options.timeZone }, to: options.to ?? null };
  // A time zone named in the reply is where its dates are meant: "I'm in Tokyo now, remind me tomorrow".
  const zone = readPieces(text, start, end, context)
    .flatMap((unit) => (unit.kind === "commands" ? unit.commands : []))
    .find((command): command is Extract<Command, { kind: "time_zone" }> => command.kind === "time_zone");
  if (zone) context.clock = { now: options.now, timeZone: zone.zone };

  if (context.to === "digest" || context.to === null) {
    const segments = itemSegments(text, start, end, Math.min(options.digestItems ?? MAX_DIGEST_ITEMS, MAX_DIGEST_ITEMS), options.digestItems !== undefined);
    if (segments) return dedupe(readDigest(text, segments, context)).slice(0, MAX_COMMANDS);
  }
  const commands = assemble(text, readPieces(text, start, end, context), whole);
  return (context.to === "digest" ? needingItem(commands, whole) : commands).slice(0, MAX_COMMANDS);
}
