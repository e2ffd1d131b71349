// Fault injection on the inbound path (issue #7): a forward is delivered while D1, R2 or
// Postmark fails at one point, then delivered again as the sending server's retry would, then
// once more as a late duplicate. Whatever the point, the retry must leave exactly the state a
// healthy delivery leaves: one meeting, its plan, one answer sent, the inbound row finished,
// the raw bytes in R2; and the duplicate changes nothing. See docs/reliability.md.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { buildDeps } from "../../src/deps";
import type { Env } from "../../src/env";
import { receiveInbound, type ReceiveOutcome } from "../../src/router/receive";
import { PostmarkMailer } from "../../src/mail/postmark";
import { outbox, resetStorage, rows } from "../support/db";
import { faultyD1, faultyR2, INJECTED, isInjected, type D1FaultPlan, type D1Step } from "../support/faulty-bindings";
import { postmarkScope, type StubMessage } from "../support/postmark-scope";
import { fixture } from "../support/fixtures";
import { forwardAt, headerOf } from "../support/inbound";

const INVITE = fixture("synthetic/apple-icloud-invite.eml");
const NOTE = fixture("synthetic/plain-note.eml");
const NOW = Date.parse("2026-11-26T03:00:00Z");
const JANE = "jane@example.com";
/** Each loop delivers the message 2-3 times for each of its ~16 steps: about 3 s, allowed 30. */
const LOOP_TIMEOUT = 30_000;

const stub = postmarkScope(inject("postmarkStubUrl"), "faults-inbound");
const postmarkEnv: Env = { ...env, DEV_OUTBOX: "false", POSTMARK_API_URL: stub.url, POSTMARK_SERVER_TOKEN: "stub-server-token" };

type Delivery = "dev_outbox" | "postmark";
const baseEnv = (delivery: Delivery): Env => (delivery === "postmark" ? postmarkEnv : env);

/** One delivery of `raw` from Jane, at the fixed NOW, through these bindings. */
function deliver(raw: Uint8Array, bindings: Env): Promise<ReceiveOutcome> {
  return forwardAt(raw, { from: JANE, now: NOW, bindings });
}

/** The same, with a Postmark client that gives up after 300 ms (for a stub that hangs). */
function deliverImpatient(raw: Uint8Array): Promise<ReceiveOutcome> {
  const deps = { ...buildDeps(postmarkEnv), mailer: new PostmarkMailer({ serverToken: "stub-server-token", apiUrl: stub.url, timeoutMs: 300 }) };
  return receiveInbound({ envelopeFrom: JANE, envelopeTo: "meet@rapport.test", header: (name) => headerOf(raw, name), readRaw: async () => raw }, deps, NOW);
}

/** What was sent to users: the dev outbox, or what the Postmark stub accepted. */
async function sentMail(delivery: Delivery): Promise<StubMessage[]> {
  if (delivery === "postmark") return stub.accepted();
  return (await outbox()).map((m) => ({ To: m.To, Tag: m.Tag, Subject: m.Subject }));
}

/** Everything a delivery leaves behind that a user could notice, without ids and attempt counts. */
async function state(delivery: Delivery) {
  const [inbound] = await rows<{ status: string; raw_key: string; raw_size: number }>("SELECT status, raw_key, raw_size FROM inbound_messages");
  const stored = inbound ? await env.RAW_MAIL.get(inbound.raw_key) : null;
  return {
    inbound: await rows("SELECT message_id, status, error_code, raw_key FROM inbound_messages"),
    rawObjects: (await env.RAW_MAIL.list()).objects.map((o) => o.key),
    rawBytes: stored ? new Uint8Array(await stored.arrayBuffer()) : null,
    users: await rows("SELECT email, name, time_zone, status FROM users"),
    contacts: await rows("SELECT email, name, company FROM contacts"),
    meetings: await rows("SELECT uid, summary, starts_at, ends_at, status, sequence, location FROM meetings"),
    nudges: await rows("SELECT kind, status, due_at, unique_key FROM nudges ORDER BY unique_key"),
    mail: await sentMail(delivery),
  };
}
type State = Awaited<ReturnType<typeof state>>;

async function fresh(): Promise<void> {
  await resetStorage();
  await stub.reset();
}

/** The happy path: its D1 steps and the state it leaves. */
async function baseline(raw: Uint8Array, delivery: Delivery): Promise<{ trace: D1Step[]; state: State }> {
  await fresh();
  const d1 = faultyD1(env.DB);
  await deliver(raw, { ...baseEnv(delivery), DB: d1.binding });
  return { trace: [...d1.trace], state: await state(delivery) };
}

/** The step that records a sent answer: D1 failing there and after is the double-send window. */
const isAnswerRecord = (step: D1Step) => step.sql[0]!.startsWith('update "nudges" set "status" = ?, "attempts" = "nudges"."attempts" + 1');
/** The dev outbox's "send": when it is stored but the answer is lost, the sender cannot know it went out. */
const isOutboxSend = (step: D1Step) => step.sql[0]!.startsWith('insert into "dev_outbox"');
/** The documented window: the answer went out, and no record of it survived, so the retry sends it again. */
const sentTwice = (healthy: State): State => ({ ...healthy, mail: [...healthy.mail, ...healthy.mail] });

