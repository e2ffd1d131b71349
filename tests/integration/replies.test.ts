// Acting by reply, through the real inbound path and D1: each command changes what it says
// and is acknowledged (golden text); the journey continues accordingly (no follow-up after
// "sent", a snoozed check-in moves, a note shows up in the next digest).
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import type { OutboundEmail } from "../../src/mail/mailer";
import { count, outbox, rawObjectCount, resetStorage, rows } from "../support/db";
import { cron } from "../support/cron";
import { faultyD1 } from "../support/faulty-bindings";
import { fixture } from "../support/fixtures";
import { forwardAt } from "../support/inbound";
import { reply } from "../support/reply";

const FORWARDED = Date.parse("2026-11-26T03:00:00Z");
const THANKS_AT = Date.parse("2026-12-08T21:30:00Z");
const FOLLOWUP_AT = Date.parse("2026-12-10T02:00:00Z");
const CHECK_IN_AT = Date.parse("2026-12-22T17:00:00Z");
const HOUR = 3_600_000;


async function last(tag: string): Promise<OutboundEmail> {
  const found = (await outbox()).filter((m) => m.Tag === tag).at(-1);
  if (!found) throw new Error(`no ${tag} email in the outbox`);
  return found;
}

const ack = async () => {
  const email = await last("reply_ack");
  return `Subject: ${email.Subject}\n\n${email.TextBody.replace(/https:\/\/rapport\.test\/u\/[a-z2-7]+/, "https://rapport.test/u/<token>")}`;
};

