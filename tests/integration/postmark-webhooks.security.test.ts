// The webhook's guards: basic auth (constant-time, exact), the endpoint missing when no
// credentials are configured, a body cap, JSON only; and hostile inbound content that cannot
// inject headers through Postmark's JSON fields. A rejected request changes nothing.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import type { Env } from "../../src/env";
import { webhookBodyLimit } from "../../src/http/postmark-webhooks";
import worker from "../../src/index";
import { count, resetStorage, rows } from "../support/db";
import { fixture } from "../support/fixtures";
import { forwardAt } from "../support/inbound";

const hooked: Env = { ...env, POSTMARK_WEBHOOK_USER: "postmark", POSTMARK_WEBHOOK_PASSWORD: "a-long-test-password" };
const basic = (user: string, password: string) => `Basic ${btoa(`${user}:${password}`)}`;
const RIGHT = basic("postmark", "a-long-test-password");
const NOW = Date.parse("2026-11-26T12:00:00Z");

const hardBounce = JSON.stringify({
  RecordType: "Bounce",
  MessageStream: "outbound",
  ID: 42,
  Type: "HardBounce",
  TypeCode: 1,
  Name: "Hard bounce",
  MessageID: "883953f4-6105-42a2-a16a-77a8eac79483",
  Description: "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
  Details: "smtp;550 5.1.1 unknown user",
  Email: "jane@example.com",
  From: "rapport@rapport.test",
  BouncedAt: "2026-11-26T12:00:00Z",
  DumpAvailable: false,
  Inactive: true,
  CanActivate: true,
  Subject: "Prep: Coffee with Sam Lee",
});

async function send(
  body: BodyInit | null,
  options: { authorization?: string | null; bindings?: Env; headers?: Record<string, string> } = {},
): Promise<Response> {
  const headers: Record<string, string> = { "Content-Type": "application/json", ...options.headers };
  const authorization = options.authorization === undefined ? RIGHT : options.authorization;
  if (authorization !== null) headers.Authorization = authorization;
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request("https://rapport.test/webhooks/postmark", { method: "POST", headers, body }),
    options.bindings ?? hooked,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

let usersBefore: unknown[];

async function expectNothingChanged(): Promise<void> {
  expect(await count("users")).toBe(1);
  expect(await rows("SELECT * FROM users ORDER BY id")).toEqual(usersBefore);
}

describe("POST /webhooks/postmark: guards", () => {
  beforeEach(async () => {
    await resetStorage();
    await forwardAt(fixture("synthetic/apple-icloud-invite.eml"), { now: NOW });
    usersBefore = await rows("SELECT * FROM users ORDER BY id");
    expect(usersBefore).toMatchObject([{ email: "jane@example.com", status: "active" }]);
  });

  it("refuses a request without credentials with 403 (Postmark stops; no browser prompt)", async () => {
    const response = await send(hardBounce, { authorization: null });
    expect(response.status).toBe(403);
    expect(response.headers.get("www-authenticate")).toBeNull();
    expect(await response.json()).toEqual({ error: "forbidden" });
    await expectNothingChanged();
  });

  it("refuses a wrong password", async () => {
    const response = await send(hardBounce, { authorization: basic("postmark", "a-long-test-passwore") });
    expect(response.status).toBe(403);
    const text = await response.text();
    expect(text).not.toContain("a-long-test-password");
    await expectNothingChanged();
  });

  it("refuses the right user in the wrong case, and other near misses", async () => {
    for (const authorization of [
      basic("Postmark", "a-long-test-password"),
      basic("postmark", "A-LONG-TEST-PASSWORD"),
      basic("postmark", "a-long-test-password "),
      basic("postmark", ""),
      basic("", "a-long-test-password"),
      basic("postmark:a-long-test-password", ""),
      `Bearer ${btoa("postmark:a-long-test-password")}`,
      "Basic not base64!",
      `Basic ${btoa("postmark")}`,
      "Basic",
    ]) {
      expect((await send(hardBounce, { authorization })).status, authorization).toBe(403);
    }
    await expectNothingChanged();
  });

  it("accepts the scheme name in any case, as HTTP allows", async () => {
    const response = await send(hardBounce, { authorization: RIGHT.replace("Basic", "basic") });
    expect(response.status).toBe(200);
  });

  it("does not exist (404) when no webhook credentials are configured, whatever is sent", async () => {
    expect((await send(hardBounce, { bindings: env })).status).toBe(404);
    expect((await send(hardBounce, { bindings: env, authorization: null })).status).toBe(404);
    await expectNothingChanged();
  });

  it("answers only POST", async () => {
    const ctx = createExecutionContext();
    const response = await worker.fetch(
      new Request("https://rapport.test/webhooks/postmark", { headers: { Authorization: RIGHT } }),
      hooked,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(404);
  });

  describe("the body cap", () => {
    // A small raw-message cap, so the webhook's cap is its 1 MiB floor.
    const small: Env = { ...hooked, MAX_RAW_BYTES: "65536" };
    const limit = webhookBodyLimit(65536);

    it("is twice the raw-message cap, and never under 1 MiB", () => {
      expect(limit).toBe(1024 * 1024);
      expect(webhookBodyLimit(10 * 1024 * 1024)).toBe(20 * 1024 * 1024);
    });

    /** The hard bounce, padded with spaces (still valid JSON) to exactly `size` bytes. */
    const padded = (size: number) => hardBounce + " ".repeat(size - hardBounce.length);

    it("refuses a body over the cap with 413", async () => {
      const response = await send(padded(limit + 1), { bindings: small });
      expect(response.status).toBe(413);
      await expectNothingChanged();
    });

    it("refuses a streamed body (no Content-Length) once it passes the cap", async () => {
      const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(hardBounce));
        },
        pull(controller) {
          // Would go on for 64 MiB; the route stops reading after the first 1 MiB.
          if (sent >= 1024) controller.close();
          else controller.enqueue(chunk);
          sent += 1;
        },
      });
      const response = await send(stream, { bindings: small });
      expect(response.status).toBe(413);
      expect(sent).toBeLessThan(64);
      await expectNothingChanged();
    });

    it("reads a body of exactly the cap", async () => {
      const response = await send(padded(limit), { bindings: small });
      expect(response.status).toBe(200);
      expect(await rows("SELECT status FROM users")).toEqual([{ status: "suppressed" }]);
    });
  });

  it("refuses malformed JSON, and JSON that is not one object, with 400", async () => {
    for (const body of ["{not json", "", "[]", '"Bounce"', "null", hardBounce.slice(0, -1)]) {
      const response = await send(body);
      expect(response.status, body.slice(0, 20)).toBe(400);
    }
    // Bytes that are not UTF-8.
    expect((await send(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).status).toBe(400);
    await expectNothingChanged();
  });

  it("refuses a known record without its address with 400", async () => {
    const response = await send(JSON.stringify({ RecordType: "Bounce", Type: "HardBounce" }));
    expect(response.status).toBe(400);
    await expectNothingChanged();
  });

  it.each([
    ["a Bounce whose Email is a list", { RecordType: "Bounce", Type: "HardBounce", Email: ["jane@example.com"] }],
    ["a SpamComplaint whose Email is an object", { RecordType: "SpamComplaint", Email: { Email: "jane@example.com" } }],
    ["a SubscriptionChange whose SuppressSending is a string", { RecordType: "SubscriptionChange", Recipient: "jane@example.com", SuppressSending: "true" }],
  ])("reads fields by their documented names but trusts no type: %s is refused with 400", async (_name, payload) => {
    const response = await send(JSON.stringify(payload));
    expect(response.status).toBe(400);
    await expectNothingChanged();
  });
});

