/**
 * Rapport's Worker: three entry points, each only translating its input into a use-case call
 * (DESIGN §3). The clock is read here, at the edge, and passed in as `now`.
 */
import { buildDeps } from "./deps";
import type { Env } from "./env";
import { createApp } from "./http/app";
import { receiveInbound } from "./inbound/receive";

export default {
  async fetch(request, env, ctx) {
    return createApp(buildDeps(env)).fetch(request, env, ctx);
  },

  async email(message, env, _ctx) {
    const outcome = await receiveInbound(
      {
        envelopeFrom: message.from,
        envelopeTo: message.to,
        header: (name) => message.headers.get(name),
        readRaw: async () => new Uint8Array(await new Response(message.raw).arrayBuffer()),
      },
      buildDeps(env),
      Date.now(),
    );
    if (outcome.kind === "refused") message.setReject(outcome.reason);
  },
} satisfies ExportedHandler<Env>;
