// Property (issue #11): whatever a repeat rule says and however many events carry it, reading
// the invite ends within the work budget with a typed answer. Rules are real ones with their
// parts mutated (frequencies, intervals, BY-values in and out of range, COUNT and UNTIL), over
// 1 to 60 events. The seed is new on each run and printed when a case fails; replay one with
// RRULE_SEED=<seed>, go deeper with RRULE_RUNS=2000. Each case runs in a child process with a
// kill timer (bounded-run.ts): a spin inside ical.js cannot be interrupted any other way.
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { INVITE_ERROR_CODES } from "../../src/inbound/invite-error";
import { DEFAULT_WORK_LIMIT } from "../../src/inbound/work-budget";
import { BoundedInviteRunner } from "./support/bounded-run";

const RUNS = Number(process.env.RRULE_RUNS ?? "60");
const SEED = Number(process.env.RRULE_SEED ?? Math.floor(Math.random() * 2 ** 31));
const NOW = "2026-11-26T12:00:00Z";
const runner = new BoundedInviteRunner(10_000);
afterAll(() => runner.stop());

const BASE_RULES = [
  "FREQ=WEEKLY;BYDAY=TU",
  "FREQ=DAILY;INTERVAL=1;BYDAY=MO,TU,WE,TH,FR;WKST=SU",
  "FREQ=MONTHLY;BYDAY=-1FR",
  "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
  "FREQ=DAILY;COUNT=10",
  "FREQ=WEEKLY;UNTIL=20270309T200000Z;INTERVAL=2;BYDAY=TU,TH",
  "FREQ=MONTHLY;BYMONTHDAY=15",
];

const value = (min: number, max: number) => fc.integer({ min, max }).map(String);
const values = (min: number, max: number) => fc.array(value(min, max), { minLength: 1, maxLength: 4 }).map((list) => list.join(","));
const weekday = fc.tuple(fc.option(fc.integer({ min: -60, max: 60 }), { nil: undefined }), fc.constantFrom("MO", "TU", "WE", "TH", "FR", "SA", "SU")).map(
  ([ordinal, day]) => `${ordinal ?? ""}${day}`,
);

type Change = [string, string | null];
const set = (name: string) => (v: string): Change => [name, v];

/** One change to a rule's parts: set a part to a value (often out of range), or drop it. */
const change: fc.Arbitrary<Change> = fc.oneof(
  fc.constantFrom("SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY", "FORTNIGHTLY").map(set("FREQ")),
  value(-2, 400).map(set("INTERVAL")),
  values(-1, 14).map(set("BYMONTH")),
  values(-33, 33).map(set("BYMONTHDAY")),
  values(-370, 370).map(set("BYYEARDAY")),
  values(-55, 55).map(set("BYWEEKNO")),
  values(-370, 370).map(set("BYSETPOS")),
  values(-1, 25).map(set("BYHOUR")),
  values(-1, 61).map(set("BYMINUTE")),
  fc.array(weekday, { minLength: 1, maxLength: 5 }).map((days): Change => ["BYDAY", days.join(",")]),
  value(0, 100_000).map(set("COUNT")),
  fc.constantFrom("19991231T000000Z", "20261231T000000Z", "22000101T000000Z").map(set("UNTIL")),
  fc.constantFrom("FREQ", "INTERVAL", "BYMONTH", "BYMONTHDAY", "BYDAY", "BYSETPOS", "COUNT", "UNTIL").map((name): Change => [name, null]),
);

function mutate(base: string, changes: [string, string | null][]): string {
  const parts = new Map(base.split(";").map((part) => part.split("=") as [string, string]));
  for (const [name, v] of changes) {
    if (v === null) parts.delete(name);
    else parts.set(name, v);
  }
  return [...parts].map(([name, v]) => `${name}=${v}`).join(";");
}

function calendar(rule: string, events: number, start: string): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Rapport tests//EN", "METHOD:REQUEST"];
  for (let i = 0; i < events; i += 1) {
    lines.push("BEGIN:VEVENT", `UID:prop-${i}@test`, "DTSTAMP:20261101T000000Z", `DTSTART:${start}`, "DURATION:PT30M", "SUMMARY:Coffee");
    lines.push("ORGANIZER:mailto:priya@globex.example", `RRULE:${rule}`, "END:VEVENT");
  }
  lines.push("END:VCALENDAR", "");
  return lines.join("\r\n");
}

describe("hostile repeat rules and event counts", () => {
  it(`every parse ends within the work budget with a typed answer (seed ${SEED})`, { timeout: 60_000 + RUNS * 12_000 }, async () => {
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...BASE_RULES),
          fc.array(change, { minLength: 1, maxLength: 5 }),
          fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 60 })),
          fc.constantFrom("19000101T100000Z", "20090105T093000", "20240229T100000Z", "20261102T100000Z", "21991231T235959Z"),
          async (base, changes, events, start) => {
            const rule = mutate(base, changes);
            const result = await runner.run(calendar(rule, events, start), NOW, DEFAULT_WORK_LIMIT);
            if (result.killed) throw new Error(`RRULE:${rule} x ${events} from ${start} did not end: killed after ${result.afterMs} ms`);
            const { answer } = result;
            if (!answer.ok) expect(INVITE_ERROR_CODES).toContain(answer.code);
            if (events > 50) expect(answer.code).toBe("too_large");
            expect(answer.spent).toBeLessThanOrEqual(DEFAULT_WORK_LIMIT);
          },
        ),
        { seed: SEED, numRuns: RUNS },
      );
    } catch (error) {
      console.error(`RRULE property failed; replay with RRULE_SEED=${SEED}`);
      throw error;
    }
  });
});
