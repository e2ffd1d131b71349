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
