// Invite text is attacker-controlled: nothing in it may add a header or markup to our email.
import { describe, expect, it } from "vitest";
import { composeConfirmation, type ConfirmationData } from "../../src/compose/confirmation";
import { envelope, headerSafe } from "../../src/nudges/envelope";

const sender = { from: "Rapport <rapport@example.com>", replyTo: "meet@example.com", messageStream: "outbound" };

const hostile: ConfirmationData = {
  userName: "Jane <script>",
  timeZone: "Europe/Berlin",
  meeting: {
    summary: "Coffee\r\nBcc: everyone@example.net\r\n\r\n<img src=x onerror=alert(1)>",
    start: Date.parse("2026-12-08T11:00:00Z"),
    end: Date.parse("2026-12-08T11:30:00Z"),
    allDay: false,
    startDate: null,
    endDate: null,
    location: '"><script>alert(1)</script>',
    meetingUrl: null,
    format: "in_person",
    meal: true,
    mealKind: "coffee",
    recurring: false,
    nextOccurrence: false,
  },
  previous: null,
  interviewee: { name: "Sam <b>Lee</b>", email: "sam@acme.test" },
  missing: null,
  company: "Acme & Sons",
  plan: [],
  change: "new",
  assumedZone: null,
  zoneOrigin: "invite",
  otherEvents: 0,
  feedUrl: "https://rapport.example.com/feed/abc.ics",
  now: Date.parse("2026-12-01T00:00:00Z"),
};

describe("composing from hostile invite text", () => {
  const message = envelope(composeConfirmation(hostile), { to: "jane@example.com\r\nBcc: x@y.z", tag: "confirm", autoSubmitted: "auto-replied" }, sender);

  it("keeps CR and LF out of every header", () => {
    for (const value of [message.Subject, message.To, message.From, message.ReplyTo, ...message.Headers.map((h) => h.Value)]) {
      expect(value).not.toMatch(/[\r\n]/);
    }
    expect(message.Subject).toBe("Got it: Coffee Bcc: everyone@example.net <img src=x onerror=alert(1)>, Tue 8 Dec 12:00");
  });

  it("escapes markup from the invite in the HTML body", () => {
    expect(message.HtmlBody).not.toContain("<script>");
    expect(message.HtmlBody).not.toContain("<img");
    expect(message.HtmlBody).not.toContain("<b>Lee");
    expect(message.HtmlBody).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(message.HtmlBody).toContain("Acme &amp; Sons");
  });

  it("threads only under a well-formed Message-ID", () => {
    const content = { subject: "s", text: "t", html: "h" };
    const threaded = envelope(content, { to: "a@b.c", tag: "confirm", autoSubmitted: "auto-replied", inReplyTo: "<abc@mail.test>" }, sender);
    expect(threaded.Headers).toContainEqual({ Name: "In-Reply-To", Value: "<abc@mail.test>" });
    const forged = envelope(content, { to: "a@b.c", tag: "confirm", autoSubmitted: "auto-replied", inReplyTo: "<a@b>\r\nBcc: x@y.z" }, sender);
    expect(forged.Headers.map((h) => h.Name)).toEqual(["Auto-Submitted"]);
  });

  it("caps a long subject", () => {
    expect(headerSafe("a\u2028b\tc")).toBe("a b c");
    const long = envelope({ subject: "x".repeat(1000), text: "", html: "" }, { to: "a@b.c", tag: "confirm", autoSubmitted: "auto-generated" }, sender);
    expect(long.Subject.length).toBe(200);
  });
});
