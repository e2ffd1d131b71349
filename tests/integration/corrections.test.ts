// Correcting a confirmation by reply, in plain words, end to end in workerd with D1: the answer
// is the corrected confirmation, and what comes next (prep sheet, draft, feed) uses the
// correction. An invite booked by an assistant is read as with her; Jane says who it is with.
import { beforeEach, describe, expect, it } from "vitest";
import type { OutboundEmail } from "../../src/mail/mailer";
import { cron } from "../support/cron";
import { outbox, resetStorage, rows } from "../support/db";
import { forwardedInvite } from "../support/forwarded-invite";
import { forwardAt } from "../support/inbound";
import { reply } from "../support/reply";

const FORWARDED = Date.parse("2026-11-26T03:00:00Z");
const HOUR = 3_600_000;

function invite(uid: string, people: string[], summary = "Coffee chat"): Uint8Array {
  return forwardedInvite({ uid, people, summary });
}

const ASSISTANT_BOOKED = invite("correction-1@helios.io", [
  "ORGANIZER;CN=Amy Chen:mailto:amy.chen@helios.io",
  "ATTENDEE;CN=Amy Chen;ROLE=REQ-PARTICIPANT:mailto:amy.chen@helios.io",
  "ATTENDEE;CN=Elena Ruiz;ROLE=OPT-PARTICIPANT:mailto:elena.ruiz@helios.io",
]);

async function last(tag: string): Promise<OutboundEmail> {
  const found = (await outbox()).filter((m) => m.Tag === tag).at(-1);
  if (!found) throw new Error(`no ${tag} email in the outbox`);
  return found;
}

const shown = (email: OutboundEmail) => `Subject: ${email.Subject}\n\n${email.TextBody.replace(/https:\/\/rapport\.test\/(u|feed)\/[a-z2-7]+(\.ics)?/g, "<$1 link>")}`;

