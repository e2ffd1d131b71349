/**
 * dev_outbox: local development's stand-in for Postmark. Exists in every schema, written only
 * when DEV_OUTBOX=true. Stores each message as the JSON the mailer hands over; what that JSON
 * means is the mailer's business, not the database's.
 */
import { asc } from "drizzle-orm";
import type { Database } from "./client";
import { devOutbox } from "./schema";

export interface OutboxEntry {
  tag: string;
  to: string;
  /** The message object, as JSON. */
  json: string;
}

export async function storeOutboxMessage(db: Database, entry: OutboxEntry, now: number): Promise<number> {
  const row = await db
    .insert(devOutbox)
    .values({ tag: entry.tag, to: entry.to, message: entry.json, createdAt: now })
    .returning({ id: devOutbox.id })
    .get();
  return row.id;
}

/** Every stored message, oldest first, as stored. */
export async function listOutboxMessages(db: Database): Promise<{ id: number; createdAt: number; json: string }[]> {
  const rows = await db.select().from(devOutbox).orderBy(asc(devOutbox.id));
  return rows.map((row) => ({ id: row.id, createdAt: row.createdAt, json: row.message }));
}
