// Values vitest's globalSetup (Node) hands to tests (workerd) through provide/inject.
// Included by both tsconfigs; the import makes this a module augmentation, not a new module.
import type {} from "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL of the loopback Postmark stub started by tests/support/postmark-stub-global.ts. */
    postmarkStubUrl: string;
  }
}
