#!/usr/bin/env node
// `npm start`: Rapport on http://127.0.0.1:8787 with local D1 and R2 (under .wrangler/state),
// migrations applied, and the local defaults (scripts/local-env.mjs). No Cloudflare or
// Postmark account is needed. Extra arguments go to `wrangler dev`; a `--var NAME:VALUE`
// given there wins over a default, and `--port N` (or `--port=N`) moves the Worker and its
// PUBLIC_URL (the links in emails) to that port.
import { spawn, spawnSync } from "node:child_process";
import { LOCAL_VARS, OFFLINE_ENV, varArgs } from "./local-env.mjs";

const env = { ...process.env, ...OFFLINE_ENV };
const wrangler = (args, options = {}) => ["npx", ["--no-install", "wrangler", ...args], { stdio: "inherit", env, ...options }];

const passThrough = [];
const vars = { ...LOCAL_VARS };
let port = "8787";
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 1) {
  const portValue = args[i] === "--port" ? args[i + 1] : args[i].startsWith("--port=") ? args[i].slice("--port=".length) : undefined;
  if (portValue !== undefined) {
    if (!/^\d{1,5}$/.test(portValue) || Number(portValue) < 1 || Number(portValue) > 65535) {
      console.error(`--port needs a port number (1-65535), got "${portValue ?? ""}"`);
      process.exit(2);
    }
    port = portValue;
    if (args[i] === "--port") i += 1;
  } else if (args[i] === "--var" && args[i + 1]?.includes(":")) {
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

// The links in emails point where the Worker listens, unless a --var said otherwise.
if (vars.PUBLIC_URL === LOCAL_VARS.PUBLIC_URL) vars.PUBLIC_URL = `http://127.0.0.1:${port}`;
const dev = spawn(...wrangler(["dev", "--ip", "127.0.0.1", "--port", port, ...varArgs(vars), ...passThrough]));
const stop = (signal) => dev.kill(signal);
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
dev.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
