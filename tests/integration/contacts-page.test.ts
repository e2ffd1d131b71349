// The contacts page behind the digest's link: what a person would check (names, dates, a
// note, what comes next), and that nothing shows without a valid, unexpired, untampered link.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { buildDeps } from "../../src/deps";
import { createApp } from "../../src/http/app";
import { receiveInbound } from "../../src/router/receive";
import { fromBase32, toBase32 } from "../../src/links/token";
import { outbox, resetStorage } from "../support/db";
import { cron } from "../support/cron";
import { fixture } from "../support/fixtures";
import { forwardAt } from "../support/inbound";
import { reply } from "../support/reply";

const FORWARDED = Date.parse("2026-11-26T03:00:00Z");
const DIGEST_AT = Date.parse("2026-12-01T17:00:00Z");
const DAY = 86_400_000;


async function get(path: string, now: number): Promise<Response> {
  return createApp().fetch(new Request(`https://rapport.test${path}`), { deps: { ...buildDeps(env), clock: () => now }, receiveMail: receiveInbound });
}

async function pagePath(): Promise<string> {
  const digest = (await outbox()).filter((m) => m.Tag === "digest").at(-1)!;
  return new URL(/https:\/\/rapport\.test\/me\/[a-z2-7]+/.exec(digest.TextBody)![0]).pathname;
}

describe("the contacts page", () => {
  beforeEach(async () => {
    await resetStorage();
    await forwardAt(fixture("synthetic/apple-icloud-invite.eml"), { now: FORWARDED });
    await reply((await outbox())[0]!, "note: ask about the robotics PM opening", { now: FORWARDED + DAY });
    await reply((await outbox())[0]!, "note: she said to talk to Omar Reyes in their data team", { now: FORWARDED + DAY + 60_000 });
    await cron(DIGEST_AT);
  });

  it("shows the contacts, their meeting, the note and what comes next, privately", async () => {
    const response = await get(await pagePath(), DIGEST_AT + DAY);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const html = await response.text();
    expect(html).toContain("<h1>Jane&#39;s contacts</h1>");
    expect(html).toContain("Sam Lee");
    expect(html).toContain("Acme Robotics");
    expect(html).toContain("Tuesday 8 December, 12:00: Coffee with Sam Lee");
    expect(html).toContain("ask about the robotics PM opening");
    // The person she suggested, with what came of it.
    expect(html).toContain("People they suggested</p><ul><li>Omar Reyes (Acme Robotics, data team): not contacted yet</li>");
    expect(html).toContain("<strong>Monday 7 December, 18:00</strong>: Prep sheet: Coffee with Sam Lee");
  });

  it("refuses an expired link", async () => {
    expect((await get(await pagePath(), DIGEST_AT + 8 * DAY)).status).toBe(404);
  });

  it("refuses a tampered link, one naming another user, and a token made for something else", async () => {
    const path = await pagePath();
    const token = path.slice("/me/".length);
    const bytes = fromBase32(token)!;
    const otherUser = bytes.slice();
    otherUser[10] = otherUser[10]! ^ 1; // the user id's last byte
    const unsubscribe = (await outbox())[0]!.Headers.find((h) => h.Name === "List-Unsubscribe")!.Value;
    const flipped = `/me/${token.slice(0, -1)}${token.endsWith("a") ? "b" : "a"}`;
    for (const bad of [flipped, `/me/${toBase32(otherUser)}`, `/me/${new URL(unsubscribe.slice(1, -1)).pathname.slice(3)}`, "/me/x"]) {
      const response = await get(bad, DIGEST_AT + DAY);
      expect(response.status, bad).toBe(404);
      expect(await response.text()).not.toContain("Sam Lee");
    }
  });
});
