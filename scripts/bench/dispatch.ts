/**
 * Dispatch against table size, and fan-out: a local D1 (Miniflare, the real migrations applied
 * in order) seeded with N users and ten nudges each, D of them due (500, or every user); the
 * nudge queue and its dead-letter queue as wrangler.toml declares them. Then one cron tick
 * inside workerd (scripts/bench/dispatch-worker.js, bundled here with esbuild), and the queue
 * consumer running until nothing is in flight. Rows read are D1's own meta.rows_read summed over
 * every statement of the tick and of every consumer delivery; time is measured from Node, from
 * the tick's request until the poll that finds the queue drained (workerd does not advance
 * Date.now while a request computes).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
// @ts-expect-error plain ESM helper shared with scripts/start.mjs
import { LOCAL_VARS } from "../local-env.mjs";
import { note, ROOT } from "./lib";
import { DUE } from "./seed-sql";

export interface StatementCost {
  sql: string;
  calls: number;
  rowsRead: number;
  rowsWritten: number;
  plan: string[];
}

interface Measured {
  report: { claimed: number; sent: number; skipped: number; retried: number; failed: number };
  deliveries: number;
  deadLettered: number;
  errors: string[];
  rowsRead: number;
  rowsWritten: number;
  calls: number;
}

export interface DispatchRun {
  users: number;
  nudges: number;
  due: number;
  /** What the tick claimed and put on the queue. */
  queued: number;
  messages: number;
  /** What the consumer took (each nudge once, unless a delivery was retried). */
  claimed: number;
  sent: number;
  skipped: number;
  deliveries: number;
  rowsRead: number;
  rowsWritten: number;
  statements: number;
  /** From the tick's request until the queue was found drained. */
  ms: number;
  tickMs: number;
  seedMs: number;
  costs: StatementCost[];
}

/** The run's clock (a Thursday, 15:00 UTC); the seeded data is laid out around it. */
const NOW = Date.parse("2026-11-26T15:00:00Z");

function compatibilityDate(): string {
  const toml = readFileSync(join(ROOT, "wrangler.toml"), "utf8");
  const match = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(toml);
  if (!match) throw new Error("no compatibility_date in wrangler.toml");
  return match[1]!;
}

interface QueueConsumer {
  maxBatchSize?: number;
  maxBatchTimeout?: number;
  maxRetries?: number;
  retryDelay?: number;
  deadLetterQueue?: string;
}

/** wrangler.toml's queues, as Miniflare options: the bench runs the consumers as deployed. */
export function wranglerQueues(): { producers: Record<string, string>; consumers: Record<string, QueueConsumer> } {
  const toml = readFileSync(join(ROOT, "wrangler.toml"), "utf8");
  const blocks = toml.split(/^\[/m).filter((block) => block.startsWith("[queues."));
  const field = (block: string, name: string) => /^(\w+)\s*=\s*"?([^"\n]+)"?/m.exec(block.split("\n").find((line) => line.startsWith(`${name} `)) ?? "")?.[2];
  const producers: Record<string, string> = {};
  const consumers: Record<string, QueueConsumer> = {};
  for (const block of blocks) {
    const queue = field(block, "queue");
    if (!queue) continue;
    if (block.startsWith("[queues.producers]]")) producers[field(block, "binding")!] = queue;
    else {
      const number = (name: string) => (field(block, name) === undefined ? undefined : Number(field(block, name)));
      consumers[queue] = {
        maxBatchSize: number("max_batch_size"),
        maxBatchTimeout: number("max_batch_timeout"),
        maxRetries: number("max_retries"),
        retryDelay: number("retry_delay"),
        deadLetterQueue: field(block, "dead_letter_queue"),
      };
    }
  }
  if (!producers.NUDGES || Object.keys(consumers).length === 0) throw new Error("wrangler.toml declares no NUDGES producer or no queue consumer");
  return { producers, consumers };
}

/** Every statement of migrations/*.sql, files in name order, split at drizzle's breakpoints. */
export function migrationStatements(): string[] {
  const dir = join(ROOT, "migrations");
  return readdirSync(dir)
    .filter((name) => name.endsWith(".sql"))
    .sort()
    .flatMap((name) => readFileSync(join(dir, name), "utf8").split("--> statement-breakpoint"))
    .map((sql) => sql.trim())
    .filter(Boolean);
}

async function bundleWorker(outdir: string): Promise<string> {
  const outfile = join(outdir, "dispatch-worker.mjs");
  await build({
    entryPoints: [join(ROOT, "scripts/bench/dispatch-worker.js")],
    outfile,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    external: ["cloudflare:*", "node:*"],
    jsx: "automatic",
    jsxImportSource: "hono/jsx",
    keepNames: true,
    logLevel: "warning",
  });
  return outfile;
}

