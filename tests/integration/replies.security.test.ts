// Attacks on the reply path and the unsubscribe link: none may change data or send mail to
// anyone but the user. Forged, truncated, expired and foreign tokens; the wrong sender; a
// replay; spoofed authentication results; hostile bodies; an auto-reply storm.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../../src/index";
import type { OutboundEmail } from "../../src/mail/mailer";
import { signToken } from "../../src/links/token";
import { count, outbox, resetStorage, rows } from "../support/db";
import { cron } from "../support/cron";
import { fixture } from "../support/fixtures";
import { forwardAt } from "../support/inbound";
import { reply, replyBytes } from "../support/reply";

const FORWARDED = Date.parse("2026-11-26T03:00:00Z");
const THANKS_AT = Date.parse("2026-12-08T21:30:00Z");
const LATER = THANKS_AT + 3_600_000;
const DEV_KEY = { id: 1, secret: "rapport-development-secret-not-for-production" };


async function thanksEmail(to = "jane@example.com"): Promise<OutboundEmail> {
  return (await outbox()).filter((m) => m.Tag === "thanks" && m.To === to).at(-1)!;
}

/** Everything a successful reply would change: if none of it moved, the reply did nothing. */
async function state() {
  return {
    emails: (await outbox()).length,
    inbound: await count("inbound_messages"),
    notes: await count("notes"),
    nudges: await rows("SELECT id, status, due_at FROM nudges ORDER BY id"),
  };
}

async function tokenFor(claims: { nudgeId: number; userId: number; expiresAt: number }, key = DEV_KEY) {
  return `reply+${await signToken(key, { purpose: "reply", ...claims })}@rapport.test`;
}

describe("reply tokens", () => {
  beforeEach(async () => {
    await resetStorage();
    await forwardAt(fixture("synthetic/apple-icloud-invite.eml"), { now: FORWARDED });
    await forwardAt(fixture("synthetic/apple-icloud-invite.eml"), { now: FORWARDED, from: "bob@college.test", messageId: "<bob-fwd@example.com>" });
    await cron(THANKS_AT);
  });

  it.each([
    ["a made-up token", async () => `reply+${"a".repeat(37)}@rapport.test`],
    ["a truncated token", async (email: OutboundEmail) => email.ReplyTo.replace(/[a-z2-7]{3}@/, "@")],
    ["an expired token", async () => tokenFor({ nudgeId: 1, userId: 1, expiresAt: THANKS_AT - 86_400_000 })],
    ["a token signed with another key", async () => tokenFor({ nudgeId: 1, userId: 1, expiresAt: LATER + 86_400_000 }, { id: 1, secret: "x".repeat(40) })],
    ["a token with an unknown key id", async () => tokenFor({ nudgeId: 1, userId: 1, expiresAt: LATER + 86_400_000 }, { id: 9, secret: DEV_KEY.secret })],
  ])("drops a reply to %s, silently", async (_name, address) => {
    const email = await thanksEmail();
    const before = await state();
    const outcome = await reply(email, "sent", { now: LATER, to: await address(email) });
    expect(outcome.kind).toBe("ignored");
    expect(await state()).toEqual(before);
  });

  it("drops a valid token sent by someone else, including another user of this Rapport", async () => {
    const before = await state();
    expect((await reply(await thanksEmail(), "sent", { now: LATER, from: "mallory@evil.test" })).kind).toBe("ignored");
    // Bob is a real user, but this is Jane's nudge.
    expect((await reply(await thanksEmail(), "sent", { now: LATER, from: "bob@college.test" })).kind).toBe("ignored");
    expect(await state()).toEqual(before);
  });

  it("drops a correctly signed token that pairs Jane with Bob's nudge", async () => {
    const [bobs] = await rows<{ id: number }>("SELECT nudges.id FROM nudges JOIN users ON users.id = nudges.user_id WHERE users.email = 'bob@college.test' AND kind = 'thanks'");
    const [jane] = await rows<{ id: number }>("SELECT id FROM users WHERE email = 'jane@example.com'");
    const before = await state();
    const to = await tokenFor({ nudgeId: bobs!.id, userId: jane!.id, expiresAt: LATER + 86_400_000 });
    expect((await reply(await thanksEmail(), "sent", { now: LATER, to })).kind).toBe("handled");
    const after = await state();
    // Recorded as received and ignored: no nudge changed, nothing sent.
    expect(after.nudges).toEqual(before.nudges);
    expect(after.emails).toBe(before.emails);
    expect(await rows("SELECT status, error_code FROM inbound_messages ORDER BY id DESC LIMIT 1")).toEqual([{ status: "ignored", error_code: "unknown_nudge" }]);
  });

  it("acts once on a replayed reply (same message delivered again)", async () => {
    const email = await thanksEmail();
    const raw = replyBytes(email, "snooze 3 days");
    const deliver = () => forwardAt(raw, { now: LATER, to: email.ReplyTo });
    expect((await deliver()).kind).toBe("handled");
    const after = await state();
    expect((await deliver()).kind).toBe("duplicate");
    expect(await state()).toEqual(after);
  });
});

