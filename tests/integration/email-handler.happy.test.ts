// The email() entry point end to end on real local D1 and R2: a forwarded invite becomes
// rows, an archived original and one confirmation; the same message again changes nothing.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../../src/index";
import { count, outbox, rawObjectCount, resetStorage, rows } from "../support/db";
import { fakeEmailMessage } from "../support/email-message";
import { fixture } from "../support/fixtures";

async function deliver(raw: Uint8Array, from = "jane@example.com", to = "meet@rapport.test") {
  const message = fakeEmailMessage(raw, { from, to });
  const ctx = createExecutionContext();
  await worker.email(message, env, ctx);
  await waitOnExecutionContext(ctx);
  return message;
}

describe("forwarding a Google Calendar invite", () => {
  beforeEach(resetStorage);

  it("stores the user, the interviewee, the meeting and the raw message, and sends one confirmation", async () => {
    const raw = fixture("corpus/postal-mime/google-calendar-event.eml");
    const message = await deliver(raw);

    expect(message.rejected).toBeNull();
    expect(await rows("SELECT email, time_zone, status FROM users")).toEqual([
      { email: "jane@example.com", time_zone: "Europe/Tallinn", status: "active" },
    ]);
    expect(await rows("SELECT email, name, company FROM contacts")).toEqual([
      // postalsys.com is a company domain: its name is the guess.
      { email: "andris@postalsys.com", name: "Andris Reinman", company: "Postalsys" },
    ]);
    const [meeting] = await rows<Record<string, unknown>>(
      "SELECT uid, sequence, summary, starts_at, ends_at, time_zone, format, meeting_url, status FROM meetings",
    );
    expect(meeting).toEqual({
      uid: "1utaf3eftt1agbnisfcc3a5ps0@google.com",
      sequence: 0,
      summary: "Test event \u23f0",
      starts_at: Date.parse("2024-04-11T08:00:00Z"),
      ends_at: Date.parse("2024-04-11T09:00:00Z"),
      time_zone: "Europe/Tallinn",
      format: "video",
      meeting_url: "https://meet.google.com/yew-afgi-ynf",
      status: "scheduled",
    });

    const [inbound] = await rows<{ status: string; raw_key: string; message_id: string; raw_size: number }>(
      "SELECT status, raw_key, message_id, raw_size FROM inbound_messages",
    );
    expect(inbound!.status).toBe("processed");
    expect(inbound!.message_id).toBe("<calendar-7791cb16-a4f3-43ae-a9a0-ed4003535ae7@google.com>");
    const archived = await env.RAW_MAIL.get(inbound!.raw_key);
    expect(new Uint8Array(await archived!.arrayBuffer())).toEqual(raw);

    const sent = await outbox();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      To: "jane@example.com",
      From: "Rapport <rapport@rapport.test>",
      Tag: "confirm",
      MessageStream: "outbound",
      Subject: expect.stringContaining("Test event"),
    });
    expect(sent[0]!.Headers).toContainEqual({ Name: "Auto-Submitted", Value: "auto-replied" });
    expect(sent[0]!.Headers).toContainEqual({
      Name: "In-Reply-To",
      Value: "<calendar-7791cb16-a4f3-43ae-a9a0-ed4003535ae7@google.com>",
    });
    expect(await rows("SELECT kind, status FROM nudges WHERE kind = 'confirm'")).toEqual([{ kind: "confirm", status: "sent" }]);
  });

  it("ignores the same message delivered again: no new rows, no second confirmation", async () => {
    const raw = fixture("corpus/postal-mime/google-calendar-event.eml");
    await deliver(raw);
    const before = {
      inbound: await count("inbound_messages"),
      meetings: await count("meetings"),
      nudges: await count("nudges"),
      raw: await rawObjectCount(),
    };

    const again = await deliver(raw);

    expect(again.rejected).toBeNull();
    expect(await outbox()).toHaveLength(1);
    expect({
      inbound: await count("inbound_messages"),
      meetings: await count("meetings"),
      nudges: await count("nudges"),
      raw: await rawObjectCount(),
    }).toEqual(before);
  });

  it("reads an invite forwarded as an attached message (Apple Mail 'forward as attachment')", async () => {
    await deliver(fixture("synthetic/apple-icloud-invite.eml"));

    expect(await rows("SELECT email, name, company FROM contacts")).toEqual([
      // iCloud's organizer address is an imip.me.com proxy; the real one is in EMAIL=.
      { email: "sam.lee@acme-robotics.com", name: "Sam Lee", company: "Acme Robotics" },
    ]);
    expect(await rows("SELECT summary, starts_at, format, meal FROM meetings")).toEqual([
      { summary: "Coffee with Sam Lee", starts_at: Date.parse("2026-12-08T20:00:00Z"), format: "in_person", meal: 1 },
    ]);
    expect((await outbox()).map((m) => m.Tag)).toEqual(["confirm"]);
  });
});
