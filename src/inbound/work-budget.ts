/**
 * A work budget: a counter of steps, not a clock. workerd's clock does not move during CPU
 * work, and a test that asserts a time is flaky; a count of steps is exact, the same on every
 * machine, and can be asserted. Reading one message draws on one budget; when it is spent, the
 * step that would overrun it throws WorkBudgetSpent and the reader falls back to what it has
 * (a series keeps its first occurrence).
 */

export class WorkBudgetSpent extends Error {
  constructor(readonly limit: number) {
    super(`work budget of ${limit} steps spent`);
    this.name = "WorkBudgetSpent";
  }
}

/**
 * Steps one message may take. A step is about one candidate date ical.js checks against a
 * rule (1 to 4 microseconds in Node); the hostile calendars of the bench (inbound_hostile_worst_ms)
 * stay well under 100 ms of CPU at this limit, and the costliest real invite of the corpus
 * takes under 300 steps.
 */
export const DEFAULT_WORK_LIMIT = 10_000;

export class WorkBudget {
  spent = 0;

  constructor(readonly limit: number = DEFAULT_WORK_LIMIT) {}

  /** Draws `steps`; throws WorkBudgetSpent, without drawing, when they do not fit. */
  spend(steps = 1): void {
    if (this.spent + steps > this.limit) {
      this.spent = this.limit;
      throw new WorkBudgetSpent(this.limit);
    }
    this.spent += steps;
  }

  get exhausted(): boolean {
    return this.spent >= this.limit;
  }
}
