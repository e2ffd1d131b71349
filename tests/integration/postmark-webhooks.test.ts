// POST /webhooks/postmark on real local D1 and R2: delivery events change the user's status the
// way Postmark's suppression list does, and an inbound message takes the email() path (with
// RawEmail; a payload without it is refused). Payloads are shaped like Postmark's documented
// webhook examples; RecordType is absent on inbound, as Postmark sends it.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Env } from "../../src/env";
import worker from "../../src/index";
import { count, outbox, resetStorage, rows } from "../support/db";
import { fixture, fixtureText } from "../support/fixtures";
import { forwardAt } from "../support/inbound";

const hooked: Env = { ...env, POSTMARK_WEBHOOK_USER: "postmark", POSTMARK_WEBHOOK_PASSWORD: "a-long-test-password" };
const AUTHORIZATION = `Basic ${btoa("postmark:a-long-test-password")}`;
// The day before the fixture invites were forwarded; their meetings are in December 2026.
const NOW = Date.parse("2026-11-26T12:00:00Z");

async function postWebhook(payload: unknown, bindings: Env = hooked): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(
    new Request("https://rapport.test/webhooks/postmark", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: AUTHORIZATION },
      body: JSON.stringify(payload),
    }),
    bindings,
    ctx,
  );
  await waitOnExecutionContext(ctx);
  return response;
}

async function statusOf(email: string): Promise<string | undefined> {
  const [user] = await rows<{ status: string }>("SELECT status FROM users WHERE email = ?", email);
  return user?.status;
}

async function setStatus(email: string, status: string): Promise<void> {
  await env.DB.prepare("UPDATE users SET status = ? WHERE email = ?").bind(status, email).run();
}

/** Jane becomes a user the ordinary way: she forwards an invite. */
async function seedJane(): Promise<void> {
  await forwardAt(fixture("synthetic/apple-icloud-invite.eml"), { now: NOW });
  expect(await statusOf("jane@example.com")).toBe("active");
}

function bounce(fields: Record<string, unknown>) {
  return {
    RecordType: "Bounce",
    MessageStream: "outbound",
    ID: 4323372036854775807,
    Type: "HardBounce",
    TypeCode: 1,
    Name: "Hard bounce",
    Tag: "prep",
    MessageID: "883953f4-6105-42a2-a16a-77a8eac79483",
    Metadata: {},
    ServerID: 23,
    Description: "The server was unable to deliver your message (ex: unknown user, mailbox not found).",
    Details: "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
    Email: "jane@example.com",
    From: "rapport@rapport.test",
    BouncedAt: "2026-11-26T12:00:00Z",
    DumpAvailable: true,
    Inactive: true,
    CanActivate: true,
    Subject: "Prep: Coffee with Sam Lee",
    Content: "",
    ...fields,
  };
}

function spamComplaint(fields: Record<string, unknown> = {}) {
  return {
    RecordType: "SpamComplaint",
    MessageStream: "outbound",
    ID: 42,
    Type: "SpamComplaint",
    TypeCode: 512,
    Name: "Spam complaint",
    Tag: "digest",
    MessageID: "00000000-0000-0000-0000-000000000000",
    Metadata: {},
    ServerID: 1234,
    Description: "",
    Details: "Test spam complaint details",
    Email: "jane@example.com",
    From: "rapport@rapport.test",
    BouncedAt: "2026-11-26T12:00:00Z",
    DumpAvailable: true,
    Inactive: true,
    CanActivate: false,
    Subject: "Your week with Rapport",
    Content: "",
    ...fields,
  };
}

function subscriptionChange(fields: Record<string, unknown>) {
  return {
    RecordType: "SubscriptionChange",
    MessageID: "883953f4-6105-42a2-a16a-77a8eac79483",
    ServerID: 123456,
    MessageStream: "outbound",
    ChangedAt: "2026-11-26T12:00:00Z",
    Recipient: "jane@example.com",
    Origin: "Recipient",
    SuppressSending: true,
    SuppressionReason: "ManualSuppression",
    Tag: "prep",
    Metadata: {},
    ...fields,
  };
}