async function call<T>(mf: Miniflare, path: string, body?: unknown): Promise<T> {
  const response = await mf.dispatchFetch(`http://bench${path}`, {
    method: "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}: ${text.slice(0, 2000)}`);
  return JSON.parse(text) as T;
}

async function runAt(script: string, users: number, due: number, paused: boolean): Promise<DispatchRun> {
  const state = mkdtempSync(join(tmpdir(), "rapport-bench-d1-"));
  const queues = wranglerQueues();
  const mf = new Miniflare({
    modules: true,
    scriptPath: script,
    modulesRoot: dirname(script),
    compatibilityDate: compatibilityDate(),
    // DB for dispatch (counted), DB_STATUS for the drain polls (the same database, not counted).
    d1Databases: { DB: "rapport-bench", DB_STATUS: "rapport-bench" },
    d1Persist: state,
    r2Buckets: ["RAW_MAIL"],
    queueProducers: queues.producers,
    queueConsumers: queues.consumers,
    // The local defaults of `npm start` (dev outbox on, so no Postmark token is needed).
    bindings: LOCAL_VARS as Record<string, string>,
  });
  try {
    await mf.ready;
    await call(mf, "/migrate", migrationStatements());
    note(`dispatch: seeding ${users} users (${users * 10} nudges, ${due} due)...`);
    const seedStarted = performance.now();
    await call(mf, `/seed?users=${users}&now=${NOW}&due=${due}&paused=${paused ? 1 : 0}`);
    const seedMs = performance.now() - seedStarted;
    const counts = await call<{ counts: Record<string, number>; byStatus: { status: string; n: number }[]; due: { kind: string; n: number }[] }>(
      mf,
      `/count?now=${NOW}`,
    );
    const found = counts.due.reduce((total, row) => total + row.n, 0);
    note(`dispatch: seeded in ${(seedMs / 1000).toFixed(1)} s: ${JSON.stringify(counts.counts)}, by status ${JSON.stringify(counts.byStatus)}, due ${JSON.stringify(counts.due)}`);
    if (found !== due) throw new Error(`seeding left ${found} nudges due, not ${due}`);

    await call(mf, "/check");
    const started = performance.now();
    const { tick } = await call<{ tick: { claimed: number; messages: number; complete: boolean } }>(mf, `/tick?now=${NOW}`);
    const tickMs = performance.now() - started;
    if (!tick.complete) throw new Error(`the tick did not claim everything due: ${JSON.stringify(tick)}`);
    // The consumer runs on its own: poll until nothing is in flight.
    let ms = 0;
    for (;;) {
      const status = await call<{ inFlight: number; errors: string[] }>(mf, "/status");
      if (status.errors.length > 0) throw new Error(`a consumer delivery failed: ${status.errors[0]}`);
      if (status.inFlight === 0) {
        ms = performance.now() - started;
        break;
      }
      if (performance.now() - started > 600_000) throw new Error(`the queue did not drain in 10 minutes (${status.inFlight} in flight)`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const measured = await call<Measured>(mf, "/stop");
    const costs = await call<StatementCost[]>(mf, "/plans");
    return {
      users,
      nudges: counts.counts.nudges ?? 0,
      due,
      queued: tick.claimed,
      messages: tick.messages,
      claimed: measured.report.claimed,
      sent: measured.report.sent,
      skipped: measured.report.skipped,
      deliveries: measured.deliveries,
      rowsRead: measured.rowsRead,
      rowsWritten: measured.rowsWritten,
      statements: measured.calls,
      ms,
      tickMs,
      seedMs,
      costs,
    };
  } finally {
    await mf.dispose();
    rmSync(state, { recursive: true, force: true });
  }
}

function describe(run: DispatchRun): void {
  note(
    `dispatch: ${run.users} users, ${run.due} due: tick queued ${run.queued} in ${run.messages} messages (${run.tickMs.toFixed(0)} ms); ` +
      `consumer took ${run.claimed} in ${run.deliveries} deliveries, sent ${run.sent}, skipped ${run.skipped}; drained in ${(run.ms / 1000).toFixed(2)} s; ` +
      `${run.statements} statements, ${run.rowsRead} rows read, ${run.rowsWritten} written`,
  );
  // The costliest statements, with their query plans.
  for (const cost of run.costs.slice(0, Number(process.env.BENCH_STATEMENTS ?? 6))) {
    note(
      `  ${String(cost.rowsRead).padStart(8)} rows read, ${String(cost.rowsWritten).padStart(6)} written in ${cost.calls} call(s): ${cost.sql.replace(/(\?, )+\?/g, "?, ...").slice(0, 200)}`,
    );
    for (const line of cost.plan) note(`             ${line}`);
  }
}

/** Rows read per due nudge against table size: one tick and its queue work, 500 due, at each size. */
export async function benchDispatch(sizes: [number, number]): Promise<DispatchRun[]> {
  const outdir = mkdtempSync(join(tmpdir(), "rapport-bench-worker-"));
  try {
    const script = await bundleWorker(outdir);
    const runs: DispatchRun[] = [];
    for (const users of sizes) {
      const run = await runAt(script, users, DUE, true);
      describe(run);
      runs.push(run);
    }
    return runs;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Fan-out: `due` users, none paused, every one with a nudge due at once; one tick, and the queue drained. */
export async function benchFanOut(due: number): Promise<DispatchRun> {
  const outdir = mkdtempSync(join(tmpdir(), "rapport-bench-worker-"));
  try {
    const run = await runAt(await bundleWorker(outdir), due, due, false);
    describe(run);
    return run;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
