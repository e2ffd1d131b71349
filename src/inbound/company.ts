/**
 * Where the interviewee works, as a job seeker would name it: an organisation the title clearly
 * names ("Chat with Priya Raman (Helios Labs)", "Priya @ Helios"), else their work address
 * (`ravi@acme-robotics.co.jp` -> "Acme Robotics"), written the way the invite itself writes it
 * when it does ("Maya Thompson Coaching", "Northfield University"). Never a personal mail
 * provider, never the user's own organisation, never a topic ("(career chat)") or the café the
 * meeting is at ("Coffee with Sam at Blue Bottle").
 */
import { nameKey } from "../names/person-name";
import type { CalendarEvent } from "./calendar";
import { labelAsName, organisationLabel, sameOrganisation } from "../names/domains";
import { mealKindIn } from "./meals";
import { zoneOfPlace } from "../time/place-zones";
import type { Person } from "./people";

/** Words that say how or when a meeting happens, not who with: "(Zoom)", "@ Teams", "(PST)". */
const NOT_AN_ORGANISATION = /^(zoom|teams|microsoft teams|google meet|meet|webex|skype|phone|video|call|online|virtual|remote|hybrid|in person|tbd|tba|tentative|optional|updated|rescheduled|confirmed|draft|private|[A-Z]{1,4}T|GMT[+-]?\d*|UTC[+-]?\d*)$/i;
/** A team inside a company, in brackets after a name: "Hamish Douglas (Buying)" works at his address's company. */
const DEPARTMENT =
  /^(buying|merchandising|treasury|marketing|sales|engineering|finance|legal|hr|human resources|product|design|research|operations|ops|strategy|risk|compliance|audit|tax|procurement|recruiting|talent|people|data|analytics|it|security|support|partnerships|communications|comms|pr|brand|growth|investment banking|ibd|corporate development|customer success|supply chain|logistics)$/i;
