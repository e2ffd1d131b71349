// Issue #11, findings 1 and 2: one small invite must not burn the Worker's CPU. Impossible or
// too-frequent repeat rules are not expanded (the first occurrence stands, and the reader says
// why), and a calendar with thousands of events is refused before any is read. Each invite is
// read in a child process with a kill timer, since a spinning parse cannot be interrupted
// from inside; what is asserted is the work counter and the answer, never the time.
import { afterAll, describe, expect, it } from "vitest";
import { BoundedInviteRunner, type ChildAnswer } from "./support/bounded-run";

const NOW = "2026-11-26T12:00:00Z";
const BUDGET = 100_000;
const runner = new BoundedInviteRunner(10_000);
afterAll(() => runner.stop());

function vevent(uid: string, rrule: string, start = "20261102T100000Z"): string[] {
  return [
    "BEGIN:VEVENT",
    `UID:${uid}`,
    "DTSTAMP:20261101T000000Z",
    `DTSTART:${start}`,
    "DURATION:PT30M",
    "SUMMARY:Coffee with Priya",
    "ORGANIZER;CN=Priya Raman:mailto:priya@globex.example",
    "ATTENDEE;CN=Jane Doe:mailto:jane@example.com",
    ...(rrule ? [`RRULE:${rrule}`] : []),
    "END:VEVENT",
  ];
}

function calendar(events: string[][]): string {
  return ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rapport tests//EN", "METHOD:REQUEST", ...events.flat(), "END:VCALENDAR", ""].join("\r\n");
}

async function read(text: string): Promise<ChildAnswer> {
  const result = await runner.run(text, NOW, BUDGET);
  if (result.killed) throw new Error(`the parse did not end: killed after ${result.afterMs} ms`);
  return result.answer;
}

describe("repeat rules that must not be expanded", () => {
  it.each([
    ["day 30 of February, daily (the 80 s invite)", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", "BYMONTHDAY"],
    ["day 30 of February, hourly", "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30", "HOURLY"],
    ["day 30 of February, every second", "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30", "SECONDLY"],
    ["every minute", "FREQ=MINUTELY", "MINUTELY"],
    ["every hour", "FREQ=HOURLY;INTERVAL=1", "HOURLY"],
    ["31 April, daily", "FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31", "BYMONTHDAY"],
    ["31 February or June, monthly", "FREQ=MONTHLY;BYMONTH=2,6;BYMONTHDAY=31", "BYMONTHDAY"],
    ["the 9th Monday of April", "FREQ=YEARLY;BYMONTH=4;BYDAY=MO;BYSETPOS=9", "BYSETPOS"],
    ["the first Monday of April, on the 15th to 21st", "FREQ=YEARLY;BYMONTH=4;BYDAY=1MO;BYMONTHDAY=15,16,17,18,19,20,21", "BYDAY"],
    ["a week number that does not exist", "FREQ=YEARLY;BYWEEKNO=54", "BYWEEKNO"],
    ["a day of the year that does not exist", "FREQ=YEARLY;BYYEARDAY=367", "BYYEARDAY"],
    ["week 20 in December", "FREQ=YEARLY;BYWEEKNO=20;BYMONTH=12", "BYWEEKNO"],
    ["March, every twelve months from November", "FREQ=MONTHLY;INTERVAL=12;BYMONTH=3", "BYMONTH"],
    ["Tuesdays, every seven days from a Monday", "FREQ=DAILY;INTERVAL=7;BYDAY=TU", "BYDAY"],
    ["the last day of the month, daily (ical.js never matches it)", "FREQ=DAILY;BYMONTHDAY=-1", "BYMONTHDAY"],
    ["the first Monday, daily (ical.js never matches it)", "FREQ=DAILY;BYDAY=1MO", "BYDAY"],
  ])("keeps the first occurrence of %s, says why, and stays within the work budget", async (_name, rule, named) => {
    const start = rule.includes("INTERVAL=7;BYDAY=TU") ? "20261102T100000Z" : "20261103T100000Z";
    const answer = await read(calendar([vevent("rule@test", rule, start)]));
    expect(answer).toMatchObject({ ok: true, nextOccurrence: false, start: new Date(Date.parse(`${start.slice(0, 4)}-${start.slice(4, 6)}-${start.slice(6, 8)}T10:00:00Z`)).toISOString() });
    expect(answer.notExpanded).toContain(named);
    expect(answer.spent).toBeLessThanOrEqual(BUDGET);
  });

  it("still expands a plain weekly series to its next occurrence, drawing on the work budget", async () => {
    const answer = await read(calendar([vevent("weekly@test", "FREQ=WEEKLY;BYDAY=TU")]));
    expect(answer).toMatchObject({ ok: true, nextOccurrence: true, start: "2026-12-01T10:00:00.000Z", notExpanded: null });
    expect(answer.spent).toBeGreaterThan(0);
  });

  it("expands a sparse but possible rule (29 February, daily) to its next occurrence", async () => {
    const answer = await read(calendar([vevent("leap@test", "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29", "20240229T100000Z")]));
    expect(answer).toMatchObject({ ok: true, nextOccurrence: true, start: "2028-02-29T10:00:00.000Z" });
    expect(answer.spent).toBeLessThanOrEqual(BUDGET);
  });

  it("stops an expensive series walked from 1900 at the work budget and keeps its first occurrence", async () => {
    const answer = await read(calendar([vevent("old@test", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1", "19000131T100000Z")]));
    expect(answer.ok).toBe(true);
    expect(answer.spent).toBeLessThanOrEqual(BUDGET);
    if (!answer.nextOccurrence) expect(answer.notExpanded).toMatch(/work budget/);
  });

  it("keeps the first occurrence of a rule ical.js cannot read, rather than dropping the meeting", async () => {
    const answer = await read(calendar([vevent("broken@test", "FREQ=DAILY;BYWEEKNO=99")]));
    expect(answer).toMatchObject({ ok: true, nextOccurrence: false, start: "2026-11-02T10:00:00.000Z" });
    expect(answer.notExpanded).toBeTruthy();
  });
});

describe("calendars with too many events", () => {
  it("refuses 6,000 events of FREQ=SECONDLY with too_large before expanding any", async () => {
    // Minimal events, so the calendar stays under the 512 KB size cap (684 KB in the attack).
    const events = Array.from({ length: 6000 }, (_, i) => ["BEGIN:VEVENT", `UID:f${i}`, "DTSTART:20261102T100000Z", "RRULE:FREQ=SECONDLY", "END:VEVENT"]);
    const answer = await read(calendar(events));
    expect(answer).toMatchObject({ ok: false, code: "too_large" });
    expect(answer.spent).toBe(0);
  });

  it("still reads a series with a handful of moved occurrences", async () => {
    const events = [vevent("series@test", "FREQ=WEEKLY;BYDAY=TU")];
    for (let i = 0; i < 10; i += 1) events.push([...vevent("series@test", "").slice(0, -1), `RECURRENCE-ID:202611${String(10 + i).padStart(2, "0")}T100000Z`, "END:VEVENT"]);
    const answer = await read(calendar(events));
    expect(answer).toMatchObject({ ok: true, meetings: 1 });
  });
});
