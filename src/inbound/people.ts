/**
 * Who the meeting is with. The user is whoever forwarded the invite (the envelope sender);
 * the interviewee is the other human participant: not the user, not Rapport's own inbox,
 * not a room, resource or mailing list, not a no-reply robot.
 */
import type { CalendarEvent, Participant } from "./calendar";

export interface Person {
  name: string | null;
  email: string;
}

const NOT_A_PERSON = /^(no-?reply|do-?not-?reply|notifications?|calendar|mailer-daemon|postmaster|webmaster|info|support|bookings?|reservations?)([+@.]|$)/i;
const NOT_HUMAN_KINDS = new Set(["ROOM", "RESOURCE", "GROUP"]);

function isCandidate(participant: Participant, own: ReadonlySet<string>): boolean {
  return (
    !own.has(participant.email) &&
    !NOT_HUMAN_KINDS.has(participant.kind) &&
    !NOT_A_PERSON.test(participant.email)
  );
}

/**
 * @param ownAddresses the user's addresses and Rapport's inbox, lowercased
 * When the user organised the meeting, the interviewee is the first other attendee; when
 * someone else did, it is the organizer (they invited the user), else the first other attendee.
 */
export function findInterviewee(event: CalendarEvent, ownAddresses: ReadonlySet<string>): Person | null {
  const organizer = event.organizer && isCandidate(event.organizer, ownAddresses) ? event.organizer : null;
  const others = event.attendees.filter((attendee) => isCandidate(attendee, ownAddresses));
  const chosen = organizer ?? others[0] ?? null;
  if (!chosen) return null;
  // The organizer's CN is sometimes missing while the attendee line for the same address has it.
  const name = chosen.name ?? event.attendees.find((a) => a.email === chosen.email && a.name)?.name ?? null;
  return { name, email: chosen.email };
}

// Addresses at these domains say nothing about where the person works.
const PERSONAL_DOMAINS = new Set([
  "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com",
  "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me", "protonmail.com",
  "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "fastmail.com", "hey.com", "zoho.com",
  "yandex.com", "qq.com", "163.com", "example.com", "example.org", "example.net",
]);

/** "Coffee with Sam Lee (Acme)", "Chat: Sam / Acme Corp", "Sam Lee @ Acme", "Sam at Acme Inc". */
function companyFromSummary(summary: string): string | null {
  const patterns = [/\(([^()]{2,60})\)\s*$/, /\s@\s*([^@]{2,60})$/, /\s\/\s*([^/]{2,60})$/, /\bat\s+([A-Z][\w&.' -]{1,59})$/];
  for (const pattern of patterns) {
    const match = pattern.exec(summary.trim());
    const company = match?.[1]?.trim();
    if (company && !/^(zoom|teams|google meet|meet|phone|video|call|online|tbd)$/i.test(company)) return company;
  }
  return null;
}

function companyFromDomain(email: string): string | null {
  const domain = email.slice(email.lastIndexOf("@") + 1).toLowerCase();
  if (PERSONAL_DOMAINS.has(domain)) return null;
  const labels = domain.split(".");
  // "mail.acme.co.uk" -> "acme": skip the public suffix (roughly: 2-letter country + co/com/ac).
  let index = labels.length - 2;
  if (index > 0 && labels[labels.length - 1]!.length === 2 && /^(co|com|ac|org|net|gov|edu)$/.test(labels[index]!)) index -= 1;
  const name = labels[Math.max(0, index)];
  if (!name || name.length < 2) return null;
  // "acme-robotics" -> "Acme Robotics": a guess the user can correct, so keep it readable.
  return name
    .split(/[-_]+/)
    .filter(Boolean)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");
}

/** The interviewee's company, from the summary when it says so, else their email domain. */
export function guessCompany(summary: string, interviewee: Person | null): string | null {
  return companyFromSummary(summary) ?? (interviewee ? companyFromDomain(interviewee.email) : null);
}
