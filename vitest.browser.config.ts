import { defineConfig } from "vitest/config";

// `npm run test:browser`: a real headless Chromium (Debian's `chromium` package, driven by
// playwright-core) against a seeded local Worker. Not part of `npm test`, which must run on a
// machine without a browser; .ci/run installs Chromium and runs this too.
export default defineConfig({
  test: {
    include: ["tests/browser/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
