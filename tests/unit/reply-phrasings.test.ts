// Replies as people write them (tests/fixtures/replies/phrasings.json and phrasings-heldout.json:
// 841 phrasings by two authors and later rounds, each with the commands it means), read through the whole reply path: the new text is typed above the
// quoted email as Gmail, Outlook, Apple Mail and a phone client quote it, the quote stripper
// takes it out, and the reader reads what is left. Dates are checked against each entry's own
// clock and zone (two zones and more, both DST changes, the year end).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readReply, type AnsweredKind, type Command } from "../../src/replies/commands";
import { newReplyText } from "../../src/replies/quote";

interface Phrasing {
  id: string;
  text: string;
  to: AnsweredKind;
  expected: Command[];
  now?: string;
  tz?: string;
}

const table = ["phrasings.json", "phrasings-heldout.json"].flatMap(
  (file) => JSON.parse(readFileSync(new URL(`../fixtures/replies/${file}`, import.meta.url), "utf8")) as Phrasing[],
);

// What the quoted Rapport email says, command words and all: none of it may be read as the reply.
const ORIGINAL = [
  "How did it go with Sam Lee? A short thank-you within 24 hours is what people remember.",
  "When you have sent it, reply \u201csent\u201d and I will stop reminding you.",
  "Reply \u201csnooze 2w\u201d to be reminded later, \u201cstop\u201d for no more reminders, or \u201cunsubscribe\u201d.",
  "1. Elena Ruiz: overdue since Tuesday 1 December 2026",
];

const CLIENTS: Record<string, (text: string) => string> = {
  gmail: (text) =>
    `${text}\n\nOn Tue, Dec 8, 2026 at 10:00\u202fAM Rapport <reminders@rapport.example> wrote:\n\n${ORIGINAL.map((line) => `> ${line}`).join("\n")}\n`,
  outlook: (text) =>
    `${text}\r\n\r\n________________________________\r\nFrom: Rapport <reminders@rapport.example>\r\nSent: Tuesday, December 8, 2026 10:00 AM\r\nTo: Jane Doe <jane@example.com>\r\nSubject: Send your thank-you to Sam Lee today\r\n\r\n${ORIGINAL.join("\r\n\r\n")}\r\n`,
  apple: (text) =>
    `${text}\n\n> On 8 Dec 2026, at 10:00, Rapport <reminders@rapport.example> wrote:\n> \n${ORIGINAL.map((line) => `> ${line}`).join("\n>\n")}\n`,
  phone: (text) =>
    `${text}\n\nSent from my iPhone\n\n> On Dec 8, 2026, at 10:00 AM, Rapport <reminders@rapport.example> wrote:\n> \n${ORIGINAL.map((line) => `> ${line}`).join("\n")}\n`,
};

function read(entry: Phrasing, body: string): Command[] {
  return readReply(newReplyText(body, null), {
    now: Date.parse(entry.now ?? "2026-12-08T15:00:00Z"),
    timeZone: entry.tz ?? "America/New_York",
    to: entry.to,
  });
}

describe("reading replies as people write them", () => {
  it("has a table worth the name", () => {
    expect(table.length).toBeGreaterThanOrEqual(500);
    expect(new Set(table.map((entry) => entry.id)).size).toBe(table.length);
  });

  for (const [client, quote] of Object.entries(CLIENTS)) {
    describe(`under ${client}'s quoting`, () => {
      it.each(table.map((entry) => [entry.id, entry] as const))("%s", (_id, entry) => {
        expect(read(entry, quote(entry.text))).toEqual(entry.expected);
      });
    });
  }
});
