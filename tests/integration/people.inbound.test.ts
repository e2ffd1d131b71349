// Who a meeting is with, end to end on real local D1: what is stored for the contact (the name
// as people write it, the given name a draft greets, the company) and the meeting (the meal).
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { outbox, resetStorage, rows } from "../support/db";
import { fixture } from "../support/fixtures";
import { forwardAt } from "../support/inbound";

const NOW = Date.parse("2026-12-01T00:00:00Z");
const bindings = { ...env, ALLOWED_SENDERS: "*" };

function forward(file: string, from: string, messageId?: string) {
  return forwardAt(fixture(file), { from, now: NOW, bindings, ...(messageId ? { messageId } : {}) });
}

describe("an assistant books breakfast for her boss", () => {
  beforeEach(resetStorage);

  it("stores the boss, greeted by her given name, at her company, and the meeting as breakfast", async () => {
    await forward("people/ea-breakfast-exchange.eml", "tom.wu@gmail.com");

    expect(await rows("SELECT email, name, given_name, company FROM contacts")).toEqual([
      { email: "elena.ruiz@helios-labs.com", name: "Elena Ruiz", given_name: "Elena", company: "Helios Labs" },
    ]);
    expect(await rows("SELECT format, meal, meal_kind FROM meetings")).toEqual([{ format: "in_person", meal: 1, meal_kind: "breakfast" }]);
    expect(await rows("SELECT kind FROM nudges WHERE status = 'pending' AND meeting_id IS NOT NULL ORDER BY due_at")).toEqual([
      { kind: "prep" },
      { kind: "thanks" },
      { kind: "thanks_followup" },
      { kind: "keep_in_touch" },
    ]);
    const [confirmation] = await outbox();
    expect(confirmation!.TextBody).toContain("With:    Elena Ruiz <elena.ruiz@helios-labs.com>, Helios Labs");
  });

  it("keeps a name given by Outlook as 'Last, First' the way the person writes it", async () => {
    await forward("people/hubspot-exchange.eml", "tom.wu@gmail.com");
    expect(await rows("SELECT name, given_name, company FROM contacts")).toEqual([
      { name: "Ana de la Cruz", given_name: "Ana", company: "Orbit Analytics" },
    ]);
  });
});
