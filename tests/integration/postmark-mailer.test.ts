// PostmarkMailer against the loopback Postmark stub (tests/support/postmark-stub.ts). The
// tests run inside workerd, so they drive the stub through its /__stub/ HTTP control API.
import { beforeEach, describe, expect, inject, it } from "vitest";
import { MAX_BATCH, type OutboundEmail, type SendResult } from "../../src/mail/mailer";
import { PostmarkMailer } from "../../src/mail/postmark";

const stubUrl = inject("postmarkStubUrl");
const TOKEN = "stub-server-token";

interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  rawBody: string;
  body: unknown;
}

async function control(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${stubUrl}/__stub/${path}`, {
    method: body === undefined && path === "requests" ? "GET" : "POST",
    headers: { "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) throw new Error(`stub control ${path}: ${response.status}`);
  return response.json();
}

const recorded = async () => (await control("requests")) as RecordedRequest[];
const fault = (f: { status?: number; hang?: boolean; times?: number; body?: string }) => control("fault", f);

function email(to: string, overrides: Partial<OutboundEmail> = {}): OutboundEmail {
  return {
    From: "Rapport <rapport@rapport.test>",
    To: to,
    ReplyTo: "meet@rapport.test",
    Subject: "Confirm your chat with Sam",
    Tag: "confirm",
    TextBody: "Reply YES to confirm.",
    HtmlBody: "<p>Reply YES to confirm.</p>",
    Headers: [{ Name: "Auto-Submitted", Value: "auto-replied" }],
    Attachments: [],
    MessageStream: "outbound",
    Metadata: {},
    ...overrides,
  };
}

const mailer = (options: { serverToken?: string; timeoutMs?: number } = {}) =>
  new PostmarkMailer({ serverToken: TOKEN, apiUrl: stubUrl, ...options });

function errorOf(result: SendResult | undefined) {
  if (result === undefined || result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result.error;
}

beforeEach(async () => {
  await control("reset", {});
});

describe("PostmarkMailer.send", () => {
  it("posts the message as JSON with Postmark's headers and returns the MessageID it was given", async () => {
    const message = email("jane@example.com", { Metadata: { meetingId: "m-1" } });

    const result = await mailer().send(message);

    const [request, ...rest] = await recorded();
    expect(rest).toHaveLength(0);
    expect(request).toMatchObject({ method: "POST", path: "/email" });
    expect(request?.headers["accept"]).toBe("application/json");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["x-postmark-server-token"]).toBe(TOKEN);
    expect(request?.rawBody).toBe(JSON.stringify(message));
    expect(request?.body).toEqual(message);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number.isNaN(Date.parse(result.submittedAt))).toBe(false);
  });

  it("reports a wrong server token as unauthorized, which a retry cannot fix", async () => {
    const error = errorOf(await mailer({ serverToken: "wrong-token" }).send(email("jane@example.com")));
    expect(error).toMatchObject({ code: "unauthorized", retryable: false, status: 401, providerCode: 10 });
  });

  it("reports a malformed To address as an invalid email request (ErrorCode 300), not retryable", async () => {
    const error = errorOf(await mailer().send(email("jane.example.com")));
    expect(error).toMatchObject({ code: "invalid_email_request", retryable: false, status: 422, providerCode: 300 });
    expect(error.message).toBe("Postmark 422 (ErrorCode 300): Invalid 'To' address: 'jane.example.com'.");
  });

  it("reports a rate limit as retryable", async () => {
    await fault({ status: 429 });
    const error = errorOf(await mailer().send(email("jane@example.com")));
    expect(error).toMatchObject({ code: "rate_limited", retryable: true, status: 429 });
  });

  it("reports a 500 as a retryable server_error", async () => {
    await fault({ status: 500 });
    const error = errorOf(await mailer().send(email("jane@example.com")));
    expect(error).toMatchObject({ code: "server_error", retryable: true, status: 500 });
  });

  it("gives up on a stub that never answers after timeoutMs and reports a retryable network error", async () => {
    await fault({ hang: true });
    const started = Date.now();
    const error = errorOf(await mailer({ timeoutMs: 200 }).send(email("jane@example.com")));
    expect(error).toMatchObject({ code: "network", retryable: true });
    expect(error.status).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("reports a 200 it cannot read as final, since Postmark may have taken the message", async () => {
    await fault({ status: 200, body: "<html>ok</html>" });
    const error = errorOf(await mailer().send(email("jane@example.com")));
    expect(error).toMatchObject({ code: "rejected", retryable: false, status: 200 });
  });
});

describe("PostmarkMailer.sendBatch", () => {
  it("maps each item in order in one request: accepted, inactive recipient, invalid email request", async () => {
    await control("inactive", { addresses: ["Bounced@example.com"] });
    const messages = [email("jane@example.com"), email("bounced@example.com"), email("not-an-address")];

    const results = await mailer().sendBatch(messages);

    const requests = await recorded();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ method: "POST", path: "/email/batch", body: messages });
    expect(results).toHaveLength(3);
    expect(results[0]?.ok).toBe(true);
    expect(errorOf(results[1])).toMatchObject({
      code: "inactive_recipient",
      retryable: false,
      providerCode: 406,
    });
    expect(errorOf(results[2])).toMatchObject({ code: "invalid_email_request", retryable: false, providerCode: 300 });
  });

  it("reports a whole-call 429 for every message", async () => {
    await fault({ status: 429 });
    const results = await mailer().sendBatch([email("a@example.com"), email("b@example.com")]);
    expect(results.map((r) => errorOf(r).code)).toEqual(["rate_limited", "rate_limited"]);
    expect(results.every((r) => errorOf(r).retryable)).toBe(true);
  });

  it("reports a whole-call 500 as a retryable server_error for every message", async () => {
    await fault({ status: 500 });
    const results = await mailer().sendBatch([email("a@example.com"), email("b@example.com")]);
    for (const result of results) {
      expect(errorOf(result)).toMatchObject({ code: "server_error", retryable: true, status: 500 });
    }
  });

  it("reports a wrong token as unauthorized for every message", async () => {
    const results = await mailer({ serverToken: "wrong-token" }).sendBatch([email("a@example.com")]);
    expect(errorOf(results[0])).toMatchObject({ code: "unauthorized", retryable: false, status: 401 });
  });

  it("times out a hanging batch as a retryable network error for every message", async () => {
    await fault({ hang: true });
    const results = await mailer({ timeoutMs: 200 }).sendBatch([email("a@example.com"), email("b@example.com")]);
    expect(results.map((r) => errorOf(r).code)).toEqual(["network", "network"]);
  });

  it("marks all messages retryable when the answer lists a different number of results", async () => {
    await fault({ status: 200, body: JSON.stringify([{ ErrorCode: 0, Message: "OK", MessageID: "x" }]) });
    const results = await mailer().sendBatch([email("a@example.com"), email("b@example.com")]);
    for (const result of results) {
      expect(errorOf(result)).toMatchObject({ code: "server_error", retryable: true });
    }
  });

  it("throws before sending anything when given more than MAX_BATCH messages", async () => {
    const messages = Array.from({ length: MAX_BATCH + 1 }, (_, i) => email(`user${i}@example.com`));
    await expect(mailer().sendBatch(messages)).rejects.toThrow(/at most 500/);
    expect(await recorded()).toHaveLength(0);
  });

  it("returns no results and makes no request for an empty batch", async () => {
    expect(await mailer().sendBatch([])).toEqual([]);
    expect(await recorded()).toHaveLength(0);
  });
});
