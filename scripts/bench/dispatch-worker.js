/**
 * The Worker the dispatch benchmark runs inside workerd (scripts/bench/dispatch.ts bundles it
 * with esbuild and starts it with Miniflare, D1 bound as DB). Endpoints (all POST):
 *
 *   /migrate              body: SQL statements (JSON array), run in order
 *   /seed?users=N&now=T   N users, ten nudges each, exactly 500 of them due at T (seed-sql.ts)
 *   /count?now=T          rows per table, nudges by status, and what is due at T by kind
 *   /check                proves the rows-read counter agrees with D1's own meta (below)
 *   /run?now=T            one dispatchDue(deps, T) with the production limits, counting every
 *                         D1 statement's meta.rows_read and rows_written
 *   /plans                the last run's statements with their EXPLAIN QUERY PLAN
 *
 * Deps are the Worker's own (buildDeps) with the D1 binding counted and a Mailer that accepts
 * everything without a network (sending costs Postmark's time, not D1 rows).
 *
 * Plain JavaScript on purpose: scripts/ is type-checked with Node's types (tsconfig.node.json),
 * and this file runs in workerd against Worker types; esbuild compiles the TypeScript it imports.
 */
import { buildDeps } from "../../src/deps";
import { DEFAULT_LIMITS, dispatchDue } from "../../src/nudges/dispatch";
import { seedStatements } from "./seed-sql";

/**
 * Sums D1's own result meta over every statement a D1 binding runs. The public API hands meta
 * back from all(), run() and batch() but drops it in raw() and first(), which is what drizzle
 * uses for its selects; every statement and batch, whichever method ran it, goes through the
 * binding's session transport (`_send` in workerd's cloudflare-internal:d1-api), whose answer
 * carries each statement's meta. The counter wraps that one method on this binding, and
 * selfCheck() proves it agrees with the public meta before each run is trusted.
 *
 * @param {D1Database} d1
 * @returns {{ costs: Map<string, StatementCost>, stop: () => void, rowsRead: () => number }}
 *
 * @typedef {{ sql: string, params: unknown[], calls: number, rowsRead: number, rowsWritten: number, plan?: string[] }} StatementCost
 */
function countStatements(d1) {
  const session = /** @type {any} */ (d1).alwaysPrimarySession;
  if (!session || typeof session._send !== "function") {
    throw new Error("this workerd's D1 binding has no session transport to count statements at (cloudflare-internal:d1-api changed)");
  }
  const original = session._send;
  const costs = new Map();
  session._send = async (endpoint, query, params, ...rest) => {
    const answer = await original.call(session, endpoint, query, params, ...rest);
    const queries = Array.isArray(query) ? query : [query];
    const bound = Array.isArray(query) ? params : [params];
    const results = Array.isArray(answer) ? answer : [answer];
    results.forEach((result, index) => {
      const sql = queries[index] ?? "";
      const cost = costs.get(sql) ?? { sql, params: bound[index] ?? [], calls: 0, rowsRead: 0, rowsWritten: 0 };
      cost.calls += 1;
      cost.rowsRead += result?.meta?.rows_read ?? 0;
      cost.rowsWritten += result?.meta?.rows_written ?? 0;
      costs.set(sql, cost);
    });
    return answer;
  };
  return {
    costs,
    stop: () => {
      session._send = original;
    },
    rowsRead: () => [...costs.values()].reduce((total, cost) => total + cost.rowsRead, 0),
  };
}