/**
 * For each step k of the happy path: fail D1 at k (per `plan`), expect the delivery to throw
 * the injected error, retry healthy, deliver a duplicate. Returns one line per k that went
 * wrong, so a failure names every k at once.
 */
async function everyStep(
  raw: Uint8Array,
  delivery: Delivery,
  plan: Omit<D1FaultPlan, "at">,
  expected: (k: number, step: D1Step, healthy: State) => State,
): Promise<{ steps: number; problems: string[] }> {
  const healthy = await baseline(raw, delivery);
  const problems: string[] = [];
  for (const step of healthy.trace) {
    const k = step.step;
    const where = `k=${k} (${step.method} ${step.sql[0]!.slice(0, 40)}...)`;
    try {
      await fresh();
      const d1 = faultyD1(env.DB, { ...plan, at: k });
      const first = await deliver(raw, { ...baseEnv(delivery), DB: d1.binding }).then(
        (outcome) => ({ threw: false as const, outcome }),
        (error: unknown) => ({ threw: true as const, error }),
      );
      expect(d1.failures, `${where}: the fault was injected`).toBeGreaterThan(0);
      if (first.threw) {
        // Thrown out of email(): the sending server keeps the message and retries it.
        expect(isInjected(first.error), `${where}: ${String(first.error)}`).toBe(true);
        expect(await rows("SELECT status FROM inbound_messages WHERE status IN ('processed', 'rejected')"), `${where}: no row claims the message was handled`).toEqual([]);
        const retry = await deliver(raw, baseEnv(delivery));
        expect(retry, `${where}: the retry`).toMatchObject({ kind: "handled", status: healthy.state.inbound[0]!.status });
      } else {
        // Absorbed in place (a write after a send is retried on the spot): handled at once.
        expect(first.outcome, `${where}: absorbed`).toMatchObject({ kind: "handled", status: healthy.state.inbound[0]!.status });
      }
      const recovered = await state(delivery);
      expect(recovered, `${where}: after the retry`).toEqual(expected(k, step, healthy.state));

      expect((await deliver(raw, baseEnv(delivery))).kind, `${where}: a late duplicate`).toBe("duplicate");
      expect(await state(delivery), `${where}: after the duplicate`).toEqual(recovered);
    } catch (error) {
      problems.push(error instanceof Error ? error.message.split("\n")[0]! : String(error));
    }
  }
  return { steps: healthy.trace.length, problems };
}

const sameAsHealthy = (_k: number, _step: D1Step, healthy: State) => healthy;

