/**
 * Leads: the people a contact suggested the user talk to ("he said to ask Omar in their data
 * team", "she'll introduce me to Priya Raman at Globex"). Growing the network through the people
 * they suggest is the point of the old advice's last tip. A lead is found in a note's words,
 * credited to the contact the note is about, listed in the digest with a draft asking for the
 * introduction, and closed when an invite with that person arrives.
 *
 * Pure: text in, leads out; a lead and a person in, whether they are the same.
 */

export interface Lead {
  /** As the note wrote it: "Omar", "Priya Raman". */
  name: string;
  /** "Globex" when the note says where they work; null when it does not (or says "their"). */
  company: string | null;
  /** "data team" from "in their data team". */
  team: string | null;
  email: string | null;
}

// What a suggestion sounds like, before the name: "talk to", "reach out to", "introduce me to",
// "suggested I meet", "pointed me to", "ask".
const INTRO =
  /\b(?:talk(?:ing)? (?:to|with)|speak(?:ing)? (?:to|with)|chat(?:ting)? with|reach(?:ing)? out to|connect(?:ing)? (?:me )?(?:with|to)|get(?:ting)? in touch with|meet(?:ing)?|contact(?:ing)?|email(?:ing)?|ping(?:ing)?|ask(?:ing)?|write to|introduc(?:e|ed|ing) me to|intro(?:'d)? me to|intro to|an intro to|put me in touch with|pointed me (?:to|towards)|referr?(?:ed|ing)? me to|recommended|suggested)\s+/giu;

const PARTICLE = "(?:de|la|le|van|der|den|von|da|del|di|du|dos|das|bin|al|el|y)";
const WORD = String.raw`\p{Lu}[\p{Ll}\p{Lu}'’-]*`;
// "Omar", "Priya Raman", "Ana de la Cruz", "O'Neill": capitalised words, particles between.
const NAME = new RegExp(String.raw`^(?:(?:her|his|their|my) (?:colleague|manager|boss|teammate|friend|co-?founder|cofounder|mentor|contact)s?,? )?(${WORD}(?:\s+(?:${PARTICLE}\s+)*${WORD}){0,2})`, "u");

/** Capitalised words that are not people: "I", "HR", weekdays, months, teams. */
const NOT_A_NAME = new Set(
  ("I HR Recruiting Talent Legal Finance Engineering Marketing Sales Product Design Data People Ops IT " +
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September " +
    "October November December LinkedIn Slack Zoom Google Microsoft Teams The A An She He They It We You").split(" "),
);

const COMPANY = new RegExp(String.raw`^\s*(?:\(|,\s*)?(?:at|from|of|with)\s+(${WORD}(?:\s+(?:&\s+)?${WORD}){0,3})`, "u");
/** "Ana Souza (Nubank)": a company in brackets right after the name. */
const BRACKETED_COMPANY = new RegExp(String.raw`^\s*\((${WORD}(?:\s+(?:&\s+)?${WORD}){0,3})\)`, "u");
const TEAM = /^\s*(?:,\s*)?(?:in|on|from) (?:their|the|her|his) ([\p{L} -]{2,30}? team)\b/iu;
const EMAIL = /[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/;

// The debrief's own label (the thank-you prompt asks "suggested: who they suggested you talk to"),
// and the labels people use for the same line.
const LABEL = /^\s*(?:[-*•]\s*)?(?:suggested|suggestions?|who(?: to (?:talk to|meet|contact))?|talk to|people(?: to (?:meet|talk to|contact))?|leads?|intros?|introductions?|referrals?|contacts?)\s*[:\-–—]\s*/iu;

/** Every person a note suggests talking to, each once. */
export function findLeads(text: string): Lead[] {
  const leads: Lead[] = [];
  // "Jordan Lee at Stripe and Wei Chen from Figma": one suggestion may name several people.
  const namesFrom = (start: string) => {
    let after = start;
    for (let count = 0; count < 5; count += 1) {
      const found = leadAt(after);
      if (!found) break;
      if (!leads.some((lead) => sameName(lead.name, found.lead.name))) leads.push(found.lead);
      const more = /^\s*(?:,|;|and|&|or)\s+(?:(?:also|maybe)\s+)?/.exec(after.slice(found.length));
      if (!more) break;
      after = after.slice(found.length + more[0].length);
    }
  };
  for (const line of text.split(/\n+/)) {
    const label = LABEL.exec(line);
    if (label) namesFrom(line.slice(label[0].length));
    for (const sentence of line.split(/(?<=[.!?;])\s+/)) {
      for (const intro of sentence.matchAll(INTRO)) namesFrom(sentence.slice(intro.index + intro[0].length));
    }
  }
  return leads;
}

/** The lead named at the start of `text`, and how much of the text it took. */
function leadAt(text: string): { lead: Lead; length: number } | null {
  const named = NAME.exec(text);
  if (!named) return null;
  const words = named[1]!.split(/\s+/);
  // "Talk to HR", "meet Friday": a name starts with a word that is one.
  if (NOT_A_NAME.has(words[0]!) || (words.length === 1 && words[0]!.length < 2)) return null;
  while (words.length > 1 && NOT_A_NAME.has(words[words.length - 1]!)) words.pop();
  const rest = text.slice(named[0].length);
  const company = COMPANY.exec(rest) ?? BRACKETED_COMPANY.exec(rest);
  const team = TEAM.exec(rest);
  const email = EMAIL.exec(rest.slice(0, 80))?.[0]?.toLowerCase() ?? null;
  const taken = named[0].length + Math.max(company?.[0].length ?? 0, team?.[0].length ?? 0);
  const companyName = company?.[1] && !NOT_A_NAME.has(company[1]) ? company[1] : null;
  return { lead: { name: words.join(" "), company: companyName, team: team?.[1]?.toLowerCase() ?? null, email }, length: taken };
}

function folded(text: string): string {
  return text.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase().replace(/[^\p{L}\p{N}@.]+/gu, " ").trim();
}

function sameName(a: string, b: string): boolean {
  return folded(a) === folded(b);
}

/**
 * Whether the person an invite is with is this lead: by address when the note gave one; else by
 * full name (a lead known by first name only matches no one: "Omar" could be anyone); and when
 * both name a company, by company too.
 */
export function isLead(lead: Lead, person: { name: string | null; email: string; company: string | null }): boolean {
  if (lead.email) return lead.email === person.email.toLowerCase();
  if (!person.name || lead.name.split(/\s+/).length < 2 || !sameName(lead.name, person.name)) return false;
  if (lead.company && person.company) {
    const [a, b] = [folded(lead.company), folded(person.company)];
    return a === b || a.startsWith(`${b} `) || b.startsWith(`${a} `);
  }
  return true;
}
