/**
 * The local Mailer: keeps each message (through `store`: D1's dev_outbox, wired in deps.ts)
 * instead of sending it, byte for byte the object Postmark would have received, so what a
 * developer sees at /dev/outbox is what a user would get. Never fails: local runs need no
 * account and no network.
 */
import type { Mailer, OutboundEmail, SendResult } from "./mailer";

/** Keeps messages, in order, in one write; returns their ids in the outbox. */
export type OutboxStore = (entries: { tag: string; to: string; json: string }[], now: number) => Promise<number[]>;

export class DevOutboxMailer implements Mailer {
  /** @param clock the adapter's own time source: when a message was "sent", for display only. */
  constructor(
    private readonly store: OutboxStore,
    private readonly clock: () => number,
  ) {}

  async send(message: OutboundEmail): Promise<SendResult> {
    const [result] = await this.sendBatch([message]);
    return result!;
  }

  async sendBatch(messages: OutboundEmail[]): Promise<SendResult[]> {
    if (messages.length === 0) return [];
    const now = this.clock();
    const ids = await this.store(
      messages.map((message) => ({ tag: message.Tag, to: message.To, json: JSON.stringify(message) })),
      now,
    );
    return ids.map((id) => ({ ok: true, messageId: `dev-outbox-${id}`, submittedAt: new Date(now).toISOString() }));
  }
}
