// When each nudge is due, as a table: meetings across zones and DST changes -> exact instants.
import { describe, expect, it } from "vitest";
import { nextCheckInAt, onAWorkingDay, planMeetingNudges } from "../../src/nudges/plan";

const iso = (s: string) => Date.parse(s);

function plan(start: string, end: string, zone: string, now: string) {
  return Object.fromEntries(
    planMeetingNudges({ startsAt: iso(start), endsAt: iso(end) }, zone, iso(now)).map((n) => [n.kind, new Date(n.dueAt).toISOString()]),
  );
}

describe("planMeetingNudges", () => {
  it("plans the journey in the user's zone for a lunchtime meeting ten days out", () => {
    // Tue 8 Dec 2026 12:00-12:30 in New York (EST, UTC-5).
    expect(plan("2026-12-08T17:00:00Z", "2026-12-08T17:30:00Z", "America/New_York", "2026-11-28T15:00:00Z")).toEqual({
      prep: "2026-12-07T23:00:00.000Z", // Mon 18:00 EST
      thanks: "2026-12-08T18:30:00.000Z", // an hour after it ends
      thanks_followup: "2026-12-09T23:00:00.000Z", // the next evening, 18:00
      keep_in_touch: "2026-12-22T14:00:00.000Z", // two weeks on, 09:00
    });
  });

  it("puts the prep sheet at 18:00 local on the evening before even when the clocks changed overnight", () => {
    // Mon 9 Mar 2026 10:00 EDT; New York sprang forward on Sun 8 Mar, so Sunday 18:00 is EDT (UTC-4).
    expect(plan("2026-03-09T14:00:00Z", "2026-03-09T14:30:00Z", "America/New_York", "2026-03-01T12:00:00Z").prep).toBe(
      "2026-03-08T22:00:00.000Z",
    );
    // Mon 6 Apr 2026 10:00 in Sydney; summer time ended on Sun 5 Apr, so Sunday 18:00 is AEST (UTC+10).
    expect(plan("2026-04-06T00:00:00Z", "2026-04-06T00:30:00Z", "Australia/Sydney", "2026-03-30T00:00:00Z").prep).toBe(
      "2026-04-05T08:00:00.000Z",
    );
  });

  it("never sends the thank-you prompt at night: late meetings get it at 08:00 next morning", () => {
    // Ends 20:30 in Berlin (CET): 21:30 is quiet time.
    expect(plan("2026-12-08T19:00:00Z", "2026-12-08T19:30:00Z", "Europe/Berlin", "2026-12-01T00:00:00Z").thanks).toBe(
      "2026-12-09T07:00:00.000Z",
    );
    // Ends 06:00 in Berlin: 07:00 is still quiet, so 08:00 the same morning.
    expect(plan("2026-12-08T04:30:00Z", "2026-12-08T05:00:00Z", "Europe/Berlin", "2026-12-01T00:00:00Z").thanks).toBe(
      "2026-12-08T07:00:00.000Z",
    );
  });

  it("sends the prep sheet at once when the invite arrives after the evening before", () => {
    // Forwarded at 20:00 EST the evening before a 09:00 meeting.
    expect(plan("2026-12-08T14:00:00Z", "2026-12-08T14:30:00Z", "America/New_York", "2026-12-08T01:00:00Z").prep).toBe(
      "2026-12-08T01:00:00.000Z",
    );
  });

  it("holds a late-night prep sheet until 08:00, unless the meeting is too early for that", async () => {
    // Forwarded at 23:00 EST for a 14:00 meeting the next day: 08:00 is soon enough.
    expect(plan("2026-12-08T19:00:00Z", "2026-12-08T19:30:00Z", "America/New_York", "2026-12-08T04:00:00Z").prep).toBe(
      "2026-12-08T13:00:00.000Z",
    );
    // Forwarded at 23:00 EST for a 09:00 meeting: 08:00 would be too late to prepare, so at once.
    expect(plan("2026-12-08T14:00:00Z", "2026-12-08T14:30:00Z", "America/New_York", "2026-12-08T04:00:00Z").prep).toBe(
      "2026-12-08T04:00:00.000Z",
    );
  });

  it("plans no prep for a meeting already under way or over, and no thank-you for one over a week ago", () => {
    const recent = plan("2026-12-08T17:00:00Z", "2026-12-08T17:30:00Z", "America/New_York", "2026-12-08T20:00:00Z");
    expect(recent.prep).toBeUndefined();
    expect(recent.thanks).toBe("2026-12-08T20:00:00.000Z");

    const old = plan("2026-11-01T17:00:00Z", "2026-11-01T17:30:00Z", "America/New_York", "2026-12-08T20:00:00Z");
    expect(Object.keys(old)).toEqual(["keep_in_touch"]);
    // Two weeks after the meeting has passed: at once, but not at night (15:00 EST is fine).
    expect(old.keep_in_touch).toBe("2026-12-08T20:00:00.000Z");
  });

  it("returns nudges in the order they are due", () => {
    const due = planMeetingNudges({ startsAt: iso("2026-12-08T17:00:00Z"), endsAt: iso("2026-12-08T17:30:00Z") }, "UTC", iso("2026-11-01T00:00:00Z"));
    expect(due.map((n) => n.dueAt)).toEqual([...due.map((n) => n.dueAt)].sort((a, b) => a - b));
  });
});

