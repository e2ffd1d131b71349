// scheduled() on real D1 at chosen times, its queue drained by the consumer in Miniflare: the
// journey in order, each email once, at the right local time; the same run twice; overlapping
// runs; a run after a long outage catching up once.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../../src/index";
import { outbox, resetStorage, rows } from "../support/db";
import { cron, queueDrained } from "../support/cron";
import { fixture } from "../support/fixtures";
import { forwardAt } from "../support/inbound";

// Jane (Los Angeles) forwards Sam's invite for Tue 8 Dec 2026, 12:00-12:30 PST, on 26 Nov.
const FORWARDED_AT = Date.parse("2026-11-26T03:00:00Z");

const forwardCoffeeInvite = () => forwardAt(fixture("synthetic/apple-icloud-invite.eml"), { now: FORWARDED_AT });


const tags = async () => (await outbox()).map((m) => m.Tag);

describe("the journey, run by cron", () => {
  beforeEach(async () => {
    await resetStorage();
    await forwardCoffeeInvite();
  });

  it("sends each nudge once, when it is due in Jane's time zone", async () => {
    await cron("2026-11-30T00:00:00Z");
    expect(await tags()).toEqual(["confirm"]);

    await cron("2026-12-01T17:00:00Z"); // 1 Dec, 09:00 PST
    expect(await tags()).toEqual(["confirm", "digest"]);

    await cron("2026-12-08T01:55:00Z"); // 7 Dec 17:55 PST: not yet
    expect(await tags()).toEqual(["confirm", "digest"]);
    await cron("2026-12-08T02:00:00Z"); // 18:00 the evening before
    await cron("2026-12-08T02:00:00Z"); // the same run again
    expect(await tags()).toEqual(["confirm", "digest", "prep"]);

    await cron("2026-12-08T21:30:00Z"); // an hour after it ended
    await cron("2026-12-10T02:00:00Z"); // the next evening, 18:00
    await cron("2026-12-22T17:00:00Z"); // two weeks on, 09:00
    expect(await tags()).toEqual(["confirm", "digest", "prep", "thanks", "thanks_followup", "keep_in_touch"]);

    const sent = await outbox();
    expect(sent[2]!.Subject).toBe("Prep for tomorrow: Coffee with Sam Lee, 12:00");
    expect(sent[3]!.Attachments.map((a) => a.Name)).toEqual(["check-in.ics"]);
    expect(sent.slice(1).every((m) => m.Headers.some((h) => h.Name === "Auto-Submitted" && h.Value === "auto-generated"))).toBe(true);
    expect(sent[2]!.ReplyTo).toMatch(/^reply\+[a-z2-7]{37}@rapport\.test$/);
    expect(sent[2]!.Headers).toContainEqual({ Name: "List-Unsubscribe-Post", Value: "List-Unsubscribe=One-Click" });

    // What was set in motion: the next check-in at the contact's cadence, the next digest.
    expect(await rows("SELECT kind, due_at, unique_key FROM nudges WHERE status = 'pending' ORDER BY due_at")).toEqual([
      { kind: "digest", due_at: Date.parse("2027-01-01T17:00:00Z"), unique_key: expect.stringMatching(/^digest:user:\d+:2027-01$/) },
      { kind: "keep_in_touch", due_at: Date.parse("2027-03-23T16:00:00Z"), unique_key: expect.stringMatching(/^keep_in_touch:contact:\d+:after:\d+$/) },
    ]);
  });

  it("never sends a nudge twice when two runs overlap", async () => {
    const ctx = createExecutionContext();
    const at = Date.parse("2026-12-08T02:00:00Z");
    await Promise.all(
      [1, 2, 3].map(() => worker.scheduled(createScheduledController({ scheduledTime: at, cron: "*/5 * * * *" }), env, ctx)),
    );
    await waitOnExecutionContext(ctx);
    await queueDrained();
    expect(await tags()).toEqual(["confirm", "digest", "prep"]);
  });

  it("catches up once after a long outage, skipping what would now be pointless", async () => {
    await cron("2026-12-23T12:00:00Z"); // nothing ran since the forward
    expect((await tags()).sort()).toEqual(["confirm", "digest", "keep_in_touch"]);
    expect(await rows("SELECT kind, status, last_error FROM nudges WHERE kind IN ('prep', 'thanks', 'thanks_followup') ORDER BY id")).toEqual([
      { kind: "prep", status: "skipped", last_error: "meeting already started" },
      { kind: "thanks", status: "skipped", last_error: "meeting too long ago for a thank-you prompt" },
      { kind: "thanks_followup", status: "skipped", last_error: "meeting too long ago for a thank-you prompt" },
    ]);
    await cron("2026-12-23T12:05:00Z");
    expect(await outbox()).toHaveLength(3);
  });

  it("sends nothing to a user who is not active, and picks up again after resume", async () => {
    await env.DB.prepare("UPDATE users SET status = 'paused'").run();
    await cron("2026-12-08T02:00:00Z");
    expect(await tags()).toEqual(["confirm"]);
    expect(await rows("SELECT DISTINCT status, last_error FROM nudges WHERE kind IN ('prep', 'digest') AND due_at < ?", Date.parse("2026-12-09T00:00:00Z"))).toEqual([
      { status: "skipped", last_error: "user is paused" },
    ]);
    // The skipped digest still planned January's, so resuming brings digests back.
    await env.DB.prepare("UPDATE users SET status = 'active'").run();
    await cron("2027-01-01T17:00:00Z");
    expect((await tags()).filter((t) => t === "digest")).toHaveLength(1);
  });

  it("sends nothing for a cancelled meeting", async () => {
    await env.DB.prepare("UPDATE meetings SET status = 'cancelled'").run();
    await env.DB.prepare("UPDATE nudges SET status = 'pending' WHERE kind = 'prep'").run();
    await cron("2026-12-08T02:00:00Z");
    expect(await tags()).toEqual(["confirm", "digest"]);
    expect(await rows("SELECT status FROM nudges WHERE kind = 'prep'")).toEqual([{ status: "cancelled" }]);
  });
});
