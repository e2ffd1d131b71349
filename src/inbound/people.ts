/**
 * Who the meeting is with, decided from all the evidence an invite carries rather than from a
 * fixed order. The user is whoever forwarded it; the interviewee is the one other person the
 * meeting is really with: not an assistant who booked it, not a booking system or a shared
 * mailbox, not a career office or classmate from the user's own organisation, not one of a
 * webinar's hundred guests. When no one can be named with reasonable confidence the answer is
 * null, and the confirmation asks the user instead of guessing.
 */
import { givenNameByAddress, nameFromAddress, nameKey, personName, type PersonName } from "../names/person-name";
import type { CalendarEvent, Participant } from "./calendar";
import { isPersonalMail, localPart, sameOrganisation } from "../names/domains";
import { isRobot, isServiceMailbox, nameMatchesAddress } from "./mailboxes";
import { hostPhrases, mentionScore, namedAfterLabel, namedInDescription, titleWithoutIntroducers } from "./mentions";

export interface Person {
  email: string;
  /** The name as people write it ("Kenji Nakamura"), or null when nothing tells it. */
  name: string | null;
  /** What a note to them opens with ("Kenji"; 美咲 for 佐藤 美咲). */
  givenName: string | null;
}

export interface PeopleContext {
  /** The forwarding user's address, lowercased. */
  userEmail: string;
  /** The user's name from their own mail, to recognise them under another address. */
  userName: string | null;
  /** The user's addresses and Rapport's inbox, lowercased: never the interviewee. */
  ownAddresses: ReadonlySet<string>;
}

/** More guests than this is a panel, a webinar or a class, not a conversation with one person. */
export const MAX_GUESTS = 6;

/** Kinds of calendar user that are not people (CUTYPE). */
const NOT_HUMAN_KINDS = new Set(["ROOM", "RESOURCE", "GROUP"]);

interface Candidate {
  email: string;
  /** The display name (CN) as the calendar wrote it. */
  cn: string | null;
  name: PersonName | null;
  organizer: boolean;
  chair: boolean;
  /** The organizer, with someone else (an assistant) sending for them. */
  delegated: boolean;
}

/** The name a participant goes by: their CN when it is a name, else their address spelled out. */
function nameOf(cn: string | null, email: string): PersonName | null {
  const local = email.slice(0, email.lastIndexOf("@"));
  // A CN that is only the local part as typed ("abc" for abc@yahoo.com) is no more a name than
  // the address; "Marge" for marge@ is written as a name.
  if (cn && cn.trim() !== local) {
    // "中村 健二 / NAKAMURA Kenji": a name written twice; the half the address spells, else the first.
    const halves = cn.split(/\s+[/|]\s+/);
    const written = halves.length === 2 ? (halves.find((half) => nameMatchesAddress(personName(half)?.name ?? null, email)) ?? halves[0]!) : cn;
    const parsed = personName(written);
    if (parsed) return givenNameByAddress(parsed, email);
  }
  return nameFromAddress(email);
}

/**
 * A name the description signs with that spells the address: "Sade Okonkwo" for
 * s.okonkwo@vantage-health.com when the calendar gave no display name. The address must be the
 * name run together (given and family, or initial and family, either way round).
 */
function signedName(description: string, email: string): PersonName | null {
  const local = nameKey(localPart(email));
  if (local.length < 4) return null;
  for (const match of description.matchAll(/\b\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){1,2}\b/gu)) {
    const parsed = personName(match[0]);
    const words = parsed?.name.split(" ").map(nameKey) ?? [];
    if (words.length < 2) continue;
    const [given, family] = [words[0]!, words[words.length - 1]!];
    if ([given + family, given[0] + family, family + given, family + given[0]].includes(local)) return parsed;
  }
  return null;
}

/** The user invited under another of their addresses, recognisable by their full name. */
function isUserAlias(participant: Participant, userKey: string | null): boolean {
  const name = personName(participant.name);
  return userKey !== null && name !== null && name.name.includes(" ") && nameKey(name.name) === userKey;
}

/** The user's name from their own mail, else from their own line on the invite. */
function userNameOn(event: CalendarEvent, context: PeopleContext): PersonName | null {
  const ownLine = [event.organizer, ...event.attendees].find((p) => p?.email === context.userEmail && p.name);
  return personName(context.userName ?? ownLine?.name ?? null);
}

