// Fault injection on dispatch (issues #7, #12): a run (the cron tick and the queue consumer it
// feeds, here on an in-memory queue with Cloudflare Queues' semantics and an injected clock:
// tests/support/queue.ts) meets D1 failing at each of its steps (a crash there: nothing after
// it runs), or Postmark failing, and later healthy runs recover. Every due nudge must then be
// accepted by Postmark exactly once and end `sent`, with the chain it starts (the next monthly
// digest) in place. The one exception is the documented at-least-once window: Postmark
// accepted a batch and the consumer died before recording it, so the hold runs out and the
// nudges are sent again. See docs/reliability.md.
import { env } from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { buildDeps, type Deps } from "../../src/deps";
import type { Env } from "../../src/env";
import { PostmarkMailer } from "../../src/mail/postmark";
import { DEFAULT_LIMITS, retryDelaySeconds } from "../../src/nudges/dispatch";
import { resetStorage, rows } from "../support/db";
import { faultyD1, isInjected, type D1FaultPlan, type D1Step } from "../support/faulty-bindings";
import { postmarkScope } from "../support/postmark-scope";
import { fixture } from "../support/fixtures";
import { forwardAt } from "../support/inbound";
import { MemoryQueue } from "../support/queue";

const stub = postmarkScope(inject("postmarkStubUrl"), "faults-dispatch");
// Production's backoff (the test environment's is 1 s): a retry comes back after 5 minutes.
const postmarkEnv: Env = { ...env, DEV_OUTBOX: "false", POSTMARK_API_URL: stub.url, POSTMARK_SERVER_TOKEN: "stub-server-token", RETRY_BASE_SECONDS: "300" };
const FIRST_RETRY = retryDelaySeconds(1, 300) * 1000;

/** The Apple invite's prep time (18:00 the evening before, Los Angeles); the December digest is due too. */
const PREP_TIME = Date.parse("2026-12-08T02:00:00Z");
const LEASE = DEFAULT_LIMITS.leaseMs;
/** The first instant a crashed run's claims can be taken over. */
const AFTER_LEASE = PREP_TIME + LEASE + 1;
const USERS = ["bob@college.test", "jane@example.com"];
const DUE = USERS.flatMap((user) => [`${user} digest`, `${user} prep`]);
/** A loop runs dispatch four times for each of ~20 steps: a few seconds, allowed 60. */
const LOOP_TIMEOUT = 60_000;

/** The nudge queue between the tick and the consumer; emptied for each case. */
const queue = new MemoryQueue();
/** One cron run at `at`: the tick, then the consumer draining what is visible on the queue. */
const dispatchAt = (deps: Deps, at: number) => queue.run(deps, at);

/** Dispatch's deps: Postmark through this file's stub scope, a client that gives up after 300 ms. */
function deps(db: D1Database = env.DB): Deps {
  return { ...buildDeps({ ...postmarkEnv, DB: db }), mailer: new PostmarkMailer({ serverToken: "stub-server-token", apiUrl: stub.url, timeoutMs: 300 }) };
}

// ---- the seeded state (two users forwarded the invite), taken once and restored per case ----

const TABLES = ["users", "contacts", "inbound_messages", "meetings", "nudges", "notes", "dev_outbox"];
let seeded: [string, Record<string, unknown>[]][] = [];

async function seed(): Promise<void> {
  await resetStorage();
  for (const user of USERS) {
    // Confirmations go to the dev outbox (the test env's default): only dispatch talks to the stub.
    await forwardAt(fixture("synthetic/apple-icloud-invite.eml"), { from: user, messageId: `<coffee-${user}>`, now: Date.parse("2026-11-26T03:00:00Z") });
  }
  seeded = [];
  for (const table of TABLES) seeded.push([table, await rows(`SELECT * FROM ${table}`)]);
}

/** Back to the seeded state, byte for byte (ids included), and a clean stub scope. */
async function fresh(): Promise<void> {
  await resetStorage();
  const inserts = seeded.flatMap(([table, list]) =>
    list.map((row) => {
      const columns = Object.keys(row);
      const sql = `INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`;
      return env.DB.prepare(sql).bind(...Object.values(row));
    }),
  );
  await env.DB.batch(inserts);
  await stub.reset();
  queue.reset();
}

/** What the runs left: every nudge as users would feel it, and what Postmark accepted. */
async function outcome() {
  return {
    nudges: await rows(
      `SELECT users.email, nudges.kind, nudges.status, nudges.due_at, nudges.claimed_until
       FROM nudges JOIN users ON users.id = nudges.user_id ORDER BY users.email, nudges.kind, nudges.due_at`,
    ),
    users: await rows("SELECT email, status FROM users ORDER BY email"),
    accepted: (await stub.accepted()).map((m) => `${m.To} ${m.Tag}`).sort(),
  };
}
type Outcome = Awaited<ReturnType<typeof outcome>>;

