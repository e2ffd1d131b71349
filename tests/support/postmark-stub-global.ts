// vitest globalSetup (runs in Node, once per run): starts the Postmark stub and hands its URL
// to vitest.config.ts (the POSTMARK_API_URL binding) and to tests via inject("postmarkStubUrl").
import type { TestProject } from "vitest/node";
import { startPostmarkStub } from "./postmark-stub";

export default async function setup({ provide }: Pick<TestProject, "provide">): Promise<() => Promise<void>> {
  // The server the tests send through: FROM_ADDRESS in vitest.config.ts is at rapport.test, so
  // that domain is its one sender signature; its only stream is Postmark's default, "outbound".
  const stub = await startPostmarkStub({ senderSignatures: ["rapport.test"], messageStreams: ["outbound"] });
  provide("postmarkStubUrl", stub.url);
  return () => stub.close();
}
