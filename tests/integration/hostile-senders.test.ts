// Issue #11, findings 3, 4, 6, 7, 8 and the size check of 10: nothing a sender writes makes
// Rapport act for another user. Forged replies and invites through Postmark's inbound webhook
// and through email(), two senders with one Message-ID, robots, a comma in the envelope
// sender, and a message over MAX_RAW_BYTES (refused before anything is archived).
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../../src/env";
import worker from "../../src/index";
import type { OutboundEmail } from "../../src/mail/mailer";
import { cron } from "../support/cron";
import { count, outbox, rawObjectCount, resetStorage, rows } from "../support/db";
import { fakeEmailMessage } from "../support/email-message";
import { postmarkScope } from "../support/postmark-scope";
import { fixture, fixtureText } from "../support/fixtures";
import { forwardAt } from "../support/inbound";
import { replyBytes } from "../support/reply";

const FORWARDED = Date.parse("2026-11-26T03:00:00Z");
const THANKS_AT = Date.parse("2026-12-08T21:30:00Z");
const LATER = THANKS_AT + 3_600_000;
const INVITE = "synthetic/apple-icloud-invite.eml";
const PASS = "Authentication-Results: mx.cloudflare.net; dkim=pass header.d=example.com; spf=pass smtp.mailfrom=jane@example.com";

const hooked: Env = { ...env, POSTMARK_WEBHOOK_USER: "postmark", POSTMARK_WEBHOOK_PASSWORD: "a-long-test-password" };

async function deliver(raw: Uint8Array, envelope: { from: string; to: string }, bindings: Env = env) {
  const message = fakeEmailMessage(raw, envelope);
  const ctx = createExecutionContext();
  await worker.email(message, bindings, ctx);
  await waitOnExecutionContext(ctx);
  return message;
}

