/**
 * Starts Rapport locally on a spare port with throwaway state (its own D1 and R2 under a temp
 * dir, migrations applied, the local defaults of scripts/local-env.mjs), for the demo and the
 * browser test. Needs no account and no network. `stop()` kills wrangler's whole process group.
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
      if ((await fetch(`${base}/health`)).ok) return { base, stop };
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  stop();
  throw new Error("the local Worker did not start within a minute");
}
