// Issue #12, point 2: only what may hold a calendar is read. A resume beside the invite (or
// inside a forwarded message) must cost next to nothing: its body never reaches postal-mime,
// while the calendars found stay exactly the same.
import PostalMime from "postal-mime";
import { describe, expect, it } from "vitest";
import { calendarOnly } from "../../src/inbound/calendar-parts";
import { understandInvite } from "../../src/inbound/invite";
import { base64Lines, calendar, message, multipart, part } from "../support/mime-builder";

const NOW = Date.parse("2026-11-26T09:00:00Z");
const resume = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 7919) % 251);
const pdf = part(
  { "Content-Type": "application/pdf; name=resume.pdf", "Content-Disposition": "attachment; filename=resume.pdf", "Content-Transfer-Encoding": "base64" },
  base64Lines(resume),
);
const text = (body: string) => part({ "Content-Type": "text/plain; charset=utf-8" }, body);
const invite = (uid: string) => part({ "Content-Type": "text/calendar; charset=utf-8; method=REQUEST" }, calendar(uid, "20261201T100000", "Coffee with Priya"));
const headers = { From: "Jane Doe <jane@example.com>", To: "meet@rapport.test", Subject: "Fwd: coffee", "Message-ID": "<parts@example.com>", "MIME-Version": "1.0" };

async function calendarsOf(raw: Uint8Array): Promise<string[]> {
  const email = await PostalMime.parse(raw);
  return email.attachments.filter((a) => a.mimeType === "text/calendar").map((a) => (typeof a.content === "string" ? a.content : new TextDecoder().decode(a.content)));
}

describe("reading only the calendar parts", () => {
  it("leaves a 3 MB resume out and finds the same calendar", async () => {
    const raw = message(headers, multipart("mixed", "outer", [text("Invite below, resume attached"), invite("resume@test"), pdf]));
    const slim = calendarOnly(raw);
    expect(raw.byteLength).toBeGreaterThan(4_000_000);
    expect(slim.byteLength).toBeLessThan(5_000);
    expect(await calendarsOf(slim)).toEqual(await calendarsOf(raw));
    expect((await PostalMime.parse(slim)).text).toBe((await PostalMime.parse(raw)).text);
  });

  it("reads an invite inside a forwarded message (inline message/rfc822) that carries a 3 MB resume of its own", async () => {
    const original = message(
      { From: "priya@globex.example", To: "jane@example.com", Subject: "Invitation", "MIME-Version": "1.0" },
      multipart("mixed", "orig", [multipart("alternative", "alt", [text("You are invited"), invite("inner@test")]), pdf]),
    );
    const raw = message(headers, multipart("mixed", "fwd", [text("FYI"), part({ "Content-Type": "message/rfc822" }, original)]));
    expect(calendarOnly(raw).byteLength).toBeLessThan(6_000);
    const result = await understandInvite(raw, { user: "jane@example.com", defaultTimeZone: "UTC", now: NOW });
    expect(result.ok && result.invite.meetings.map((m) => m.event.uid)).toEqual(["inner@test"]);
  });

  it("keeps a .ics attachment of any declared type, and tells a boundary from a longer one it begins", async () => {
    const ics = part(
      { "Content-Type": "application/octet-stream; name=invite.ics", "Content-Disposition": "attachment; filename=invite.ics", "Content-Transfer-Encoding": "base64" },
      base64Lines(new TextEncoder().encode(calendar("file@test", "20261201T100000", "Lunch"))),
    );
    const raw = message(headers, multipart("mixed", "b1", [text("see"), multipart("mixed", "b10", [pdf, ics])]));
    const slim = calendarOnly(raw);
    expect(slim.byteLength).toBeLessThan(5_000);
    const result = await understandInvite(raw, { user: "jane@example.com", defaultTimeZone: "UTC", now: NOW });
    expect(result.ok && result.invite.meetings.map((m) => m.event.uid)).toEqual(["file@test"]);
  });

  it("leaves a message it cannot walk (no closing boundary) for postal-mime to read as before", async () => {
    const raw = new TextEncoder().encode(
      "Content-Type: multipart/mixed; boundary=z\r\n\r\n--z\r\nContent-Type: text/calendar\r\n\r\n" + calendar("open@test", "20261201T100000", "Open"),
    );
    expect(await calendarsOf(calendarOnly(raw))).toEqual(await calendarsOf(raw));
  });
});
