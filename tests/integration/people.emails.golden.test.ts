// Every email of a journey, on the invites of the people issue where the right words are hardest
// (issue #15): a lunch an assistant booked for her boss, a name Outlook stores as "Last, First",
// a coffee booked for less than an hour, a phone call, and a meeting the user organised. Each
// invite is forwarded, then the cron runs at each reminder's moment until the first check-in;
// the golden file holds every email the user would read, in order. Read them line by line before
// accepting a change: the right person, their given name, the meal's word, a wrap-up time inside
// the slot, the user's name in the signature, no placeholder for a fact Rapport knows.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { cron } from "../support/cron";
import { outbox, resetStorage } from "../support/db";
import { fixture } from "../support/fixtures";
import { forwardAt } from "../support/inbound";

const FORWARDED = Date.parse("2026-11-20T12:00:00Z");
// The digest too: each runs on its own 1st of the month, as the cron every five minutes would.
const JOURNEY_KINDS = "'prep', 'thanks', 'thanks_followup', 'keep_in_touch', 'digest'";

const journeys: [string, string][] = [
  ["ea-lunch-initech", "aisha.bello@outlook.com"],
  ["outlook-last-first", "m.okafor@proton.me"],
  ["ea-google-coffee", "jordan.blake@gmail.com"],
  ["phone-call-title", "tom.wu@gmail.com"],
  ["user-organizer-room", "alex.kim@brightline.io"],
];

/** Runs the cron at each pending reminder's moment, in order, until the first check-in is sent. */
async function playJourney(): Promise<void> {
  let after = FORWARDED;
  for (let step = 0; step < 12; step += 1) {
    const next = await env.DB.prepare(`SELECT min(due_at) AS at FROM nudges WHERE status = 'pending' AND kind IN (${JOURNEY_KINDS}) AND due_at > ?`)
      .bind(after)
      .first<{ at: number | null }>();
    if (next?.at == null) return;
    await cron(next.at);
    after = next.at;
    const checkIn = await env.DB.prepare("SELECT count(*) AS n FROM nudges WHERE kind = 'keep_in_touch' AND status = 'sent'").first<{ n: number }>();
    if ((checkIn?.n ?? 0) > 0) return;
  }
}

describe("every email of a journey, on the hardest invites of the people issue", () => {
  beforeEach(resetStorage);

  it.each(journeys)("%s", async (name, user) => {
    // These users are not on the test allow-list: let anyone in, as a development setup may.
    await forwardAt(fixture(`people/${name}.eml`), { now: FORWARDED, from: user, bindings: { ...env, ALLOWED_SENDERS: "*" } });
    await playJourney();
    const emails = await outbox();
    // The monthly digests that fell due on the way go out too, in their place.
    expect(emails.map((email) => email.Tag).filter((tag) => tag !== "digest")).toEqual(["confirm", "prep", "thanks", "thanks_followup", "keep_in_touch"]);
    const text = emails
      .map((email) => `==== ${email.Tag}\nSubject: ${email.Subject}\n\n${email.TextBody}`)
      .join("\n")
      .replace(/https?:\/\/rapport\.test\/(u|feed|me)\/[A-Za-z0-9._~-]+/g, "<$1 link>");
    await expect(text).toMatchFileSnapshot(`../golden/people/${name}.txt`);
    // No square-bracket placeholder for a fact Rapport knows: the user's name is in their From header.
    expect(text).not.toContain("[your name]");
  });
});
