/**
 * Makes ical.js's recurrence work draw on a work budget. Its iterator has unbounded loops
 * inside one `next()` call (candidate after candidate until one matches the rule) and in its
 * constructor (a YEARLY rule looks for a matching year up to the year 20000), and nothing
 * outside can interrupt a synchronous loop. So the two calls those loops make on every step,
 * the candidate check (`RecurIterator#check_contracting_rules`) and the month-length lookup
 * (`Time.daysInMonth`, which every date step makes), are wrapped once to draw one step each
 * from the budget of the work being metered. When it is spent they throw WorkBudgetSpent,
 * which unwinds ical.js and is caught by the caller. Outside `metered` they cost one check.
 *
 * Tied to ical.js 2.2.1's internals (the version is pinned): tests/unit/hostile-calendar.test.ts
 * and the RRULE property test fail if an upgrade renames what is wrapped here.
 */
import ICAL from "ical.js";
import type { WorkBudget } from "./work-budget";

let active: WorkBudget | null = null;
let installed = false;

type Method = (this: unknown, ...args: unknown[]) => unknown;

function wrap(owner: Record<string, unknown>, name: string): void {
  const original = owner[name];
  if (typeof original !== "function") throw new Error(`ical.js has no ${name} to meter (was it upgraded?)`);
  owner[name] = function (this: unknown, ...args: unknown[]) {
    active?.spend(1);
    return (original as Method).apply(this, args);
  };
}

function install(): void {
  if (installed) return;
  wrap(ICAL.RecurIterator.prototype as unknown as Record<string, unknown>, "check_contracting_rules");
  wrap(ICAL.Time as unknown as Record<string, unknown>, "daysInMonth");
  installed = true;
}

/** Runs synchronous `work` with ical.js's recurrence steps drawn from `budget`. */
export function metered<T>(budget: WorkBudget, work: () => T): T {
  install();
  const outer = active;
  active = budget;
  try {
    const result = work();
    if (result instanceof Promise) throw new Error("metered work must be synchronous: the budget would leak to other work");
    return result;
  } finally {
    active = outer;
  }
}
