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

/** Stores messages in order, in one D1 batch; returns their ids. */
export async function storeOutboxMessages(db: Database, entries: OutboxEntry[], now: number): Promise<number[]> {
  const [first, ...rest] = entries.map((entry) =>
    db.insert(devOutbox).values({ tag: entry.tag, to: entry.to, message: entry.json, createdAt: now }).returning({ id: devOutbox.id }),
  );
  if (!first) return [];
  const results = (await db.batch([first, ...rest])) as { id: number }[][];
  return results.map(([row]) => row!.id);
}

/** Every stored message, oldest first, as stored. */
export async function listOutboxMessages(db: Database): Promise<{ id: number; createdAt: number; json: string }[]> {
  const rows = await db.select().from(devOutbox).orderBy(asc(devOutbox.id));
  return rows.map((row) => ({ id: row.id, createdAt: row.createdAt, json: row.message }));
}
