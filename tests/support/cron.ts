// Runs the Worker's scheduled() as the cron trigger would, as of a chosen time.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import worker from "../../src/index";

export async function cron(at: number | string): Promise<void> {
  const scheduledTime = typeof at === "string" ? Date.parse(at) : at;
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime, cron: "*/5 * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
}
