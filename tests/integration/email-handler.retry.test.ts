// Nothing is lost and nothing is sent twice when Postmark fails while answering a forward:
// a retryable failure makes email() throw (the sending server retries later) with the raw
// message archived; the retry sends the confirmation once; a permanent failure is recorded.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, inject, it } from "vitest";
import type { Env } from "../../src/env";
import worker from "../../src/index";
import { rawObjectCount, resetStorage, rows } from "../support/db";
import { fakeEmailMessage } from "../support/email-message";
import { fixture } from "../support/fixtures";
import { postmarkScope } from "../support/postmark-scope";

// This file's own scope on the shared loopback Postmark stub (see tests/support/postmark-stub.ts).
const stub = postmarkScope(inject("postmarkStubUrl"), "inbound-retry");
const postmarkEnv: Env = { ...env, DEV_OUTBOX: "false", POSTMARK_API_URL: stub.url, POSTMARK_SERVER_TOKEN: "stub-server-token" };

async function deliver(raw: Uint8Array) {
  const message = fakeEmailMessage(raw, { from: "jane@example.com", to: "meet@rapport.test" });
  const ctx = createExecutionContext();
  try {
    await worker.email(message, postmarkEnv, ctx);
  } finally {
    await waitOnExecutionContext(ctx);
  }
}

describe("answering a forward through Postmark", () => {
  beforeEach(async () => {
    await resetStorage();
    await stub.reset();
  });

  it("throws on a Postmark outage so the message is retried, then confirms exactly once", async () => {
    const raw = fixture("corpus/postal-mime/google-calendar-event.eml");
    await stub.fault({ status: 500 });

    await expect(deliver(raw)).rejects.toThrow(/answer not sent: Postmark 500/);
    expect(await rows("SELECT status, error_code FROM inbound_messages")).toEqual([{ status: "failed", error_code: "internal" }]);
    expect(await rawObjectCount()).toBe(1);
    expect(await rows("SELECT kind, status, attempts FROM nudges WHERE kind = 'confirm'")).toEqual([
      { kind: "confirm", status: "pending", attempts: 1 },
    ]);

    await deliver(raw); // the sending server's retry
    await deliver(raw); // and a late duplicate

    // The stub's own verdicts: the outage refused the first attempt, the retry was accepted.
    const [outage, accepted, ...more] = await stub.verdicts();
    expect(more).toEqual([]);
    expect(outage).toMatchObject({ path: "/email", status: 500, accepted: false });
    expect(accepted).toMatchObject({ path: "/email", status: 200, accepted: true, To: "jane@example.com", Tag: "confirm" });
    expect(await rows("SELECT status, attempts FROM inbound_messages")).toEqual([{ status: "processed", attempts: 2 }]);
    // The confirmation is recorded with the MessageID Postmark gave it (webhooks name it).
    expect(await rows("SELECT status, provider_message_id FROM nudges WHERE kind = 'confirm'")).toEqual([
      { status: "sent", provider_message_id: accepted!.MessageID },
    ]);
    expect(await rows("SELECT count(*) AS n FROM meetings")).toEqual([{ n: 1 }]);
  });

  it("records a confirmation Postmark will never deliver (inactive recipient) without retrying", async () => {
    await stub.inactive(["jane@example.com"]);

    await deliver(fixture("corpus/postal-mime/google-calendar-event.eml"));

    expect(await rows("SELECT status FROM inbound_messages")).toEqual([{ status: "processed" }]);
    const [confirm] = await rows<{ status: string; last_error: string }>("SELECT status, last_error FROM nudges WHERE kind = 'confirm'");
    expect(confirm!.status).toBe("failed");
    expect(confirm!.last_error).toContain("ErrorCode 406");
    expect(await stub.verdicts()).toMatchObject([{ To: "jane@example.com", accepted: false, ErrorCode: 406 }]);
  });
});
