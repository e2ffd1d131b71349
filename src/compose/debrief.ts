/**
 * What the user took away from a conversation, read from their notes about it: what they learned
 * and their next step. Career centres ask for the same three things after an informational
 * interview (what did I learn, who did they suggest, what is my next step); the thank-you prompt
 * asks for them in one reply, labelled or not:
 *
 *   learned: PM at Helios is half customer calls
 *   suggested: Omar Reyes in their data team
 *   next: apply to the associate PM programme
 *
 * Who they suggested becomes a lead (nudges/leads.ts); this reads the other two.
 */
import type { NoteFact } from "./nudge-data";

export interface Debrief {
  learned: string | null;
  next: string | null;
}

const LEARNED = /^\s*(?:-\s*)?(?:what i )?(?:learned|learnt|takeaways?|take-aways?|key takeaway|insight|lesson)s?\s*[:\-–—]\s*(.+)$/i;
const NEXT = /^\s*(?:-\s*)?(?:my )?(?:next(?: steps?)?|to ?do|action(?: items?)?)\s*[:\-–—]\s*(.+)$/i;
const SUGGESTED = /^\s*(?:-\s*)?(?:suggested|who|leads?|people|talk to|intros?)\s*[:\-–—]/i;
// "I'll ...", "I will ...", "Next I ...": a next step said in a sentence.
const NEXT_SENTENCE = /^(?:i'?ll|i will|i'?m going to|next,? i)\s+(.+)$/i;

/** One clause, tidied for quoting inside a sentence: no trailing full stop, first letter as typed. */
function clause(text: string): string | null {
  const line = text.replace(/\s+/g, " ").trim().replace(/[.!;,]+$/, "");
  return line.length >= 3 && line.length <= 200 ? line : null;
}

// "I learned that ...": what was learned, said in a sentence.
const LEARNED_SENTENCE = /^(?:i (?:learned|learnt|realised|realized|found out)|(?:my )?(?:big(?:gest)? |main )?takeaway(?: was| is)?)(?: that)?\s+(.+)$/i;

/**
 * The latest labelled answers win; sentences that say "I learned that ..." or "I'll ..." count
 * too. A note about them in the third person ("he said ...") is never quoted: the draft speaks to them.
 */
export function debriefOf(notes: NoteFact[]): Debrief {
  let learned: string | null = null;
  let next: string | null = null;
  let loose: string | null = null;
  for (const note of [...notes].sort((a, b) => a.createdAt - b.createdAt)) {
    for (const line of note.body.split(/\r?\n/)) {
      const l = LEARNED.exec(line);
      const n = NEXT.exec(line);
      if (l) learned = clause(l[1]!) ?? learned;
      else if (n) next = clause(n[1]!) ?? next;
      else if (!SUGGESTED.test(line)) {
        for (const sentence of line.split(/(?<=[.!?])\s+/)) {
          const said = NEXT_SENTENCE.exec(sentence.trim());
          const taught = LEARNED_SENTENCE.exec(sentence.trim());
          if (said) next = clause(said[1]!) ?? next;
          else if (taught && !loose) loose = clause(taught[1]!);
        }
      }
    }
  }
  // "learned: that I need SQL first" reads as "what you said: I need SQL first" in the draft.
  const said = learned ?? loose;
  return { learned: said ? said.replace(/^that\s+/i, "") : null, next };
}

// ---- what they said, said back to them ----

/** Third-person singular forms that are not the base form plus -s. */
const IRREGULAR: Record<string, string> = {
  is: "are", was: "were", has: "have", does: "do", "isn't": "aren't", "wasn't": "weren't", "hasn't": "haven't", "doesn't": "don't",
  goes: "go",
};
/** After "she's", a past participle means "she has": "she's been" is "you've been". */
const PARTICIPLE = /^(?:been|got|gotten|had|done|given|seen|made|worked|moved|built|led|run|spent|learned|learnt|found|hired|managed|started|switched|taken)$/i;
const PAST_OR_MODAL = /^(?:\w+ed|said|told|thought|felt|knew|made|had|went|got|gave|took|found|grew|left|built|led|ran|spent|saw|began|came|became|brought|taught|wrote|can|could|will|would|should|might|must|may|can't|couldn't|won't|wouldn't|shouldn't|didn't)$/i;

/** "manages" -> "manage", "carries" -> "carry", "pushes" -> "push"; null when it is no -s form. */
function baseForm(verb: string): string | null {
  const lower = verb.toLowerCase();
  if (IRREGULAR[lower]) return IRREGULAR[lower]!;
  if (PAST_OR_MODAL.test(lower)) return verb;
  if (/[^aeiou]ies$/i.test(verb)) return `${verb.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x|z|o|cus)es$/i.test(verb)) return verb.slice(0, -2);
  if (/[^su]s$/i.test(verb)) return verb.slice(0, -1);
  return null;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A note about them, said to them: the thank-you draft quotes what the user learned, and the user
 * wrote it about the person ("their PMs spend half their time with customers", "she said the
 * team hires from support", "Sam's team is growing"). Only the opening words change, the one
 * place where they surely mean the person: "their"/"his"/"her"/"Sam's" become "your", and
 * "they"/"he"/"she"/"Sam" with its verb become "you" ("she manages" is "you manage", "he's been"
 * is "you've been"). "You said that ..." loses its opening, as the draft already says "what you
 * said". Anything else is left as the user wrote it.
 */
export function saidToThem(learned: string, names: readonly string[]): string {
  const known = names.filter((name) => name.trim().length > 1).map(escapeRegExp);
  const subject = `they|he|she${known.length > 0 ? `|${known.join("|")}` : ""}`;
  let text = learned;
  const possessive = new RegExp(`^(?:their|his|her|(?:${known.join("|") || "(?!)"})['\u2019]s)\\s+`, "i").exec(text);
  if (possessive) {
    text = `your ${text.slice(possessive[0].length)}`;
  } else {
    const opening = new RegExp(`^(${subject})(?:(['\u2019](?:s|re|ve|d|ll))\\b|\\b)\\s*(?:(\\w+ly)\\s+)?([\\w'\u2019]+)?`, "i").exec(text);
    if (opening) {
      const [whole, who, contraction, adverb, verb] = opening;
      const plural = who!.toLowerCase() === "they";
      let said: string | null = null;
      if (contraction) {
        const c = contraction.slice(1).toLowerCase();
        const form = c === "s" ? (verb && PARTICIPLE.test(verb) ? "'ve" : "'re") : `'${c}`;
        said = `you${form}${adverb ? ` ${adverb}` : ""}${verb ? ` ${verb}` : ""}`;
      } else if (verb) {
        const base = plural ? verb : baseForm(verb.replace(/\u2019/g, "'"));
        if (base) said = `you${adverb ? ` ${adverb}` : ""} ${base}`;
      }
      if (said) text = `${said}${text.slice(whole.length)}`;
    }
  }
  // "she said her team is growing": once "you said" goes, what follows opens the clause.
  const rest = text.replace(/^you (?:said|told me|mentioned|explained|pointed out|shared|thought)(?: that)?\s+(?=\S)/i, "");
  return rest === text ? text : saidToThem(rest, names);
}
