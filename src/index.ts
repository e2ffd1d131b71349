/**
 * Rapport's Worker: four entry points, each only translating its input into a use-case call
 * (docs/design.md §3). The clock is read here, at the edge, and passed in as `now`.
 */
import { buildDeps } from "./deps";
import { DEAD_LETTER_QUEUE, type Env } from "./env";
import { createApp } from "./http/app";
import { receiveInbound } from "./router/receive";
import { deleteExpiredRawMail } from "./inbound/retention";
import { enqueueDue, failUndeliverable, sendQueued, type DispatchMessage } from "./nudges/dispatch";

/** Built once per isolate; each request brings its own dependencies. */
const app = createApp();

export default {
  async fetch(request, env, ctx) {
    return app.fetch(request, { deps: buildDeps(env), receiveMail: receiveInbound }, ctx);
  },

  async email(message, env, _ctx) {
    const deps = buildDeps(env);
    const outcome = await receiveInbound(
      {
        envelopeFrom: message.from,
        envelopeTo: message.to,
        header: (name) => message.headers.get(name),
        readRaw: async () => new Uint8Array(await new Response(message.raw).arrayBuffer()),
        rawSize: message.rawSize,
        via: "email_routing",
      },
      deps,
      deps.clock(),
    );
    if (outcome.kind === "refused") message.setReject(outcome.reason);
  },

  async scheduled(controller, env, _ctx) {
    const deps = buildDeps(env);
    // The run's clock is the cron's scheduled time: a delayed run still sends what was due then.
    const now = controller.scheduledTime;
    await enqueueDue(deps, now);
    await deleteExpiredRawMail(deps, now);
  },

  async queue(batch, env, _ctx) {
    const deps = buildDeps(env);
    const deliveries = batch.messages.map((message) => ({ body: message.body, attempts: message.attempts }));
    if (batch.queue === DEAD_LETTER_QUEUE) {
      await failUndeliverable(deps, deliveries, deps.clock());
      batch.ackAll();
      return;
    }
    // Throws when the delivery failed before recording: Queues then retries the whole batch.
    const { decisions } = await sendQueued(deps, deliveries, deps.clock());
    decisions.forEach((decision, index) => {
      const message = batch.messages[index]!;
      if ("retryAfterSeconds" in decision) message.retry({ delaySeconds: decision.retryAfterSeconds });
      else message.ack();
    });
  },
} satisfies ExportedHandler<Env, DispatchMessage>;