/** Everyone on the invite who might be the person, one entry per address. */
function gather(event: CalendarEvent, context: PeopleContext, user: PersonName | null): { candidates: Candidate[]; mailboxes: Candidate[]; userAliases: string[] } {
  const userKey = user ? nameKey(user.name) || null : null;
  const delegate = event.organizer?.sentBy && event.organizer.sentBy !== event.organizer.email ? event.organizer.sentBy : null;
  const byEmail = new Map<string, Candidate>();
  const userAliases: string[] = [];
  const entries = [...(event.organizer ? [{ participant: event.organizer, organizer: true }] : []), ...event.attendees.map((participant) => ({ participant, organizer: false }))];
  for (const { participant, organizer } of entries) {
    if (context.ownAddresses.has(participant.email) || participant.email === delegate) continue;
    if (isUserAlias(participant, userKey)) {
      userAliases.push(participant.email);
      continue;
    }
    if (NOT_HUMAN_KINDS.has(participant.kind) || participant.role === "NON-PARTICIPANT") continue;
    const known = byEmail.get(participant.email);
    if (known) {
      known.organizer ||= organizer;
      known.chair ||= participant.role === "CHAIR";
      // Google gives the guest line a name when the organizer line has none, and vice versa.
      if (!known.cn && participant.name) known.cn = participant.name;
      continue;
    }
    byEmail.set(participant.email, {
      email: participant.email,
      cn: participant.name,
      name: null,
      organizer,
      chair: participant.role === "CHAIR",
      delegated: organizer && participant.sentBy !== null,
    });
  }
  const candidates: Candidate[] = [];
  const mailboxes: Candidate[] = [];
  for (const candidate of byEmail.values()) {
    if (isServiceMailbox(candidate.cn, candidate.email)) {
      mailboxes.push(candidate);
    } else {
      candidate.name = nameOf(candidate.cn, candidate.email) ?? signedName(event.description, candidate.email);
      candidates.push(candidate);
    }
  }
  return { candidates, mailboxes, userAliases };
}

const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/**
 * A booking system or a shared mailbox hands over to the person it books for:
 * - a robot (no-reply@zoom.us) whose display name is a person ("Hiro Tanaka"), with that
 *   person's own address in the description ("Host: Hiro Tanaka (hiro.tanaka@...)");
 * - a one-person business's mailbox ("Maya Thompson Coaching" <hello@mayathompsoncoaching.com>)
 *   when the title names the person inside that display name ("... with Maya Thompson").
 */
function handOver(event: CalendarEvent, mailboxes: Candidate[], candidates: Candidate[], context: PeopleContext): Candidate[] {
  const found: Candidate[] = [];
  // A host already on the invite under their own address is there once.
  const seen = new Set(candidates.map((candidate) => candidate.email));
  for (const mailbox of mailboxes) {
    if (isRobot(mailbox.email)) {
      const host = mailbox.cn ? personName(mailbox.cn) : null;
      if (!host) continue;
      for (const email of new Set((event.description.match(EMAIL) ?? []).map((address) => address.toLowerCase()))) {
        if (seen.has(email) || context.ownAddresses.has(email) || isServiceMailbox(null, email)) continue;
        if (nameMatchesAddress(host.name, email)) {
          seen.add(email);
          found.push({ email, cn: mailbox.cn, name: host, organizer: mailbox.organizer, chair: mailbox.chair, delegated: false });
        }
      }
      continue;
    }
    const named = namedAfterLabel(event.summary, mailbox.cn, mailbox.email);
    if (named) found.push({ ...mailbox, name: named });
  }
  return found;
}

/** The one candidate with the highest score, when it is above zero and unshared. */
function best(candidates: Candidate[], score: (candidate: Candidate) => number): Candidate | null {
  const scored = candidates.map((candidate) => ({ candidate, score: score(candidate) })).sort((a, b) => b.score - a.score);
  const [first, second] = scored;
  return first && first.score > 0 && (!second || second.score < first.score) ? first.candidate : null;
}

/**
 * Words of an organizer who set the meeting up for someone else: an assistant ("Sam asked me to
 * find 30 minutes for the two of you", "Executive Assistant to Patrick", "Office of the CEO"), a
 * friend or classmate bringing people together ("Noor, meet Jane!", "thanks for making time for
 * us, Rachel"). Whoever sent such an invite is not whom the meeting is with.
 */
const ARRANGED = [
  /\b(?:asked me to (?:find|set up|schedule|arrange|book|put|get)|on behalf of|office of the|(?:executive |personal |administrative )?assistant to|(?:EA|PA) to|chief of staff to|for the two of you|for you two|you two (?:should|can|will|to)|(?:making|make|made|taking) (?:the )?time for us|(?:meet|connect with) each other)\b/iu,
  // "Noor, meet Jane!": names as written, so case counts.
  /\b\p{Lu}\p{Ll}+,\s+(?:meet|this is)\s+\p{Lu}/u,
];
/** "I'd like to introduce Jane and Brian to Andrea Lopez": an introduction, which may also be the host's own. */
const INTRODUCING = /\bintroduc(?:e|ing)\b/i;

