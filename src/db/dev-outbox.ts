/** dev_outbox: local development's stand-in for Postmark. Exists in every schema, written only when DEV_OUTBOX=true. */
import { asc } from "drizzle-orm";
import type { OutboundEmail } from "../mail/mailer";
import type { Database } from "./client";
import { devOutbox } from "./schema";

export async function storeOutboxMessage(db: Database, message: OutboundEmail, now: number): Promise<number> {
  const row = await db
    .insert(devOutbox)
    .values({ tag: message.Tag, to: message.To, message: JSON.stringify(message), createdAt: now })
    .returning({ id: devOutbox.id })
    .get();
  return row.id;
}

/** Every stored message, oldest first, exactly as it would have gone to Postmark. */
export async function listOutboxMessages(db: Database): Promise<{ id: number; createdAt: number; message: OutboundEmail }[]> {
  const rows = await db.select().from(devOutbox).orderBy(asc(devOutbox.id));
  return rows.map((row) => ({ id: row.id, createdAt: row.createdAt, message: JSON.parse(row.message) as OutboundEmail }));
}