/** The next month's digest of each user: what a sent digest must chain. */
const nextDigests = () =>
  rows<{ email: string }>(
    "SELECT users.email FROM nudges JOIN users ON users.id = nudges.user_id WHERE kind = 'digest' AND nudges.status = 'pending' ORDER BY users.email",
  );

/** The step that records how the sent batch ended. */
const isOutcomeRecord = (step: D1Step) => step.method === "batch" && step.sql[0]!.startsWith('update "nudges" set "status" = ?, "provider_message_id" = ?');

/** A healthy run at prep time (tick and consumer), then one after the lease (which finds nothing): its steps and result. */
async function baseline(): Promise<{ trace: D1Step[]; result: Outcome }> {
  await fresh();
  const d1 = faultyD1(env.DB);
  expect(await dispatchAt(deps(d1.binding), PREP_TIME)).toMatchObject({ claimed: 4, sent: 4 });
  expect((await dispatchAt(deps(), AFTER_LEASE)).claimed).toBe(0);
  return { trace: [...d1.trace], result: await outcome() };
}

/**
 * For each step k of a healthy run: a run at prep time with D1 failing per `plan` at k, then
 * a healthy run once the lease is over. Returns one line per k that went wrong.
 */
async function everyStep(plan: Omit<D1FaultPlan, "at">): Promise<{ steps: number; problems: string[] }> {
  const healthy = await baseline();
  const problems: string[] = [];
  for (const step of healthy.trace) {
    const where = `k=${step.step} (${step.method} ${step.sql[0]!.slice(0, 40)}...)`;
    try {
      await fresh();
      const d1 = faultyD1(env.DB, { ...plan, at: step.step });
      const failed = await dispatchAt(deps(d1.binding), PREP_TIME).then(
        () => null,
        (error: unknown) => error,
      );
      expect(isInjected(failed), `${where}: the run fails with the injected error (got ${String(failed)})`).toBe(true);

      // Before the lease is over, claimed nudges are left alone.
      await dispatchAt(deps(), PREP_TIME + LEASE - 60_000);
      await dispatchAt(deps(), AFTER_LEASE);
      await dispatchAt(deps(), AFTER_LEASE + LEASE); // and nothing more goes out later

      expect(await nextDigests(), `${where}: every user's next digest is planned (the monthly chain goes on)`).toEqual(
        USERS.map((email) => ({ email })),
      );
      const expected =
        isOutcomeRecord(step) && plan.phase !== "after"
        ? // The documented window: accepted, not recorded, sent again after the lease.
          { ...healthy.result, accepted: [...DUE, ...DUE].sort() }
        : healthy.result;
      expect(await outcome(), `${where}: after recovery`).toEqual(expected);
    } catch (error) {
      problems.push(error instanceof Error ? error.message.split("\n")[0]! : String(error));
    }
  }
  return { steps: healthy.trace.length, problems };
}

