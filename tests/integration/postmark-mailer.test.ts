// PostmarkMailer (the official client behind our Mailer) against the loopback Postmark stub
// (tests/support/postmark-stub.ts), inside workerd. Each of the stub's checks has a message
// that breaks it here: the stub's own verdict says it refused it with Postmark's ErrorCode, and
// the SendResult says what a caller does about it (retry or not).
import { beforeEach, describe, expect, inject, it } from "vitest";
import { MAX_BATCH, type OutboundEmail, type SendResult } from "../../src/mail/mailer";
import { PostmarkMailer } from "../../src/mail/postmark";
import { postmarkScope, type Verdict } from "../support/postmark-scope";

const stub = postmarkScope(inject("postmarkStubUrl"), "mailer");
const TOKEN = "stub-server-token";
const MB = 1024 * 1024;

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

/** Rapport never sends Cc or Bcc, but Postmark counts them: a message with them, for the limit. */
const withCopies = (message: OutboundEmail, copies: { Cc?: string; Bcc?: string }) => Object.assign(message, copies);

const addresses = (n: number, prefix = "user") => Array.from({ length: n }, (_, i) => `${prefix}${i}@example.com`).join(", ");

/** A message of about `bytes` bytes as Postmark counts it: an attachment, base64 as sent. */
const sized = (to: string, bytes: number) =>
  email(to, { Attachments: [{ Name: "resume.pdf", ContentType: "application/pdf", Content: "A".repeat(bytes) }] });

const mailer = (options: { serverToken?: string; timeoutMs?: number; fetch?: typeof fetch } = {}) =>
  new PostmarkMailer({ serverToken: TOKEN, apiUrl: stub.url, ...options });

/**
 * A transport that changes the request on its way, to show what the stub does with a request
 * the client would never send as is. Only the wire is touched; the client and adapter run as
 * they do in production.
 */
function rewriting(change: (init: RequestInit) => RequestInit): typeof fetch {
  return (input, init) => fetch(input, change(init ?? {}));
}