describe("POST /webhooks/postmark: hostile inbound content", () => {
  beforeEach(resetStorage);

  it("cannot inject headers through the JSON's header fields: values become single lines", async () => {
    const raw = ["From: Jane <jane@example.com>", "To: meet@rapport.test", "Subject: Hi", "", "No invite here."].join("\r\n");
    const response = await send(
      JSON.stringify({
        From: "jane@example.com",
        FromFull: { Email: "jane@example.com", Name: 'Jane\r\nBcc: victim@example.com', MailboxHash: "" },
        To: "meet@rapport.test",
        ToFull: [{ Email: "meet@rapport.test", Name: "", MailboxHash: "" }],
        OriginalRecipient: "meet@rapport.test",
        Subject: "Hi\r\nAuto-Submitted: no",
        MessageID: "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
        Headers: [{ Name: "Message-ID", Value: "<hostile-1@example.com>\r\nX-Injected: yes" }],
        RawEmail: raw,
      }),
    );
    // Taken (Jane is told there is no invite); the archived bytes are RawEmail, untouched.
    expect(response.status).toBe(200);
    const [inbound] = await rows<{ raw_key: string; message_id: string }>("SELECT raw_key, message_id FROM inbound_messages");
    expect(inbound!.message_id).toBe("<hostile-1@example.com> X-Injected: yes");
    expect(await (await env.RAW_MAIL.get(inbound!.raw_key))!.text()).toBe(raw);
    const answers = (await rows<{ message: string }>("SELECT message FROM dev_outbox")).map((row) => JSON.parse(row.message) as { Tag: string; Headers: { Name: string }[] });
    expect(answers.map((m) => m.Tag)).toEqual(["error"]);
    expect(answers.flatMap((m) => m.Headers.map((h) => h.Name)).filter((name) => /^(Bcc|X-Injected)$/i.test(name))).toEqual([]);
  });
});