describe("sender authentication (REQUIRE_SENDER_AUTH=true)", () => {
  const strict = { ...env, REQUIRE_SENDER_AUTH: "true" };
  beforeEach(async () => {
    await resetStorage();
    await forwardAt(fixture("synthetic/apple-icloud-invite.eml"), { now: FORWARDED });
    await cron(THANKS_AT);
  });

  it.each([
    ["no Authentication-Results at all", []],
    ["a failing verdict from Cloudflare", ["Authentication-Results: mx.cloudflare.net; spf=fail smtp.mailfrom=jane@example.com; dkim=none"]],
    [
      "a forged passing verdict below Cloudflare's failing one",
      ["Authentication-Results: mx.cloudflare.net; spf=softfail smtp.mailfrom=jane@example.com", "Authentication-Results: mx.cloudflare.net; spf=pass smtp.mailfrom=jane@example.com"],
    ],
    ["a passing verdict from some other server", ["Authentication-Results: mail.evil.test; spf=pass smtp.mailfrom=jane@example.com"]],
    ["a DKIM pass for an unrelated domain", ["Authentication-Results: mx.cloudflare.net; dkim=pass header.d=evil.test; spf=fail"]],
    // Issue #11, finding 10: what stands inside a comment is not a result.
    ["an SPF pass for another domain with the sender's domain in a comment", ["Authentication-Results: mx.cloudflare.net; spf=pass (smtp.mailfrom=jane@example.com ) smtp.mailfrom=evil.test"]],
    ["a DKIM pass whose domain is only in a comment", ["Authentication-Results: mx.cloudflare.net; dkim=pass (header.d=example.com ); spf=fail smtp.mailfrom=jane@example.com"]],
  ])("drops a reply with %s", async (_name, headers) => {
    const before = await state();
    expect((await reply(await thanksEmail(), "sent", { now: LATER, headers, bindings: strict })).kind).toBe("ignored");
    expect(await state()).toEqual(before);
  });

  it("acts on a reply whose DKIM passes for the sender's domain", async () => {
    const headers = ["Authentication-Results: mx.cloudflare.net; dkim=pass header.d=example.com header.s=s1; spf=none"];
    expect((await reply(await thanksEmail(), "sent", { now: LATER, headers, bindings: strict })).kind).toBe("handled");
    expect(await rows("SELECT status FROM nudges WHERE kind = 'thanks'")).toEqual([{ status: "done" }]);
  });
});