/** The counter sees all(), raw(), first(), run() and batch() alike, and agrees with the meta all() returns. */
async function selfCheck(d1) {
  const sql = "SELECT id, email FROM users WHERE id <= 7";
  const counted = [];
  let expected = 0;
  for (const method of ["all", "raw", "first", "run", "batch"]) {
    const counter = countStatements(d1);
    try {
      if (method === "batch") {
        const [result] = await d1.batch([d1.prepare(sql)]);
        if (result.meta.rows_read !== expected) throw new Error(`batch meta says ${result.meta.rows_read}, all() said ${expected}`);
      } else {
        const result = await d1.prepare(sql)[method]();
        if (method === "all") expected = result.meta.rows_read;
      }
    } finally {
      counter.stop();
    }
    counted.push(counter.rowsRead());
  }
  if (expected <= 0 || counted.some((n) => n !== expected)) {
    throw new Error(`rows_read counter disagrees with D1's meta: all() meta ${expected}, counted per method ${counted.join(", ")}`);
  }
}

/** Accepts every message at once: the benchmark measures D1, not a mail provider. */
class AcceptingMailer {
  next = 1;

  async send() {
    return { ok: true, messageId: `bench-${this.next++}`, submittedAt: new Date(0).toISOString() };
  }

  async sendBatch(messages) {
    return Promise.all(messages.map((message) => this.send(message)));
  }
}

function number(url, name) {
  const value = Number(url.searchParams.get(name));
  if (!Number.isFinite(value)) throw new Error(`?${name}= must be a number`);
  return value;
}

/** @type {StatementCost[]} the statements of the last run, explained on request (after the timed run, not inside it). */
let lastRun = [];

async function run(env, now) {
  const counter = countStatements(env.DB);
  let report;
  try {
    const deps = { ...buildDeps(env), mailer: new AcceptingMailer(), log: () => {} };
    report = await dispatchDue(deps, now, DEFAULT_LIMITS);
  } finally {
    counter.stop();
  }
  lastRun = [...counter.costs.values()].sort((a, b) => b.rowsRead - a.rowsRead);
  const sum = (pick) => lastRun.reduce((total, cost) => total + pick(cost), 0);
  return Response.json({ report, rowsRead: sum((c) => c.rowsRead), rowsWritten: sum((c) => c.rowsWritten), calls: sum((c) => c.calls) });
}

/** EXPLAIN QUERY PLAN rows indented as the sqlite3 shell shows them. */
function planLines(rows) {
  const depth = new Map([[0, 0]]);
  return rows.map((row) => {
    const level = (depth.get(row.parent) ?? 0) + 1;
    depth.set(row.id, level);
    return `${"  ".repeat(level - 1)}${row.detail}`;
  });
}

async function plans(env) {
  for (const cost of lastRun) {
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${cost.sql}`).bind(...cost.params).all();
    cost.plan = planLines(plan.results);
  }
  return Response.json(lastRun);
}

async function counts(env, now) {
  const tables = {};
  for (const table of ["users", "contacts", "meetings", "nudges"]) {
    tables[table] = await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first("n");
  }
  const byStatus = await env.DB.prepare("SELECT status, count(*) AS n FROM nudges GROUP BY status ORDER BY status").all();
  const due = await env.DB.prepare(
    "SELECT kind, count(*) AS n FROM nudges WHERE (status = 'pending' AND due_at <= ?1) OR (status = 'sending' AND claimed_until <= ?1) GROUP BY kind ORDER BY kind",
  )
    .bind(now)
    .all();
  return Response.json({ counts: tables, byStatus: byStatus.results, due: due.results });
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    try {
      switch (url.pathname) {
        case "/migrate": {
          const statements = await request.json();
          for (const sql of statements) await env.DB.prepare(sql).run();
          return Response.json({ statements: statements.length });
        }
        case "/seed":
          for (const sql of seedStatements(number(url, "users"), number(url, "now"))) await env.DB.prepare(sql).run();
          return Response.json({ ok: true });
        case "/count":
          return await counts(env, number(url, "now"));
        case "/check":
          await selfCheck(env.DB);
          return Response.json({ ok: true });
        case "/run":
          return await run(env, number(url, "now"));
        case "/plans":
          return await plans(env);
        default:
          return new Response("not found", { status: 404 });
      }
    } catch (error) {
      return Response.json({ error: error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error) }, { status: 500 });
    }
  },
};