function errorOf(result: SendResult | undefined) {
  if (result === undefined || result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result.error;
}

/** The stub's own verdict on each message it received, oldest first. */
const verdicts = (): Promise<Verdict[]> => stub.verdicts();

beforeEach(async () => {
  await stub.reset();
});

describe("PostmarkMailer.send", () => {
  it("posts the message as JSON with Postmark's headers, and returns the MessageID the stub accepted it with", async () => {
    const message = email("jane@example.com", { Metadata: { meetingId: "m-1" } });

    const result = await mailer().send(message);

    const [request, ...rest] = await stub.requests();
    expect(rest).toHaveLength(0);
    expect(request).toMatchObject({ method: "POST", path: "/email" });
    expect(request?.headers["accept"]).toBe("application/json");
    expect(request?.headers["content-type"]).toBe("application/json");
    expect(request?.headers["x-postmark-server-token"]).toBe(TOKEN);
    expect(request?.rawBody).toBe(JSON.stringify(message));

    const [verdict] = await verdicts();
    expect(verdict).toMatchObject({ accepted: true, status: 200, To: "jane@example.com", Tag: "confirm" });
    expect(result).toEqual({ ok: true, messageId: verdict!.MessageID, submittedAt: expect.any(String) });
    if (result.ok) expect(Number.isNaN(Date.parse(result.submittedAt))).toBe(false);
  });

  it("a wrong server token: refused with ErrorCode 10, reported unauthorized, which a retry cannot fix", async () => {
    const error = errorOf(await mailer({ serverToken: "wrong-token" }).send(email("jane@example.com")));
    expect(await verdicts()).toMatchObject([{ accepted: false, status: 401, ErrorCode: 10 }]);
    expect(error).toMatchObject({ code: "unauthorized", retryable: false, status: 401, providerCode: 10 });
  });

  it("no JSON Accept header: refused with ErrorCode 409 (JSON required), final", async () => {
    const dropAccept = rewriting((init) => ({ ...init, headers: { ...(init.headers as Record<string, string>), Accept: "text/html" } }));
    const error = errorOf(await mailer({ fetch: dropAccept }).send(email("jane@example.com")));
    expect(await verdicts()).toMatchObject([{ accepted: false, status: 422, ErrorCode: 409 }]);
    expect(error).toMatchObject({ code: "rejected", retryable: false, status: 422, providerCode: 409 });
  });

  it("a body that is not JSON: refused with ErrorCode 402, final", async () => {
    const garble = rewriting((init) => ({ ...init, body: `${String(init.body)}}` }));
    const error = errorOf(await mailer({ fetch: garble }).send(email("jane@example.com")));
    expect(await verdicts()).toMatchObject([{ accepted: false, status: 422, ErrorCode: 402 }]);
    expect(error).toMatchObject({ code: "rejected", retryable: false, providerCode: 402 });
  });

  it("a To address Postmark cannot parse: ErrorCode 300, an invalid email request, final", async () => {
    const error = errorOf(await mailer().send(email("jane.example.com")));
    expect(await verdicts()).toMatchObject([{ accepted: false, status: 422, ErrorCode: 300, To: "jane.example.com" }]);
    expect(error).toMatchObject({ code: "invalid_email_request", retryable: false, status: 422, providerCode: 300 });
    expect(error.message).toBe("Postmark 422 (ErrorCode 300): Error parsing 'To': Illegal email address 'jane.example.com'.");
  });

  it("a From address at a domain with no sender signature: ErrorCode 400, final", async () => {
    const error = errorOf(await mailer().send(email("jane@example.com", { From: "Rapport <rapport@unsigned.test>" })));
    expect(await verdicts()).toMatchObject([{ accepted: false, status: 422, ErrorCode: 400, From: "Rapport <rapport@unsigned.test>" }]);
    expect(error).toMatchObject({ code: "rejected", retryable: false, providerCode: 400 });
    expect(error.message).toContain("rapport@unsigned.test");
  });

  it("a MessageStream the server does not have: ErrorCode 1235, final", async () => {
    const error = errorOf(await mailer().send(email("jane@example.com", { MessageStream: "broadcasts" })));
    expect(await verdicts()).toMatchObject([{ accepted: false, status: 422, ErrorCode: 1235, MessageStream: "broadcasts" }]);
    expect(error).toMatchObject({ code: "rejected", retryable: false, providerCode: 1235 });
  });

  it("50 recipients across To, Cc and Bcc are taken; 51 are an invalid email request", async () => {
    const fifty = withCopies(email(addresses(20, "to")), { Cc: addresses(20, "cc"), Bcc: addresses(10, "bcc") });
    const fiftyOne = withCopies(email(addresses(20, "to")), { Cc: addresses(20, "cc"), Bcc: addresses(11, "bcc") });

    expect((await mailer().send(fifty)).ok).toBe(true);
    const error = errorOf(await mailer().send(fiftyOne));
    expect(errorOf(await mailer().send(email(addresses(51))))).toMatchObject({ code: "invalid_email_request" });

    expect((await verdicts()).map((v) => [v.accepted, v.ErrorCode])).toEqual([
      [true, undefined],
      [false, 300],
      [false, 300],
    ]);
    expect(error).toMatchObject({ code: "invalid_email_request", retryable: false, providerCode: 300 });
    expect(error.message).toContain("Maximum of 50 recipients");
  });

  it("no TextBody and no HtmlBody: ErrorCode 300, final", async () => {
    const error = errorOf(await mailer().send(email("jane@example.com", { TextBody: "", HtmlBody: "" })));
    expect(await verdicts()).toMatchObject([{ accepted: false, ErrorCode: 300 }]);
    expect(error).toMatchObject({ code: "invalid_email_request", retryable: false });
  });

  describe("Metadata within Postmark's limits: 10 fields, names up to 20 characters, values up to 80", () => {
    const at = (metadata: Record<string, string>) => email("jane@example.com", { Metadata: metadata });
    const fields = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`field${i}`.padEnd(20, "x"), "v".repeat(80)]));

    it("takes 10 fields of 20-character names and 80-character values", async () => {
      expect((await mailer().send(at(fields(10)))).ok).toBe(true);
      expect(await verdicts()).toMatchObject([{ accepted: true }]);
    });

    it.each([
      ["11 fields", fields(11)],
      ["a 21-character name", { ["n".repeat(21)]: "v" }],
      ["an 81-character value", { nudgeId: "v".repeat(81) }],
      ["two names that differ only in case", { nudgeId: "1", NudgeID: "2" }],
    ])("refuses %s as an invalid email request (ErrorCode 300), final", async (_name, metadata) => {
      const error = errorOf(await mailer().send(at(metadata)));
      expect(await verdicts()).toMatchObject([{ accepted: false, status: 422, ErrorCode: 300 }]);
      expect(error).toMatchObject({ code: "invalid_email_request", retryable: false, providerCode: 300 });
      expect(error.message).toContain("Invalid metadata content");
    });

    it("refuses a value that is not a string (ErrorCode 403, incompatible JSON), final", async () => {
      const error = errorOf(await mailer().send(at({ nudgeId: 7 } as unknown as Record<string, string>)));
      expect(await verdicts()).toMatchObject([{ accepted: false, ErrorCode: 403 }]);
      expect(error).toMatchObject({ code: "rejected", retryable: false, providerCode: 403 });
    });
  });

  it("a message over 10 MB: Postmark's 413, unread and final", async () => {
    const error = errorOf(await mailer().send(sized("jane@example.com", 10 * MB + 1)));
    // The front door refuses the request unread: the stub saw no message in it.
    expect(await verdicts()).toMatchObject([{ accepted: false, status: 413, To: null }]);
    expect(error).toMatchObject({ code: "rejected", retryable: false, status: 413 });
    expect(error.providerCode).toBeUndefined();
  });

  it("an inactive recipient: ErrorCode 406, reported so the user is suppressed, final", async () => {
    await stub.inactive(["Jane@Example.com"]);
    const error = errorOf(await mailer().send(email("jane@example.com")));
    expect(await verdicts()).toMatchObject([{ accepted: false, status: 422, ErrorCode: 406 }]);
    expect(error).toMatchObject({ code: "inactive_recipient", retryable: false, status: 422, providerCode: 406 });
  });

  it.each([
    [429, { code: "rate_limited", providerCode: 429 }],
    [500, { code: "server_error" }],
    [503, { code: "server_error", providerCode: 100 }],
  ])("answered %i: the stub did not take it, and it is retryable", async (status, expected) => {
    await stub.fault({ status });
    const error = errorOf(await mailer().send(email("jane@example.com")));
    expect(await verdicts()).toMatchObject([{ accepted: false, status }]);
    expect(error).toMatchObject({ ...expected, retryable: true, status });
  });

  it("no answer within timeoutMs: a retryable network error, and the stub never answered", async () => {
    await stub.fault({ hang: true });
    const started = Date.now();
    const error = errorOf(await mailer({ timeoutMs: 200 }).send(email("jane@example.com")));
    expect(error).toMatchObject({ code: "network", retryable: true, message: "Postmark unreachable: no answer within 200 ms" });
    expect(error.status).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await verdicts()).toMatchObject([{ accepted: false, status: null }]);
  });

  it("a 200 it cannot read is final, since Postmark may have taken the message", async () => {
    await stub.fault({ status: 200, body: "<html>ok</html>" });
    const error = errorOf(await mailer().send(email("jane@example.com")));
    expect(error).toMatchObject({ code: "rejected", retryable: false, status: 200 });
  });
});

