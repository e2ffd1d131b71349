// What the emails say as a journey goes on, end to end in workerd with D1 (issue #15): the debrief
// a user sends back comes back as a draft in their words, a person suggested becomes a lead that
// the digest lists and an invite with them closes, notes come back in the follow-up and the
// check-in, the digest is true on the day it is sent, and no reply goes unanswered.
import { beforeEach, describe, expect, it } from "vitest";
import type { OutboundEmail } from "../../src/mail/mailer";
import { cron } from "../support/cron";
import { outbox, resetStorage, rows } from "../support/db";
import { fixture } from "../support/fixtures";
import { forwardedInvite } from "../support/forwarded-invite";
import { forwardAt } from "../support/inbound";
import { reply } from "../support/reply";

// apple-icloud-invite.eml: Jane meets Sam Lee (Acme Robotics) for coffee on 8 December 2026,
// 12:00-12:30 Los Angeles time.
const FORWARDED = Date.parse("2026-11-26T03:00:00Z");
const THANKS_AT = Date.parse("2026-12-08T21:30:00Z");
const FOLLOWUP_AT = Date.parse("2026-12-10T02:00:00Z");
const CHECK_IN_AT = Date.parse("2026-12-22T17:00:00Z");
const HOUR = 3_600_000;

const DEBRIEF = ["learned: PMs at Acme spend half their time with customers", "suggested: Omar Reyes in their data team", "next: apply to the associate PM programme"].join("\n");

async function last(tag: string): Promise<OutboundEmail> {
  const found = (await outbox()).filter((m) => m.Tag === tag).at(-1);
  if (!found) throw new Error(`no ${tag} email in the outbox`);
  return found;
}

const shown = (email: OutboundEmail) =>
  `Subject: ${email.Subject}\n\n${email.TextBody.replace(/https:\/\/rapport\.test\/(u|feed|me)\/[A-Za-z0-9._~-]+/g, "<$1 link>")}`;

/** The draft inside an email: the indented block from its "To:" line to the signature. */
function draftIn(email: OutboundEmail): string {
  const lines = email.TextBody.split("\n");
  const start = lines.findIndex((line) => line.startsWith("    To: "));
  const end = lines.findIndex((line, index) => index > start && line.trim() === "Jane Doe");
  return lines.slice(start, end + 1).join("\n");
}