/** Postmark's inbound JSON (no RecordType), with the headers a forward from Jane's iPhone has. */
function inboundPayload(fields: Record<string, unknown>) {
  return {
    FromName: "Jane Doe",
    MessageStream: "inbound",
    From: "jane@example.com",
    FromFull: { Email: "jane@example.com", Name: "Jane Doe", MailboxHash: "" },
    To: "meet@rapport.test",
    ToFull: [{ Email: "meet@rapport.test", Name: "", MailboxHash: "" }],
    Cc: "",
    CcFull: [],
    Bcc: "",
    BccFull: [],
    OriginalRecipient: "meet@rapport.test",
    ReplyTo: "",
    Subject: "Fwd: Invitation: Coffee with Sam Lee @ Tue Dec 8, 2026 12pm - 12:30pm (PST)",
    MessageID: "22c74902-a0c1-4511-804f-341342852c90",
    Date: "Wed, 25 Nov 2026 19:02:11 -0800",
    MailboxHash: "",
    TextBody: "Coffee with Sam next week!\n\nSent from my iPhone\n",
    HtmlBody: "",
    StrippedTextReply: "",
    Tag: "",
    Headers: [
      { Name: "Return-Path", Value: "<jane@example.com>" },
      { Name: "Received-SPF", Value: "pass (example.com: Sender is authorized to use 'jane@example.com') client-ip=192.0.2.10" },
      { Name: "X-Spam-Checker-Version", Value: "SpamAssassin 3.3.1 (2010-03-16) onrs-ord-pm-inbound1.wildbit.com" },
      { Name: "X-Spam-Status", Value: "No" },
      { Name: "X-Spam-Score", Value: "-0.1" },
      { Name: "X-Spam-Tests", Value: "DKIM_SIGNED,DKIM_VALID,DKIM_VALID_AU,SPF_PASS" },
      { Name: "MIME-Version", Value: "1.0 (1.0)" },
      { Name: "Message-Id", Value: "<5D0E4A2B-7C91-4F3A-B6D8-9E0F1A2B3C4D@example.com>" },
      { Name: "X-Mailer", Value: "iPhone Mail (22B83)" },
    ],
    Attachments: [],
    ...fields,
  };
}

const ICS = [
  "BEGIN:VCALENDAR",
  "VERSION:2.0",
  "PRODID:-//Rapport tests//Postmark inbound//EN",
  "METHOD:REQUEST",
  "BEGIN:VEVENT",
  "UID:postmark-attachment-1@northwind.example",
  "DTSTAMP:20261126T120000Z",
  "DTSTART:20261210T170000Z",
  "DTEND:20261210T173000Z",
  "SUMMARY:Informational interview with Priya Raman",
  "ORGANIZER;CN=Priya Raman:mailto:priya.raman@northwind.example",
  "ATTENDEE;CN=Jane Doe;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:jane@example.com",
  "ATTENDEE;CN=Priya Raman;PARTSTAT=ACCEPTED:mailto:priya.raman@northwind.example",
  "LOCATION:https://zoom.us/j/123456789",
  "END:VEVENT",
  "END:VCALENDAR",
  "",
].join("\r\n");

