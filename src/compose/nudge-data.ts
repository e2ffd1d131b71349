/** What the nudge emails are composed from: plain data, read from D1 by dispatch. */

/** How the meeting happens: drives "bring resume copies" and "suggest meeting in person". */
export type MeetingFormat = "in_person" | "video" | "phone" | "unknown";

/** The meal or drink a meeting is over. */
export type MealKind = "breakfast" | "brunch" | "coffee" | "lunch" | "dinner" | "drinks";

export interface Recipient {
  name: string | null;
  email: string;
  timeZone: string;
  /** What they are aiming for, in their words ("move into product management"), when they said. */
  goal?: string | null;
}

/** A note the user kept about a contact or meeting, in their own words. */
export interface NoteFact {
  body: string;
  createdAt: number;
}

/** Someone a contact suggested the user talk to, and what came of it. */
export interface LeadFact {
  name: string;
  company: string | null;
  /** open: not met yet; met: an invite with them arrived (on `meetingStart`); contacted or dropped: set aside. */
  status: "open" | "met" | "contacted" | "dropped";
  meetingStart: number | null;
}

export interface ContactFacts {
  name: string | null;
  /** What a note to them opens with, read with the name ("Kenji" of Kenji Nakamura); null when unknown. */
  givenName: string | null;
  email: string;
  company: string | null;
  title: string | null;
  linkedinUrl: string | null;
  /** The user said they are connected on LinkedIn. */
  linkedinConnected?: boolean;
}

export interface MeetingFacts {
  summary: string;
  start: number;
  end: number;
  allDay: boolean;
  location: string | null;
  meetingUrl: string | null;
  format: MeetingFormat;
  meal: boolean;
  /** Which meal or drink when `meal`; null when not, or not known. */
  mealKind: MealKind | null;
  /** The zone the invitation was written in, when known: the other person's local time. */
  timeZone?: string | null;
  /** The organizer's own words about the meeting, one line, when the invitation has some. */
  topic?: string | null;
}

import { givenName } from "./text";

/** "Sam Lee", or their address when the invite gave no name. */
export function displayName(contact: Pick<ContactFacts, "name" | "email"> | null): string {
  return contact?.name?.trim() || contact?.email || "your contact";
}

/** "Sam" from "Sam Lee", "Ana" from "Ana de la Cruz", 美咲 from 佐藤 美咲: how a note to them starts. */
export function firstName(contact: Pick<ContactFacts, "name" | "givenName"> | null): string {
  return contact?.givenName?.trim() || givenName(contact?.name) || "there";
}

/** What a user may call them in a note: full name, given name, first word; longest first. */
export function namesOf(contact: Pick<ContactFacts, "name" | "givenName"> | null): string[] {
  const names = [contact?.name?.trim(), contact?.givenName?.trim(), givenName(contact?.name)].filter((name): name is string => Boolean(name));
  return [...new Set(names)].sort((a, b) => b.length - a.length);
}

/** "Sam Lee (Acme Robotics)" */
export function nameWithCompany(contact: ContactFacts | null): string {
  const name = displayName(contact);
  return contact?.company ? `${name} (${contact.company})` : name;
}
