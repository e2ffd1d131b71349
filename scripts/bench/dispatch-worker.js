/**
 * The Worker the dispatch benchmark runs inside workerd (scripts/bench/dispatch.ts bundles it
 * with esbuild and starts it with Miniflare: D1 bound as DB, and again as DB_STATUS for polls
 * that must not be counted; the nudge queue and its dead-letter queue as wrangler.toml
 * declares them). Endpoints (all POST):
 *
 *   /migrate                   body: SQL statements (JSON array), run in order
 *   /seed?users=N&now=T&due=D&paused=0|1
 *                              N users, ten nudges each, exactly D of them due at T, 1 in 100
 *                              users paused or none (seed-sql.ts)
 *   /count?now=T               rows per table, nudges by status, and what is due at T by kind
 *   /check                     proves the rows-read counter agrees with D1's own meta (below)
 *   /tick?now=T                starts counting, then one cron tick (enqueueDue) at T with the
 *                              production limits; the queue consumer below runs on its own
 *   /status                    nudges in flight (queued or sending), read uncounted
 *   /stop                      stops counting: rows read and written by every D1 statement of
 *                              the tick and of every consumer delivery since /tick, and what
 *                              the consumer reported
 *   /plans                     those statements with their EXPLAIN QUERY PLAN
 *
 * queue() is the Worker's own consumer (src/index.ts) with the D1 binding counted and a Mailer
 * that accepts everything without a network (sending costs Postmark's time, not D1 rows).
 *
 * Plain JavaScript on purpose: scripts/ is type-checked with Node's types (tsconfig.node.json),
 * and this file runs in workerd against Worker types; esbuild compiles the TypeScript it imports.
 */
import { buildDeps } from "../../src/deps";
import { DEAD_LETTER_QUEUE } from "../../src/env";
import { DEFAULT_LIMITS, enqueueDue, failUndeliverable, sendQueued } from "../../src/nudges/dispatch";
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
 * @param {Map<string, StatementCost>} [costs] where to add the counts (a new map by default)
 * @returns {{ costs: Map<string, StatementCost>, stop: () => void, rowsRead: () => number }}
 *
 * @typedef {{ sql: string, params: unknown[], calls: number, rowsRead: number, rowsWritten: number, plan?: string[] }} StatementCost
 */
function countStatements(d1, costs = new Map()) {
  const session = /** @type {any} */ (d1).alwaysPrimarySession;
  if (!session || typeof session._send !== "function") {
    throw new Error("this workerd's D1 binding has no session transport to count statements at (cloudflare-internal:d1-api changed)");
  }
  const original = session._send;
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

/**
 * The measurement in progress: every D1 statement of the tick and of the consumer's deliveries
 * since /tick, and what the consumer reported. Miniflare delivers one batch at a time, so one
 * counter is installed at a time.
 */
let measuring = null;
/** @type {StatementCost[]} the statements of the last measurement, explained on request (after it, not inside it). */
let lastRun = [];

function newMeasurement() {
  return { costs: new Map(), report: { claimed: 0, sent: 0, skipped: 0, retried: 0, failed: 0, suppressedUsers: 0 }, deliveries: 0, deadLettered: 0, errors: [] };
}

async function counted(env, work) {
  const counter = measuring ? countStatements(env.DB, measuring.costs) : null;
  try {
    return await work({ ...buildDeps(env), mailer: new AcceptingMailer(), log: () => {} });
  } finally {
    counter?.stop();
  }
}

async function tick(env, now) {
  measuring = newMeasurement();
  const report = await counted(env, (deps) => enqueueDue(deps, now, DEFAULT_LIMITS));
  return Response.json({ tick: report });
}

async function status(env) {
  const row = await env.DB_STATUS.prepare("SELECT count(*) AS n FROM nudges WHERE status IN ('queued', 'sending')").first();
  return Response.json({ inFlight: row?.n ?? 0, deliveries: measuring?.deliveries ?? 0, sent: measuring?.report.sent ?? 0, errors: measuring?.errors ?? [] });
}

function stop() {
  const measured = measuring ?? newMeasurement();
  measuring = null;
  lastRun = [...measured.costs.values()].sort((a, b) => b.rowsRead - a.rowsRead);
  const sum = (pick) => lastRun.reduce((total, cost) => total + pick(cost), 0);
  return Response.json({
    report: measured.report,
    deliveries: measured.deliveries,
    deadLettered: measured.deadLettered,
    errors: measured.errors,
    rowsRead: sum((c) => c.rowsRead),
    rowsWritten: sum((c) => c.rowsWritten),
    calls: sum((c) => c.calls),
  });
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
          for (const sql of seedStatements(number(url, "users"), number(url, "now"), number(url, "due"), { paused: number(url, "paused") === 1 })) {
            await env.DB.prepare(sql).run();
          }
          return Response.json({ ok: true });
        case "/count":
          return await counts(env, number(url, "now"));
        case "/check":
          await selfCheck(env.DB);
          return Response.json({ ok: true });
        case "/tick":
          return await tick(env, number(url, "now"));
        case "/status":
          return await status(env);
        case "/stop":
          return stop();
        case "/plans":
          return await plans(env);
        default:
          return new Response("not found", { status: 404 });
      }
    } catch (error) {
      return Response.json({ error: error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : String(error) }, { status: 500 });
    }
  },

  // The Worker's consumer (src/index.ts), counted.
  async queue(batch, env) {
    const deliveries = batch.messages.map((message) => ({ body: message.body, attempts: message.attempts }));
    try {
      await counted(env, async (deps) => {
        if (batch.queue === DEAD_LETTER_QUEUE) {
          const failed = await failUndeliverable(deps, deliveries, Date.now());
          if (measuring) measuring.deadLettered += failed;
          batch.ackAll();
          return;
        }
        const { decisions, report } = await sendQueued(deps, deliveries, Date.now());
        if (measuring) {
          measuring.deliveries += 1;
          for (const key of Object.keys(measuring.report)) measuring.report[key] += report[key];
        }
        decisions.forEach((decision, index) => {
          if ("retryAfterSeconds" in decision) batch.messages[index].retry({ delaySeconds: decision.retryAfterSeconds });
          else batch.messages[index].ack();
        });
      });
    } catch (error) {
      measuring?.errors.push(error instanceof Error ? error.message : String(error));
      throw error;
    }
  },
};
