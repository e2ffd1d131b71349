// Test-only bindings and values handed to tests by vitest's globalSetup (provide/inject).
import type { D1Migration } from "cloudflare:test";
import type { Env as WorkerEnv } from "../src/env";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
      /** tests/fixtures/ files by relative path, base64 (tests/support/load-fixtures.ts). */
      FIXTURES: Record<string, string>;
      FUZZ_RUNS?: string;
      FUZZ_SEED?: string;
    }
  }
}

export {};
