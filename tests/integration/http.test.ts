// The fetch() side: health, and the dev outbox that exists only when DEV_OUTBOX=true.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import type { Env } from "../../src/env";
import worker from "../../src/index";
import type { OutboundEmail } from "../../src/mail/mailer";
import { resetStorage } from "../support/db";
import { fakeEmailMessage } from "../support/email-message";
import { fixture } from "../support/fixtures";

async function get(path: string, bindings: Env = env): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`http://rapport.test${path}`), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

async function post(path: string, body: Uint8Array, bindings: Env = env): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`http://rapport.test${path}`, { method: "POST", body }), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

async function forward(file: string) {
  const ctx = createExecutionContext();
  await worker.email(fakeEmailMessage(fixture(file), { from: "jane@example.com", to: "meet@rapport.test" }), env, ctx);
  await waitOnExecutionContext(ctx);
}

describe("GET /health", () => {
  it("answers 200 when the configuration is valid", async () => {
    const response = await get("/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, environment: "test" });
  });
});

describe("the dev outbox", () => {
  beforeEach(resetStorage);

  it("lists, oldest first, exactly the Postmark message objects that would have been sent", async () => {
    await forward("corpus/postal-mime/google-calendar-event.eml");
    await forward("synthetic/plain-note.eml");

    const response = await get("/dev/outbox.json");
    expect(response.status).toBe(200);
    const messages = (await response.json()) as OutboundEmail[];
    expect(messages.map((m) => m.Tag)).toEqual(["confirm", "error"]);
    expect(Object.keys(messages[0]!).sort()).toEqual(
      ["Attachments", "From", "Headers", "HtmlBody", "MessageStream", "Metadata", "ReplyTo", "Subject", "Tag", "TextBody", "To"].sort(),
    );
  });

  it("shows each email as a page, newest first, with the HTML body sandboxed", async () => {
    await forward("corpus/postal-mime/google-calendar-event.eml");
    await forward("synthetic/plain-note.eml");

    const response = await get("/dev/outbox");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/html");
    const page = await response.text();
    expect(page).toContain("2 messages, newest first");
    expect(page.indexOf("Could not read")).toBeLessThan(page.indexOf("Got it: Test event"));
    expect(page).toContain('sandbox=""');
    // The email's HTML sits escaped inside srcdoc, never as live markup of this page.
    expect(page).toContain('srcdoc="&lt;!doctype html&gt;');
  });

  it("receives a message as of a chosen time on POST /dev/inbound, for the demo's journey", async () => {
    const at = Date.parse("2026-11-26T03:00:00Z");
    const response = await post(`/dev/inbound?from=jane@example.com&to=meet@rapport.test&time=${at}`, fixture("synthetic/apple-icloud-invite.eml"));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ kind: "handled" });
    const row = await env.DB.prepare("SELECT received_at FROM inbound_messages").first<{ received_at: number }>();
    expect(row?.received_at).toBe(at);
    expect((await post("/dev/inbound?from=jane@example.com&to=meet@rapport.test&time=soon", fixture("synthetic/plain-note.eml"))).status).toBe(400);
  });

  it("does not exist when DEV_OUTBOX is off", async () => {
    const production = { ...env, DEV_OUTBOX: "false", POSTMARK_SERVER_TOKEN: "token" };
    expect((await get("/dev/outbox.json", production)).status).toBe(404);
    expect((await get("/dev/outbox", production)).status).toBe(404);
    expect((await post("/dev/inbound?from=jane@example.com&to=meet@rapport.test", fixture("synthetic/plain-note.eml"), production)).status).toBe(404);
    expect((await get("/health", production)).status).toBe(200);
  });
});

describe("headers on every page and the feed (issue #11, finding 10)", () => {
  beforeEach(resetStorage);

  it("answers with nosniff, no framing and no referrer on each page, the feed and the dev outbox", async () => {
    await forward("corpus/postal-mime/google-calendar-event.eml");
    const sent = ((await (await get("/dev/outbox.json")).json()) as OutboundEmail[])[0]!;
    const unsubscribe = new URL(sent.Headers.find((h) => h.Name === "List-Unsubscribe")!.Value.slice(1, -1)).pathname;
    const feed = new URL(/https:\/\/rapport\.test\/feed\/[a-z2-7]+\.ics/.exec(sent.TextBody)![0]).pathname;
    for (const path of [unsubscribe, feed, `/me/${"a".repeat(37)}`, "/u/nonsense", "/dev/outbox", "/health"]) {
      const response = await get(path);
      expect(response.headers.get("x-content-type-options"), path).toBe("nosniff");
      expect(response.headers.get("content-security-policy"), path).toBe("frame-ancestors 'none'");
      expect(response.headers.get("referrer-policy"), path).toBe("no-referrer");
    }
  });
});