describe("PostmarkMailer.sendBatch", () => {
  it("walks each item in order in one request: accepted, inactive, invalid request, unsigned From", async () => {
    await stub.inactive(["bounced@example.com"]);
    const messages = [
      email("jane@example.com"),
      email("bounced@example.com"),
      email("not-an-address"),
      email("bob@example.com", { From: "someone@unsigned.test" }),
    ];

    const results = await mailer().sendBatch(messages);

    expect((await stub.requests()).map((r) => r.path)).toEqual(["/email/batch"]);
    const [taken, ...refused] = await verdicts();
    // Postmark answers 200 for the batch, with each message's own verdict.
    expect(taken).toMatchObject({ index: 0, status: 200, accepted: true, To: "jane@example.com" });
    expect(refused.map((v) => [v.index, v.status, v.ErrorCode])).toEqual([
      [1, 200, 406],
      [2, 200, 300],
      [3, 200, 400],
    ]);
    expect(results[0]).toEqual({ ok: true, messageId: taken!.MessageID, submittedAt: expect.any(String) });
    expect(results.slice(1).map((r) => [errorOf(r).code, errorOf(r).retryable, errorOf(r).providerCode])).toEqual([
      ["inactive_recipient", false, 406],
      ["invalid_email_request", false, 300],
      ["rejected", false, 400],
    ]);
  });

  it("a message over 10 MB in a batch under 50 MB: that one is refused (ErrorCode 300), the other sent", async () => {
    const results = await mailer().sendBatch([sized("jane@example.com", 10 * MB + 1), email("bob@example.com")]);
    expect((await verdicts()).map((v) => [v.To, v.accepted, v.ErrorCode])).toEqual([
      ["jane@example.com", false, 300],
      ["bob@example.com", true, undefined],
    ]);
    expect(errorOf(results[0])).toMatchObject({ code: "invalid_email_request", retryable: false });
    expect(results[1]?.ok).toBe(true);
  });

  it("a batch over 50 MB: Postmark's 413 for the whole call, every message final", async () => {
    const messages = Array.from({ length: 6 }, (_, i) => sized(`user${i}@example.com`, 9 * MB));
    const results = await mailer().sendBatch(messages);
    expect(await verdicts()).toMatchObject([{ accepted: false, status: 413 }]);
    expect(results).toHaveLength(6);
    for (const result of results) expect(errorOf(result)).toMatchObject({ code: "rejected", retryable: false, status: 413 });
  });

  it("more than 500 messages reaching Postmark: ErrorCode 410 for the whole call, every message final", async () => {
    // The adapter never sends that many (next test); the transport multiplies one message to 501.
    const overLimit = rewriting((init) => ({ ...init, body: JSON.stringify(Array(MAX_BATCH + 1).fill(JSON.parse(String(init.body))[0])) }));
    const results = await mailer({ fetch: overLimit }).sendBatch([email("jane@example.com")]);
    const stubbed = await verdicts();
    expect(stubbed).toHaveLength(MAX_BATCH + 1);
    expect(stubbed.every((v) => !v.accepted && v.status === 422 && v.ErrorCode === 410)).toBe(true);
    expect(errorOf(results[0])).toMatchObject({ code: "rejected", retryable: false, status: 422, providerCode: 410 });
  });

  it("throws before sending anything when given more than MAX_BATCH messages", async () => {
    const messages = Array.from({ length: MAX_BATCH + 1 }, (_, i) => email(`user${i}@example.com`));
    await expect(mailer().sendBatch(messages)).rejects.toThrow(/at most 500/);
    expect(await stub.requests()).toHaveLength(0);
  });

  it.each([
    [429, "rate_limited"],
    [500, "server_error"],
    [503, "server_error"],
  ])("a whole-call %i: every message retryable, none taken", async (status, code) => {
    await stub.fault({ status });
    const results = await mailer().sendBatch([email("a@example.com"), email("b@example.com")]);
    expect(results.map((r) => [errorOf(r).code, errorOf(r).retryable, errorOf(r).status])).toEqual([
      [code, true, status],
      [code, true, status],
    ]);
    expect(await stub.accepted()).toEqual([]);
  });

  it("a wrong token: every message unauthorized", async () => {
    const results = await mailer({ serverToken: "wrong-token" }).sendBatch([email("a@example.com")]);
    expect(await verdicts()).toMatchObject([{ accepted: false, status: 401, ErrorCode: 10 }]);
    expect(errorOf(results[0])).toMatchObject({ code: "unauthorized", retryable: false, status: 401 });
  });

  it("a hanging batch: every message a retryable network error", async () => {
    await stub.fault({ hang: true });
    const results = await mailer({ timeoutMs: 200 }).sendBatch([email("a@example.com"), email("b@example.com")]);
    expect(results.map((r) => errorOf(r).code)).toEqual(["network", "network"]);
  });

  it("a 200 listing a different number of results: every message retryable (which were taken is unknown)", async () => {
    await stub.fault({ status: 200, body: JSON.stringify([{ ErrorCode: 0, Message: "OK", MessageID: "x" }]) });
    const results = await mailer().sendBatch([email("a@example.com"), email("b@example.com")]);
    for (const result of results) {
      expect(errorOf(result)).toMatchObject({ code: "server_error", retryable: true, status: 200 });
    }
  });

  it("a 200 it cannot read: every message final", async () => {
    await stub.fault({ status: 200, body: "<html>ok</html>" });
    const results = await mailer().sendBatch([email("a@example.com"), email("b@example.com")]);
    for (const result of results) expect(errorOf(result)).toMatchObject({ code: "rejected", retryable: false, status: 200 });
  });

  it("returns no results and makes no request for an empty batch", async () => {
    expect(await mailer().sendBatch([])).toEqual([]);
    expect(await stub.requests()).toHaveLength(0);
  });
});
