// Dispatch on the real nudge queue, as wrangler.toml declares it and Miniflare runs it (the
// consumer's batch timeout, retry delay and retries shortened in vitest.config.ts): one cron
// tick fans 2,000 due nudges out and the consumer sends each once; a delivery that throws
// before sending is retried by the queue and still sends each once; a message that keeps
// failing lands in the dead-letter queue and its nudges are failed with the reason. Postmark's
// 429 and 5xx hand the message back to the queue with a backoff: checked on a delivery made
// with the pool's helpers (which do not report the delay), and through the pure function the
// delay comes from.
import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, inject, it, vi } from "vitest";
import type { Env } from "../../src/env";
import worker from "../../src/index";
import { retryDelaySeconds, type DispatchMessage } from "../../src/nudges/dispatch";
import { seedStatements } from "../../scripts/bench/seed-sql";
import { cron, inFlight } from "../support/cron";
import { outbox, resetStorage, rows } from "../support/db";
import { postmarkScope } from "../support/postmark-scope";
import { fixture } from "../support/fixtures";
import { forwardAt } from "../support/inbound";

/** The Apple invite's prep time (18:00 the evening before, Los Angeles); the December digest is due too. */
const PREP_TIME = Date.parse("2026-12-08T02:00:00Z");
const USERS = ["bob@college.test", "jane@example.com"];

const forwardBoth = async () => {
  for (const user of USERS) {
    await forwardAt(fixture("synthetic/apple-icloud-invite.eml"), { from: user, messageId: `<coffee-${user}>`, now: Date.parse("2026-11-26T03:00:00Z") });
  }
};

/** What the tick sent: the nudges of prep time, by kind and user. */
const dueNudges = () =>
  rows<{ id: number; email: string; kind: string; status: string; attempts: number; last_error: string | null }>(
    `SELECT nudges.id, users.email, nudges.kind, nudges.status, nudges.attempts, nudges.last_error
     FROM nudges JOIN users ON users.id = nudges.user_id
     WHERE nudges.kind IN ('prep', 'digest') AND nudges.due_at <= ? ORDER BY users.email, nudges.kind`,
    PREP_TIME,
  );

