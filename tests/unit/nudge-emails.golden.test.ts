// Golden files for every nudge email, composed from plain data with a fixed `now`: the exact
// text and HTML a user would read. After an intended change, review `npx vitest run
// --config vitest.node.config.ts -u` before committing.
import { describe, expect, it } from "vitest";
import { reminderAttachment } from "../../src/compose/calendar-file";
import { composeDigest, type DigestData } from "../../src/compose/digest";
import type { ComposedContent } from "../../src/compose/content";
import { composeKeepInTouch } from "../../src/compose/keep-in-touch";
import type { ContactFacts, MeetingFacts, Recipient } from "../../src/compose/nudge-data";
import { composePrep } from "../../src/compose/prep";
import { composeThanks } from "../../src/compose/thanks";

const jane: Recipient = { name: "Jane Doe", email: "jane@example.com", timeZone: "America/Los_Angeles" };
const sam: ContactFacts = { name: "Sam Lee", givenName: "Sam", email: "sam.lee@acme-robotics.com", company: "Acme Robotics", title: null, linkedinUrl: null };
const priya: ContactFacts = { name: "Priya Natarajan", givenName: "Priya", email: "priya@gmail.com", company: null, title: "Senior Data Scientist", linkedinUrl: "https://www.linkedin.com/in/priya-n" };

const coffee: MeetingFacts = {
  summary: "Coffee with Sam Lee",
  start: Date.parse("2026-12-08T20:00:00Z"), // Tue 8 Dec 12:00 PST
  end: Date.parse("2026-12-08T20:30:00Z"),
  allDay: false,
  location: "Blue Bottle Coffee, 66 Mint St, San Francisco",
  meetingUrl: null,
  format: "in_person",
  meal: true,
  mealKind: "coffee",
};
const videoCall: MeetingFacts = {
  summary: "Chat with Priya",
  start: Date.parse("2026-12-09T17:00:00Z"), // Wed 9 Dec 09:00 PST
  end: Date.parse("2026-12-09T17:30:00Z"),
  allDay: false,
  location: null,
  meetingUrl: "https://meet.google.com/abc-defg-hij",
  format: "video",
  meal: false,
  mealKind: null,
};

function file(content: ComposedContent): string {
  const attachments = (content.attachments ?? []).map((a) => `\n--- attachment ${a.name} (${a.contentType}) ---\n${atob(a.contentBase64)}`);
  return `Subject: ${content.subject}\n\n${content.text}${attachments.join("")}`;
}

async function golden(name: string, content: ComposedContent) {
  await expect(file(content)).toMatchFileSnapshot(`../golden/nudges/${name}.txt`);
  await expect(content.html).toMatchFileSnapshot(`../golden/nudges/${name}.html`);
}