/**
 * The person an organizer arranged the meeting for: among the other guests, the one the
 * description names most clearly, or the only one. An introduction ("introduce you to Tom") is
 * weaker evidence, as a host may introduce a colleague: it counts only for someone from another
 * organisation than the organizer's.
 */
function arrangedFor(event: CalendarEvent, people: Candidate[]): Candidate | null {
  const organizer = people.find((candidate) => candidate.organizer);
  if (!organizer) return null;
  const strong = ARRANGED.some((pattern) => pattern.test(event.description));
  if (!strong && !INTRODUCING.test(event.description)) return null;
  const others = people.filter((candidate) => candidate !== organizer && (strong || !sameOrganisation(candidate.email, organizer.email)));
  if (others.length === 0) return null;
  const named = best(others, (candidate) => mentionScore(event.description, candidate.name?.name ?? null));
  return named ?? (strong && others.length === 1 ? others[0]! : null);
}

/**
 * The title without a group of guests it names together with the user, when someone else sent
 * the invite: "Coffee chat – Daniel & Emily (NAVER Search)" from Park Ji-hoon names the two
 * students he meets, not whom the user meets.
 */
function titleOfTheMeeting(event: CalendarEvent, people: Candidate[], userGiven: string | null): string {
  const title = titleWithoutIntroducers(event.summary);
  const organizer = people.find((candidate) => candidate.organizer);
  if (!userGiven || !organizer || people.length < 2) return title;
  const user = userGiven.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const group = new RegExp(String.raw`[\p{L}'-]+\s*(?:&|\+|and|y|und|et)\s*${user}(?![\p{L}])|(?<![\p{L}])${user}\s*(?:&|\+|and|y|und|et)\s*[\p{L}'-]+`, "giu");
  return title.replace(group, (found) => (mentionScore(found, organizer.name?.name ?? null) > 0 ? found : " "));
}

function choose(event: CalendarEvent, people: Candidate[], userOrganized: boolean, userGiven: string | null): Candidate | null {
  if (people.length === 1) return people[0]!;
  const name = (candidate: Candidate) => candidate.name?.name ?? null;
  let phrases: string[] | undefined;
  const title = titleOfTheMeeting(event, people, userOrganized ? null : userGiven);
  return (
    // A person named in the title who is on the invite wins: "Breakfast: Elena Ruiz / Tom Wu".
    // Not one it credits for the introduction: "Coffee with Ben (intro via Carla)".
    best(people, (candidate) => mentionScore(title, name(candidate))) ??
    // A booking page's host, or the principal an assistant sends for.
    best(people, (candidate) => (candidate.chair ? 1 : 0)) ??
    best(people, (candidate) => (candidate.delegated ? 1 : 0)) ??
    // "Host: Bernd van der Berg", "Executive Assistant to Elena Ruiz", "speaking with Rachel Nguyen".
    best(people, (candidate) => namedInDescription((phrases ??= hostPhrases(event.description)), name(candidate))) ??
    // The one an assistant, a friend or a career office set the meeting up for.
    (userOrganized ? null : arrangedFor(event, people)) ??
    // Whoever invited the user, when the user did not organise it themselves.
    (userOrganized ? null : (people.find((candidate) => candidate.organizer) ?? null)) ??
    // Among several guests, the only one with a name is likelier a person than a bare address.
    best(people, (candidate) => (candidate.name ? 1 : 0))
  );
}

/**
 * The name the invite itself calls them by, when it is not the first word of their name:
 * "Li, Xiaoming (Michael)" whom the title calls Michael; "Ana Beatriz Fernandes" whom the title
 * calls Ana Beatriz. A word in brackets counts only when the invite also uses it, since brackets
 * hold labels as often ("(Sales)").
 */
