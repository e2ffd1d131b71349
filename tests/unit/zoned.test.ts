// Wall-clock <-> UTC across DST changes, in both hemispheres (RFC 5545 §3.3.5 semantics:
// a repeated time means its first occurrence, a skipped time is read with the earlier offset).
import { describe, expect, it } from "vitest";
import { addLocalDays, canonicalTimeZone, localToUtc, utcToLocal, type LocalDateTime } from "../../src/time/zoned";

const at = (year: number, month: number, day: number, hour: number, minute = 0): LocalDateTime => ({
  year, month, day, hour, minute, second: 0,
});

describe("localToUtc", () => {
  it.each([
    ["an ordinary winter time in New York", at(2026, 12, 8, 12), "America/New_York", "2026-12-08T17:00:00Z"],
    ["an ordinary summer time in New York", at(2026, 7, 8, 12), "America/New_York", "2026-07-08T16:00:00Z"],
    ["a time skipped by New York's spring-forward (read as EST, so 03:30 EDT)", at(2026, 3, 8, 2, 30), "America/New_York", "2026-03-08T07:30:00Z"],
    ["a time New York's fall-back repeats (the first, EDT, one)", at(2026, 11, 1, 1, 30), "America/New_York", "2026-11-01T05:30:00Z"],
    ["a time skipped by Berlin's spring-forward", at(2026, 3, 29, 2, 30), "Europe/Berlin", "2026-03-29T01:30:00Z"],
    ["a time Sydney's April fall-back repeats (the first, AEDT, one)", at(2026, 4, 5, 2, 30), "Australia/Sydney", "2026-04-04T15:30:00Z"],
    ["a time skipped by Sydney's October spring-forward", at(2026, 10, 4, 2, 30), "Australia/Sydney", "2026-10-03T16:30:00Z"],
    ["a zone with a 30-minute offset", at(2026, 1, 15, 9), "Asia/Kolkata", "2026-01-15T03:30:00Z"],
  ])("%s", (_name, local, zone, expected) => {
    expect(new Date(localToUtc(local, zone)).toISOString()).toBe(new Date(expected).toISOString());
  });

  it("round-trips every hour of a DST-change day except the skipped one", () => {
    for (let hour = 0; hour < 24; hour += 1) {
      if (hour === 2) continue; // 02:00-02:59 does not exist on 2026-03-08 in New York
      const local = at(2026, 3, 8, hour);
      expect(utcToLocal(localToUtc(local, "America/New_York"), "America/New_York")).toEqual(local);
    }
  });
});

describe("calendar arithmetic", () => {
  it("adds local days across month and year ends", () => {
    expect(addLocalDays(at(2026, 12, 31, 18), 1)).toEqual(at(2027, 1, 1, 18));
    expect(addLocalDays(at(2026, 3, 1, 9), -1)).toEqual(at(2026, 2, 28, 9));
  });

  it("knows IANA names and their canonical spelling, and refuses others", () => {
    expect(canonicalTimeZone("europe/berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone("Pacific Standard Time")).toBeNull();
    expect(canonicalTimeZone("")).toBeNull();
  });
});
