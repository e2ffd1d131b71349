// When the prep sheet (and the calendar feed) say to wrap up: the usual length of this kind of
// conversation, never past the end of the slot the invitation blocks.
import { describe, expect, it } from "vitest";
import { wrapUpAt } from "../../src/compose/prep";
import type { MealKind } from "../../src/compose/nudge-data";

const start = Date.parse("2027-01-13T15:30:00Z");
const at = (minutes: number) => start + minutes * 60_000;
const meeting = (slot: number, meal: MealKind | null) => ({ start, end: at(slot), meal: meal !== null, mealKind: meal });

describe("wrapUpAt", () => {
  it.each([
    ["a one-hour call", 60, null, 30],
    ["a 20-minute call", 20, null, 20],
    ["a two-hour coffee", 120, "coffee", 60],
    ["a 30-minute coffee", 30, "coffee", 30],
    ["drinks over two hours", 120, "drinks", 60],
    ["a two-hour lunch", 120, "lunch", 90],
    ["a 90-minute lunch", 90, "lunch", 90],
    ["a three-hour dinner", 180, "dinner", 90],
    ["a breakfast of 45 minutes", 45, "breakfast", 45],
  ] as const)("%s (%i minutes blocked, %s): wrap up after %i minutes", (_, slot, meal, expected) => {
    expect(wrapUpAt(meeting(slot, meal))).toBe(at(expected));
  });

  it("uses the usual length when the invitation has no end", () => {
    expect(wrapUpAt({ start, end: start, meal: true, mealKind: "lunch" })).toBe(at(90));
    expect(wrapUpAt({ start, end: start, meal: false, mealKind: null })).toBe(at(30));
  });
});
