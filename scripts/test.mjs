#!/usr/bin/env node
// `npm test`: every test. First the Worker-facing ones inside workerd (vitest.config.ts), then
// the pure unit tests and the CLI tests in Node (vitest.node.config.ts); extra arguments go to
// both. The exit code is the first failure's.
//
// One line is filtered out of the output, matched exactly: the pinned
// @cloudflare/vitest-pool-workers (0.15.1, the last for Node 20) prints
//   exception = workerd/api/web-socket.c++:821: disconnected: WebSocket peer disconnected
// whenever a test file's worker is torn down, in passing runs and in an empty project alike.
// It is the pool's own shutdown, not a test's; everything else is shown as vitest prints it.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const NOISE = "exception = workerd/api/web-socket.c++:821: disconnected: WebSocket peer disconnected";
const colour = process.stdout.isTTY ? { FORCE_COLOR: "1" } : {};

function run(args) {
  return new Promise((resolve) => {
    const child = spawn("npx", ["--no-install", "vitest", "run", ...args], { env: { ...process.env, ...colour }, stdio: ["inherit", "pipe", "pipe"] });
    for (const [from, to] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
      createInterface({ input: from, crlfDelay: Infinity }).on("line", (line) => {
        if (line !== NOISE) to.write(`${line}\n`);
      });
    }
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const extra = process.argv.slice(2);
// With a file filter one config may have nothing to run: that is not a failure.
if (extra.length > 0) extra.push("--passWithNoTests");
const workerd = await run(extra);
const node = await run(["--config", "vitest.node.config.ts", ...extra]);
process.exit(workerd || node);
