// Updates and cancellations through the real inbound path and D1 (RFC 5546): a newer
// SEQUENCE moves the meeting and its pending nudges, an older one is ignored, CANCEL cancels.
import { beforeAll, describe, expect, it } from "vitest";
import { outbox, resetStorage, rows } from "../support/db";
import { fixture, fixtureText } from "../support/fixtures";
import { forwardAt } from "../support/inbound";

const original = fixtureText("synthetic/apple-icloud-invite.eml");
const NOW = Date.parse("2026-11-26T03:00:00Z");

/** The Apple invite with edits, under a new Message-ID (each is a separate email). */
function variant(id: string, edits: [string, string][]): Uint8Array {
  let text = original.replace("<5D0E4A2B-7C91-4F3A-B6D8-9E0F1A2B3C4D@example.com>", `<${id}@example.com>`);
  for (const [from, to] of edits) {
    if (!text.includes(from)) throw new Error(`fixture has no ${from}`);
    text = text.split(from).join(to);
  }
  return new TextEncoder().encode(text);
}

const forward = (raw: Uint8Array) => forwardAt(raw, { now: NOW });

const pending = () =>
  rows<{ kind: string; due_at: number }>("SELECT kind, due_at FROM nudges WHERE status = 'pending' AND meeting_id IS NOT NULL ORDER BY due_at");
const iso = (ms: number) => new Date(ms).toISOString();

describe("cancelling one occurrence of a series", () => {
  beforeAll(resetStorage);

  it("cancels the planned occurrence when a CANCEL names it by RECURRENCE-ID", async () => {
    const weekly: [string, string] = ["SEQUENCE:0", "SEQUENCE:0\r\nRRULE:FREQ=3DWEEKLY;COUNT=3D4"];
    await forward(variant("series", [weekly]));
    expect(await rows("SELECT recurrence_id, starts_at FROM meetings")).toEqual([
      { recurrence_id: "", starts_at: Date.parse("2026-12-08T20:00:00Z") },
    ]);

    await forward(
      variant("series-cancel-one", [
        ["METHOD:REQUEST", "METHOD:CANCEL"],
        ["SEQUENCE:0", "SEQUENCE:1\r\nRECURRENCE-ID;TZID=3DAmerica/Los_Angeles:20261208T120000"],
      ]),
    );
    expect(await rows("SELECT status FROM meetings")).toEqual([{ status: "cancelled" }]);
    expect((await outbox()).at(-1)!.Subject).toBe("Cancelled: Coffee with Sam Lee, Tue 8 Dec 12:00");
  });
});

describe("a meeting's life through invite updates", () => {
  beforeAll(resetStorage);

  it("creates the meeting and its plan from the first invite", async () => {
    await forward(variant("v0", []));
    expect((await pending()).map((n) => [n.kind, iso(n.due_at)])).toEqual([
      ["prep", "2026-12-08T02:00:00.000Z"],
      ["thanks", "2026-12-08T21:30:00.000Z"],
      ["thanks_followup", "2026-12-10T02:00:00.000Z"],
      ["keep_in_touch", "2026-12-22T17:00:00.000Z"],
    ]);
  });

  it("moves the meeting and every pending nudge when SEQUENCE goes up", async () => {
    await forward(
      variant("v1", [
        ["SEQUENCE:0", "SEQUENCE:1"],
        ["20261208T120000", "20261209T150000"],
        ["20261208T123000", "20261209T153000"],
      ]),
    );
    expect(await rows("SELECT sequence, starts_at, status FROM meetings")).toEqual([
      { sequence: 1, starts_at: Date.parse("2026-12-09T23:00:00Z"), status: "scheduled" },
    ]);
    expect((await pending()).map((n) => [n.kind, iso(n.due_at)])).toEqual([
      ["prep", "2026-12-09T02:00:00.000Z"],
      ["thanks", "2026-12-10T00:30:00.000Z"],
      ["thanks_followup", "2026-12-11T02:00:00.000Z"],
      ["keep_in_touch", "2026-12-23T17:00:00.000Z"],
    ]);
    const last = (await outbox()).at(-1)!;
    expect(last.Subject).toBe("Updated: Coffee with Sam Lee, Wed 9 Dec 15:00");
    expect(last.TextBody).toContain(
      "What changed:\n  - Time: was Tuesday 8 December, 12:00\u201312:30, now Wednesday 9 December, 15:00\u201315:30\n",
    );
  });

  it("ignores an older version arriving late, and says so", async () => {
    await forward(variant("v0-late", []));
    expect(await rows("SELECT sequence, starts_at FROM meetings")).toEqual([
      { sequence: 1, starts_at: Date.parse("2026-12-09T23:00:00Z") },
    ]);
    expect((await outbox()).at(-1)!.Subject).toBe("Older version ignored: Coffee with Sam Lee");
  });

  it("cancels the meeting and its pending nudges on CANCEL", async () => {
    await forward(variant("v2-cancel", [["METHOD:REQUEST", "METHOD:CANCEL"], ["SEQUENCE:0", "SEQUENCE:2"]]));
    expect(await rows("SELECT status FROM meetings")).toEqual([{ status: "cancelled" }]);
    expect(await pending()).toEqual([]);
    const last = (await outbox()).at(-1)!;
    expect(last.Subject).toBe("Cancelled: Coffee with Sam Lee, Wed 9 Dec 15:00");
    expect(last.TextBody).toContain("I removed the 4 reminders I had planned for it.");
  });
});

describe("calendar messages that are not invitations", () => {
  beforeAll(resetStorage);

  it("answers an RSVP (METHOD:REPLY) with a short note and plans nothing", async () => {
    await forwardAt(fixture("corpus/calmailproc/test-05-2.eml"), { now: NOW });
    expect(await rows("SELECT count(*) AS n FROM meetings")).toEqual([{ n: 0 }]);
    const [note] = await outbox();
    expect(note!.Subject).toBe("Nothing to plan: Akzeptiert: Einladung: Test 5");
    expect(note!.TextBody).toContain("This is an answer to an invitation (someone accepting or declining), so nothing changed.");
  });
});
