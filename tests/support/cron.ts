// Runs the Worker's scheduled() as the cron trigger would, as of a chosen time, then waits for
// the nudge queue (run by Miniflare, as wrangler.toml declares it) to drain: the tick only puts
// claimed nudges on the queue; the consumer sends them a moment later.
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import worker from "../../src/index";

export async function cron(at: number | string): Promise<void> {
  const scheduledTime = typeof at === "string" ? Date.parse(at) : at;
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime, cron: "*/5 * * * *" }), env, ctx);
  await waitOnExecutionContext(ctx);
  await queueDrained();
}

/** Nudges a tick put on the queue that the consumer has not recorded yet (what /dev/queue.json reports). */
export async function inFlight(): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM nudges WHERE status IN ('queued', 'sending')").first<{ n: number }>();
  return row?.n ?? 0;
}

/** Waits until nothing is in flight on the nudge queue. */
export async function queueDrained(timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while ((await inFlight()) > 0) {
    if (Date.now() > until) throw new Error(`the nudge queue did not drain within ${timeoutMs} ms (${await inFlight()} in flight)`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