describe("a forward under faults: the sending server's retry recovers it exactly once", () => {
  beforeEach(fresh);

  it("the healthy delivery: one meeting, its plan, one confirmation, raw bytes archived (the baseline)", async () => {
    const { trace, state: healthy } = await baseline(INVITE, "dev_outbox");
    // K, the steps the loops below fail one by one (16 when written: docs/reliability.md).
    expect(trace.length).toBeGreaterThan(10);
    // Through Postmark it is the same path, less the dev outbox's insert.
    expect((await baseline(INVITE, "postmark")).trace).toHaveLength(trace.length - 1);
    expect(healthy.inbound).toMatchObject([{ status: "processed", error_code: null }]);
    expect(healthy.rawObjects).toHaveLength(1);
    expect(healthy.rawBytes).toEqual(INVITE);
    expect(healthy.meetings).toHaveLength(1);
    expect(healthy.nudges.map((n) => `${n.kind} ${n.status}`)).toEqual([
      "confirm sent",
      "digest pending",
      "keep_in_touch pending",
      "prep pending",
      "thanks pending",
      "thanks_followup pending",
    ]);
    expect(healthy.mail).toEqual([{ To: JANE, Tag: "confirm", Subject: expect.stringMatching(/^Got it: /) }]);
  });

  it("D1 fails once at any step k (dev outbox)", { timeout: LOOP_TIMEOUT }, async () => {
    const { steps, problems } = await everyStep(INVITE, "dev_outbox", { mode: "once" }, sameAsHealthy);
    expect(problems).toEqual([]);
    expect(steps).toBeGreaterThan(10);
  });

  it("D1 fails once at any step k, after the statement committed (the answer lost)", { timeout: LOOP_TIMEOUT }, async () => {
    const { problems } = await everyStep(INVITE, "dev_outbox", { mode: "once", phase: "after" }, (_k, step, healthy) =>
      // Stored in the outbox but the answer lost: like Postmark accepting a message and the
      // connection dropping before it says so. The send looks failed, and the retry resends.
      isOutboxSend(step) ? sentTwice(healthy) : healthy,
    );
    expect(problems).toEqual([]);
  });

  it("D1 fails at step k and every step after (an outage, a crash; through Postmark): one accepted confirmation, except the documented window", { timeout: LOOP_TIMEOUT }, async () => {
    const { problems } = await everyStep(INVITE, "postmark", { mode: "from" }, (_k, step, healthy) =>
      isAnswerRecord(step) ? sentTwice(healthy) : healthy,
    );
    expect(problems).toEqual([]);
  });

  it("a message that cannot be read (a plain note), D1 failing once or from any step k: exactly one error answer", { timeout: LOOP_TIMEOUT }, async () => {
    const healthy = await baseline(NOTE, "dev_outbox");
    expect(healthy.state.inbound).toMatchObject([{ status: "rejected", error_code: "no_invite" }]);
    expect(healthy.state.mail).toEqual([{ To: JANE, Tag: "error", Subject: expect.any(String) }]);
    expect(healthy.trace.length).toBeGreaterThan(5); // 10 when written

    const once = await everyStep(NOTE, "dev_outbox", { mode: "once" }, sameAsHealthy);
    const from = await everyStep(NOTE, "dev_outbox", { mode: "from" }, (_k, step, state) =>
      isAnswerRecord(step) ? sentTwice(state) : state,
    );
    expect([...once.problems, ...from.problems]).toEqual([]);
  });

  it("R2 fails to archive: nothing is recorded, the retry archives and processes the message once", async () => {
    const { state: healthy } = await baseline(INVITE, "dev_outbox");
    for (const phase of ["before", "after"] as const) {
      await fresh();
      const r2 = faultyR2(env.RAW_MAIL);
      r2.fail("put", { phase });
      await expect(deliver(INVITE, { ...env, RAW_MAIL: r2.binding }), phase).rejects.toThrow(INJECTED);
      expect(await rows("SELECT status FROM inbound_messages"), phase).toEqual([]);
      expect(await outbox(), phase).toEqual([]);

      expect(await deliver(INVITE, { ...env, RAW_MAIL: r2.binding }), phase).toMatchObject({ kind: "handled", status: "processed" });
      expect(await state("dev_outbox"), phase).toEqual(healthy);
      expect((await deliver(INVITE, env)).kind, phase).toBe("duplicate");
      expect(r2.calls.put, phase).toBe(2);
    }
  });

  it("archived, then D1 fails to record it, and the retry comes the next UTC day: processed once, the first copy orphaned (known gap)", async () => {
    const { trace } = await baseline(INVITE, "dev_outbox");
    const record = trace.find((step) => step.sql[0]!.startsWith('insert into "inbound_messages"'))!;
    const late = Date.parse("2026-11-26T23:58:00Z");
    const nextDay = late + 10 * 60_000;
    await fresh();

    const d1 = faultyD1(env.DB, { at: record.step });
    await expect(forwardAt(INVITE, { from: JANE, now: late, bindings: { ...env, DB: d1.binding } })).rejects.toThrow();
    expect(await forwardAt(INVITE, { from: JANE, now: nextDay, bindings: env })).toMatchObject({ kind: "handled", status: "processed" });

    const [row] = await rows<{ raw_key: string }>("SELECT raw_key FROM inbound_messages");
    expect(row!.raw_key).toMatch(/^raw\/2026\/11\/27\//);
    expect(new Uint8Array(await (await env.RAW_MAIL.get(row!.raw_key))!.arrayBuffer())).toEqual(INVITE);
    // The key carries the day of receipt, and no row points at the first attempt's copy: the
    // retention sweep (which goes by rows) never deletes it. docs/reliability.md: an R2
    // lifecycle rule on raw/ is the backstop.
    const keys = (await env.RAW_MAIL.list()).objects.map((o) => o.key).sort();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^raw\/2026\/11\/26\//);
    expect(await outbox()).toHaveLength(1);
  });

  it.each([
    ["a Postmark outage (500)", { status: 500 }, /answer not sent: Postmark 500/],
    ["rate limited (429)", { status: 429 }, /answer not sent: Postmark 429/],
    ["no answer at all (timeout)", { hang: true }, /answer not sent: Postmark unreachable: no answer within 300 ms/],
  ])("Postmark fails on the confirmation (%s): the retry sends it exactly once", async (_name, fault, message) => {
    const { state: healthy } = await baseline(INVITE, "postmark");
    await fresh();
    await stub.fault(fault);

    await expect(deliverImpatient(INVITE)).rejects.toThrow(message);
    expect(await rows("SELECT status, error_code FROM inbound_messages")).toEqual([{ status: "failed", error_code: "internal" }]);
    expect(await rows("SELECT status, attempts FROM nudges WHERE kind = 'confirm'")).toEqual([{ status: "pending", attempts: 1 }]);
    expect(await stub.accepted()).toEqual([]);

    expect(await deliverImpatient(INVITE)).toMatchObject({ kind: "handled", status: "processed" });
    expect(await deliverImpatient(INVITE)).toMatchObject({ kind: "duplicate" });
    expect(await state("postmark")).toEqual(healthy);
    expect(await stub.requests()).toHaveLength(2); // the failed attempt and the accepted one
  });
});
