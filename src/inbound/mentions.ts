/**
 * Whether an invite's own words name a person: the title ("Breakfast: Elena Ruiz / Tom Wu",
 * "Lunch w/ Lucas + Aisha", "お茶 – 佐藤 / Michael"), or the description where booking systems
 * and assistants say who the meeting is with ("Event Host: Priya Raman", "Staff: Nadia Haddad",
 * "Executive Assistant to Elena Ruiz"). Matching ignores case and accents.
 */
import { nameKey, personName, type PersonName } from "../names/person-name";
import { organisationLabel } from "../names/domains";
import { isRoleWord } from "./mailboxes";

const FAMILY_FIRST_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const GENERATIONAL = /^(jr|jnr|sr|snr|ii|iii|iv|v|vi)\.?$/i;

function tokens(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .split(/[^\p{L}\p{N}'-]+/u)
    .map((word) => word.replace(/^['-]+|['-]+$/g, ""))
    .filter(Boolean);
}

function containsRun(haystack: string[], needle: string[]): boolean {
  if (needle.length === 0) return false;
  for (let i = 0; i + needle.length <= haystack.length; i += 1) {
    if (needle.every((word, j) => haystack[i + j] === word)) return true;
  }
  return false;
}

/**
 * How clearly `text` names the person called `name`: 3 for the full name, 2 for the family
 * name, 1 for the given name alone, 0 for not at all.
 */
export function mentionScore(text: string, name: string | null): number {
  if (!name || !text) return 0;
  if (FAMILY_FIRST_SCRIPT.test(name)) {
    // No spaces between words in these scripts: look for each part as written.
    const parts = name.split(/\s+/).filter(Boolean);
    if (parts.length > 1 && text.includes(parts.join(" "))) return 3;
    if (parts.length > 1 && text.includes(parts.join(""))) return 3;
    if (parts[0] && text.includes(parts[0])) return parts.length > 1 ? 2 : 3;
    return parts.length > 1 && text.includes(parts[parts.length - 1]!) ? 1 : 0;
  }
  const words = tokens(text);
  const parts = tokens(name).filter((part) => !GENERATIONAL.test(part));
  if (parts.length === 0) return 0;
  if (parts.length > 1 && containsRun(words, parts)) return 3;
  const family = parts[parts.length - 1]!;
  const given = parts[0]!;
  if (parts.length > 1 && family.length >= 2 && words.includes(family)) return 2;
  if (given.length >= 2 && words.includes(given)) return parts.length > 1 ? 1 : 2;
  return 0;
}

/**
 * The title without the people it credits for the meeting rather than meets: "Coffee with Ben
 * (intro via Carla)", "Chat with Ana, referred by Tom", "cc: Dana". Whoever introduced is on the
 * invite as often as not, and is not whom the meeting is with.
 */
export function titleWithoutIntroducers(summary: string): string {
  // The credited name: up to three words after the phrase. "via Zoom" is a channel, not a person.
  return summary.replace(
    /\b(?:intro(?:duction|duced)?\s+(?:via|by|from|through)|introduced\s+by|referred\s+by|referral\s+from|thanks\s+to|courtesy\s+of|via(?!\s+(?:zoom|teams|google|meet|webex|skype|phone|hangouts|facetime|whatsapp|linkedin|video|email|calendly)\b)|cc|h\/t)\b:?(?:\s+[\p{L}'.-]+){1,3}/giu,
    " ",
  );
}

/** Labels booking systems and assistants put before the person the meeting is with. */
const HOST_LINE = /^[\s\-*•]*(?:event host|host|hosted by|staff|staff member|organi[sz]er|interviewer|provider|advisor|adviser|mentor|coach|speaker|with)\s*[:\-–]\s*(.+)$/imu;
/** "- Marcus Feld - Organizer": the label after the name. */
const ROLE_AFTER = /\s[-–]\s*(?:organi[sz]er|host)\s*$/iu;
const PHRASES = [
  /\b(?:assistant|EA|PA|chief of staff|office)\s+(?:to|of|for)\s+(?:the\s+)?([^\n,.;|()]+)/giu,
  /\bon behalf of\s+([^\n,.;|()]+)/giu,
  /\b(?:speaking|meeting|meet|chat|chatting|talk|talking|call|conversation|interview)\s+with\s+([^\n,.;|()]+)/giu,
];

/** The phrases of a description that say whom the meeting is with ("Host: ...", "assistant to ..."). */
export function hostPhrases(description: string): string[] {
  const found: string[] = [];
  for (const line of description.split(/\r?\n/)) {
    const labelled = HOST_LINE.exec(line);
    if (labelled) found.push(labelled[1]!);
    const role = ROLE_AFTER.exec(line);
    if (role) found.push(line.slice(0, role.index).replace(/^[\s\-*•]+/, ""));
  }
  for (const pattern of PHRASES) for (const match of description.matchAll(pattern)) found.push(match[1]!);
  return found;
}

/** How clearly those phrases name this person (0 when they do not). */
export function namedInDescription(phrases: readonly string[], name: string | null): number {
  if (!name) return 0;
  const score = Math.max(0, ...phrases.map((phrase) => mentionScore(phrase, name)));
  // A first name alone in a phrase is too weak here ("with Sam" while Sam is also the user).
  return score >= 2 ? score : 0;
}

/**
 * A person named inside a mailbox's display name and in the title: "Maya Thompson" of "Maya
 * Thompson Coaching" <hello@mayathompsoncoaching.com> when the title reads "... with Maya
 * Thompson". Each word must be spelled by the address, and none may be the organisation's own
 * label or a role word, so "Brightline Career Conversations" never turns into a person.
 */
export function namedAfterLabel(title: string, displayName: string | null, email: string): PersonName | null {
  if (!displayName) return null;
  const label = nameKey(organisationLabel(email) ?? "");
  const spelled = nameKey(email.slice(0, email.lastIndexOf("@"))) + label;
  const words = displayName.split(/\s+/).filter(Boolean);
  const titleWords = tokens(title);
  for (let length = Math.min(words.length, 4); length >= 2; length -= 1) {
    for (let start = 0; start + length <= words.length; start += 1) {
      const run = words.slice(start, start + length);
      const keys = run.map(nameKey);
      if (keys.some((key) => key.length < 2 || key === label || isRoleWord(key) || !spelled.includes(key))) continue;
      if (!/^\p{Lu}/u.test(run[0]!) || !containsRun(titleWords, tokens(run.join(" ")))) continue;
      return personName(run.join(" "));
    }
  }
  return null;
}