describe("POST /webhooks/postmark: delivery events", () => {
  beforeEach(async () => {
    await resetStorage();
    await seedJane();
  });

  it("suppresses the user after a hard bounce, matching the address in any case", async () => {
    const response = await postWebhook(bounce({ Email: "Jane@Example.COM" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, outcome: "suppressed" });
    expect(await statusOf("jane@example.com")).toBe("suppressed");
  });

  it.each(["BadEmailAddress", "ManuallyDeactivated"])("suppresses after a %s bounce", async (type) => {
    expect((await postWebhook(bounce({ Type: type, Inactive: false }))).status).toBe(200);
    expect(await statusOf("jane@example.com")).toBe("suppressed");
  });

  it.each([
    ["SoftBounce", 4096],
    ["Transient", 2],
    ["DnsError", 256],
    ["AutoResponder", 64],
  ])("changes nothing after a %s", async (type, code) => {
    const response = await postWebhook(bounce({ Type: type, TypeCode: code, Name: type, Inactive: false, CanActivate: true }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, outcome: "unchanged" });
    expect(await statusOf("jane@example.com")).toBe("active");
  });

  it("suppresses after any bounce that Postmark says deactivated the address", async () => {
    await postWebhook(bounce({ Type: "SoftBounce", TypeCode: 4096, Inactive: true }));
    expect(await statusOf("jane@example.com")).toBe("suppressed");
  });

  it("unsubscribes the user after a spam complaint", async () => {
    const response = await postWebhook(spamComplaint());
    expect(response.status).toBe(200);
    expect(await statusOf("jane@example.com")).toBe("unsubscribed");
  });

  it("follows a suppression: unsubscribed for a manual one, suppressed for a hard bounce or complaint", async () => {
    await postWebhook(subscriptionChange({ SuppressSending: true, SuppressionReason: "ManualSuppression" }));
    expect(await statusOf("jane@example.com")).toBe("unsubscribed");
    await postWebhook(subscriptionChange({ SuppressSending: true, SuppressionReason: "HardBounce", Origin: "Recipient" }));
    expect(await statusOf("jane@example.com")).toBe("suppressed");
    await setStatus("jane@example.com", "active");
    await postWebhook(subscriptionChange({ SuppressSending: true, SuppressionReason: "SpamComplaint" }));
    expect(await statusOf("jane@example.com")).toBe("suppressed");
  });

  it("reactivates an unsubscribed or suppressed user when Postmark lifts the suppression", async () => {
    for (const from of ["unsubscribed", "suppressed"]) {
      await setStatus("jane@example.com", from);
      const response = await postWebhook(
        subscriptionChange({ SuppressSending: false, SuppressionReason: null, Origin: "Customer" }),
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true, outcome: "active" });
      expect(await statusOf("jane@example.com")).toBe("active");
    }
  });

  it("never un-pauses a paused user on a reactivation", async () => {
    await setStatus("jane@example.com", "paused");
    const response = await postWebhook(subscriptionChange({ SuppressSending: false, SuppressionReason: null }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, outcome: "unchanged" });
    expect(await statusOf("jane@example.com")).toBe("paused");
  });

  it("answers 200 and changes nothing for an address with no user", async () => {
    const before = await rows("SELECT * FROM users ORDER BY id");
    for (const payload of [
      bounce({ Email: "nobody@example.com" }),
      spamComplaint({ Email: "nobody@example.com" }),
      subscriptionChange({ Recipient: "nobody@example.com", SuppressSending: true }),
      subscriptionChange({ Recipient: "nobody@example.com", SuppressSending: false }),
    ]) {
      const response = await postWebhook(payload);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true, outcome: "no_user" });
    }
    expect(await rows("SELECT * FROM users ORDER BY id")).toEqual(before);
  });

  it("acknowledges record types it does not use, so Postmark does not retry them", async () => {
    const before = await rows("SELECT * FROM users ORDER BY id");
    const delivery = {
      RecordType: "Delivery",
      ServerID: 23,
      MessageStream: "outbound",
      MessageID: "883953f4-6105-42a2-a16a-77a8eac79483",
      Recipient: "jane@example.com",
      Tag: "prep",
      DeliveredAt: "2026-11-26T12:00:00Z",
      Details: "Test delivery webhook details",
      Metadata: {},
    };
    const response = await postWebhook(delivery);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, ignored: true });
    expect(await rows("SELECT * FROM users ORDER BY id")).toEqual(before);
  });
});

