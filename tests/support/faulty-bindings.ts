// Wrappers over the real local D1 and R2 bindings that fail on demand, for fault-injection
// tests: build deps with `buildDeps({ ...env, DB: d1.binding, RAW_MAIL: r2.binding })`.
// Apart from the injected failures they are the real bindings: every call is delegated.
//
// D1: every statement execution is one numbered step: a prepared statement's run(), all(),
// first() or raw(), and each batch() (one step however many statements it holds, since D1
// runs a batch as one transaction) and exec(). drizzle only ever uses these. A plan makes
// step N fail (once, or every step from N on: an outage or a crashed invocation), either
// before the statement runs (D1 unreachable) or after it ran (the answer lost on the way back).
// The error looks like D1's own transient errors: `D1_ERROR: ... (injected at step N)`.
//
// R2: put(), get() and delete() fail on demand, the same two ways.

/** Matches the message of every error these wrappers throw, and nothing else. */
export const INJECTED = /\(injected at (?:step \d+|r2 \w+)\)/;

/** Whether `error` is (or was caused by: drizzle wraps D1's errors in "Failed query") an injected one. */
export function isInjected(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth += 1) {
    if (INJECTED.test(e.message)) return true;
  }
  return false;
}

export type FaultPhase = "before" | "after";

export interface D1FaultPlan {
  /** The 1-based step that fails. */
  at: number;
  /** "once": only step `at` fails (a blip); "from": every step from `at` on fails (an outage, a crash). */
  mode?: "once" | "from";
  /** "before": the statement never ran; "after": it ran and committed, then the answer was lost. */
  phase?: FaultPhase;
}

export interface D1Step {
  step: number;
  method: "run" | "all" | "first" | "raw" | "batch" | "exec";
  /** The SQL of the statement (several for a batch). */
  sql: string[];
  failed: boolean;
}

export interface FaultyD1 {
  binding: D1Database;
  /** Steps taken since creation (or the last resetCount()). */
  readonly steps: number;
  /** Every step taken, in order: to find which step does what. */
  readonly trace: readonly D1Step[];
  /** How many steps were made to fail. */
  readonly failures: number;
  plan(plan: D1FaultPlan): void;
  /** No more failures from now on (the counters keep counting). */
  heal(): void;
  resetCount(): void;
}

const STEP_METHODS = new Set(["run", "all", "first", "raw"]);

function methodOf(target: object, prop: PropertyKey): unknown {
  const value = Reflect.get(target, prop, target);
  // workerd's binding methods must be called on the binding itself ("Illegal invocation").
  return typeof value === "function" ? value.bind(target) : value;
}

export function faultyD1(real: D1Database, initial?: D1FaultPlan): FaultyD1 {
  let plan: D1FaultPlan | undefined = initial;
  let steps = 0;
  let failures = 0;
  const trace: D1Step[] = [];
  /** Wrapped statement -> the real one and its SQL, so batch() hands D1 its own objects. */
  const statements = new WeakMap<object, { real: D1PreparedStatement; sql: string }>();

  function shouldFail(step: number): boolean {
    if (!plan) return false;
    return (plan.mode ?? "once") === "from" ? step >= plan.at : step === plan.at;
  }

  async function step<T>(method: D1Step["method"], sql: string[], run: () => Promise<T>): Promise<T> {
    steps += 1;
    const n = steps;
    const fail = shouldFail(n);
    trace.push({ step: n, method, sql, failed: fail });
    if (!fail) return run();
    failures += 1;
    const error = new Error(`D1_ERROR: Network connection lost. (injected at step ${n})`);
    if ((plan?.phase ?? "before") === "after") await run();
    throw error;
  }

  function wrapStatement(realStatement: D1PreparedStatement, sql: string): D1PreparedStatement {
    const wrapped: D1PreparedStatement = new Proxy(realStatement, {
      get(target, prop) {
        if (prop === "bind") {
          return (...values: unknown[]) => wrapStatement(target.bind(...values), sql);
        }
        if (typeof prop === "string" && STEP_METHODS.has(prop)) {
          const method = prop as "run" | "all" | "first" | "raw";
          const original = methodOf(target, prop) as (...args: unknown[]) => Promise<unknown>;
          return (...args: unknown[]) => step(method, [sql], () => original(...args));
        }
        return methodOf(target, prop);
      },
    });
    statements.set(wrapped, { real: realStatement, sql });
    return wrapped;
  }

  const binding = new Proxy(real, {
    get(target, prop) {
      if (prop === "prepare") {
        return (query: string) => wrapStatement(target.prepare(query), query);
      }
      if (prop === "batch") {
        return (list: D1PreparedStatement[]) => {
          const unwrapped = list.map((s) => statements.get(s) ?? { real: s, sql: "<unwrapped statement>" });
          return step(
            "batch",
            unwrapped.map((u) => u.sql),
            () => target.batch(unwrapped.map((u) => u.real)),
          );
        };
      }
      if (prop === "exec") {
        return (query: string) => step("exec", [query], () => target.exec(query));
      }
      return methodOf(target, prop);
    },
  });

  return {
    binding,
    get steps() {
      return steps;
    },
    get trace() {
      return trace;
    },
    get failures() {
      return failures;
    },
    plan(next) {
      plan = next;
    },
    heal() {
      plan = undefined;
    },
    resetCount() {
      steps = 0;
      failures = 0;
      trace.length = 0;
    },
  };
}

export type R2Operation = "put" | "get" | "delete";

export interface FaultyR2 {
  binding: R2Bucket;
  /** Calls made per operation (failed ones included). */
  readonly calls: Readonly<Record<R2Operation, number>>;
  /** Makes the next `times` calls of `operation` fail (Infinity: until heal()). */
  fail(operation: R2Operation, options?: { times?: number; phase?: FaultPhase }): void;
  heal(): void;
}

export function faultyR2(real: R2Bucket): FaultyR2 {
  const calls: Record<R2Operation, number> = { put: 0, get: 0, delete: 0 };
  const pending = new Map<R2Operation, { times: number; phase: FaultPhase }>();

  const binding = new Proxy(real, {
    get(target, prop) {
      if (prop === "put" || prop === "get" || prop === "delete") {
        const operation = prop;
        const original = methodOf(target, prop) as (...args: unknown[]) => Promise<unknown>;
        return async (...args: unknown[]) => {
          calls[operation] += 1;
          const fault = pending.get(operation);
          if (!fault || fault.times <= 0) return original(...args);
          fault.times -= 1;
          if (fault.times <= 0) pending.delete(operation);
          // R2's own transient error reads like this (code 10001).
          const error = new Error(`${operation}: We encountered an internal error. Please try again. (10001) (injected at r2 ${operation})`);
          if (fault.phase === "after") await original(...args);
          throw error;
        };
      }
      return methodOf(target, prop);
    },
  });

  return {
    binding,
    get calls() {
      return calls;
    },
    fail(operation, options = {}) {
      pending.set(operation, { times: options.times ?? 1, phase: options.phase ?? "before" });
    },
    heal() {
      pending.clear();
    },
  };
}