describe("correcting a confirmation by reply", () => {
  beforeEach(resetStorage);

  it("'it's with Elena Ruiz, not her assistant': the meeting, its reminders and the drafts follow Elena", async () => {
    await forwardAt(ASSISTANT_BOOKED, { now: FORWARDED });
    expect((await last("confirm")).TextBody).toContain("With:    Amy Chen <amy.chen@helios.io>");

    await reply(await last("confirm"), "It's with Elena Ruiz, not her assistant", { now: FORWARDED + HOUR });
    const corrected = await last("confirm");
    await expect(shown(corrected)).toMatchFileSnapshot("../golden/corrections/with-elena.txt");
    expect(await rows("SELECT c.email, c.name, c.given_name FROM meetings m JOIN contacts c ON c.id = m.contact_id")).toEqual([
      { email: "elena.ruiz@helios.io", name: "Elena Ruiz", given_name: "Elena" },
    ]);
    expect(await rows("SELECT DISTINCT c.email FROM nudges n JOIN contacts c ON c.id = n.contact_id WHERE n.status = 'pending' AND n.kind != 'digest'")).toEqual([
      { email: "elena.ruiz@helios.io" },
    ]);

    await cron(Date.parse("2026-12-09T23:00:00Z"));
    expect((await last("prep")).TextBody).toContain("You meet Elena Ruiz (Helios)");
    await cron(Date.parse("2026-12-10T18:30:00Z"));
    expect((await last("thanks")).TextBody).toContain("Hi Elena,");
  });

  it("'actually it's lunch, not coffee' changes the meal the prep sheet and the draft speak of", async () => {
    await forwardAt(ASSISTANT_BOOKED, { now: FORWARDED });
    await reply(await last("confirm"), "Actually it's lunch, not coffee", { now: FORWARDED + HOUR });
    expect((await last("confirm")).TextBody).toContain("Corrected: it is over lunch.");
    expect(await rows("SELECT meal, meal_kind FROM meetings")).toEqual([{ meal: 1, meal_kind: "lunch" }]);
  });

  it("a meeting with no one named gets its reminders once the reply names a guest", async () => {
    await forwardAt(
      invite("correction-2@example.org", [
        "ORGANIZER;CN=Priya Raman:mailto:priya.raman@helios.io",
        "ATTENDEE;CN=Priya Raman:mailto:priya.raman@helios.io",
        "ATTENDEE;CN=Omar Reyes:mailto:omar.reyes@globex.com",
      ], "Intro call"),
      { now: FORWARDED },
    );
    const first = await last("confirm");
    const plannedBefore = await rows("SELECT count(*) AS n FROM nudges WHERE status = 'pending' AND kind != 'digest'");
    await reply(first, "it's with Omar Reyes from Globex", { now: FORWARDED + HOUR });
    expect(await rows("SELECT c.email, c.company FROM meetings m JOIN contacts c ON c.id = m.contact_id")).toEqual([
      { email: "omar.reyes@globex.com", company: "Globex" },
    ]);
    const plannedAfter = await rows<{ kind: string }>("SELECT kind FROM nudges WHERE status = 'pending' AND kind != 'digest' ORDER BY due_at");
    expect(plannedAfter.map((row) => row.kind)).toEqual(["prep", "thanks", "thanks_followup", "keep_in_touch"]);
    expect(plannedBefore).toBeDefined();
  });

  it("'not an interview, drop it' leaves no pending reminder for the meeting and says so", async () => {
    await forwardAt(ASSISTANT_BOOKED, { now: FORWARDED });
    await reply(await last("confirm"), "not an interview, drop it", { now: FORWARDED + HOUR });
    expect(await rows("SELECT count(*) AS n FROM nudges WHERE status = 'pending' AND meeting_id IS NOT NULL")).toEqual([{ n: 0 }]);
    expect(await rows("SELECT status FROM meetings")).toEqual([{ status: "cancelled" }]);
    expect((await last("reply_ack")).TextBody).toContain("Dropped \u201cCoffee chat\u201d: no reminders about it.");
  });

  it("'you've got her surname wrong, it's Chan not Chen' respells the family name and keeps the greeting", async () => {
    await forwardAt(ASSISTANT_BOOKED, { now: FORWARDED });
    await reply(await last("confirm"), "you've got her surname wrong, it's Chan not Chen", { now: FORWARDED + HOUR });
    expect(await rows("SELECT c.name, c.given_name FROM meetings m JOIN contacts c ON c.id = m.contact_id")).toEqual([{ name: "Amy Chan", given_name: "Amy" }]);
    expect((await last("confirm")).TextBody).toContain("Corrected: their name is Amy Chan.");
  });

  it("'Coffee with Amy, yes!' says back what the confirmation said: nothing is corrected", async () => {
    await forwardAt(ASSISTANT_BOOKED, { now: FORWARDED });
    const before = await rows("SELECT c.name, c.given_name, m.meal_kind FROM meetings m JOIN contacts c ON c.id = m.contact_id");
    await reply(await last("confirm"), "Coffee with Amy, yes!", { now: FORWARDED + HOUR });
    expect(await rows("SELECT c.name, c.given_name, m.meal_kind FROM meetings m JOIN contacts c ON c.id = m.contact_id")).toEqual(before);
    expect((await outbox()).filter((m) => m.Tag === "confirm")).toHaveLength(1);
  });

  it("'not Amy' asks whether it is with the other guest, and 'yes' makes it so", async () => {
    await forwardAt(ASSISTANT_BOOKED, { now: FORWARDED });
    await reply(await last("confirm"), "not Amy", { now: FORWARDED + HOUR });
    expect((await last("reply_ack")).TextBody).toContain("Did you mean that I should correct it to a meeting with Elena Ruiz? Reply \u201cyes\u201d and I will.");
    await reply(await last("reply_ack"), "yes", { now: FORWARDED + 2 * HOUR });
    expect(await rows("SELECT c.email FROM meetings m JOIN contacts c ON c.id = m.contact_id")).toEqual([{ email: "elena.ruiz@helios.io" }]);
  });
});
