// Dispatch against the loopback Postmark stub: per-message results of a batch walked one by
// one (406 suppresses the user, the others are sent), 429/500/timeouts retried with backoff,
// a crashed run's claims recovered after the lease. Nothing lost, nothing sent twice.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, inject, it } from "vitest";
import { claimDueNudges } from "../../src/db/dispatch";
import { buildDeps, type Deps } from "../../src/deps";
import type { Env } from "../../src/env";
import { PostmarkMailer } from "../../src/mail/postmark";
import { DISPATCHED_KINDS, dispatchDue, retryDelay } from "../../src/nudges/dispatch";
import { resetStorage, rows } from "../support/db";
import { fixture } from "../support/fixtures";
import { forwardAt } from "../support/inbound";
import { postmarkScope } from "../support/postmark-scope";

const stub = postmarkScope(inject("postmarkStubUrl"), "dispatch");
/** The stub's verdict on each message it was sent, as "<to> <tag> <accepted | ErrorCode | status>". */
const verdicts = async () =>
  (await stub.verdicts()).map((v) => `${v.To} ${v.Tag} ${v.accepted ? "accepted" : (v.ErrorCode ?? v.status ?? "no answer")}`);
const DUE = ["bob@college.test digest", "bob@college.test prep", "jane@example.com digest", "jane@example.com prep"];

const PREP_TIME = Date.parse("2026-12-08T02:00:00Z");

function postmarkDeps(): Deps {
  const postmarkEnv: Env = { ...env, DEV_OUTBOX: "false", POSTMARK_API_URL: stub.url, POSTMARK_SERVER_TOKEN: "stub-server-token" };
  // A short timeout so a hanging Postmark fails the call quickly.
  return { ...buildDeps(postmarkEnv), mailer: new PostmarkMailer({ serverToken: "stub-server-token", apiUrl: stub.url, timeoutMs: 300 }) };
}

// Confirmations go to the dev outbox (the test env's default); only dispatch talks to the stub.
const forward = (user: string) =>
  forwardAt(fixture("synthetic/apple-icloud-invite.eml"), { from: user, messageId: `<coffee-${user}>`, now: Date.parse("2026-11-26T03:00:00Z") });

const statusOf = (kind: string) =>
  rows<{ email: string; status: string; attempts: number }>(
    "SELECT users.email, nudges.status, nudges.attempts FROM nudges JOIN users ON users.id = nudges.user_id WHERE kind = ? ORDER BY users.email",
    kind,
  );

describe("dispatch through Postmark", () => {
  beforeEach(async () => {
    await resetStorage();
    await stub.reset();
    await forward("jane@example.com");
    await forward("bob@college.test");
  });

  it("walks a batch's per-message results: the inactive recipient is suppressed, the others are sent", async () => {
    await stub.inactive(["jane@example.com"]);
    const report = await dispatchDue(postmarkDeps(), PREP_TIME);

    expect(report).toMatchObject({ claimed: 4, sent: 2, failed: 2, suppressedUsers: 1 });
    // One batch; the stub took Bob's two and refused Jane's two (inactive, 406).
    expect((await stub.requests()).map((r) => r.path)).toEqual(["/email/batch"]);
    expect((await verdicts()).sort()).toEqual([
      "bob@college.test digest accepted",
      "bob@college.test prep accepted",
      "jane@example.com digest 406",
      "jane@example.com prep 406",
    ]);
    expect(await statusOf("prep")).toEqual([
      { email: "bob@college.test", status: "sent", attempts: 1 },
      { email: "jane@example.com", status: "failed", attempts: 1 },
    ]);
    expect(await rows("SELECT email, status FROM users ORDER BY email")).toEqual([
      { email: "bob@college.test", status: "active" },
      { email: "jane@example.com", status: "suppressed" },
    ]);

    // Later nudges for the suppressed user are not sent.
    await dispatchDue(postmarkDeps(), Date.parse("2026-12-08T21:30:00Z"));
    expect(await statusOf("thanks")).toEqual([
      { email: "bob@college.test", status: "sent", attempts: 1 },
      { email: "jane@example.com", status: "skipped", attempts: 1 },
    ]);
  });

  it.each([
    ["rate limited (429)", { status: 429 }],
    ["a Postmark outage (500)", { status: 500 }],
    ["no answer at all (timeout)", { hang: true }],
  ])("retries after %s with backoff, then sends each message once", async (_name, fault) => {
    await stub.fault(fault);
    const first = await dispatchDue(postmarkDeps(), PREP_TIME);
    expect(first).toMatchObject({ claimed: 4, sent: 0, retried: 4 });
    expect(await statusOf("prep")).toEqual([
      { email: "bob@college.test", status: "pending", attempts: 1 },
      { email: "jane@example.com", status: "pending", attempts: 1 },
    ]);

    // Not before the backoff has passed...
    expect((await dispatchDue(postmarkDeps(), PREP_TIME + retryDelay(1) - 60_000)).claimed).toBe(0);
    // ...then once.
    const second = await dispatchDue(postmarkDeps(), PREP_TIME + retryDelay(1));
    expect(second).toMatchObject({ claimed: 4, sent: 4 });
    await dispatchDue(postmarkDeps(), PREP_TIME + 2 * retryDelay(1));

    // Two batches: the failed attempt and the accepted one; each message accepted once.
    expect((await stub.requests()).map((r) => r.path)).toEqual(["/email/batch", "/email/batch"]);
    expect((await stub.accepted()).map((m) => `${m.To} ${m.Tag}`).sort()).toEqual(DUE);
    expect(await statusOf("prep")).toEqual([
      { email: "bob@college.test", status: "sent", attempts: 2 },
      { email: "jane@example.com", status: "sent", attempts: 2 },
    ]);
  });

  it("takes over the claims of a run that crashed, once its lease has run out", async () => {
    const deps = postmarkDeps();
    // A run claims the due nudges and dies before sending anything.
    const lease = 15 * 60_000;
    expect(await claimDueNudges(deps.db, DISPATCHED_KINDS, PREP_TIME, 200, PREP_TIME + lease)).toHaveLength(4);

    expect((await dispatchDue(deps, PREP_TIME + 5 * 60_000)).claimed).toBe(0); // still leased
    expect(await dispatchDue(deps, PREP_TIME + lease)).toMatchObject({ claimed: 4, sent: 4 });
    expect((await stub.accepted()).map((m) => `${m.To} ${m.Tag}`).sort()).toEqual(DUE);
    expect(await stub.requests()).toHaveLength(1);
  });
});
