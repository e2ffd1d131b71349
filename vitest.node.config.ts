import { defineConfig } from "vitest/config";

// Tests that run in Node: the pure core's unit tests (time zones, planning, parsing helpers,
// composing; no bindings, so no workerd start-up per file) and the Node-side commands
// (npm run inspect) run as a user would run them. Everything touching the Worker, D1, R2 or
// Postmark runs inside workerd: see vitest.config.ts.
export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.{ts,tsx}", "tests/node/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
  },
});