describe("hostile replies", () => {
  beforeEach(async () => {
    await resetStorage();
    await forwardAt(fixture("synthetic/apple-icloud-invite.eml"), { now: FORWARDED });
    await cron(THANKS_AT);
  });

  it("stores a huge reply as a bounded note and still answers", async () => {
    const body = `${"blah ".repeat(200_000)}\n${"> ".repeat(100_000)}`;
    expect((await reply(await thanksEmail(), body, { now: LATER })).kind).toBe("handled");
    const [note] = await rows<{ length: number }>("SELECT length(body) AS length FROM notes");
    expect(note!.length).toBeLessThanOrEqual(4000);
    expect((await outbox()).at(-1)!.Tag).toBe("reply_ack");
  });

  it("escapes a note's markup when the digest shows it, and keeps CR/LF out of the acknowledgement's subject", async () => {
    const email = await thanksEmail();
    await reply(email, "note: <img src=x onerror=alert(1)> call her", { now: LATER });
    await cron(Date.parse("2027-01-01T17:00:00Z"));
    const digest = (await outbox()).filter((m) => m.Tag === "digest").at(-1)!;
    expect(digest.HtmlBody).toContain("&lt;img src=x onerror=alert(1)&gt; call her");
    expect(digest.HtmlBody).not.toContain("<img");

    const injected = new TextDecoder().decode(replyBytes(email, "help")).replace(/^Subject: .*$/m, `Subject: =?UTF-8?B?${btoa("hi\r\nBcc: victim@evil.test")}?=`);
    await forwardAt(new TextEncoder().encode(injected), { now: LATER, to: email.ReplyTo });
    const ack = (await outbox()).at(-1)!;
    expect(ack.Subject).toBe("Re: hi Bcc: victim@evil.test");
    expect(ack.To).toBe("jane@example.com");
  });

  it("never answers an auto-reply storm, and caps acknowledgements to a few an hour", async () => {
    const email = await thanksEmail();
    const acksBefore = (await outbox()).length;
    for (let i = 0; i < 20; i += 1) {
      await reply(email, "I am out of the office until Monday.", { now: LATER + i * 1000, headers: ["Auto-Submitted: auto-replied"] });
    }
    expect((await outbox()).length).toBe(acksBefore);
    expect(await count("notes")).toBe(0);

    for (let i = 0; i < 20; i += 1) await reply(email, "help", { now: LATER + 60_000 + i * 1000 });
    expect((await outbox()).filter((m) => m.Tag === "reply_ack")).toHaveLength(5);
  });
});

describe("one-click unsubscribe", () => {
  beforeEach(async () => {
    await resetStorage();
    await forwardAt(fixture("synthetic/apple-icloud-invite.eml"), { now: FORWARDED });
  });

  async function fetchPath(path: string, init?: RequestInit) {
    const ctx = createExecutionContext();
    const request = new Request(`https://rapport.test${path}`, init) as Parameters<typeof worker.fetch>[0];
    const response = await worker.fetch(request, env, ctx);
    await waitOnExecutionContext(ctx);
    return response;
  }

  const unsubscribePath = async () => {
    const header = (await outbox())[0]!.Headers.find((h) => h.Name === "List-Unsubscribe")!.Value;
    return new URL(header.slice(1, -1)).pathname;
  };

  it("GET only shows the button; the RFC 8058 POST unsubscribes without a redirect; undo restores", async () => {
    const path = await unsubscribePath();
    const page = await fetchPath(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Stop all email from Rapport?");
    expect(await rows("SELECT status FROM users")).toEqual([{ status: "active" }]);

    const post = await fetchPath(path, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });
    expect(post.status).toBe(200);
    expect(post.headers.get("Location")).toBeNull();
    expect(await rows("SELECT status FROM users")).toEqual([{ status: "unsubscribed" }]);

    await cron(Date.parse("2026-12-08T02:00:00Z"));
    expect((await outbox()).map((m) => m.Tag)).toEqual(["confirm"]);

    await fetchPath(`${path}/undo`, { method: "POST" });
    expect(await rows("SELECT status FROM users")).toEqual([{ status: "active" }]);
  });

  it("refuses a tampered or reply-purpose token, changing nothing", async () => {
    const path = await unsubscribePath();
    // One character of the signature changed, in the middle: the MAC no longer matches (a change to
    // the last character could be a spelling of the same bits; the token parser refuses those too).
    const at = Math.floor(path.length * 0.75);
    const tampered = path.slice(0, at) + (path[at] === "a" ? "b" : "a") + path.slice(at + 1);
    expect((await fetchPath(tampered, { method: "POST" })).status).toBe(404);
    const replyToken = (await outbox())[0]!.ReplyTo.slice("reply+".length).split("@")[0];
    expect((await fetchPath(`/u/${replyToken}`, { method: "POST" })).status).toBe(404);
    expect(await rows("SELECT status FROM users")).toEqual([{ status: "active" }]);
  });
});
