/**
 * The local Mailer: keeps each message (through `store`: D1's dev_outbox, wired in deps.ts)
 * instead of sending it, byte for byte the object Postmark would have received, so what a
 * developer sees at /dev/outbox is what a user would get. Never fails: local runs need no
 * account and no network.
 */
import type { Mailer, OutboundEmail, SendResult } from "./mailer";

/** Keeps one message; returns its id in the outbox. */
export type OutboxStore = (entry: { tag: string; to: string; json: string }, now: number) => Promise<number>;

export class DevOutboxMailer implements Mailer {
  /** @param clock the adapter's own time source: when a message was "sent", for display only. */
  constructor(
    private readonly store: OutboxStore,
    private readonly clock: () => number,
  ) {}

  async send(message: OutboundEmail): Promise<SendResult> {
    const now = this.clock();
    const id = await this.store({ tag: message.Tag, to: message.To, json: JSON.stringify(message) }, now);
    return { ok: true, messageId: `dev-outbox-${id}`, submittedAt: new Date(now).toISOString() };
  }

  async sendBatch(messages: OutboundEmail[]): Promise<SendResult[]> {
    const results: SendResult[] = [];
    for (const message of messages) results.push(await this.send(message));
    return results;
  }
}
