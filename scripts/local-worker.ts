/**
 * Starts Rapport locally on a spare port with throwaway state (its own D1 and R2 under a temp
 * dir, migrations applied, the local defaults of scripts/local-env.mjs, the nudge queue run by
 * wrangler dev), for the demo and the browser test. Needs no account and no network. `stop()`
 * kills wrangler's whole process group; `cron(at)` runs the cron at `at` and waits until the
 * queue consumer has sent what that tick put on the queue.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
// @ts-expect-error plain ESM helper shared with scripts/start.mjs
import { LOCAL_VARS, OFFLINE_ENV, varArgs } from "./local-env.mjs";

export interface LocalWorker {
  base: string;
  stop(): void;
  /** Runs scheduled() as of `at` (epoch ms), then waits for the nudge queue to drain. */
  cron(at: number): Promise<void>;
}

/**
 * The local cron endpoint answers once the tick has put what is due on the queue; the consumer
 * sends it a moment later. /dev/queue.json counts what is still in flight: wait for 0.
 */
export async function runCron(base: string, at: number, timeoutMs = 60_000): Promise<void> {
  const response = await fetch(`${base}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent("*/5 * * * *")}&time=${at}`);
  if (!response.ok) throw new Error(`the cron endpoint answered ${response.status}`);
  await response.arrayBuffer();
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { inFlight } = (await (await fetch(`${base}/dev/queue.json`)).json()) as { inFlight: number };
    if (inFlight === 0) return;
    if (Date.now() > until) throw new Error(`the nudge queue did not drain within ${timeoutMs / 1000} s (${inFlight} in flight)`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startLocalWorker(port: number): Promise<LocalWorker> {
  const state = mkdtempSync(join(tmpdir(), "rapport-local-"));
  const env = { ...process.env, ...OFFLINE_ENV };
  const wrangler = ["--no-install", "wrangler"];
  const migrate = spawnSync("npx", [...wrangler, "d1", "migrations", "apply", "DB", "--local", "--persist-to", state], { stdio: "ignore", env });
  if (migrate.status !== 0) throw new Error("could not apply the local D1 migrations");
  const dev = spawn(
    "npx",
    [...wrangler, "dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", state, ...varArgs({ ...LOCAL_VARS, PUBLIC_URL: `http://127.0.0.1:${port}` })],
    { stdio: "ignore", env, detached: true },
  );
  const base = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      if (dev.pid) process.kill(-dev.pid, "SIGTERM");
    } catch {
      // already gone
    }
    rmSync(state, { recursive: true, force: true });
  };
  for (let i = 0; i < 120; i += 1) {
    try {
      if ((await fetch(`${base}/health`)).ok) return { base, stop, cron: (at) => runCron(base, at) };
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  stop();
  throw new Error("the local Worker did not start within a minute");
}
