/**
 * The local Mailer: keeps each message in D1 (dev_outbox) instead of sending it, byte for byte
 * the object Postmark would have received, so what a developer sees at /dev/outbox is what a
 * user would get. Never fails: local runs need no account and no network.
 */
import type { Database } from "../db/client";
import { storeOutboxMessage } from "../db/dev-outbox";
import type { Mailer, OutboundEmail, SendResult } from "./mailer";

export class DevOutboxMailer implements Mailer {
  /** @param clock the adapter's own time source: when a message was "sent", for display only. */
  constructor(
    private readonly db: Database,
    private readonly clock: () => number,
  ) {}

  async send(message: OutboundEmail): Promise<SendResult> {
    const now = this.clock();
    const id = await storeOutboxMessage(this.db, message, now);
    return { ok: true, messageId: `dev-outbox-${id}`, submittedAt: new Date(now).toISOString() };
  }

  async sendBatch(messages: OutboundEmail[]): Promise<SendResult[]> {
    const results: SendResult[] = [];
    for (const message of messages) results.push(await this.send(message));
    return results;
  }
}
