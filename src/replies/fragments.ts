/**
 * A reply cut into the pieces a person strings together: sentences, then clauses ("Done, and
 * connected on LinkedIn", "skip this one and don't remind me about him again"), each with its
 * place in the text so what is kept as a note is exactly what was typed. Greetings and sign-offs
 * ("Hi!", "Thanks,\nJane") are set aside first; politeness inside a clause ("please", "ok",
 * "thanks", emoji, trailing punctuation, capitals) is peeled off for matching.
 *
 * Hostile input: the text is capped by the caller; every step is a linear pass or a regular
 * expression without nested unbounded quantifiers.
 */
import { inEnglish } from "./phrasebook";

export interface Piece {
  /** Offsets into the reply text: [start, end). */
  start: number;
  end: number;
  /** The words as typed, trimmed. */
  text: string;
  /** Lowercased, polite wrapping and outer punctuation removed: what recognisers match. */
  core: string;
  /** Lowercased with outer punctuation removed, wrapping kept ("yes, delete" stays whole). */
  lower: string;
  /** The piece ended with a question mark. */
  question: boolean;
}

export interface Sentence extends Piece {
  /** Its clauses, in order; a sentence that is one clause has one. */
  clauses: Piece[];
}

/** Typographic quotes, dashes and spaces as plain ones; invisible characters gone. */
export function plainText(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[\u2018\u2019\u02bc\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/[\u200b-\u200f\u2060\ufeff\u202a-\u202e]/g, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[\t\u00a0]/g, " ");
}

const EMOJI = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\u{fe0f}|\u{20e3}/u;
const OUTER_JUNK = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;

// Words that wrap a command without changing it: "ok sent", "yes, done", "just sent it", "snooze 2w please".
const LEADING_FILLERS = new Set([
  "ok", "okay", "k", "kk", "yes", "yep", "yeah", "yup", "sure", "so", "well", "also", "and", "but", "btw",
  "oh", "ah", "actually", "hey", "hi", "hello", "please", "pls", "plz", "kindly", "just", "great", "cool",
  "alright", "fyi", "update", "ps", "p.s", "then", "plus", "anyway", "anyways", "finally", "awesome",
  "perfect", "good", "nice", "sorry", "oops", "ugh", "lol", "haha", "rapport", "ya", "yea", "umm", "um", "hmm",
  // Greetings in the languages users mix in: "Buenas, the meeting is…", "Merci! Small thing…".
  "hola", "buenas", "merci", "gracias", "danke", "namaste", "ciao",
  // "Aye sent it", "Grand, sent that off", "Shot, that's 100%": yes and good, as said in Scotland, Ireland, South Africa.
  "aye", "grand", "sound", "lovely", "brilliant", "ja", "shot",
]);
const TRAILING_FILLERS = [
  "please", "pls", "plz", "thanks", "thank you", "thank you so much", "thanks so much", "thx", "ty", "lol", "haha",
  "btw", "too", "if possible", "if you can", "when you can", "thanks rapport", "rapport", "for me", "kindly",
  // British "ta", Indian English "kindly note" / "please note": thanks and politeness, not words of the reply.
  "ta", "cheers", "kindly note", "please note", "bro", "mate",
  // Particles that end a sentence in Filipino, Nigerian and Singaporean English: "Already sent po", "I have sent it o", "Correct lah".
  "po", "o", "lah", "la", "leh", "hor", "sia", "abeg",
];

// Texting shorthand, spelt out for matching: "can u remind me tmrw", "next wk pls".
const SHORTHAND: Record<string, string> = {
  u: "you", ur: "your", pls: "please", plz: "please", tmrw: "tomorrow", tmr: "tomorrow", tmrrw: "tomorrow", tomo: "tomorrow",
  "2moro": "tomorrow", "2morrow": "tomorrow", wk: "week", wks: "weeks", yr: "year", yrs: "years", mo: "month", mos: "months",
  "w/": "with", b4: "before", thx: "thanks", tx: "thanks", nxt: "next", abt: "about", msg: "message", arvo: "afternoon",
  unsub: "unsubscribe", its: "it's", im: "i'm", ive: "i've", dont: "don't", cant: "can't", havent: "haven't", didnt: "didn't",
};