/** A coffee chat with one person, 30 minutes from `start`, as Jane forwards it. */
function inviteWith(organizer: string, uid: string, start: string): Uint8Array {
  const end = new Date(Date.parse(start.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z")) + 30 * 60_000);
  return forwardedInvite({ uid, people: [organizer], start, end: end.toISOString().replace(/[-:]|\.\d{3}/g, ""), location: "Sightglass Coffee, 270 7th St, San Francisco" });
}

describe("what the emails say as the journey goes on", () => {
  beforeEach(async () => {
    await resetStorage();
    await forwardAt(fixture("synthetic/apple-icloud-invite.eml"), { now: FORWARDED });
  });

  it("a digest before any meeting lists nobody as due, and counts what is coming instead of zeros", async () => {
    await cron(Date.parse("2026-12-01T17:00:00Z"));
    const digest = await last("digest");
    // Sam's first check-in is planned for 22 December, but they have not met yet.
    expect(await rows("SELECT status, due_at FROM nudges WHERE kind = 'keep_in_touch'")).toEqual([{ status: "pending", due_at: CHECK_IN_AT }]);
    expect(digest.Subject).toBe("Your December: 1 meeting ahead");
    expect(digest.TextBody).not.toMatch(/check-in|check in with|0 meetings|Nobody is due/i);
    expect(digest.TextBody).toContain("Coming up:\n  - Tuesday 8 December, 12:00: Coffee with Sam Lee");
    expect(digest.TextBody).toContain("Your first meeting is coming up. The prep sheet arrives the evening before each one.");
  });

  it("a debrief reply to the thank-you prompt brings the draft back in the user's words, and Omar becomes a lead", async () => {
    await cron(THANKS_AT);
    const prompt = await last("thanks");
    expect(prompt.TextBody).toContain("    suggested: who they suggested you talk to");

    await reply(prompt, DEBRIEF, { now: THANKS_AT + HOUR });
    expect(await rows("SELECT name, company, team, status, source_contact_id FROM leads")).toEqual([
      { name: "Omar Reyes", company: "Acme Robotics", team: "data team", status: "open", source_contact_id: 1 },
    ]);
    const redraft = await last("reply_ack");
    await expect(shown(redraft)).toMatchFileSnapshot("../golden/journey/redraft.txt");
    const draft = draftIn(redraft);
    expect(draft).toContain("I keep thinking about what you said: PMs at Acme spend half their time with customers.");
    expect(draft).toContain("Thank you for suggesting I talk to Omar Reyes; I will reach out this week.");
    expect(draft).toContain("My next step: apply to the associate PM programme.");
    expect(draft).not.toContain("[");
    // The draft opens in a mail app, addressed to Sam, with the same words.
    expect(redraft.HtmlBody).toContain(`href="mailto:sam.lee@acme-robotics.com?subject=Thank%20you%2C%20Sam&amp;body=Hi%20Sam%2C`);

    // "sent" in reply to the redraft closes the thank-you it is about: no follow-up comes.
    await reply(redraft, "sent", { now: THANKS_AT + 2 * HOUR });
    expect(await rows("SELECT kind, status FROM nudges WHERE kind IN ('thanks', 'thanks_followup') ORDER BY kind")).toEqual([
      { kind: "thanks", status: "done" },
      { kind: "thanks_followup", status: "cancelled" },
    ]);
  });

  it("a note by reply comes back in the follow-up draft and in the check-in", async () => {
    await cron(THANKS_AT);
    await reply(await last("thanks"), "I learned that the APM programme opens in January. He said to talk to Omar Reyes in their data team.", {
      now: THANKS_AT + HOUR,
    });

    await cron(FOLLOWUP_AT);
    const followup = await last("thanks_followup");
    expect(draftIn(followup)).toContain("I keep thinking about what you said: the APM programme opens in January.");
    expect(draftIn(followup)).toContain("Thank you for suggesting I talk to Omar Reyes");

    await reply(followup, "sent", { now: FOLLOWUP_AT + HOUR });
    await cron(CHECK_IN_AT);
    const checkIn = await last("keep_in_touch");
    await expect(shown(checkIn)).toMatchFileSnapshot("../golden/journey/keep-in-touch-with-lead.txt");
    expect(checkIn.TextBody).toContain("Omar Reyes");
  });

  it("a lead is listed in the digest with a draft asking for the introduction, and an invite with that person closes it", async () => {
    await cron(THANKS_AT);
    await reply(await last("thanks"), DEBRIEF, { now: THANKS_AT + HOUR });
    await cron(CHECK_IN_AT);

    await cron(Date.parse("2027-01-01T17:00:00Z"));
    const digest = await last("digest");
    await expect(shown(digest)).toMatchFileSnapshot("../golden/journey/digest-with-lead.txt");
    expect(digest.TextBody).toContain("Omar Reyes (Acme Robotics, data team), suggested by Sam Lee. Ask Sam for the introduction:");

    await forwardAt(inviteWith("ORGANIZER;CN=Omar Reyes:mailto:omar.reyes@acme-robotics.com", "omar-1@acme-robotics.com", "20270112T200000Z"), {
      now: Date.parse("2027-01-05T18:00:00Z"),
    });
    expect(await rows("SELECT l.status, m.summary FROM leads l JOIN meetings m ON m.id = l.meeting_id")).toEqual([{ status: "met", summary: "Coffee chat" }]);
  });

  it("a check-in snoozed to the 1st goes out with the digest, and the digest lists it as due today", async () => {
    await cron(THANKS_AT);
    await reply(await last("thanks"), "sent", { now: THANKS_AT + HOUR });
    await cron(CHECK_IN_AT);
    await reply(await last("keep_in_touch"), "snooze until January 1", { now: CHECK_IN_AT + HOUR });
    // 1 January, 09:00 in Los Angeles: the digest's moment too.
    const newYear = Date.parse("2027-01-01T17:00:00Z");
    expect(await rows("SELECT due_at FROM nudges WHERE kind = 'keep_in_touch' AND status = 'pending'")).toEqual([{ due_at: newYear }]);
    // The prompt put off waits for no answer any more: the snoozed one stands for it.
    expect(await rows("SELECT status FROM nudges WHERE kind = 'keep_in_touch' AND sent_at = ?", CHECK_IN_AT)).toEqual([{ status: "skipped" }]);

    await cron(newYear);
    const sentThen = (await outbox()).filter((m) => m.Tag === "keep_in_touch" || m.Tag === "digest").map((m) => m.Tag);
    expect(sentThen.slice(-2).sort()).toEqual(["digest", "keep_in_touch"]);
    const digest = await last("digest");
    expect(digest.TextBody).toContain("Due for a check-in:\n  1. Sam Lee (Acme Robotics): due today");
    expect(digest.TextBody).not.toContain("Nobody is due");
  });

  it("a digest's numbered lines act by reply: '3 done' on a lead, '2 sent' on an open thank-you, '1 snooze' on a check-in", async () => {
    await cron(THANKS_AT);
    await reply(await last("thanks"), DEBRIEF, { now: THANKS_AT + HOUR });
    // Sam's check-in goes out on its day and stays unanswered: it is overdue in January.
    await cron(CHECK_IN_AT);
    // A second meeting, with Priya, whose thank-you stays open into the new month.
    await forwardAt(inviteWith("ORGANIZER;CN=Priya Natarajan:mailto:priya@globex.example", "priya-1@globex.example", "20261228T200000Z"), {
      now: Date.parse("2026-12-10T18:00:00Z"),
    });
    await cron(Date.parse("2026-12-28T21:30:00Z"));
    await cron(Date.parse("2027-01-01T17:00:00Z"));
    const digest = await last("digest");
    expect(digest.TextBody).toMatch(/Due for a check-in:\n {2}1\. Sam Lee/);
    // Priya's thank-you, four days old, was never marked sent: it is listed, and her first
    // check-in (due 11 January) not yet. Sam's thank-you is weeks old: his check-in is what is open.
    expect(digest.TextBody).toMatch(/Thank-you notes still open:\n {2}2\. Priya Natarajan \(Globex\): you met on Monday 28 December 2026/);
    expect(digest.TextBody.match(/Sam Lee \(Acme Robotics\):/g)).toHaveLength(1);
    expect(digest.TextBody).toMatch(/People to meet next:\n {2}3\. Omar Reyes/);

    await reply(digest, "3 done\n2 sent\n1 snooze 2 weeks", { now: Date.parse("2027-01-01T18:00:00Z") });
    expect(await rows("SELECT status FROM leads")).toEqual([{ status: "contacted" }]);
    expect(await rows("SELECT c.name, n.status FROM nudges n JOIN contacts c ON c.id = n.contact_id WHERE n.kind = 'thanks' ORDER BY c.name")).toEqual([
      { name: "Priya Natarajan", status: "done" },
      { name: "Sam Lee", status: "sent" },
    ]);
    const answer = (await last("reply_ack")).TextBody;
    expect(answer).toContain("3: Noted that you asked for an introduction to Omar Reyes.");
    expect(answer).toContain("2: Marked your thank-you to Priya Natarajan as sent");
    expect(answer).toContain("1: Snoozed: I will remind you about Sam Lee again on");
  });

  it("six replies within an hour: all six are acted on, five answered at once and the sixth in a summary at the top of the hour", async () => {
    await cron(CHECK_IN_AT);
    const checkIn = await last("keep_in_touch");
    const replies = [
      "linkedin https://www.linkedin.com/in/sam-lee",
      "every 2 months",
      "note: she is moving to the Berlin office in March",
      "snooze 2 weeks",
      "time zone Berlin",
      "note: sent her the article about warehouse robots",
    ];
    for (const [index, text] of replies.entries()) await reply(checkIn, text, { now: CHECK_IN_AT + HOUR + index * 5 * 60_000 });

    expect(await rows("SELECT linkedin_url, cadence_days FROM contacts")).toEqual([{ linkedin_url: "https://www.linkedin.com/in/sam-lee", cadence_days: 60 }]);
    expect(await rows("SELECT body FROM notes ORDER BY id")).toEqual([
      { body: "she is moving to the Berlin office in March" },
      { body: "sent her the article about warehouse robots" },
    ]);
    expect(await rows("SELECT time_zone FROM users")).toEqual([{ time_zone: "Europe/Berlin" }]);
    expect((await outbox()).filter((m) => m.Tag === "reply_ack")).toHaveLength(5);

    await cron(CHECK_IN_AT + 2 * HOUR);
    const summary = await last("ack_summary");
    expect(summary.To).toBe("jane@example.com");
    await expect(shown(summary)).toMatchFileSnapshot("../golden/journey/ack-summary.txt");
    expect(summary.TextBody).toContain("Saved your note about Sam Lee: \u201csent her the article about warehouse robots\u201d.");
    // Sent once: the next tick finds nothing more to say.
    await cron(CHECK_IN_AT + 3 * HOUR);
    expect((await outbox()).filter((m) => m.Tag === "ack_summary")).toHaveLength(1);
  });
});
