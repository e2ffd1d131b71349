/**
 * inbound_messages: one row per received message, keyed by Message-ID with the envelope
 * sender, so nothing is handled twice or lost, and no sender can touch another's row.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "./client";
import { inboundMessages, type InboundMessage } from "./schema";

export type InboundStatus = InboundMessage["status"];

export async function findInbound(db: Database, messageId: string, envelopeFrom: string): Promise<InboundMessage | undefined> {
  return db
    .select()
    .from(inboundMessages)
    .where(and(eq(inboundMessages.messageId, messageId), eq(inboundMessages.envelopeFrom, envelopeFrom)))
    .get();
}

export interface NewInbound {
  messageId: string;
  envelopeFrom: string;
  envelopeTo: string;
  receivedAt: number;
  rawKey: string;
  rawSize: number;
}

/**
 * Records a message as received; a message seen before from the same sender (a retry after a
 * failure) keeps its row, counts another attempt and points at the bytes just archived.
 * Returns the row as it now stands.
 */
export async function recordInbound(db: Database, message: NewInbound): Promise<InboundMessage> {
  return db
    .insert(inboundMessages)
    .values({ ...message, status: "received", updatedAt: message.receivedAt })
    .onConflictDoUpdate({
      target: [inboundMessages.messageId, inboundMessages.envelopeFrom],
      set: { attempts: sql`${inboundMessages.attempts} + 1`, updatedAt: message.receivedAt, rawKey: message.rawKey, rawSize: message.rawSize },
    })
    .returning()
    .get();
}

export async function markInbound(
  db: Database,
  id: number,
  status: InboundStatus,
  now: number,
  error?: { code: string; detail?: string | null },
): Promise<void> {
  await db
    .update(inboundMessages)
    .set({ status, errorCode: error?.code ?? null, errorDetail: error?.detail?.slice(0, 1000) ?? null, updatedAt: now })
    .where(eq(inboundMessages.id, id));
}
