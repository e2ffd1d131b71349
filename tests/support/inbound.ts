// Feeds a message to the inbound use case at a chosen `now`, as email() would but with the
// clock fixed, so every date in what it writes and sends is deterministic.
import { env } from "cloudflare:test";
import { buildDeps } from "../../src/deps";
import type { Env } from "../../src/env";
import { receiveInbound, type ReceiveOutcome } from "../../src/router/receive";
// A header of the raw message (unfolded, first occurrence), as Email Routing exposes it.
import { topmostHeader as headerOf } from "../../src/router/authenticity";

export { headerOf };

export interface ForwardOptions {
  now: number;
  from?: string;
  to?: string;
  /** Overrides the message's own Message-ID (to send the same bytes as a different email). */
  messageId?: string;
  bindings?: Env;
}

export function forwardAt(raw: Uint8Array, options: ForwardOptions): Promise<ReceiveOutcome> {
  return receiveInbound(
    {
      envelopeFrom: options.from ?? "jane@example.com",
      envelopeTo: options.to ?? "meet@rapport.test",
      header: (name) => (name.toLowerCase() === "message-id" && options.messageId ? options.messageId : headerOf(raw, name)),
      readRaw: async () => raw,
    },
    buildDeps(options.bindings ?? env),
    options.now,
  );
}