describe("check-ins come on working days", () => {
  const weekday = (instant: number, zone: string) => new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" }).format(instant);

  it.each([
    // [meeting start, zone, first check-in as the user reads it]
    ["2026-12-17T17:00:00Z", "America/New_York", "Monday 4 January at 09:00"], // two weeks on is New Year's Eve; then New Year's Day and a weekend
    ["2026-12-11T17:00:00Z", "America/New_York", "Monday 28 December at 09:00"], // two weeks on is Christmas Day, then the weekend
    ["2026-12-05T17:00:00Z", "Europe/London", "Monday 21 December at 09:00"], // a Saturday meeting: two weeks on is a Saturday
    ["2026-12-04T23:30:00Z", "America/New_York", "Friday 18 December at 09:00"], // Friday evening in New York: two weeks on is a Friday...
    ["2026-12-04T23:30:00Z", "Asia/Tokyo", "Monday 21 December at 09:00"], // ... and Saturday morning in Tokyo: the user's own date counts
    ["2026-12-09T17:00:00Z", "America/New_York", "Wednesday 23 December at 09:00"], // a working day stays as it is
  ])("a meeting at %s (%s): the first check-in on %s", (start, zone, expected) => {
    const due = planMeetingNudges({ startsAt: iso(start), endsAt: iso(start) + 1_800_000 }, zone, iso("2026-12-01T00:00:00Z")).find((n) => n.kind === "keep_in_touch")!;
    expect(weekday(due.dueAt, zone)).toBe(expected);
  });

  it("keeps the local clock time when the weekend it skips has a DST change", () => {
    // Sat 7 Mar 2026, 09:00 EST; New York springs forward on Sun 8 Mar: Monday 09:00 is EDT (UTC-4).
    expect(new Date(onAWorkingDay(iso("2026-03-07T14:00:00Z"), "America/New_York")).toISOString()).toBe("2026-03-09T13:00:00.000Z");
  });

  it("moves the next check-in at the contact's cadence off the weekend and the holidays", () => {
    // Done on Thu 1 Oct 2026; three months (91 days) on is Thu 31 Dec: then Mon 4 Jan, 09:00 in Berlin (CET).
    expect(new Date(nextCheckInAt(iso("2026-10-01T08:00:00Z"), 91, "Europe/Berlin")).toISOString()).toBe("2027-01-04T08:00:00.000Z");
  });
});
