/**
 * Dispatch cost against table size: a local D1 (Miniflare, the real migrations applied in
 * order) seeded with N users and ten nudges each, exactly 500 due; then one dispatchDue run
 * inside workerd (scripts/bench/dispatch-worker.js, bundled here with esbuild). Rows read are
 * D1's own meta.rows_read summed over every statement of the run; time is measured from Node
 * around the request (workerd does not advance Date.now while a request computes).
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

interface RunAnswer {
  report: { claimed: number; sent: number; skipped: number; retried: number; failed: number };
  rowsRead: number;
  rowsWritten: number;
  calls: number;
}

export interface DispatchRun {
  users: number;
  nudges: number;
  due: number;
  claimed: number;
  sent: number;
  rowsRead: number;
  rowsWritten: number;
  statements: number;
  ms: number;
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

async function runAt(script: string, users: number): Promise<DispatchRun> {
  const state = mkdtempSync(join(tmpdir(), "rapport-bench-d1-"));
  const mf = new Miniflare({
    modules: true,
    scriptPath: script,
    modulesRoot: dirname(script),
    compatibilityDate: compatibilityDate(),
    d1Databases: { DB: "rapport-bench" },
    d1Persist: state,
    r2Buckets: ["RAW_MAIL"],
    // The local defaults of `npm start` (dev outbox on, so no Postmark token is needed).
    bindings: LOCAL_VARS as Record<string, string>,
  });
  try {
    await mf.ready;
    await call(mf, "/migrate", migrationStatements());
    note(`dispatch: seeding ${users} users (${users * 10} nudges)...`);
    const seedStarted = performance.now();
    await call(mf, `/seed?users=${users}&now=${NOW}`);
    const seedMs = performance.now() - seedStarted;
    const counts = await call<{ counts: Record<string, number>; byStatus: { status: string; n: number }[]; due: { kind: string; n: number }[] }>(
      mf,
      `/count?now=${NOW}`,
    );
    const due = counts.due.reduce((total, row) => total + row.n, 0);
    note(`dispatch: seeded in ${(seedMs / 1000).toFixed(1)} s: ${JSON.stringify(counts.counts)}, by status ${JSON.stringify(counts.byStatus)}, due ${JSON.stringify(counts.due)}`);
    if (due !== DUE) throw new Error(`seeding left ${due} nudges due, not ${DUE}`);

    await call(mf, "/check");
    const started = performance.now();
    const run = await call<RunAnswer>(mf, `/run?now=${NOW}`);
    const ms = performance.now() - started;
    const costs = await call<StatementCost[]>(mf, "/plans");
    return {
      users,
      nudges: counts.counts.nudges ?? 0,
      due,
      claimed: run.report.claimed,
      sent: run.report.sent,
      rowsRead: run.rowsRead,
      rowsWritten: run.rowsWritten,
      statements: run.calls,
      ms,
      seedMs,
      costs,
    };
  } finally {
    await mf.dispose();
    rmSync(state, { recursive: true, force: true });
  }
}

export async function benchDispatch(sizes: [number, number]): Promise<DispatchRun[]> {
  const outdir = mkdtempSync(join(tmpdir(), "rapport-bench-worker-"));
  try {
    const script = await bundleWorker(outdir);
    const runs: DispatchRun[] = [];
    for (const users of sizes) {
      const run = await runAt(script, users);
      note(
        `dispatch: ${users} users: claimed ${run.claimed}, sent ${run.sent}, ${run.statements} statements, ` +
          `${run.rowsRead} rows read, ${run.rowsWritten} written, ${run.ms.toFixed(0)} ms`,
      );
      // The costliest statements, and the claim, with their query plans.
      const shown = run.costs.filter((cost, index) => index < 4 || /"claimed_until" = \?/.test(cost.sql) && /\blimit\b/.test(cost.sql));
      for (const cost of shown) {
        note(`  ${String(cost.rowsRead).padStart(8)} rows read in ${cost.calls} call(s): ${cost.sql.replace(/(\?, )+\?/g, "?, ...").slice(0, 200)}`);
        for (const line of cost.plan) note(`             ${line}`);
      }
      runs.push(run);
    }
    return runs;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