function calledBy(candidate: Candidate, event: CalendarEvent): string | null {
  const name = candidate.name;
  if (!name) return null;
  const texts = `${event.summary}\n${event.description}`;
  const bracketed = candidate.cn ? /\((\p{Lu}\p{Ll}+)\)/u.exec(candidate.cn)?.[1] : undefined;
  if (bracketed && bracketed !== name.givenName && mentionScore(texts, bracketed) > 0 && !name.name.split(" ").includes(bracketed)) return bracketed;
  // "Drinks w/ Ollie", notes signed "Ollie": the short form of Oliver they go by, as they sign.
  const signed = event.description.split(/\r?\n/).map((line) => line.trim()).find((line) => /^\p{Lu}\p{Ll}{1,14}$/u.test(line) && line !== name.givenName && !/^(?:thanks|thank|best|cheers|regards|hi|hello|hey|dear|sincerely|warmly|ciao|merci|danke|gracias|location|agenda|notes)$/i.test(line));
  const given = name.givenName ?? "";
  if (signed && given.length > signed.length && nameKey(given).slice(0, 2) === nameKey(signed).slice(0, 2) && new RegExp(`(?<!\\p{L})${signed}(?!\\p{L})`, "u").test(event.summary)) return signed;
  const words = name.name.split(" ");
  // Not a family name's particle: "Siobhán Ní Bhriain" is greeted as Siobhán.
  const second = words[1] ?? "";
  const particle = /^(?:n[ií]|nic|mac|mc|ui|uí|o'|van|von|de|da|das|dos|del|della|di|du|la|le|bin|binti|al|el|ben|ap|ter|ten|zu|y)$/i.test(second);
  // Only when the directory wrote the given names apart ("Fernandes, Ana Beatriz"): without a
  // comma, "Carlos Mendez Garcia" whom the title calls Carlos Mendez has two family names.
  const givenPart = candidate.cn && /^[^,]+,\s*(\S+\s+\S+)\s*(?:\(|$)/u.exec(candidate.cn.trim())?.[1];
  const bothGiven = !!givenPart && nameKey(givenPart) === nameKey(`${words[0]} ${second}`);
  // ("Whitfield Jr., Darnell A.": an initial is no second given name.)
  if (bothGiven && !particle && /^\p{Lu}\p{Ll}/u.test(second) && name.givenName === words[0] && mentionScore(texts, `${words[0]} ${second}`) === 3) return `${words[0]} ${second}`;
  return null;
}

/** Why no one could be named: what the confirmation tells the user is missing. */
export type NobodyReason =
  /** Only the user (and Rapport) are on the invite. */
  | { kind: "no_guest" }
  /** Only booking systems, shared mailboxes or robots sent or attend it (a ticket, a dentist). */
  | { kind: "service"; senders: string[] }
  /** A panel, a webinar, a class. */
  | { kind: "group"; guests: number }
  /** Several people, and nothing says which one the meeting is with. */
  | { kind: "unclear"; guests: string[] }
  /** The user's own event with one guest who gives no name (it may be Rapport's own address). */
  | { kind: "unnamed"; guest: string }
  /** An event that invites no one, from an address that gives no name: a ticket, a listing. */
  | { kind: "listing"; sender: string };

export type PeopleReading = { interviewee: Person; nobody: null } | { interviewee: null; nobody: NobodyReason };

const nobody = (reason: NobodyReason): PeopleReading => ({ interviewee: null, nobody: reason });

/**
 * The interviewee, or why there is none: the invite names nobody to meet (a train ticket, a
 * dentist, a webinar, a block in the user's own calendar), or nobody with reasonable confidence.
 */
export function readPeople(event: CalendarEvent, context: PeopleContext): PeopleReading {
  const user = userNameOn(event, context);
  const { candidates, mailboxes, userAliases } = gather(event, context, user);
  if (candidates.length > MAX_GUESTS) return nobody({ kind: "group", guests: candidates.length });

  let people = [...candidates, ...handOver(event, mailboxes, candidates, context)];
  // Someone from the user's own organisation (a career office, a classmate, a colleague) is
  // not the one being interviewed when someone from outside is there too. The organisation is
  // the user's address's, or that of the user's other address on the invite (a student who
  // forwards from Gmail an invite sent to their university address).
  const own = [context.userEmail, ...userAliases].filter((email) => !isPersonalMail(email));
  if (own.length > 0) {
    const outside = people.filter((candidate) => !own.some((email) => sameOrganisation(candidate.email, email)));
    if (outside.length > 0) people = outside;
  }
  if (people.length === 0) {
    return nobody(mailboxes.length > 0 ? { kind: "service", senders: mailboxes.map((mailbox) => mailbox.email) } : { kind: "no_guest" });
  }

  const organizer = event.organizer?.email ?? null;
  const userOrganized = organizer !== null && context.ownAddresses.has(organizer);
  const chosen = choose(event, people, userOrganized, user?.givenName ?? null);
  if (!chosen) return nobody({ kind: "unclear", guests: people.map((candidate) => candidate.name?.name ?? candidate.email) });
  // The user's own event whose one guest has no name at all ("meet@..." added so Rapport would
  // see it, or "rk@..."): not enough to write to them as the person met.
  if (userOrganized && !chosen.name) return nobody({ kind: "unnamed", guest: chosen.email });
  // An event nobody was invited to (a ticket, a published listing) names a person only if its
  // organizer is a named person: "virtual@eaglobalx.org" alone is not someone to meet.
  if (event.attendees.length === 0 && !chosen.name) return nobody({ kind: "listing", sender: chosen.email });
  return {
    interviewee: { email: chosen.email, name: chosen.name?.name ?? null, givenName: calledBy(chosen, event) ?? chosen.name?.givenName ?? null },
    nobody: null,
  };
}
