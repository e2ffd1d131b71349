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

// This file's own scope on the shared loopback Postmark stub (see tests/support/postmark-stub.ts).
const stub = `${inject("postmarkStubUrl")}/scope/inbound-retry`;
const postmarkEnv: Env = { ...env, DEV_OUTBOX: "false", POSTMARK_API_URL: stub, POSTMARK_SERVER_TOKEN: "stub-server-token" };

const control = (path: string, body?: unknown) =>
  fetch(`${stub}/__stub/${path}`, body === undefined ? undefined : { method: "POST", body: JSON.stringify(body) });
const stubRequests = async () => (await (await control("requests")).json()) as { path: string; body: { To: string; Tag: string } }[];

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
    await control("reset", {});
  });

  it("throws on a Postmark outage so the message is retried, then confirms exactly once", async () => {
    const raw = fixture("corpus/postal-mime/google-calendar-event.eml");
    await control("fault", { status: 500 });

    await expect(deliver(raw)).rejects.toThrow(/answer not sent: Postmark 500/);
    expect(await rows("SELECT status, error_code FROM inbound_messages")).toEqual([{ status: "failed", error_code: "internal" }]);
    expect(await rawObjectCount()).toBe(1);
    expect(await rows("SELECT kind, status, attempts FROM nudges WHERE kind = 'confirm'")).toEqual([
      { kind: "confirm", status: "pending", attempts: 1 },
    ]);

    await deliver(raw); // the sending server's retry
    await deliver(raw); // and a late duplicate

    const requests = await stubRequests();
    expect(requests.map((r) => r.path)).toEqual(["/email", "/email"]);
    expect(requests[1]!.body).toMatchObject({ To: "jane@example.com", Tag: "confirm" });
    expect(await rows("SELECT status, attempts FROM inbound_messages")).toEqual([{ status: "processed", attempts: 2 }]);
    const [confirm] = await rows<{ status: string; provider_message_id: string }>(
      "SELECT status, provider_message_id FROM nudges WHERE kind = 'confirm'",
    );
    expect(confirm!.status).toBe("sent");
    expect(confirm!.provider_message_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await rows("SELECT count(*) AS n FROM meetings")).toEqual([{ n: 1 }]);
  });

  it("records a confirmation Postmark will never deliver (inactive recipient) without retrying", async () => {
    await control("inactive", { addresses: ["jane@example.com"] });

    await deliver(fixture("corpus/postal-mime/google-calendar-event.eml"));

    expect(await rows("SELECT status FROM inbound_messages")).toEqual([{ status: "processed" }]);
    const [confirm] = await rows<{ status: string; last_error: string }>("SELECT status, last_error FROM nudges WHERE kind = 'confirm'");
    expect(confirm!.status).toBe("failed");
    expect(confirm!.last_error).toContain("ErrorCode 406");
    expect(await stubRequests()).toHaveLength(1);
  });
});