async function postmark(rawEmail: string, fields: Record<string, unknown>, bindings: Env): Promise<Response> {
  const payload = {
    MessageStream: "inbound",
    From: "jane@example.com",
    FromFull: { Email: "jane@example.com", Name: "Jane Doe", MailboxHash: "" },
    To: "meet@rapport.test",
    OriginalRecipient: "meet@rapport.test",
    MessageID: `pm-${Math.random().toString(36).slice(2)}`,
    Headers: [],
    RawEmail: rawEmail,
    ...fields,
  };
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request("https://rapport.test/webhooks/postmark", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Basic ${btoa("postmark:a-long-test-password")}` },
      body: JSON.stringify(payload),
    }),
    bindings,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

const withHeaders = (raw: Uint8Array, ...headers: string[]) => new TextEncoder().encode(`${headers.map((h) => `${h}\r\n`).join("")}${new TextDecoder().decode(raw)}`);
const withMessageId = (raw: Uint8Array, id: string) => new TextEncoder().encode(new TextDecoder().decode(raw).replace(/^Message-ID: .*$/im, `Message-ID: ${id}`));

async function thanksEmail(): Promise<OutboundEmail> {
  return (await outbox()).filter((m) => m.Tag === "thanks").at(-1)!;
}

async function replyState() {
  return { emails: (await outbox()).length, notes: await count("notes"), nudges: await rows("SELECT id, status, due_at FROM nudges ORDER BY id") };
}

describe("replies through Postmark's inbound webhook (finding 3)", () => {
  beforeEach(async () => {
    await resetStorage();
    await forwardAt(fixture(INVITE), { now: FORWARDED });
    await cron(THANKS_AT);
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(LATER);
  });
  afterEach(() => vi.useRealTimers());

  it.each([
    ["REQUIRE_SENDER_AUTH=true and a forged passing Authentication-Results", { ...hooked, REQUIRE_SENDER_AUTH: "true" }],
    ["REQUIRE_SENDER_AUTH=false", hooked],
  ])("are never acted on without POSTMARK_INBOUND_TRUSTED=true: %s", async (_name, bindings) => {
    const email = await thanksEmail();
    const before = await replyState();
    const forged = new TextDecoder().decode(replyBytes(email, "note: she prefers tea", "jane@example.com", [PASS]));
    const response = await postmark(forged, { To: email.ReplyTo, OriginalRecipient: email.ReplyTo }, bindings);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ outcome: "ignored" });
    expect(await replyState()).toEqual(before);
  });

  it("are acted on when the operator trusts the path (POSTMARK_INBOUND_TRUSTED=true)", async () => {
    const email = await thanksEmail();
    const raw = new TextDecoder().decode(replyBytes(email, "note: she prefers tea"));
    const response = await postmark(raw, { To: email.ReplyTo, OriginalRecipient: email.ReplyTo }, { ...hooked, POSTMARK_INBOUND_TRUSTED: "true", REQUIRE_SENDER_AUTH: "true" });
    expect(await response.json()).toMatchObject({ outcome: "processed" });
    expect(await rows("SELECT body FROM notes")).toEqual([{ body: "she prefers tea" }]);
  });
});

describe("invites from a sender that is not shown genuine (finding 4, REQUIRE_SENDER_AUTH=true)", () => {
  const strict: Env = { ...env, REQUIRE_SENDER_AUTH: "true" };
  beforeEach(resetStorage);

  it("are refused at SMTP time on email(), logged, and never answered", async () => {
    const message = await deliver(withHeaders(fixture(INVITE), "Authentication-Results: mx.cloudflare.net; spf=fail smtp.mailfrom=jane@example.com"), { from: "jane@example.com", to: "meet@rapport.test" }, strict);
    expect(message.rejected).toMatch(/could not confirm that this message is from jane@example.com/);
    expect(await count("inbound_messages")).toBe(0);
    expect(await count("meetings")).toBe(0);
    expect(await outbox()).toEqual([]);
    expect(await rawObjectCount()).toBe(0);
  });

  it("are taken when Cloudflare's verdict passes for the sender's domain", async () => {
    const message = await deliver(withHeaders(fixture(INVITE), PASS), { from: "jane@example.com", to: "meet@rapport.test" }, strict);
    expect(message.rejected).toBeNull();
    expect(await count("meetings")).toBe(1);
  });

  it("are refused (403) through Postmark unless that path is trusted", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(FORWARDED);
    try {
      const raw = new TextDecoder().decode(withHeaders(fixture(INVITE), PASS));
      const refused = await postmark(raw, {}, { ...hooked, REQUIRE_SENDER_AUTH: "true" });
      expect(refused.status).toBe(403);
      expect(await count("inbound_messages")).toBe(0);
      expect(await outbox()).toEqual([]);
      const trusted = await postmark(raw, {}, { ...hooked, REQUIRE_SENDER_AUTH: "true", POSTMARK_INBOUND_TRUSTED: "true" });
      expect(trusted.status).toBe(200);
      expect(await count("meetings")).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("one Message-ID from two senders (finding 6)", () => {
  beforeEach(resetStorage);

  it("does not drop a user's invite because someone else sent that Message-ID first", async () => {
    const id = "<shared-id@example.com>";
    await forwardAt(withMessageId(fixture(INVITE), id), { now: FORWARDED, from: "mallory@college.test" });
    const outcome = await forwardAt(withMessageId(fixture(INVITE), id), { now: FORWARDED + 1000, from: "jane@example.com" });
    expect(outcome).toMatchObject({ kind: "handled", status: "processed" });
    expect(await rows("SELECT u.email FROM meetings m JOIN users u ON u.id = m.user_id ORDER BY m.id")).toEqual([{ email: "mallory@college.test" }, { email: "jane@example.com" }]);
  });

  it("never resumes another sender's unfinished row nor overwrites its archived bytes", async () => {
    const id = "<unfinished@example.com>";
    // Postmark failing leaves Jane's row unfinished (`failed`), waiting for her server's retry.
    const postmarkDown = postmarkScope(env.POSTMARK_API_URL!, "hostile-senders");
    await postmarkDown.reset();
    await postmarkDown.fault({ status: 500, times: 3 });
    const failingMail: Env = { ...env, DEV_OUTBOX: "false", POSTMARK_SERVER_TOKEN: "x", POSTMARK_API_URL: postmarkDown.url };
    await expect(forwardAt(withMessageId(fixture(INVITE), id), { now: FORWARDED, bindings: failingMail })).rejects.toThrow();
    const [janes] = await rows<{ id: number; raw_key: string; status: string }>("SELECT id, raw_key, status FROM inbound_messages");
    expect(janes!.status).toBe("failed");
    const janesBytes = new Uint8Array(await (await env.RAW_MAIL.get(janes!.raw_key))!.arrayBuffer());

    const planted = new TextEncoder().encode(fixtureText(INVITE).replace("Coffee with Sam Lee", "Call the number in this invite"));
    const outcome = await forwardAt(withMessageId(planted, id), { now: FORWARDED + 1000, from: "mallory@college.test" });
    expect(outcome).toMatchObject({ kind: "handled" });
    expect(outcome).not.toMatchObject({ inboundId: janes!.id });
    expect(await rows("SELECT status, attempts FROM inbound_messages WHERE id = ?", janes!.id)).toEqual([{ status: "failed", attempts: 1 }]);
    expect(new Uint8Array(await (await env.RAW_MAIL.get(janes!.raw_key))!.arrayBuffer())).toEqual(janesBytes);
    expect(await rows("SELECT m.summary FROM meetings m JOIN users u ON u.id = m.user_id WHERE u.email = 'jane@example.com'")).toEqual([{ summary: "Coffee with Sam Lee" }]);
  });
});

describe("robots (finding 7)", () => {
  beforeEach(async () => {
    await resetStorage();
    await forwardAt(fixture(INVITE), { now: FORWARDED });
    await cron(THANKS_AT);
  });

  it.each([
    ["a bounce report (multipart/report)", ["Content-Type: multipart/report; report-type=delivery-status; boundary=x"]],
    ["a delivery status (message/delivery-status)", ["Content-Type: message/delivery-status"]],
    ["an Exchange out-of-office", ["X-Auto-Response-Suppress: All", "Thread-Topic: Automatic reply: Prep"]],
    ["mail from a list", ["List-Id: <jobs.lists.example.com>"]],
  ])("sets aside %s sent to a reply address: no note, no answer", async (_name, headers) => {
    const email = await thanksEmail();
    const before = await replyState();
    let raw = new TextDecoder().decode(replyBytes(email, "Your message could not be delivered.", "jane@example.com", headers));
    // The out-of-office's subject is what marks it, as Exchange writes it.
    if (headers.some((h) => h.startsWith("X-Auto-Response-Suppress"))) raw = raw.replace(/^Subject: .*$/m, "Subject: Automatic reply: Prep");
    // A real report's Content-Type replaces the reply's own.
    raw = raw.replace(/^Content-Type: text\/plain; charset=utf-8\r\n/m, headers.some((h) => h.startsWith("Content-Type")) ? "" : "Content-Type: text/plain; charset=utf-8\r\n");
    const outcome = await forwardAt(new TextEncoder().encode(raw), { now: LATER, to: email.ReplyTo });
    expect(outcome).toMatchObject({ kind: "handled", status: "ignored" });
    expect(await replyState()).toEqual(before);
  });

  it.each(["rapport@rapport.test", "meet@rapport.test"])("sets aside Rapport's own mail coming back (From: %s)", async (own) => {
    const before = (await outbox()).length;
    const raw = new TextEncoder().encode(fixtureText(INVITE).replace(/^From: .*$/m, `From: Rapport <${own}>`).replace(/^Message-ID: .*$/im, `Message-ID: <own-${own}@example.com>`));
    const outcome = await forwardAt(raw, { now: FORWARDED + 5000 });
    expect(outcome).toMatchObject({ kind: "handled", status: "ignored" });
    expect((await outbox()).length).toBe(before);
  });
});

describe("the envelope sender (finding 8)", () => {
  beforeEach(resetStorage);

  it.each(["victim@gmail.com,x@college.test", "Victim <victim@gmail.com>, x@college.test", "x@college.test (admin)", "", "x@[127.0.0.1]"])(
    "refuses %j at SMTP time and sends nothing",
    async (from) => {
      const message = await deliver(fixture(INVITE), { from, to: "meet@rapport.test" });
      expect(message.rejected).toBe("The sender address is not one valid email address.");
      expect(await count("inbound_messages")).toBe(0);
      expect(await outbox()).toEqual([]);
    },
  );
});

describe("the raw size check (finding 10)", () => {
  beforeEach(resetStorage);

  it("refuses a message over MAX_RAW_BYTES at SMTP time, before anything is archived", async () => {
    const big = withHeaders(fixture(INVITE), `X-Padding: ${"a".repeat(70_000)}`);
    const message = await deliver(big, { from: "jane@example.com", to: "meet@rapport.test" }, { ...env, MAX_RAW_BYTES: "65536" });
    expect(message.rejected).toMatch(/^Your message is \d+ KB; Rapport reads messages up to 64 KB/);
    expect(await rawObjectCount()).toBe(0);
    expect(await count("inbound_messages")).toBe(0);
    expect(await outbox()).toEqual([]);
  });
});
