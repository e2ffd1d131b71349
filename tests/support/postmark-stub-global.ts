// vitest globalSetup (runs in Node, once per run): starts the Postmark stub and hands its URL
// to vitest.config.ts (the POSTMARK_API_URL binding) and to tests via inject("postmarkStubUrl").
import type { TestProject } from "vitest/node";
import { startPostmarkStub } from "./postmark-stub";

export default async function setup({ provide }: Pick<TestProject, "provide">): Promise<() => Promise<void>> {
  const stub = await startPostmarkStub();
  provide("postmarkStubUrl", stub.url);
  return () => stub.close();
}
