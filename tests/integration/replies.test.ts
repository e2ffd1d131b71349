// Acting by reply, through the real inbound path and D1: each command changes what it says
// and is acknowledged (golden text); the journey continues accordingly (no follow-up after
// "sent", a snoozed check-in moves, a note shows up in the next digest).
import { beforeEach, describe, expect, it } from "vitest";
import type { OutboundEmail } from "../../src/mail/mailer";
import { count, outbox, rawObjectCount, resetStorage, rows } from "../support/db";
import { cron } from "../support/cron";
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
    expect(digest.TextBody).toContain("1. Sam Lee (Acme Robotics): overdue since");

    await reply(digest, "1 done", { now: Date.parse("2027-01-01T18:00:00Z") });
    expect(await rows("SELECT last_touched_at FROM contacts")).toEqual([{ last_touched_at: Date.parse("2027-01-01T18:00:00Z") }]);
    expect((await ack()).split("\n\n")[2]).toBe("1: Noted that you checked in with Sam Lee. Next reminder: Friday 2 April 2027.");
  });

  it.each([
    ["stop", "SELECT status, next_check_in_at FROM contacts", [{ status: "stopped", next_check_in_at: null }]],
    ["every 2 months", "SELECT cadence_days FROM contacts", [{ cadence_days: 60 }]],
    ["skip", "SELECT status FROM nudges WHERE kind = 'keep_in_touch' AND sent_at IS NOT NULL", [{ status: "skipped" }]],
    ["snooze until 15 January", "SELECT due_at FROM nudges WHERE kind = 'keep_in_touch' AND status = 'pending'", [{ due_at: Date.parse("2027-01-15T17:00:00Z") }]],
    ["linkedin https://www.linkedin.com/in/sam-lee", "SELECT linkedin_url FROM contacts", [{ linkedin_url: "https://www.linkedin.com/in/sam-lee" }]],
    ["pause", "SELECT status FROM users", [{ status: "paused" }]],
    ["resume", "SELECT status FROM users", [{ status: "active" }]],
    ["time zone Berlin", "SELECT time_zone FROM users", [{ time_zone: "Europe/Berlin" }]],
    ["unsubscribe", "SELECT status FROM users", [{ status: "unsubscribed" }]],
    ["help", "SELECT count(*) AS notes FROM notes", [{ notes: 0 }]],
    ["new feed link", "SELECT count(*) AS notes FROM notes", [{ notes: 0 }]],
  ])("'%s' changes what it says and says so", async (command, query, expected) => {
    await cron(CHECK_IN_AT);
    await reply(await last("keep_in_touch"), command, { now: CHECK_IN_AT + HOUR });
    expect(await rows(query)).toEqual(expected);
    expect((await last("reply_ack")).To).toBe("jane@example.com");
    const slug = command.split(" ").filter((word) => !word.includes("/")).slice(0, 2).join("-");
    await expect(await ack()).toMatchFileSnapshot(`../golden/replies/${slug}.txt`);
  });

  it("keeps anything it does not understand as a note and answers with the commands", async () => {
    await cron(CHECK_IN_AT);
    await reply(await last("keep_in_touch"), "Great chat! Sam said to ping her in March.", { now: CHECK_IN_AT + HOUR });
    expect(await rows("SELECT body FROM notes")).toEqual([{ body: "Great chat! Sam said to ping her in March." }]);
    await expect(await ack()).toMatchFileSnapshot("../golden/replies/unclear.txt");
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