describe("dispatch under faults: after recovery every due nudge is sent exactly once", () => {
  beforeAll(seed);
  beforeEach(fresh);

  it("the healthy run (the baseline): 2 prep sheets and 2 digests, each accepted once, next digests chained", async () => {
    const { trace, result } = await baseline();
    // K, the steps the loops below fail one by one (docs/reliability.md): the tick finds and
    // claims; the consumer takes, reads users, meetings and contacts, reads the digests' figures
    // and last meetings, and records: 7 (17 when each run read table by table).
    expect(trace.map((step) => `${step.method} ${step.sql.length}`)).toHaveLength(7);
    expect(trace.filter(isOutcomeRecord)).toHaveLength(1);
    expect(result.accepted).toEqual(DUE);
    expect(result.nudges.filter((n) => n.kind === "digest").map((n) => `${n.email} ${n.status}`)).toEqual([
      "bob@college.test sent", // December's
      "bob@college.test pending", // January's, chained by sending December's
      "jane@example.com sent",
      "jane@example.com pending",
    ]);
  });

  it("the run crashes at step k (D1 fails from k on): the next run after the lease recovers", { timeout: LOOP_TIMEOUT }, async () => {
    const { steps, problems } = await everyStep({ mode: "from" });
    expect(problems).toEqual([]);
    expect(steps).toBe(7);
  });

  it("D1 commits step k but its answer is lost (the run fails there): the next run recovers", { timeout: LOOP_TIMEOUT }, async () => {
    const { problems } = await everyStep({ mode: "from", phase: "after" });
    expect(problems).toEqual([]);
  });

  it("a crash between sending and recording: the at-least-once window, measured", async () => {
    const { trace } = await baseline();
    const record = trace.find(isOutcomeRecord)!;
    await fresh();

    // Postmark accepts the batch; D1 fails from the outcome record on: the consumer dies there.
    const d1 = faultyD1(env.DB, { at: record.step, mode: "from" });
    await expect(dispatchAt(deps(d1.binding), PREP_TIME)).rejects.toThrow();
    expect(await stub.accepted()).toHaveLength(4);
    const stuck = await rows<{ status: string; claimed_until: number; attempts: number }>(
      "SELECT status, claimed_until, attempts FROM nudges WHERE kind IN ('prep', 'digest') AND status != 'pending'",
    );
    expect(stuck).toEqual(Array(4).fill({ status: "sending", claimed_until: PREP_TIME + LEASE, attempts: 1 }));

    // Inside the hold nothing is taken over (no resend during the 15 minutes): the queue's
    // retry of the message finds the nudges held and comes back when the hold ends...
    const inside = await dispatchAt(deps(), PREP_TIME + LEASE - 1);
    expect(inside.claimed).toBe(0);
    expect(inside.retries).toEqual(Array(1).fill({ ids: expect.any(Array), delaySeconds: 2 }));
    // ...at its end the next tick cannot know the batch went out: it sends all four again.
    expect(await dispatchAt(deps(), PREP_TIME + LEASE)).toMatchObject({ claimed: 4, sent: 4 });
    expect(await stub.accepted()).toHaveLength(8);
    expect((await stub.accepted()).map((m) => `${m.To} ${m.Tag}`).sort()).toEqual([...DUE, ...DUE].sort());
    expect(await rows("SELECT status, attempts FROM nudges WHERE kind IN ('prep', 'digest') AND status != 'pending'")).toEqual(
      Array(4).fill({ status: "sent", attempts: 2 }),
    );
    // Once recorded, never again.
    expect((await dispatchAt(deps(), PREP_TIME + 2 * LEASE)).claimed).toBe(0);
    expect(await stub.accepted()).toHaveLength(8);
  });

  it.each([
    ["a Postmark outage (500)", { status: 500 }],
    ["rate limited (429)", { status: 429 }],
    ["no answer at all (timeout)", { hang: true }],
  ])("Postmark fails (%s): retried after the backoff, each nudge accepted once", async (_name, fault) => {
    await stub.fault(fault);
    const failed = await dispatchAt(deps(), PREP_TIME);
    expect(failed).toMatchObject({ claimed: 4, sent: 0, retried: 4 });
    // Back to the queue with the backoff for a first delivery (5 minutes), still under their claim.
    expect(failed.retries.map((r) => r.delaySeconds)).toEqual([FIRST_RETRY / 1000]);
    expect(await stub.accepted()).toEqual([]);
    expect(await rows("SELECT DISTINCT status, claimed_at FROM nudges WHERE kind IN ('prep', 'digest') AND due_at <= ?", PREP_TIME)).toEqual([
      { status: "queued", claimed_at: PREP_TIME },
    ]);

    expect((await dispatchAt(deps(), PREP_TIME + FIRST_RETRY - 1)).claimed).toBe(0); // backing off
    expect(await dispatchAt(deps(), PREP_TIME + FIRST_RETRY)).toMatchObject({ claimed: 4, sent: 4 });
    expect((await dispatchAt(deps(), PREP_TIME + FIRST_RETRY + LEASE + 1)).claimed).toBe(0);

    expect((await stub.accepted()).map((m) => `${m.To} ${m.Tag}`).sort()).toEqual(DUE);
    expect(await stub.requests()).toHaveLength(2); // the failed batch and the accepted one
    expect(await nextDigests()).toEqual(USERS.map((email) => ({ email })));
  });

  it("Postmark takes the batch but refuses one recipient (inactive, 406): the others are sent once, that one never retried", async () => {
    await stub.inactive(["jane@example.com"]);
    expect(await dispatchAt(deps(), PREP_TIME)).toMatchObject({ claimed: 4, sent: 2, failed: 2, suppressedUsers: 1 });
    await stub.inactive([]); // even if the address came back, the failed nudges stay failed
    await dispatchAt(deps(), AFTER_LEASE);
    await dispatchAt(deps(), PREP_TIME + 6 * 3_600_000);

    const requests = await stub.requests();
    expect(requests).toHaveLength(1);
    expect((requests[0]!.body as { To: string; Tag: string }[]).map((m) => `${m.To} ${m.Tag}`).sort()).toEqual(DUE);
    expect(
      await rows(
        "SELECT users.email, nudges.kind, nudges.status FROM nudges JOIN users ON users.id = nudges.user_id WHERE kind IN ('prep', 'digest') AND nudges.due_at <= ? ORDER BY users.email, kind",
        PREP_TIME,
      ),
    ).toEqual([
      { email: "bob@college.test", kind: "digest", status: "sent" },
      { email: "bob@college.test", kind: "prep", status: "sent" },
      { email: "jane@example.com", kind: "digest", status: "failed" },
      { email: "jane@example.com", kind: "prep", status: "failed" },
    ]);
    expect(await rows("SELECT email, status FROM users ORDER BY email")).toEqual([
      { email: "bob@college.test", status: "active" },
      { email: "jane@example.com", status: "suppressed" },
    ]);
  });
});
