#!/usr/bin/env node
// `npm start`: Rapport on http://127.0.0.1:8787 with local D1 and R2 (under .wrangler/state),
// migrations applied, and the local defaults (scripts/local-env.mjs). No Cloudflare or
// Postmark account is needed. Extra arguments go to `wrangler dev`; a `--var NAME:VALUE`
// given there wins over a default.
import { spawn, spawnSync } from "node:child_process";
import { LOCAL_VARS, OFFLINE_ENV, varArgs } from "./local-env.mjs";

const env = { ...process.env, ...OFFLINE_ENV };
const wrangler = (args, options = {}) => ["npx", ["--no-install", "wrangler", ...args], { stdio: "inherit", env, ...options }];

const passThrough = [];
const vars = { ...LOCAL_VARS };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === "--var" && args[i + 1]?.includes(":")) {
    const [name, ...value] = args[i + 1].split(":");
    vars[name] = value.join(":");
    i += 1;
  } else {
    passThrough.push(args[i]);
  }
}

// No stdin: wrangler then applies without asking "continue?" (local data, nothing to confirm).
const migrate = spawnSync(...wrangler(["d1", "migrations", "apply", "DB", "--local"], { stdio: ["ignore", "inherit", "inherit"] }));
if (migrate.status !== 0) {
  console.error("Could not apply the local D1 migrations (see above).");
  process.exit(migrate.status ?? 1);
}

const dev = spawn(...wrangler(["dev", "--ip", "127.0.0.1", "--port", "8787", ...varArgs(vars), ...passThrough]));
const stop = (signal) => dev.kill(signal);
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
dev.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
