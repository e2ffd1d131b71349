// How an invite's TZID becomes UTC: IANA, Windows names, custom VTIMEZONEs, display names,
// and the rule that one message's zone definitions never leak into another's parse.
import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { readCalendar } from "../../src/inbound/calendar";
import { resolveTzid } from "../../src/inbound/timezones";

const none = new Map<string, ICAL.Component>();
const around = Date.parse("2026-06-01T00:00:00Z");

function calendar(tzid: string, vtimezone = ""): string {
  return [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "METHOD:REQUEST",
    vtimezone,
    "BEGIN:VEVENT",
    "UID:tz-test",
    "DTSTAMP:20260101T000000Z",
    `DTSTART;TZID="${tzid}":20260715T100000`,
    `DTEND;TZID="${tzid}":20260715T103000`,
    "SUMMARY:Zone test",
    "END:VEVENT",
    "END:VCALENDAR",
    "",
  ]
    .filter(Boolean)
    .join("\r\n");
}

const startOf = (text: string) =>
  new Date(readCalendar(text, { mimeMethod: null, floatingZone: "UTC", now: 0 }).events[0]!.start).toISOString();

describe("resolveTzid", () => {
  it.each([
    ["Europe/Berlin", "Europe/Berlin"],
    ["/mozilla.org/20050126_1/America/New_York", "America/New_York"],
    ["Pacific Standard Time", "America/Los_Angeles"],
    ["W. Europe Standard Time", "Europe/Berlin"],
    ["FLE", "Europe/Helsinki"],
    ["(UTC-05:00) Eastern Time (US & Canada)", "America/New_York"],
  ])("maps %s to the IANA zone %s", (tzid, iana) => {
    expect(resolveTzid(tzid, none, around)).toEqual({ kind: "iana", name: iana });
  });

  it("falls back to the offset a display name states when it names no known place", () => {
    expect(resolveTzid("(UTC+05:45) Somewhere Unlisted", none, around)).toEqual({ kind: "fixed", offsetMs: (5 * 60 + 45) * 60_000 });
  });

  it("gives up on a name it cannot place at all (the caller then uses the user's zone and says so)", () => {
    expect(resolveTzid("tzone://Microsoft/Custom", none, around)).toBeNull();
  });
});

describe("invites on the Sundays the clocks change", () => {
  it.each([
    ["New York, spring forward: 02:30 does not exist, read as 03:30 EDT", "America/New_York", "20260308T023000", "2026-03-08T07:30:00.000Z"],
    ["New York, fall back: 01:30 happens twice, the first (EDT) is meant", "America/New_York", "20261101T013000", "2026-11-01T05:30:00.000Z"],
    ["Sydney, autumn fall back: 02:30 happens twice, the first (AEDT) is meant", "Australia/Sydney", "20260405T023000", "2026-04-04T15:30:00.000Z"],
    ["Sydney, spring forward: 02:30 does not exist, read as 03:30 AEDT", "Australia/Sydney", "20261004T023000", "2026-10-03T16:30:00.000Z"],
    ["Windows zone name on Berlin's spring-forward morning", "W. Europe Standard Time", "20260329T100000", "2026-03-29T08:00:00.000Z"],
  ])("%s", (_name, tzid, local, expected) => {
    const text = calendar(tzid).replace(/20260715T100000/, local).replace(/DTEND[^\r]*\r\n/, "");
    expect(startOf(text)).toBe(expected);
  });
});

describe("zone isolation between messages", () => {
  // A sender defines "Eastern" with a nonsense fixed +09:00 offset in its own VTIMEZONE.
  const bogusEastern = [
    "BEGIN:VTIMEZONE",
    "TZID:Eastern",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0900",
    "TZOFFSETTO:+0900",
    "END:STANDARD",
    "END:VTIMEZONE",
  ].join("\r\n");

  it("uses a message's own VTIMEZONE for that message only", () => {
    expect(startOf(calendar("Eastern", bogusEastern))).toBe("2026-07-15T01:00:00.000Z");
    // The next message says "Eastern" without defining it: US Eastern (EDT), not the bogus zone.
    expect(startOf(calendar("Eastern"))).toBe("2026-07-15T14:00:00.000Z");
    expect(ICAL.TimezoneService.has("Eastern")).toBe(false);
  });
});