function spelledOut(text: string): string {
  return text.replace(/(?<![\p{L}\p{N}'/])[\p{L}\p{N}/']+(?![\p{L}\p{N}'])/gu, (word) => SHORTHAND[word] ?? word);
}

/** The text without the polite words it opens with ("ok, please Busy this week" -> "Busy this week"), case kept. */
export function withoutLeadingFillers(text: string): string {
  let rest = text.trimStart();
  for (;;) {
    const first = /^([A-Za-z.]+)[\s,!.:]+/.exec(rest);
    if (!first || !LEADING_FILLERS.has(first[1]!.toLowerCase()) || first[0].length >= rest.length) return rest;
    rest = rest.slice(first[0].length);
  }
}

/** Peels polite wrapping and outer punctuation off a clause, lowercased. */
export function coreOf(text: string): string {
  // A check mark is a word: "✅ thx" is "done".
  let core = spelledOut(text.toLowerCase().replace(/✅|✔\ufe0f?|☑\ufe0f?|✓/gu, " done ")).replace(OUTER_JUNK, " ").replace(/\s+/g, " ").trim();
  for (let changed = true; changed && core !== ""; ) {
    changed = false;
    const first = /^([a-z.]+)[\s,!.:]+(.*)$/.exec(core);
    if (first && LEADING_FILLERS.has(first[1]!) && first[2] !== "") {
      core = first[2]!.trim();
      changed = true;
    }
    for (const filler of TRAILING_FILLERS) {
      if (core.endsWith(` ${filler}`) || core.endsWith(`,${filler}`)) {
        core = core.slice(0, -filler.length).replace(OUTER_JUNK, " ").trim();
        changed = true;
      }
    }
    const stripped = core.replace(OUTER_JUNK, " ").trim();
    if (stripped !== core) {
      core = stripped;
      changed = true;
    }
  }
  return core;
}

/** Only emoji, punctuation and spaces. */
export function isOnlySymbols(text: string): boolean {
  return text.trim() !== "" && /^[\s\p{P}\p{S}\p{Extended_Pictographic}\p{Emoji_Modifier}\u{fe0f}\u{20e3}]+$/u.test(text);
}

export function hasEmoji(text: string): boolean {
  return EMOJI.test(text);
}

// Thanks, praise and acknowledgements: polite, and nothing to act on or keep.
const PLEASANTRY =
  /^(sweet as|flat out|sorry mate|good news|great news|big news|exciting news|news|guess what|update|(thanks?|thank you|thx|ty)( (so|very) much| a lot| again)?( for [\w' -]{1,40})?|tysm|many thanks|(oops|sorry|my bad)( i)?( totally| completely)?( forgot)?|(i )?(totally |completely )?forgot|much appreciated|appreciate (it|this|you)|cheers|ta|((kindly|please) )?note|ok(ay)?|k|cool|great|awesome|nice|perfect|got it|noted|will do|sounds good|lol|haha|hi( there)?|hello|hey|this is (super |really |very )?(helpful|great|useful)|(that'?s|sounds|looks|all) (so |really |very )?(good|great|perfect|fine|awesome|helpful)|love (it|this)|you'?re the best|have a (good|great|nice) (day|one|weekend)|best|regards|best regards|kind regards|sent from my [\w ]{2,30}|sent from (outlook|mail|yahoo mail|gmail)( for \w+)?)$/;

export function isPleasantry(core: string, text: string): boolean {
  // "Gracias", "merci beaucoup": thanks in the phrasebook's languages too.
  return core === "" || isOnlySymbols(text) || PLEASANTRY.test(core) || PLEASANTRY.test(inEnglish(core));
}

/** A whole reply of politeness, clause by clause: "Thanks!", "Great, thank you", "Will do 👍". */
export function isOnlyPoliteness(text: string): boolean {
  return text.split(/[,.!;\n]+/).every((part) => isPleasantry(coreOf(part), part));
}

// Greeting lines ("Hi!", "Hello Rapport,") and sign-off lines ("Thanks,", "Best, Jane") around
// the message, and a name under a sign-off ("Jane", "J.", "Jane Doe").
const GREETING_LINE = /^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)(?:\s+(?:there|rapport|team|all|\p{Lu}[\p{L}'-]*)){0,3}\s*[,!.]?$/iu;
const SIGNOFF_LINE =
  /^(thanks|thank you|thx|cheers|best|best regards|regards|kind regards|warm regards|all the best|many thanks|sincerely|xo|xx)[,!.]?(\s+\p{Lu}[\p{L}.'-]*(\s+\p{Lu}[\p{L}.'-]*)?)?$/iu;
const NAME_LINE = /^[-—~]?\s*\p{Lu}[\p{L}'.-]*(\s+\p{Lu}[\p{L}'.-]*){0,2}$/u;

/**
 * The reply without its greeting and sign-off lines: [start, end) of what remains. A name line
 * counts as a signature under a sign-off line, or when it is the user's own name or initial
 * (`ownNames`, lowercased), never otherwise: "Friday" on a line of its own is a snooze.
 */
export function bodyBounds(text: string, ownNames: readonly string[] = []): { start: number; end: number } {
  const lines: { start: number; end: number; text: string }[] = [];
  let at = 0;
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    const offset = at + line.indexOf(trimmed);
    if (trimmed !== "") lines.push({ start: offset, end: offset + trimmed.length, text: trimmed });
    at += line.length + 1;
  }
  let first = 0;
  let last = lines.length - 1;
  if (lines.length > 1 && GREETING_LINE.test(lines[0]!.text)) first = 1;
  const own = (line: string) => ownNames.includes(line.replace(/^[-—~\s]+|[.\s]+$/g, "").toLowerCase());
  if (last > first && own(lines[last]!.text)) last -= 1;
  if (last > first && NAME_LINE.test(lines[last]!.text) && SIGNOFF_LINE.test(lines[last - 1]!.text)) last -= 2;
  else if (last > first && SIGNOFF_LINE.test(lines[last]!.text)) last -= 1;
  if (first > last) return { start: 0, end: 0 };
  return { start: lines[first]!.start, end: lines[last]!.end };
}

// Sentence ends: . ! ? … followed by space or end (not inside "e.g." or a URL), line breaks,
// semicolons, and a dash between spaces, except the dash after a label that opens a line
// ("Goal - move into product management" is one statement, as with a colon).
// An emoji before a capital ends a sentence too: "So yes it went out 😊 She also said…". A capital
// and a dot is an initial ("John F. Kennedy", "U.S."), not an end, unless a word in capitals
// comes before it: in "I HAVE SENT IT O. THANK YOU" it is the end of a shouted sentence.
const SENTENCE_BREAK =
  /(?<=\p{Extended_Pictographic}\uFE0F?)\s+(?=\p{Lu})|(?<!(?<!\p{L})(?<!\b\p{Lu}{2,40} )[A-Z]\.[a-z]?)(?<!\b(?:[Dd]r|[Mm]rs?|[Mm]s|[Pp]rof|[Ss]t|[Jj]r|[Ss]r|vs|etc|approx)\.)(?<=[.!?…])\s+|\n+|;\s*|(?<!(?:^|\n)\s*(?:(?:[Mm]y|[Oo]ur|[Cc]areer|[Mm]ain|[Cc]urrent)\s+)*(?:[Gg]oals?|GOALS?|[Aa]im|[Oo]bjective|[Tt]arget(?:\s+role)?)\s*)\s[—–-]{1,2}\s/gu;
// Clause breaks inside a sentence: commas, and the conjunctions people join two things with.
// "so" only where it starts a new clause: "I found a job so no need for these anymore".
const CLAUSE_BREAK = /,\s*|\s(?:and|but|also|plus|btw|&|\+)\s|\sso\s(?=(?:no|i|please|pls|plz|you|don't|not|now|snooze|skip|stop|remind|pause|ping|can|could)\b)/gi;

function piece(text: string, start: number, end: number): Piece | null {
  const raw = text.slice(start, end);
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  if (trimmed === "") return null;
  return {
    start: start + lead,
    end: start + lead + trimmed.length,
    text: trimmed,
    core: coreOf(trimmed),
    lower: trimmed.toLowerCase().replace(OUTER_JUNK, " ").replace(/\s+/g, " ").trim(),
    question: /\?[\s\p{P}\p{S}]*$/u.test(trimmed),
  };
}

function split(text: string, start: number, end: number, pattern: RegExp): Piece[] {
  const pieces: Piece[] = [];
  const slice = text.slice(start, end);
  let from = 0;
  for (const match of slice.matchAll(pattern)) {
    // A URL or an e-mail address is never cut.
    const before = slice.slice(Math.max(0, slice.lastIndexOf(" ", match.index) + 1), match.index);
    if (/https?:\/\/|www\.|@/.test(before) && !/\s/.test(match[0])) continue;
    const found = piece(text, start + from, start + match.index);
    if (found) pieces.push(found);
    from = match.index + match[0].length;
  }
  const tail = piece(text, start + from, end);
  if (tail) pieces.push(tail);
  return pieces;
}

/** The sentences of text[start, end), each with its clauses. */
export function sentencesOf(text: string, start = 0, end = text.length): Sentence[] {
  return split(text, start, end, SENTENCE_BREAK).map((sentence) => ({
    ...sentence,
    clauses: split(text, sentence.start, sentence.end, CLAUSE_BREAK),
  }));
}