describe("POST /webhooks/postmark: inbound", () => {
  beforeEach(async () => {
    await resetStorage();
    // The route reads the clock (it is the edge); pin it so the December meetings stay ahead.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("takes a forward with RawEmail like email() does, and a repeat of it changes nothing", async () => {
    const payload = inboundPayload({ RawEmail: fixtureText("synthetic/apple-icloud-invite.eml") });

    const response = await postWebhook(payload);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, outcome: "processed" });

    expect(await rows("SELECT email, status FROM users")).toEqual([{ email: "jane@example.com", status: "active" }]);
    expect(await rows("SELECT uid, summary, status FROM meetings")).toEqual([
      { uid: "8C1B2E4F-6A7D-4B3E-9F21-0D5C7E9A1B2C", summary: "Coffee with Sam Lee", status: "scheduled" },
    ]);
    expect(await rows("SELECT message_id, envelope_from, envelope_to, received_at, status FROM inbound_messages")).toEqual([
      {
        message_id: "<5D0E4A2B-7C91-4F3A-B6D8-9E0F1A2B3C4D@example.com>",
        envelope_from: "jane@example.com",
        envelope_to: "meet@rapport.test",
        received_at: NOW,
        status: "processed",
      },
    ]);
    // The archived original is RawEmail, byte for byte.
    const [{ raw_key }] = (await rows<{ raw_key: string }>("SELECT raw_key FROM inbound_messages")) as [{ raw_key: string }];
    expect(new Uint8Array(await (await env.RAW_MAIL.get(raw_key))!.arrayBuffer())).toEqual(fixture("synthetic/apple-icloud-invite.eml"));

    const sent = await outbox();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ To: "jane@example.com", Tag: "confirm" });

    // Postmark retries a webhook it thinks failed: the same payload again.
    const again = await postWebhook(payload);
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ ok: true, outcome: "duplicate" });
    expect(await outbox()).toHaveLength(1);
    expect(await count("meetings")).toBe(1);
    expect(await count("inbound_messages")).toBe(1);
  });

  it("refuses (403, so Postmark stops retrying) a payload without RawEmail, and stores nothing", async () => {
    const payload = inboundPayload({
      Attachments: [{ Name: "invite.ics", Content: btoa(ICS), ContentType: "text/calendar", ContentLength: ICS.length }],
    });
    const response = await postWebhook(payload);
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({ error: "RawEmail missing: turn on raw email content for the inbound stream" });
    expect(await count("inbound_messages")).toBe(0);
    expect(await count("meetings")).toBe(0);
    expect(await outbox()).toEqual([]);
  });

  it("identifies a message without a Message-ID header by Postmark's MessageID, so retries are duplicates", async () => {
    const raw = ["From: Jane Doe <jane@example.com>", "To: meet@rapport.test", "Subject: Fwd: Priya", "MIME-Version: 1.0",
      "Content-Type: text/calendar; method=REQUEST; charset=utf-8", "", ICS].join("\r\n");
    const payload = inboundPayload({ Headers: [{ Name: "X-Spam-Status", Value: "No" }], RawEmail: raw });
    expect((await postWebhook(payload)).status).toBe(200);
    expect(await rows("SELECT message_id FROM inbound_messages")).toEqual([
      { message_id: "<postmark-22c74902-a0c1-4511-804f-341342852c90@rapport.invalid>" },
    ]);
    expect(await rows("SELECT uid FROM meetings")).toEqual([{ uid: "postmark-attachment-1@northwind.example" }]);
    expect(await (await postWebhook(payload)).json()).toMatchObject({ outcome: "duplicate" });
    expect(await outbox()).toHaveLength(1);
  });

  it("refuses (403, so Postmark stops retrying) a sender who is not allowed; nothing is stored", async () => {
    const payload = inboundPayload({
      From: "mallory@elsewhere.example",
      FromFull: { Email: "mallory@elsewhere.example", Name: "Mallory", MailboxHash: "" },
      RawEmail: fixtureText("synthetic/apple-icloud-invite.eml"),
    });
    const response = await postWebhook(payload);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: string }).error).toContain("mallory@elsewhere.example is not allowed");
    expect(await count("users")).toBe(0);
    expect(await count("inbound_messages")).toBe(0);
    expect(await count("meetings")).toBe(0);
    expect(await outbox()).toHaveLength(0);
  });

  it("routes by OriginalRecipient: mail to another address at our domain is refused", async () => {
    const response = await postWebhook(
      inboundPayload({ OriginalRecipient: "someone@rapport.test", RawEmail: fixtureText("synthetic/apple-icloud-invite.eml") }),
    );
    expect(response.status).toBe(403);
    expect(await count("inbound_messages")).toBe(0);
  });

  it("answers 500 on a transient failure (R2 down), so Postmark retries, with nothing recorded", async () => {
    const failingBucket = {
      put: async () => {
        throw new Error("R2 is unavailable");
      },
    } as unknown as R2Bucket;
    const response = await postWebhook(inboundPayload({ RawEmail: fixtureText("synthetic/apple-icloud-invite.eml") }), {
      ...hooked,
      RAW_MAIL: failingBucket,
    });
    expect(response.status).toBe(500);
    expect(await count("inbound_messages")).toBe(0);

    // Postmark's retry, with R2 back, goes through.
    expect((await postWebhook(inboundPayload({ RawEmail: fixtureText("synthetic/apple-icloud-invite.eml") }))).status).toBe(200);
    expect(await count("meetings")).toBe(1);
  });
});
