// Who a meeting is with, end to end on real local D1: what is stored for the contact (the name
// as people write it, the given name a draft greets, the company) and the meeting (the meal),
// what is planned when no one can be named, and the time zone said once.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { cron } from "../support/cron";
import { outbox, resetStorage, rows } from "../support/db";
import { fixture } from "../support/fixtures";
import { forwardedInvite, type InviteParts } from "../support/forwarded-invite";
import { forwardAt } from "../support/inbound";

const NOW = Date.parse("2026-12-01T00:00:00Z");
const bindings = { ...env, ALLOWED_SENDERS: "*" };

function forward(file: string, from: string, messageId?: string) {
  return forwardAt(fixture(file), { from, now: NOW, bindings, ...(messageId ? { messageId } : {}) });
}

/** Jane forwards an invitation made of these parts. */
function forwardMade(parts: InviteParts) {
  return forwardAt(forwardedInvite(parts), { from: "jane@example.com", now: NOW, bindings });
}

describe("an assistant books breakfast for her boss", () => {
  beforeEach(resetStorage);

  it("stores the boss, greeted by her given name, at her company, and the meeting as breakfast", async () => {
    await forward("people/ea-breakfast-exchange.eml", "tom.wu@gmail.com");

    expect(await rows("SELECT email, name, given_name, company FROM contacts")).toEqual([
      { email: "elena.ruiz@helios-labs.com", name: "Elena Ruiz", given_name: "Elena", company: "Helios Labs" },
    ]);
    expect(await rows("SELECT format, meal, meal_kind FROM meetings")).toEqual([{ format: "in_person", meal: 1, meal_kind: "breakfast" }]);
    expect(await rows("SELECT kind FROM nudges WHERE status = 'pending' AND meeting_id IS NOT NULL ORDER BY due_at")).toEqual([
      { kind: "prep" },
      { kind: "thanks" },
      { kind: "thanks_followup" },
      { kind: "keep_in_touch" },
    ]);
    const [confirmation] = await outbox();
    expect(confirmation!.TextBody).toContain("With:    Elena Ruiz <elena.ruiz@helios-labs.com>, Helios Labs");
  });

  it("keeps a name given by Outlook as 'Last, First' the way the person writes it", async () => {
    await forward("people/hubspot-exchange.eml", "tom.wu@gmail.com");
    expect(await rows("SELECT name, given_name, company FROM contacts")).toEqual([
      { name: "Ana de la Cruz", given_name: "Ana", company: "Orbit Analytics" },
    ]);
  });
});

describe("a name Outlook writes 'Last Jr., First M.'", () => {
  beforeEach(resetStorage);

  it("is greeted by the given name, not the given name and the middle initial", async () => {
    await forwardMade({
      uid: "suffix-initial@jpmchase.com",
      people: ["ORGANIZER;CN=\"Whitfield Jr., Darnell A.\":mailto:darnell.whitfield@jpmchase.com"],
      summary: "Breakfast - Darnell A. Whitfield / Jane Doe",
    });
    expect(await rows("SELECT name, given_name FROM contacts")).toEqual([{ name: "Darnell A. Whitfield Jr.", given_name: "Darnell" }]);
  });
});

describe("a title that names the user with a classmate", () => {
  beforeEach(resetStorage);

  it("is about the guests the organizer meets: the person is the organizer, not the classmate", async () => {
    await forwardMade({
      uid: "title-names-guests@navercorp.com",
      people: [
        "ORGANIZER;CN=\"Park Ji-hoon\":mailto:jihoon.park@navercorp.com",
        "ATTENDEE;CN=\"Emily Zhou\";ROLE=REQ-PARTICIPANT:mailto:emily.zhou.kaist@gmail.com",
      ],
      summary: "Coffee chat - Jane & Emily",
    });
    expect(await rows("SELECT email, given_name FROM contacts")).toEqual([{ email: "jihoon.park@navercorp.com", given_name: "Ji-hoon" }]);
  });
});

describe("nobody to meet", () => {
  beforeEach(resetStorage);

  it("a dentist's appointment is kept, plans nothing, and the confirmation asks who it is with", async () => {
    await forward("people/dentist.eml", "jordan.blake@gmail.com");

    expect(await rows("SELECT summary, contact_id FROM meetings")).toEqual([{ summary: "Dental cleaning \u2013 Dr. Laura Kim", contact_id: null }]);
    expect(await rows("SELECT count(*) AS n FROM contacts")).toEqual([{ n: 0 }]);
    expect(await rows("SELECT kind FROM nudges WHERE kind IN ('prep', 'thanks', 'thanks_followup', 'keep_in_touch')")).toEqual([]);

    const [confirmation] = await outbox();
    expect(confirmation!.Subject).toMatch(/^Who are you meeting\? Dental cleaning/);
    expect(confirmation!.TextBody).toContain("With:    no one I can name: it comes from appointments@brightsmile-dental.com, a booking system or shared mailbox, not a person");
    expect(confirmation!.TextBody).toContain("Reply with their name and, if you know it, where they work, for example: \u201cit's with Elena Ruiz from Helios\u201d.");
    expect(confirmation!.TextBody).not.toContain("What happens next");
    expect(confirmation!.TextBody).not.toContain("prep sheet:");
  });

  it("a kept appointment is not one of the meetings the digest lists as coming up", async () => {
    await forward("people/dentist.eml", "jordan.blake@gmail.com");
    await forward("people/ea-google-coffee.eml", "jordan.blake@gmail.com");
    await cron("2026-12-01T17:00:00Z"); // 1 December, 09:00 in Los Angeles: the digest
    const digest = (await outbox()).find((email) => email.Tag === "digest");
    expect(digest!.TextBody).toContain("Ravi Menon <> Jordan Blake - coffee");
    expect(digest!.TextBody).not.toContain("Dental cleaning");
  });

  it("a webinar with a hundred guests says so", async () => {
    await forward("people/career-panel-many.eml", "s.patel@univ.edu");
    const [confirmation] = await outbox();
    expect(confirmation!.TextBody).toMatch(/With: +no one I can name: it has \d+ guests, more like an event than a conversation with one person/);
    expect(await rows("SELECT kind FROM nudges WHERE kind = 'prep'")).toEqual([]);
  });
});

describe("the time zone, said once", () => {
  beforeEach(resetStorage);

  it("the first confirmation says which zone and where it came from, with the reply that changes it; the next one does not", async () => {
    await forward("people/at-place-not-company.eml", "jane.doe@icloud.com");
    await forward("people/brunch-cafe-apple.eml", "jane.doe@icloud.com");
    const [first, second] = await outbox();

    expect(first!.TextBody).toContain(
      "I will show all your times in Los Angeles time, the time zone of this invitation. " +
        "If you live in another time zone, reply \u201ctime zone\u201d and your city, for example \u201ctime zone Berlin\u201d.",
    );
    expect(second!.Tag).toBe("confirm");
    expect(second!.TextBody).not.toContain("I will show all your times");
    // The second invite is in Paris time, but the user's zone is already set: times stay in theirs.
    expect(second!.TextBody).toContain("(Los Angeles time)");
  });

  it("a user whose first invite names no zone is told the default is used", async () => {
    await forward("corpus/calmailproc/test-14.eml", "traveler@example.net");
    const [first] = await outbox();
    expect(first!.TextBody).toContain("I will show all your times in New York time, my default, since no invitation has told me yours.");
  });
});