describe("nudge emails (golden files)", () => {
  it("prep: coffee in person, the evening before", async () => {
    await golden("prep-coffee", composePrep({ user: jane, meeting: coffee, contact: sam, now: Date.parse("2026-12-08T02:00:00Z") }));
  });

  it("prep: a video call with a data scientist whose company is unknown", async () => {
    await golden("prep-video", composePrep({ user: jane, meeting: videoCall, contact: priya, now: Date.parse("2026-12-09T02:00:00Z") }));
  });

  it("prep: a goal the user told, the invitation's topic, and the other person's local time", async () => {
    await golden(
      "prep-goal-topic",
      composePrep({
        user: { ...jane, goal: "move into product management" },
        meeting: { ...videoCall, timeZone: "Europe/Berlin", topic: "Product management at Brightline: how the team works" },
        contact: { ...priya, company: "Brightline", title: "Product Manager" },
        now: Date.parse("2026-12-09T02:00:00Z"),
      }),
    );
  });

  it("prep: the short version when the meeting is under an hour away", async () => {
    await golden("prep-short", composePrep({ user: jane, meeting: coffee, contact: sam, now: Date.parse("2026-12-08T19:20:00Z") }));
  });

  it("thanks: the draft, LinkedIn search link and the first check-in as a calendar file", async () => {
    const now = Date.parse("2026-12-08T21:30:00Z");
    const checkIn = Date.parse("2026-12-22T17:00:00Z");
    await golden(
      "thanks-coffee",
      composeThanks({
        kind: "thanks",
        user: jane,
        meeting: coffee,
        contact: sam,
        firstCheckInAt: checkIn,
        checkInFile: reminderAttachment({ uid: "check-in-4@rapport", title: "Check in with Sam Lee", description: "Tell Sam how their advice helped.", start: checkIn, minutes: 15, now }, "check-in.ics"),
        now,
      }),
    );
  });

  it("thanks_followup: the next evening, the draft again, nothing attached", async () => {
    await golden(
      "thanks-followup-video",
      composeThanks({ kind: "thanks_followup", user: jane, meeting: videoCall, contact: priya, firstCheckInAt: null, checkInFile: null, now: Date.parse("2026-12-11T02:00:00Z") }),
    );
  });

  it("keep_in_touch: two weeks after the meeting", async () => {
    await golden(
      "keep-in-touch-first",
      composeKeepInTouch({ user: jane, contact: sam, lastMetAt: coffee.start, lastTouchedAt: null, cadenceDays: 91, now: Date.parse("2026-12-22T17:00:00Z") }),
    );
  });

  it("keep_in_touch: a contact with no name or company, months later", async () => {
    const anonymous: ContactFacts = { name: null, givenName: null, email: "r.k@startup.io", company: null, title: null, linkedinUrl: null };
    await golden(
      "keep-in-touch-no-company",
      composeKeepInTouch({ user: { ...jane, name: null }, contact: anonymous, lastMetAt: Date.parse("2026-06-02T16:00:00Z"), lastTouchedAt: Date.parse("2026-09-01T16:00:00Z"), cadenceDays: 61, now: Date.parse("2026-12-01T17:00:00Z") }),
    );
  });

  const december: Omit<DigestData, "due" | "upcoming"> = {
    user: jane,
    monthName: "December 2026",
    lastMonth: { name: "November", meetings: 2, thankYous: 1, checkIns: 0 },
    pageUrl: "https://rapport.example.com/me/<page-token>",
    feedUrl: "https://rapport.example.com/feed/<feed-token>.ics",
    notes: [{ about: "Priya Natarajan", body: "She suggested the <b>data</b> meetup\non Thursdays; ask Tom for an intro." }],
    thanks: [],
    leads: [],
    metAnyone: true,
    now: Date.parse("2026-12-01T17:00:00Z"),
  };

  it("digest: people due and overdue, numbered, and meetings coming up", async () => {
    await golden(
      "digest-due",
      composeDigest({
        ...december,
        due: [
          { contactId: 2, contact: priya, dueAt: Date.parse("2026-11-20T17:00:00Z"), lastContactAt: Date.parse("2026-08-19T16:00:00Z") },
          { contactId: 1, contact: sam, dueAt: Date.parse("2026-12-22T17:00:00Z"), lastContactAt: Date.parse("2026-09-03T16:00:00Z") },
        ],
        upcoming: [{ title: "Coffee with Sam Lee", start: coffee.start, with: "Sam Lee" }],
      }),
    );
  });

  it("digest: a check-in, a thank-you still open and two people to meet next, numbered in one run", async () => {
    await golden(
      "digest-every-line",
      composeDigest({
        ...december,
        notes: [],
        due: [{ contactId: 2, contact: priya, dueAt: Date.parse("2026-11-20T17:00:00Z"), lastContactAt: Date.parse("2026-08-19T16:00:00Z") }],
        thanks: [{ contactId: 1, meetingId: 7, contact: sam, metAt: Date.parse("2026-11-24T20:00:00Z") }],
        leads: [
          { leadId: 3, name: "Omar Reyes", company: "Acme Robotics", team: "data team", sourceContactId: 1, source: sam },
          { leadId: 4, name: "Wei Chen", company: "Figma", team: null, sourceContactId: null, source: null },
        ],
        upcoming: [],
      }),
    );
  });

  it("digest: a first month counts what is coming, and lists nobody as due", async () => {
    await golden(
      "digest-first-month",
      composeDigest({
        ...december,
        metAnyone: false,
        lastMonth: { name: "November", meetings: 0, thankYous: 0, checkIns: 0 },
        notes: [],
        due: [],
        upcoming: [
          { title: "Coffee with Sam Lee", start: coffee.start, with: "Sam Lee" },
          { title: "Chat with Priya", start: Date.parse("2026-12-09T17:00:00Z"), with: "Priya Natarajan" },
        ],
      }),
    );
  });

  it("digest: nothing due and nothing planned", async () => {
    await golden("digest-empty", composeDigest({ ...december, lastMonth: { name: "November", meetings: 0, thankYous: 0, checkIns: 0 }, notes: [], due: [], upcoming: [] }));
  });

  it("digest: a quiet month with someone to meet next points there", async () => {
    const digest = composeDigest({
      ...december,
      lastMonth: { name: "November", meetings: 0, thankYous: 0, checkIns: 0 },
      notes: [],
      due: [],
      upcoming: [],
      leads: [{ leadId: 3, name: "Omar Reyes", company: "Acme Robotics", team: "data team", sourceContactId: 1, source: sam }],
    });
    expect(digest.text).toContain(
      "No meetings in November, and none planned yet. Each conversation opens the next: the people to meet above are a good place to start. Forward the invitation when you have one.",
    );
  });
});