describe("replying to reminders", () => {
  beforeEach(async () => {
    await resetStorage();
    await forwardAt(fixture("synthetic/apple-icloud-invite.eml"), { now: FORWARDED });
  });

  it("'sent' closes the thank-you: no follow-up comes", async () => {
    await cron(THANKS_AT);
    await reply(await last("thanks"), "Sent!", { now: THANKS_AT + HOUR });
    await expect(await ack()).toMatchFileSnapshot("../golden/replies/sent.txt");

    await cron(FOLLOWUP_AT);
    expect((await outbox()).map((m) => m.Tag)).not.toContain("thanks_followup");
    expect(await rows("SELECT kind, status FROM nudges WHERE kind IN ('thanks', 'thanks_followup') ORDER BY kind")).toEqual([
      { kind: "thanks", status: "done" },
      { kind: "thanks_followup", status: "cancelled" },
    ]);
  });

  it("'snooze 2w' moves the next check-in two weeks out, 09:00 local", async () => {
    await cron(CHECK_IN_AT);
    await reply(await last("keep_in_touch"), "snooze 2w", { now: CHECK_IN_AT + HOUR });
    expect(await rows("SELECT due_at FROM nudges WHERE kind = 'keep_in_touch' AND status = 'pending'")).toEqual([
      { due_at: Date.parse("2027-01-05T17:00:00Z") },
    ]);
    await expect(await ack()).toMatchFileSnapshot("../golden/replies/snooze.txt");
  });

  it("a note shows up in the next digest, and '1 done' on the digest closes that check-in", async () => {
    await cron(CHECK_IN_AT);
    await reply(await last("keep_in_touch"), "note: she suggested talking to Priya at Globex", { now: CHECK_IN_AT + HOUR });
    expect(await rows("SELECT body, source FROM notes")).toEqual([{ body: "she suggested talking to Priya at Globex", source: "reply" }]);

    await cron(Date.parse("2027-01-01T17:00:00Z"));
    const digest = await last("digest");
    expect(digest.TextBody).toContain("Your notes from December:\n  - Sam Lee: she suggested talking to Priya at Globex");
    expect(digest.TextBody).toContain("1. Sam Lee (Acme Robotics): due since Tuesday 22 December 2026");

    await reply(digest, "1 done", { now: Date.parse("2027-01-01T18:00:00Z") });
    expect(await rows("SELECT last_touched_at FROM contacts")).toEqual([{ last_touched_at: Date.parse("2027-01-01T18:00:00Z") }]);
    expect((await ack()).split("\n\n")[2]).toBe("1: Noted that you checked in with Sam Lee. Next reminder: Friday 2 April 2027.");
  });

  it("reads a 4 KB digest reply for the few lines the digest had, in as many D1 steps as a one-line reply", async () => {
    await cron(CHECK_IN_AT);
    await cron(Date.parse("2027-01-01T17:00:00Z"));
    const digest = await last("digest");
    const stepsFor = async (body: string, at: number) => {
      const d1 = faultyD1(env.DB);
      await reply(digest, body, { now: at, bindings: { ...env, DB: d1.binding } });
      return d1.trace;
    };
    const one = await stepsFor("1 done", Date.parse("2027-01-01T18:00:00Z"));
    const many = await stepsFor(Array.from({ length: 570 }, () => "1 done").join("\n"), Date.parse("2027-01-01T19:00:00Z"));
    expect(many.length).toBe(one.length);
    // The reply's changes are one batch (the check-in closed, the touch noted, the next one planned).
    const writes = many.filter((step) => step.method === "batch" && step.sql.some((sql) => /^update "nudges"/i.test(sql)));
    expect(writes).toHaveLength(1);
    expect(await rows("SELECT count(*) AS n FROM nudges WHERE kind = 'keep_in_touch' AND status = 'pending'")).toEqual([{ n: 1 }]);
  });

  it.each([
    ["stop", "SELECT contacts.status, count(nudges.id) AS pending FROM contacts LEFT JOIN nudges ON nudges.contact_id = contacts.id AND nudges.status = 'pending'", [{ status: "stopped", pending: 0 }]],
    ["every 2 months", "SELECT cadence_days FROM contacts", [{ cadence_days: 60 }]],
    ["skip", "SELECT status FROM nudges WHERE kind = 'keep_in_touch' AND sent_at IS NOT NULL", [{ status: "skipped" }]],
    ["snooze until 15 January", "SELECT due_at FROM nudges WHERE kind = 'keep_in_touch' AND status = 'pending'", [{ due_at: Date.parse("2027-01-15T17:00:00Z") }]],
    ["linkedin https://www.linkedin.com/in/sam-lee", "SELECT linkedin_url FROM contacts", [{ linkedin_url: "https://www.linkedin.com/in/sam-lee" }]],
    ["pause", "SELECT status FROM users", [{ status: "paused" }]],
    ["time zone Berlin", "SELECT time_zone FROM users", [{ time_zone: "Europe/Berlin" }]],
    ["unsubscribe", "SELECT status FROM users", [{ status: "unsubscribed" }]],
    ["help", "SELECT count(*) AS notes FROM notes", [{ notes: 0 }]],
    ["new feed link", "SELECT feed_version FROM users", [{ feed_version: 2 }]],
  ])("'%s' changes what it says and says so", async (command, query, expected) => {
    await cron(CHECK_IN_AT);
    await reply(await last("keep_in_touch"), command, { now: CHECK_IN_AT + HOUR });
    expect(await rows(query)).toEqual(expected);
    expect((await last("reply_ack")).To).toBe("jane@example.com");
    const slug = command.split(" ").filter((word) => !word.includes("/")).slice(0, 2).join("-");
    await expect(await ack()).toMatchFileSnapshot(`../golden/replies/${slug}.txt`);
  });

  it("'resume' after 'pause' turns the reminders back on", async () => {
    await cron(CHECK_IN_AT);
    await reply(await last("keep_in_touch"), "pause", { now: CHECK_IN_AT + HOUR });
    expect(await rows("SELECT status FROM users")).toEqual([{ status: "paused" }]);
    await reply(await last("reply_ack"), "I'm back, resume please", { now: CHECK_IN_AT + 2 * HOUR });
    expect(await rows("SELECT status FROM users")).toEqual([{ status: "active" }]);
    await expect(await ack()).toMatchFileSnapshot("../golden/replies/resume.txt");
  });

  it("'help' answers with what one can reply, and keeps nothing", async () => {
    await cron(CHECK_IN_AT);
    await reply(await last("keep_in_touch"), "what can I reply?", { now: CHECK_IN_AT + HOUR });
    expect(await count("notes")).toBe(0);
    expect((await last("reply_ack")).TextBody).toContain("\u201cevery 2 months\u201d, \u201cquarterly\u201d: how often to check in with this person");
  });

  it("acts on two things in one reply: the thank-you is sent, and the rest is kept as a note about them", async () => {
    await cron(THANKS_AT);
    await reply(await last("thanks"), "Done! He said I should also talk to Omar in their data team.", { now: THANKS_AT + HOUR });
    expect(await rows("SELECT kind, status FROM nudges WHERE kind IN ('thanks', 'thanks_followup') ORDER BY kind")).toEqual([
      { kind: "thanks", status: "done" },
      { kind: "thanks_followup", status: "cancelled" },
    ]);
    expect(await rows("SELECT n.body, c.name FROM notes n JOIN contacts c ON c.id = n.contact_id")).toEqual([
      { body: "He said I should also talk to Omar in their data team.", name: "Sam Lee" },
    ]);
    await expect(await ack()).toMatchFileSnapshot("../golden/replies/done-and-note.txt");
  });

  it("asks when unsure and acts only on 'yes': 'snooze' alone proposes a date", async () => {
    await cron(CHECK_IN_AT);
    const before = await rows("SELECT id, due_at, status FROM nudges WHERE kind = 'keep_in_touch' ORDER BY id");
    await reply(await last("keep_in_touch"), "snooze", { now: CHECK_IN_AT + HOUR });
    expect(await rows("SELECT id, due_at, status FROM nudges WHERE kind = 'keep_in_touch' ORDER BY id")).toEqual(before);
    await expect(await ack()).toMatchFileSnapshot("../golden/replies/unsure-snooze.txt");

    await reply(await last("reply_ack"), "yes", { now: CHECK_IN_AT + 2 * HOUR });
    expect(await rows("SELECT due_at FROM nudges WHERE kind = 'keep_in_touch' AND status = 'pending'")).toEqual([
      { due_at: Date.parse("2026-12-29T17:00:00Z") }, // 09:00 in Los Angeles, the zone of the invite
    ]);
    expect((await last("reply_ack")).TextBody).toContain("Snoozed: I will remind you about Sam Lee again on Tuesday 29 December 2026.");
  });

  it("keeps anything it does not understand as a note and answers with the commands", async () => {
    await cron(CHECK_IN_AT);
    await reply(await last("keep_in_touch"), "Great chat! Sam said to ping her in March.", { now: CHECK_IN_AT + HOUR });
    expect(await rows("SELECT body FROM notes")).toEqual([{ body: "Great chat! Sam said to ping her in March." }]);
    await expect(await ack()).toMatchFileSnapshot("../golden/replies/unclear.txt");
  });

  it("a note that the meeting moved is kept, and the answer says how to move the reminders", async () => {
    await cron(THANKS_AT);
    await reply(await last("thanks"), "We rescheduled to next Thursday", { now: THANKS_AT + HOUR });
    expect(await rows("SELECT body FROM notes")).toEqual([{ body: "We rescheduled to next Thursday" }]);
    expect((await ack()).split("\n\n").slice(2, 4)).toEqual([
      "Saved your note about Sam Lee: \u201cWe rescheduled to next Thursday\u201d.",
      "If the meeting moved or was called off, forward me the updated invitation (or the cancellation) and I will change the reminders to match.",
    ]);
  });

  it("politeness alone ('Thanks!', 'Great, thank you') is read and not answered", async () => {
    await cron(THANKS_AT);
    const before = (await outbox()).length;
    await reply(await last("thanks"), "Thanks!", { now: THANKS_AT + HOUR });
    await reply(await last("thanks"), "Great, thank you", { now: THANKS_AT + 2 * HOUR });
    expect((await outbox()).length).toBe(before);
    expect(await rows("SELECT status FROM inbound_messages ORDER BY id")).toEqual([{ status: "processed" }, { status: "processed" }, { status: "processed" }]);
    // ... and the thank-you is still open: the follow-up comes.
    await cron(FOLLOWUP_AT);
    expect((await outbox()).map((m) => m.Tag)).toContain("thanks_followup");
  });

  it("'she's at Globex now' to a check-in moves the contact to Globex, and the next emails say so", async () => {
    await cron(CHECK_IN_AT);
    await reply(await last("keep_in_touch"), "She left Acme, she's at Globex now", { now: CHECK_IN_AT + HOUR });
    expect(await rows("SELECT company FROM contacts")).toEqual([{ company: "Globex" }]);
    expect(await rows("SELECT body FROM notes")).toEqual([{ body: "She left Acme" }]);
    expect((await ack()).split("\n\n").slice(2, 4)).toEqual([
      "Saved your note about Sam Lee: \u201cShe left Acme\u201d.",
      "Noted: Sam Lee is at Globex now. What I write about them from here on says so.",
    ]);
    await cron(Date.parse("2027-01-01T17:00:00Z"));
    expect((await last("digest")).TextBody).toContain("Sam Lee (Globex)");
  });

  it("a promise ('I'll send it tomorrow morning') keeps the reminder and says so, without a list of commands", async () => {
    await cron(THANKS_AT);
    await reply(await last("thanks"), "I'll send it tomorrow morning", { now: THANKS_AT + HOUR });
    expect((await ack()).split("\n\n")[2]).toBe("Good: the reminder stays as it is. Reply \u201csent\u201d once it is done.");
    await reply(await last("thanks"), "Oops, forgot. Doing it now", { now: THANKS_AT + 2 * HOUR });
    expect((await ack()).split("\n\n")[2]).toBe("Good: the reminder stays as it is. Reply \u201csent\u201d once it is done.");
    await cron(FOLLOWUP_AT);
    expect((await outbox()).map((m) => m.Tag)).toContain("thanks_followup");
  });

  it("'landed Acme' lists everyone who helped, each with a draft", async () => {
    await cron(CHECK_IN_AT);
    await reply(await last("keep_in_touch"), "landed Globex", { now: CHECK_IN_AT + HOUR });
    const landed = await last("landed");
    await expect(`Subject: ${landed.Subject}\n\n${landed.TextBody.replace(/https:\/\/rapport\.test\/u\/[a-z2-7]+/, "<unsubscribe>")}`).toMatchFileSnapshot(
      "../golden/replies/landed.txt",
    );
  });

  it("'delete my data' asks first; 'yes, delete' to that removes everything and says so", async () => {
    await cron(THANKS_AT);
    await reply(await last("thanks"), "delete my data", { now: THANKS_AT + HOUR });
    expect(await count("users")).toBe(1);
    const question = await last("reply_ack");
    expect(question.TextBody).toContain("reply \u201cyes, delete\u201d to this email within a day");

    await reply(question, "yes, delete", { now: THANKS_AT + 2 * HOUR });
    for (const table of ["users", "contacts", "meetings", "nudges", "notes", "inbound_messages"]) expect(await count(table)).toBe(0);
    expect(await rawObjectCount()).toBe(0);
    expect((await outbox()).at(-1)!.Subject).toBe("Your Rapport data is deleted");
  });

  it("'yes, delete' that does not answer a deletion request deletes nothing", async () => {
    await cron(THANKS_AT);
    await reply(await last("thanks"), "yes, delete", { now: THANKS_AT + HOUR });
    expect(await count("users")).toBe(1);
    expect((await last("reply_ack")).TextBody).toContain("There is no recent deletion request to confirm.");
  });
});
