// The first words of a thank-you draft and of an email to the user: the given name as people
// use it, not the first word of whatever the directory wrote ("Hi de,", "Hi Nakamura,,").
import { describe, expect, it } from "vitest";
import type { ContactFacts, MeetingFacts, Recipient } from "../../src/compose/nudge-data";
import { greeting } from "../../src/compose/text";
import { draftNote } from "../../src/compose/thanks";

const user: Recipient = { name: "Tom Wu", email: "tom.wu@gmail.com", timeZone: "Asia/Tokyo" };
const meeting: MeetingFacts = {
  summary: "Coffee",
  start: Date.parse("2027-01-18T06:00:00Z"),
  end: Date.parse("2027-01-18T07:00:00Z"),
  allDay: false,
  location: null,
  meetingUrl: null,
  format: "in_person",
  meal: true,
  mealKind: "coffee",
};

function opening(contact: Pick<ContactFacts, "name" | "givenName">): string {
  const full: ContactFacts = { ...contact, email: "someone@acme-robotics.co.jp", company: null, title: null, linkedinUrl: null };
  const note = draftNote({ kind: "thanks", user, meeting, contact: full, firstCheckInAt: null, checkInFile: null, now: meeting.end });
  return note.body.split("\n")[0]!;
}

describe("the thank-you draft greets the contact by their given name", () => {
  it.each([
    [{ name: "Ana de la Cruz", givenName: "Ana" }, "Hi Ana,"],
    [{ name: "佐藤 美咲", givenName: "美咲" }, "Hi 美咲,"],
    [{ name: "James Whitfield III", givenName: "James" }, "Hi James,"],
    // Contacts saved before given names were kept: read from the name as written.
    [{ name: "Ana de la Cruz", givenName: null }, "Hi Ana,"],
    [{ name: "佐藤 美咲", givenName: null }, "Hi 美咲,"],
    // Nobody named: a plain "Hello," rather than a "Hi there," the interviewee would read as careless.
    [{ name: null, givenName: null }, "Hello,"],
  ])("%j -> %s", (contact, expected) => {
    expect(opening(contact)).toBe(expected);
  });
});

describe("emails to the user greet them the same way", () => {
  it.each([
    ["Patel, Sanjay", "Hi Sanjay,"],
    ["Dr. Amara Okonkwo", "Hi Amara,"],
    ["jane", "Hi Jane,"],
    // A name given with a title and no given name is used as given.
    ["Dr. Okafor", "Hi Dr. Okafor,"],
    ["Liz", "Hi Liz,"],
    [null, "Hi,"],
  ])("%s -> %s", (name, expected) => {
    expect(greeting(name)).toBe(expected);
  });
});
