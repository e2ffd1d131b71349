// What email() does with mail it cannot or must not plan from: a clear answer for a user's
// unusable message, a refusal at SMTP time for strangers, silence for robots.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import worker from "../../src/index";
import { count, outbox, rawObjectCount, resetStorage, rows } from "../support/db";
import { fakeEmailMessage } from "../support/email-message";
import { fixture } from "../support/fixtures";

async function deliver(raw: Uint8Array, envelope: { from: string; to: string }, bindings = env) {
  const message = fakeEmailMessage(raw, envelope);
  const ctx = createExecutionContext();
  await worker.email(message, bindings, ctx);
  await waitOnExecutionContext(ctx);
  return message;
}

const jane = { from: "jane@example.com", to: "meet@rapport.test" };

describe("a message without an invite", () => {
  beforeEach(resetStorage);

  it("gets one specific error answer, is archived, and its row records why", async () => {
    const message = await deliver(fixture("synthetic/plain-note.eml"), jane);

    expect(message.rejected).toBeNull();
    const sent = await outbox();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.Tag).toBe("error");
    expect(sent[0]!.To).toBe("jane@example.com");
    expect(sent[0]!.Subject).toBe("Could not read \u201cCoffee with Priya next Tuesday?\u201d");
    expect(sent[0]!.TextBody).toContain("No calendar invitation was found");
    expect(sent[0]!.TextBody).toContain("Forward as attachment");
    expect(await rows("SELECT status, error_code FROM inbound_messages")).toEqual([{ status: "rejected", error_code: "no_invite" }]);
    expect(await rawObjectCount()).toBe(1);
    expect(await count("meetings")).toBe(0);
  });

  it("escapes the message's own text in the HTML answer and keeps it out of headers", async () => {
    const note = new TextDecoder().decode(fixture("synthetic/plain-note.eml"));
    // RFC 2047 lets a subject carry anything once decoded, CR/LF and markup included.
    const hostile = note.replace(
      "Subject: Coffee with Priya next Tuesday?",
      "Subject: =?UTF-8?B?" + btoa("<img src=x onerror=alert(1)>\r\nBcc: victim@example.net") + "?=",
    );
    await deliver(new TextEncoder().encode(hostile), jane);

    const [answer] = await outbox();
    expect(answer!.HtmlBody).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(answer!.HtmlBody).not.toContain("<img");
    expect(answer!.Subject).not.toMatch(/[\r\n]/);
    expect(answer!.Subject).toBe("Could not read \u201c<img src=x onerror=alert(1)> Bcc: victim@example.net\u201d");
  });
});

describe("who may write to Rapport", () => {
  beforeEach(resetStorage);

  it("refuses a sender not on ALLOWED_SENDERS at SMTP time and stores nothing", async () => {
    const message = await deliver(fixture("corpus/postal-mime/google-calendar-event.eml"), {
      from: "stranger@elsewhere.test",
      to: "meet@rapport.test",
    });

    expect(message.rejected).toBe("stranger@elsewhere.test is not allowed to use this Rapport; ask its owner to add you.");
    expect(await count("inbound_messages")).toBe(0);
    expect(await count("users")).toBe(0);
    expect(await rawObjectCount()).toBe(0);
    expect(await outbox()).toHaveLength(0);
  });

  it("admits every address of an allowed @domain", async () => {
    const message = await deliver(fixture("corpus/postal-mime/google-calendar-event.eml"), {
      from: "Student.One@College.test",
      to: "meet@rapport.test",
    });
    expect(message.rejected).toBeNull();
    expect(await rows("SELECT email FROM users")).toEqual([{ email: "student.one@college.test" }]);
  });

  it("routes by the envelope recipient: mail to another address is refused even if its To header says the inbox", async () => {
    const message = await deliver(fixture("synthetic/plain-note.eml"), { from: "jane@example.com", to: "other@rapport.test" });
    expect(message.rejected).toBe("No mailbox other@rapport.test here.");
    expect(await count("inbound_messages")).toBe(0);
  });

  it("records but never answers an auto-reply (no mail loops)", async () => {
    const note = new TextDecoder().decode(fixture("synthetic/plain-note.eml"));
    const autoReply = new TextEncoder().encode(`Auto-Submitted: auto-replied\r\n${note}`);
    const message = await deliver(autoReply, jane);

    expect(message.rejected).toBeNull();
    expect(await outbox()).toHaveLength(0);
    expect(await rows("SELECT status, error_code FROM inbound_messages")).toEqual([{ status: "ignored", error_code: "automated" }]);
  });
});
