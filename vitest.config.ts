import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { loadFixtures } from "./tests/support/load-fixtures.ts";

const migrationsDir = fileURLToPath(new URL("./migrations", import.meta.url));
const fixturesDir = fileURLToPath(new URL("./tests/fixtures", import.meta.url));

// Tests run inside workerd with real local D1 and R2 (miniflare). Bindings come from
// wrangler.toml; the overrides below are the test environment's config, and TEST_MIGRATIONS
// carries the very SQL files wrangler applies, so the test schema cannot drift.
export default defineConfig({
  plugins: [
    cloudflareTest(async ({ inject }) => ({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        bindings: {
          ENVIRONMENT: "test",
          INBOX_ADDRESS: "meet@rapport.test",
          FROM_ADDRESS: "Rapport <rapport@rapport.test>",
          ALLOWED_SENDERS: "jane@example.com,@college.test",
          DEFAULT_TIMEZONE: "America/New_York",
          DEV_OUTBOX: "true",
          PUBLIC_URL: "https://rapport.test",
          REQUIRE_SENDER_AUTH: "false",
          POSTMARK_API_URL: inject("postmarkStubUrl"),
          // A retryable send failure comes back after 1 s, 2 s, 4 s... instead of 5 minutes.
          RETRY_BASE_SECONDS: "1",
          TEST_MIGRATIONS: await readD1Migrations(migrationsDir),
          FIXTURES: loadFixtures(fixturesDir),
          // Property-test depth: a fixed count in `npm test`, more on demand (FUZZ_RUNS=5000).
          FUZZ_RUNS: process.env.FUZZ_RUNS ?? "150",
          // A fuzz failure prints its seed; FUZZ_SEED=<seed> replays it.
          FUZZ_SEED: process.env.FUZZ_SEED ?? "",
        },
        // The nudge queue runs in Miniflare as wrangler.toml declares it, with a shorter wait
        // for a batch to fill, no delay before a thrown delivery comes back, and two retries
        // before the dead-letter queue (wrangler.toml: 1 s, 60 s and 7).
        queueConsumers: {
          "rapport-nudges": { maxBatchTimeout: 0.05, retryDelay: 0, maxRetries: 2, deadLetterQueue: "rapport-nudges-dlq" },
          "rapport-nudges-dlq": { maxBatchTimeout: 0.05 },
        },
      },
    })),
  ],
  test: {
    // `ics` (via yup and property-expr) is CommonJS that vitest's module runner in workerd
    // cannot load as is: pre-bundle it, as wrangler's esbuild does for deployment. `postmark`
    // loads either way, but its published source maps name src/ files it does not ship and
    // vite warns about them on every run; pre-bundled, it is what deployment runs, quietly.
    deps: { optimizer: { ssr: { enabled: true, include: ["ics", "postmark"] } } },
    // The Worker logs one JSON line per event; show them only for failing tests.
    silent: "passed-only",
    include: ["tests/**/*.test.ts", "tests/**/*.test.tsx"],
    exclude: ["tests/node/**", "tests/unit/**", "tests/browser/**"],
    setupFiles: ["./tests/support/apply-migrations.ts"],
    globalSetup: ["./tests/support/postmark-stub-global.ts"],
  },
});