/** What the pool's getQueueResult() reports (its type is only in workers-types' experimental set). */
interface QueueResult {
  outcome: string;
  explicitAcks: string[];
  retryMessages: { msgId: string; delaySeconds?: number }[];
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("dispatch on the nudge queue (Miniflare)", () => {
  beforeEach(resetStorage);
  afterEach(() => vi.restoreAllMocks());

  it("one tick, 2,000 due nudges: the consumer drains the queue and sends each exactly once", { timeout: 120_000 }, async () => {
    const now = Date.parse("2026-11-26T15:00:00Z");
    // 2,000 users, each with one nudge due (the five dispatched kinds), 1 in 100 paused, and
    // 87 claimed by a run that crashed (lease over): the dispatch benchmark's data set.
    for (const sql of seedStatements(2_000, now, 2_000)) await env.DB.prepare(sql).run();
    const due = await rows<{ id: number }>(
      "SELECT id FROM nudges WHERE (status = 'pending' AND due_at <= ?1) OR (status = 'sending' AND claimed_until <= ?1)",
      now,
    );
    expect(due).toHaveLength(2_000);

    await cron(now); // one scheduled(), then wait until nothing is in flight
    expect(await inFlight()).toBe(0);

    const sent = (await outbox()).map((message) => Number(message.Metadata.nudgeId));
    const outcomes = await rows<{ status: string; n: number }>(
      `SELECT status, count(*) AS n FROM nudges WHERE id IN (${due.map((row) => row.id).join(",")}) GROUP BY status ORDER BY status`,
    );
    // Every due nudge went out once, except the paused users' (skipped, never sent).
    expect(new Set(sent).size).toBe(sent.length);
    expect(outcomes).toEqual([
      { status: "sent", n: sent.length },
      { status: "skipped", n: 2_000 - sent.length },
    ]);
    expect(sent.length).toBe(1_980);
    expect(await rows("SELECT DISTINCT last_error FROM nudges WHERE status = 'skipped' AND id IN (" + due.map((row) => row.id).join(",") + ")")).toEqual([
      { last_error: "user is paused" },
    ]);
    // The next tick finds nothing more to send.
    await cron(now + 5 * 60_000);
    expect(await outbox()).toHaveLength(1_980);
  });

  it("a delivery that throws before sending is retried by the queue and sends each nudge once", async () => {
    await forwardBoth();
    const confirmations = (await outbox()).length;
    // The first signature the consumer makes (a reply address, before anything is sent) fails.
    const sign = vi.spyOn(crypto.subtle, "sign").mockRejectedValueOnce(new Error("signing failed (injected)"));

    await cron(PREP_TIME);
    expect(sign).toHaveBeenCalled();
    const sent = (await outbox()).slice(confirmations);
    expect(sent.map((m) => `${m.To} ${m.Tag}`).sort()).toEqual(USERS.flatMap((user) => [`${user} digest`, `${user} prep`]));
    // Taken twice (the failed delivery and its retry), sent once.
    expect(await dueNudges()).toEqual(
      USERS.flatMap((email) => ["digest", "prep"].map((kind) => ({ id: expect.any(Number), email, kind, status: "sent", attempts: 2, last_error: null }))),
    );
  });

  it("a message that keeps failing lands in the dead-letter queue, and its nudges are failed with the reason", async () => {
    await forwardBoth();
    const confirmations = (await outbox()).length;
    vi.spyOn(crypto.subtle, "sign").mockRejectedValue(new Error("signing key unavailable (injected)"));

    await cron(PREP_TIME); // returns once the nudges are no longer in flight: failed by the DLQ's consumer
    const failed = await until(dueNudges, (list) => list.every((n) => n.status === "failed"));
    // Three deliveries (maxRetries 2 in vitest.config.ts), then the dead-letter queue.
    expect(failed.map((n) => n.attempts)).toEqual([3, 3, 3, 3]);
    for (const nudge of failed) {
      expect(nudge.last_error).toBe(
        "undeliverable: the queue gave up after every retry; last error: delivery failed before sending: signing key unavailable (injected)",
      );
    }
    expect((await outbox()).slice(confirmations)).toEqual([]);
  });

  describe("Postmark 429 and 5xx: back to the queue with a backoff", () => {
    const stub = postmarkScope(inject("postmarkStubUrl"), "dispatch-queue");
    const postmarkEnv: Env = { ...env, DEV_OUTBOX: "false", POSTMARK_API_URL: stub.url, POSTMARK_SERVER_TOKEN: "stub-server-token" };
    beforeEach(() => stub.reset());

    it("the delay doubles with each delivery from RETRY_BASE_SECONDS, up to 6 hours", () => {
      expect([1, 2, 3, 4, 5, 6, 7, 8].map((attempts) => retryDelaySeconds(attempts, 300))).toEqual([300, 600, 1_200, 2_400, 4_800, 9_600, 19_200, 21_600]);
      expect(retryDelaySeconds(1, 1)).toBe(1);
      expect(retryDelaySeconds(3, 1)).toBe(4);
    });

    it.each([
      ["rate limited (429)", { status: 429 }],
      ["a Postmark outage (500)", { status: 500 }],
      ["bad gateway (502)", { status: 502 }],
    ])("%s: the message is retried with its delay, its nudges stay claimed; the next delivery sends them once", async (_name, fault) => {
      await forwardBoth();
      // What the tick would put on the queue: the prep-time nudges, claimed by that tick.
      const ids = (await dueNudges()).map((n) => n.id);
      await env.DB.prepare(
        `UPDATE nudges SET status = 'queued', claimed_at = ?1, claimed_until = ?1 + 900000 WHERE id IN (${ids.join(",")})`,
      ).bind(PREP_TIME).run();
      const deliver = async (attempts: number) => {
        const batch = createMessageBatch<DispatchMessage>("rapport-nudges", [
          { id: "message-1", timestamp: new Date(PREP_TIME), attempts, body: { now: PREP_TIME, ids } },
        ]);
        const ctx = createExecutionContext();
        await worker.queue(batch, postmarkEnv, ctx);
        return (await getQueueResult(batch, ctx)) as QueueResult;
      };

      await stub.fault(fault);
      const before = Date.now();
      const failed = await deliver(3);
      expect(failed.outcome).toBe("ok");
      // The helper reports the retry but not its delay ({ msgId } only, in 0.15.1).
      expect(failed.retryMessages.map((m) => m.msgId)).toEqual(["message-1"]);
      expect(failed.explicitAcks).toEqual([]);
      // Held under their claim until the retry is due, plus a lease: the delay the consumer asked for.
      const held = await rows<{ status: string; claimed_at: number; claimed_until: number }>(
        `SELECT DISTINCT status, claimed_at, claimed_until FROM nudges WHERE id IN (${ids.join(",")})`,
      );
      expect(held).toHaveLength(1);
      expect(held[0]).toMatchObject({ status: "queued", claimed_at: PREP_TIME });
      const delay = held[0]!.claimed_until - 15 * 60_000 - before;
      const expected = retryDelaySeconds(3, 1) * 1000; // RETRY_BASE_SECONDS is 1 in tests: 4 s at the third delivery
      expect(delay).toBeGreaterThanOrEqual(expected);
      expect(delay).toBeLessThan(expected + 2_000);
      expect(await stub.accepted()).toEqual([]);

      await stub.reset();
      const retried = await deliver(4);
      expect(retried.explicitAcks).toEqual(["message-1"]);
      expect((await stub.accepted()).map((m) => `${m.To} ${m.Tag}`).sort()).toEqual(USERS.flatMap((user) => [`${user} digest`, `${user} prep`]));
      expect((await dueNudges()).map((n) => n.status)).toEqual(["sent", "sent", "sent", "sent"]);
      // A late duplicate of the same message finds nothing left to send.
      const duplicate = await deliver(5);
      expect(duplicate.explicitAcks).toEqual(["message-1"]);
      expect(await stub.accepted()).toHaveLength(4);
    });
  });
});
