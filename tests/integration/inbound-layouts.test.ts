// Invites in layouts the corpus does not cover, through the real inbound path: several
// meetings in one message, a big resume alongside, a calendar in Windows-1252, forwards of
// forwards, and a message nested past the limit.
import { beforeEach, describe, expect, it } from "vitest";
import { outbox, resetStorage, rows } from "../support/db";
import { forwardAt } from "../support/inbound";
import { base64Lines, calendar, message, multipart, part } from "../support/mime-builder";

const NOW = Date.parse("2026-11-26T09:00:00Z");
let counter = 0;

async function forward(body: Uint8Array) {
  counter += 1;
  const raw = message(
    { From: "Jane Doe <jane@example.com>", To: "meet@rapport.test", Subject: "Fwd: coffee", "Message-ID": `<layout-${counter}@example.com>`, "MIME-Version": "1.0" },
    body,
  );
  return forwardAt(raw, { now: NOW });
}

const calendarPart = (text: string, type = "text/calendar; charset=utf-8; method=REQUEST") =>
  part({ "Content-Type": type, "Content-Transfer-Encoding": "8bit" }, text);
const textPart = (text: string) => part({ "Content-Type": "text/plain; charset=utf-8" }, text);

describe("invites in other layouts", () => {
  beforeEach(resetStorage);

  it("plans one meeting per distinct calendar in a message and confirms each", async () => {
    await forward(
      multipart("mixed", "two-cals", [
        textPart("Two coffees next week"),
        calendarPart(calendar("first@test", "20261201T100000", "Coffee with Priya")),
        calendarPart(calendar("second@test", "20261203T150000", "Lunch with Priya")),
      ]),
    );
    expect(await rows("SELECT uid, summary FROM meetings ORDER BY id")).toEqual([
      { uid: "first@test", summary: "Coffee with Priya" },
      { uid: "second@test", summary: "Lunch with Priya" },
    ]);
    expect((await outbox()).map((m) => m.Subject)).toEqual([
      "Got it: Coffee with Priya, Tue 1 Dec 10:00",
      "Got it: Lunch with Priya, Thu 3 Dec 15:00",
    ]);
  });

  it("reads the invite next to a 3 MB resume attachment", async () => {
    const resume = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 7919) % 251);
    await forward(
      multipart("mixed", "with-resume", [
        textPart("Invite below, resume attached"),
        calendarPart(calendar("resume@test", "20261201T100000", "Coffee with Priya")),
        part(
          { "Content-Type": "application/pdf; name=resume.pdf", "Content-Disposition": "attachment; filename=resume.pdf", "Content-Transfer-Encoding": "base64" },
          base64Lines(resume),
        ),
      ]),
    );
    expect(await rows("SELECT summary FROM meetings")).toEqual([{ summary: "Coffee with Priya" }]);
  });

  it.each([
    ["a text/calendar part declared windows-1252, quoted-printable", "cp1252-qp"],
    ["an .ics attachment in Windows-1252 that does not say so", "cp1252-file"],
  ])("reads %s", async (_layout, uid) => {
    const text = calendar(`${uid}@test`, "20261201T100000", "Kaffee im Caf\u00e9 M\u00fcller");
    // Windows-1252 has one byte for each of these characters (\u00e9 = 0xE9, \u00fc = 0xFC).
    const bytes = Uint8Array.from([...text].map((ch) => ch.charCodeAt(0)));
    const qp = [...bytes].map((b) => (b > 126 || b === 61 ? `=${b.toString(16).toUpperCase().padStart(2, "0")}` : String.fromCharCode(b))).join("");
    const attached =
      uid === "cp1252-qp"
        ? part({ "Content-Type": "text/calendar; charset=windows-1252; method=REQUEST", "Content-Transfer-Encoding": "quoted-printable" }, qp)
        : part({ "Content-Type": "application/octet-stream; name=invite.ics", "Content-Disposition": "attachment; filename=invite.ics", "Content-Transfer-Encoding": "base64" }, base64Lines(bytes));
    await forward(multipart("mixed", uid, [textPart("see invite"), attached]));
    expect(await rows("SELECT summary FROM meetings")).toEqual([{ summary: "Kaffee im Caf\u00e9 M\u00fcller" }]);
  });

  it("finds the invite inside a forward of a forward, each attached as a message", async () => {
    const original = message(
      { From: "priya@globex.example", To: "jane@example.com", Subject: "Invitation", "MIME-Version": "1.0" },
      multipart("alternative", "orig", [textPart("You are invited"), calendarPart(calendar("nested@test", "20261201T100000", "Coffee with Priya"))]),
    );
    const firstForward = message(
      { From: "assistant@example.com", To: "jane@example.com", Subject: "Fwd: Invitation", "MIME-Version": "1.0" },
      multipart("mixed", "fwd1", [textPart("For you"), part({ "Content-Type": "message/rfc822", "Content-Disposition": "attachment" }, original)]),
    );
    await forward(multipart("mixed", "fwd2", [textPart("FYI"), part({ "Content-Type": "message/rfc822", "Content-Disposition": "attachment" }, firstForward)]));
    expect(await rows("SELECT uid FROM meetings")).toEqual([{ uid: "nested@test" }]);
  });

  it("finds the invite inside a forwarded message (inline message/rfc822) beside a 3 MB attachment in it", async () => {
    const resume = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 31) % 253);
    const original = message(
      { From: "priya@globex.example", To: "jane@example.com", Subject: "Invitation", "MIME-Version": "1.0" },
      multipart("mixed", "orig-big", [
        multipart("alternative", "orig-alt", [textPart("You are invited"), calendarPart(calendar("inline-fwd@test", "20261201T100000", "Coffee with Priya"))]),
        part({ "Content-Type": "application/pdf", "Content-Disposition": "attachment; filename=cv.pdf", "Content-Transfer-Encoding": "base64" }, base64Lines(resume)),
      ]),
    );
    await forward(multipart("mixed", "fwd-inline", [textPart("See below"), part({ "Content-Type": "message/rfc822" }, original)]));
    expect(await rows("SELECT uid, summary FROM meetings")).toEqual([{ uid: "inline-fwd@test", summary: "Coffee with Priya" }]);
  });

  it("answers too_deep for a message nested past the limit, without crashing", async () => {
    let body = calendarPart(calendar("deep@test", "20261201T100000", "Deep"));
    for (let level = 0; level < 40; level += 1) body = multipart("mixed", `b${level}`, [body]);
    const outcome = await forward(body);

    expect(outcome).toMatchObject({ kind: "handled", status: "rejected" });
    expect(await rows("SELECT error_code FROM inbound_messages")).toEqual([{ error_code: "too_deep" }]);
    expect((await outbox())[0]!.Tag).toBe("error");
  });
});