const URL_OR_EMAIL = /\b(?:https?:\/\/|www\.)\S+|[\w.%+'-]+@[\w.-]+\.\w{2,}/giu;
const CONNECTORS = new Set(["&", "+", "and", "of", "for", "the", "de", "du", "la", "le", "et", "und", "y", "e", "da", "do", "von", "van"]);

/** "Helios Labs", "AT&T", "Banco do Brasil": capitalised words, not a lowercase topic or an honorific. */
function looksLikeOrganisation(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  if (words.length === 0 || words.length > 6 || !/\p{L}/u.test(text)) return false;
  if (NOT_AN_ORGANISATION.test(text.trim())) return false;
  // "(Prof.)", "(Dr.)": a title in brackets, not a company.
  if (words.length === 1 && /^\p{L}{1,5}\.$/u.test(words[0]!)) return false;
  return words.some((word) => /^\p{Lu}/u.test(word)) && words.every((word) => CONNECTORS.has(word.toLowerCase()) || /^[\p{Lu}\p{N}&]/u.test(word));
}

function isSomeonesName(text: string, names: readonly string[]): boolean {
  const key = nameKey(text);
  const joined = text.split(/\s+(?:and|&|\+|x)\s+|\s*[,&+/]\s*/);
  return names.some((name) => {
    const other = nameKey(name);
    if (other === "") return false;
    if (other === key || other.startsWith(key) || other.endsWith(key)) return true;
    // "Katherine (Kate) Abernathy": a word of the display name itself (the bracket is her nickname).
    if (name.split(/[\s()"'“”]+/).some((word) => word.length >= 2 && nameKey(word) === key)) return true;
    // "(Lachlan McAllister and Mia Tran)": names joined, not an organisation.
    return joined.length >= 2 && joined.some((part) => nameKey(part) === other);
  });
}

/**
 * The organisation a title names: in brackets, or after "@" or "at". A name of someone on the
 * invite is not one, and neither is the place the meeting is at (the location, or the café
 * of a meal).
 */
export function companyInTitle(summary: string, location: string, names: readonly string[]): string | null {
  const title = summary.trim();
  for (const match of title.matchAll(/\(([^()]{2,60})\)/g)) {
    const text = match[1]!.trim();
    if (looksLikeOrganisation(text) && !isSomeonesName(text, names) && !DEPARTMENT.test(text)) return text;
  }
  // Ends where the title goes on to someone else: "Priya @ Helios <> Jane", "Priya @ Helios / Jane".
  const at = /(?:\s@\s*|\s+at\s+)([^@()|,:;\u2013\u2014]{2,60}?)\s*(?:$|[|,:;(\u2013\u2014]|\s-\s|\s*<-?>|\s\/\s|\s\+\s|\sx\s)/iu.exec(title);
  const place = at?.[1]?.trim();
  if (!place || !looksLikeOrganisation(place) || isSomeonesName(place, names)) return null;
  // "Coffee with Sam at Blue Bottle": where a meal happens, or what the location names, is a place.
  // ("Leo @ Helios" with the location "Helios Labs, 500 Howard St" then falls to his address.)
  if (mealKindIn(title) !== null || nameKey(location).includes(nameKey(place))) return null;
  return place;
}

const DAY_OR_MONTH = /^(?:mon|tues|wednes|thurs|fri|satur|sun)day$|^(?:january|february|march|april|may|june|july|august|september|october|november|december)$/i;

/**
 * "Chat with Omar from Shopify": the organisation after "from", for a person whose address
 * names none (a personal mailbox). Weaker than brackets or "@" ("from Berlin" is a city), so
 * it is asked only when nothing better exists.
 */
export function companyAfterFrom(summary: string, location: string, names: readonly string[]): string | null {
  const from = /\s+from\s+([^@()|,:;\u2013\u2014]{2,60}?)\s*(?:$|[|,:;(\u2013\u2014!?.]|\s-\s|\s*<-?>|\s\/\s|\s\+\s)/iu.exec(summary.trim());
  const text = from?.[1]?.trim();
  if (!text || !looksLikeOrganisation(text) || isSomeonesName(text, names) || DAY_OR_MONTH.test(text)) return null;
  return nameKey(location).includes(nameKey(text)) ? null : text;
}

/** Words of a job that come before where it is done: "I'm a product manager at HubSpot". */
const JOB_AT =
  /\b(?:i'?m|i am|i'?ve been|been|i work|works?|working|leads?|leading|heads?|running|runs|manager|engineer|engineering|designer|director|product|partnerships|recruiter|recruiting|analyst|scientist|consultant|founder|team|pm|researcher|marketing|sales|intern|principal|partner|associate|vp|vice president|officer|specialist|advisor|adviser|banker|lawyer|attorney|professor|fellow|economist|strategist|architect|developer)\b[^.\n]{0,40}?\s(?:at|@)\s+(\p{Lu}[\p{L}\p{N}&.'-]*(?:[ \t]+\p{Lu}[\p{L}\p{N}&.'-]*){0,2})/giu;
/** The words of a job title: "Senior Cloud Architect", "Director of Sales". */
const JOB_TITLE = String.raw`(?:senior |sr\.? |lead |principal |staff |chief |head of |vp,? |vice president,? |director,? |associate )*[\p{L} &/.-]{0,40}?\b(?:designer|engineer|manager|director|lead|head|analyst|scientist|consultant|recruiter|partner|founder|officer|associate|specialist|researcher|strategist|architect|developer|president|vp|principal|underwriter|banker|economist|advisor|adviser|lawyer|attorney|professor|fellow|of [\p{L} &]+)`;
/**
 * A signature's title line: "Senior UX Designer | Airbnb", "Director of Sales, Asana",
 * "Security Engineer · Kudelski Security", "Senior Systems Engineer | Rolls-Royce plc | Derby".
 */
const TITLE_LINE = new RegExp(
  String.raw`^${JOB_TITLE}\s*(?:\||,|\u2013|\u2014|\u00b7|\u2022|\s-\s|@| at )\s*(\p{Lu}[\p{L}\p{N}&.' -]{1,40}?)\s*(?:(?:\||\u00b7|\u2022|,)\s*[^|\u00b7\u2022]{1,40})?$`,
  "iu",
);
/** A title line alone, the company on the line below it: "Senior Cloud Architect" / "DB Systel GmbH". */
const TITLE_ONLY = new RegExp(String.raw`^${JOB_TITLE}$`, "iu");
/** The legal form after a company's name, which people leave out when they name it. */
const LEGAL_FORM = /,?\s+(?:plc|ltd\.?|limited|llc|l\.l\.c\.|inc\.?|gmbh|ag|s\.?a\.?|s\.?a\.?s\.?|b\.?v\.?|n\.?v\.?|pty\.? ltd\.?|co\.|& co\.?(?: llc)?|corp\.?|corporation)$/i;

/**
 * Where a person on personal mail works, as the notes say it: "I'm a product manager at HubSpot",
 * "how the data science team at Spotify is set up", a signature's "Senior UX Designer | Airbnb".
 * Not the meeting's place ("at Blue Bottle"), a city, a day or someone's name.
 */
export function companyInNotes(description: string, location: string, person: string | null, names: readonly string[]): string | null {
  // A title line counts only under the person's own name: the line above it is their name.
  const lines = description.split(/\r?\n/).map((line) => line.trim());
  // Their name may carry letters after it: "Oliver Bennett CEng", "Adaeze Nwosu, PhD".
  const isTheirs = (line: string | undefined) => !!line && !!person && nameKey(line).startsWith(nameKey(person)) && nameKey(line).length - nameKey(person).length <= 6;
  const underTheirName = lines.flatMap((line, index) => {
    const title = TITLE_LINE.exec(line)?.[1];
    // "Head of Data Science, Property & Casualty" / "Swiss Re": the line below names the company, the title line its team.
    const below = lines[index + 1] ?? "";
    // Only after a comma, which continues a title as often as it names a company ("·", "|", "at" name it).
    const afterComma = !!title && line.slice(0, line.lastIndexOf(title)).trimEnd().endsWith(",");
    if (title && afterComma && isTheirs(lines[index - 1]) && looksLikeOrganisation(below) && zoneOfPlace(below.toLowerCase()) === null) return [below.replace(LEGAL_FORM, "")];
    if (title && isTheirs(lines[index - 1])) return [title.replace(LEGAL_FORM, "")];
    // Name, title, then the company on a line of its own.
    if (index >= 2 && isTheirs(lines[index - 2]) && TITLE_ONLY.test(lines[index - 1]!) && looksLikeOrganisation(line)) return [line.replace(LEGAL_FORM, "")];
    return [];
  });
  const found = [...[...description.matchAll(JOB_AT)].map((match) => match[1]!), ...underTheirName];
  for (const raw of found) {
    // The name ends with its sentence ("at Mercado Libre. See you"); the pattern ignores case
    // for its job words, so it takes words of any case after "at": the name is the capitalised
    // ones ("Spotify is set up" is Spotify), without a possessive ("Google's London office").
    const kept: string[] = [];
    for (const word of raw.split(/[.!?](?:\s|$)/u)[0]!.trim().split(/\s+/)) {
      const possessive = /['\u2019]s$/u.exec(word);
      if (possessive) {
        kept.push(word.slice(0, possessive.index));
        break;
      }
      if (!/^[\p{Lu}\p{N}&]/u.test(word)) break;
      kept.push(word);
    }
    const text = kept.join(" ").replace(/[.,;:!?]+$/, "");
    if (!looksLikeOrganisation(text) || isSomeonesName(text, names) || DAY_OR_MONTH.test(text) || mealKindIn(text)) continue;
    if (location && nameKey(location).includes(nameKey(text))) continue;
    const place = zoneOfPlace(text.toLowerCase());
    if (place !== null && place !== "ambiguous") continue;
    return text;
  }
  return null;
}

/**
 * The organisation as the invite writes it, given the label of a work address: a signature line
 * that starts with it ("Northfield University" for northfield.edu), or the same letters spelled
 * with the invite's own spacing and capitals ("Maya Thompson Coaching" for mayathompsoncoaching).
 */
function writtenForm(label: string, description: string, texts: readonly string[]): string | null {
  const key = nameKey(label);
  // Most texts never spell the label: skip them before cutting them into words.
  const clean = (text: string) => (nameKey(text).includes(key) ? text.replace(URL_OR_EMAIL, " ") : "");
  const isWritten = (run: string) => /\p{Lu}/u.test(run) && (run !== run.toUpperCase() || nameKey(run).length <= 4);

  // Only a description has signature lines; a display name such as "Brightline Recruiting" is
  // a mailbox's name, not the company's.
  for (const raw of clean(description).split(/\r?\n/)) {
    // "MTN Ghana, Accra": the company, not where its office is.
    const line = raw.trim().split(/\s*,\s*/)[0]!;
    const words = line.split(/\s+/);
    if (words.length < 2 || words.length > 4 || /[\d:|@]/.test(line) || !words.every((word) => /^[\p{Lu}&]/u.test(word))) continue;
    if (nameKey(words[0]!) === key && isWritten(line)) return line;
  }
  for (const text of [...texts, description].map(clean)) {
    for (const segment of text.split(/[\n,|;:()!?\u2022\u2013\u2014/]|\s-\s/)) {
      const words = segment.trim().split(/\s+/).filter(Boolean);
      const keys = words.map(nameKey);
      // Runs of up to five words whose letters, joined, spell the label.
      for (let start = 0; start < words.length; start += 1) {
        let spelled = "";
        for (let end = start; end < Math.min(words.length, start + 5); end += 1) {
          spelled += keys[end];
          if (!key.startsWith(spelled)) break;
          if (spelled !== key) continue;
          const run = words.slice(start, end + 1).join(" ").replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
          if (isWritten(run)) return run;
        }
      }
    }
  }
  return null;
}

/**
 * The company for the interviewee's work address, or null for a personal or the user's own
 * domain; `written` when the invite spells it out ("Helios Labs"), not only its address.
 */
function addressCompany(email: string, userEmail: string, description: string, texts: readonly string[]): { name: string; written: boolean } | null {
  if (sameOrganisation(email, userEmail)) return null;
  const label = organisationLabel(email);
  if (!label) return null;
  // "zohocorp.com" is Zoho when the invite writes Zoho; "gs.com" is Goldman Sachs when a
  // signature spells its initials.
  const stem = /^(.{3,}?)(?:corp|inc|group|global|hq|llc|ltd|plc)$/.exec(label)?.[1];
  const found = writtenForm(label, description, texts) ?? (stem ? writtenForm(stem, description, texts) : null) ?? spelledByInitials(label, description);
  // "Zoho Corporation", "DB Systel GmbH": the name people say, without its legal form.
  const written = found?.replace(LEGAL_FORM, "") || found;
  return written ? { name: written, written: true } : { name: labelAsName(label), written: false };
}

/**
 * A signature line's name whose words' initials are a short label: "Goldman Sachs & Co. LLC |
 * 200 West Street" for gs.com. Only at the start of a line, as a signature writes its company.
 */
function spelledByInitials(label: string, description: string): string | null {
  if (label.length < 2 || label.length > 4 || !/^[a-z]+$/.test(label)) return null;
  for (const raw of description.split(/\r?\n/)) {
    const words = raw.trim().split(/\s+/).slice(0, label.length);
    if (words.length === label.length && words.every((word, index) => /^\p{Lu}\p{Ll}+$/u.test(word) && word[0]!.toLowerCase() === label[index])) return words.join(" ");
  }
  return null;
}

export function companyFromAddress(email: string, userEmail: string, description: string, texts: readonly string[]): string | null {
  return addressCompany(email, userEmail, description, texts)?.name ?? null;
}

/** Whether a company spelled from a domain is only the person's own name: "March" for Jo March. */
function isTheirOwnName(company: string, name: string | null): boolean {
  if (!name) return false;
  const key = nameKey(company);
  const words = name.split(/\s+/).map(nameKey).filter((word) => word.length >= 2);
  const [given, family] = [words[0] ?? "", words[words.length - 1] ?? ""];
  return words.includes(key) || nameKey(name) === key || (words.length >= 2 && (key === given + family || key === family + given));
}

export function findCompany(event: CalendarEvent, interviewee: Person | null, userEmail: string): string | null {
  if (!interviewee) return null;
  const participants = [event.organizer, ...event.attendees].filter((p) => p !== null);
  const names = [interviewee.name ?? "", ...participants.map((p) => p.name ?? "")].filter(Boolean);
  // "Coffee – Rachel Kim / Daniel & Priya (NYU Stern)": an organisation the title names that is
  // another guest's (or the user's own) address is theirs, not the person's.
  const titled = companyInTitle(event.summary, event.location, names);
  const othersOwn = (company: string) =>
    [userEmail, ...participants.map((p) => p.email)].some((email) => {
      if (email === interviewee.email || sameOrganisation(email, interviewee.email)) return false;
      const key = nameKey(organisationLabel(email) ?? "");
      return key.length >= 2 && nameKey(company).includes(key);
    });
  const fromTitle = titled && othersOwn(titled) ? null : titled;
  const fromAddress = addressCompany(interviewee.email, userEmail, event.description, [
    ...participants.map((p) => p.name ?? ""),
    event.location,
    event.summary,
  ]);
  // jo@march.pub, tom@baker.dev: a domain of their own name is a personal one, not an employer
  // (unless the invite spells a business out of it, such as "Ortiz Law").
  if (fromAddress && isTheirOwnName(fromAddress.name, interviewee.name)) return fromTitle ?? companyAfterFrom(event.summary, event.location, names);
  // "Leo @ Helios" is the short form of Helios Labs, which his address and the location spell
  // out; an address alone ("heliosenergy.com") spells nothing better than the title's "Helios".
  if (fromTitle && fromAddress?.written && nameKey(fromAddress.name).startsWith(nameKey(fromTitle))) return fromAddress.name;
  return fromTitle ?? fromAddress?.name ?? companyAfterFrom(event.summary, event.location, names) ?? companyInNotes(event.description, event.location, interviewee.name, names);
}
