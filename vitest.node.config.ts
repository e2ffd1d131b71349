import { defineConfig } from "vitest/config";

// Tests of the Node-side commands (npm run inspect), run as a user would run them.
// Everything else runs inside workerd: see vitest.config.ts.
export default defineConfig({
  test: {
    include: ["tests/node/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
  },
});
