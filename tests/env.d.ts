// Test-only bindings and values handed to tests by vitest's globalSetup (provide/inject).
import type { D1Migration } from "cloudflare:test";
import type { Env as WorkerEnv } from "../src/env";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the loopback Postmark stub started by tests/support/postmark-stub-global.ts. */
    postmarkStubUrl: string;
  }
}

export {};
