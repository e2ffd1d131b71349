// Direct looks at the real local D1 and R2 that the Worker under test wrote to.
import { env } from "cloudflare:test";
import type { OutboundEmail } from "../../src/mail/mailer";

const TABLES = ["dev_outbox", "notes", "nudges", "meetings", "contacts", "inbound_messages", "users"];

/** Empties every table and the raw-mail bucket: D1 is only reset per file, tests want a clean slate. */
export async function resetStorage(): Promise<void> {
  // Ids restart too (sqlite_sequence), so tokens and links built from them are the same every run.
  await env.DB.batch([...TABLES.map((table) => env.DB.prepare(`DELETE FROM ${table}`)), env.DB.prepare("DELETE FROM sqlite_sequence")]);
  const listed = await env.RAW_MAIL.list();
  if (listed.objects.length > 0) await env.RAW_MAIL.delete(listed.objects.map((o) => o.key));
}

export async function rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]> {
  const result = await env.DB.prepare(sql).bind(...params).all<T>();
  return result.results;
}

export async function count(table: string): Promise<number> {
  const [row] = await rows<{ n: number }>(`SELECT count(*) AS n FROM ${table}`);
  return row!.n;
}

export async function outbox(): Promise<OutboundEmail[]> {
  const stored = await rows<{ message: string }>("SELECT message FROM dev_outbox ORDER BY id");
  return stored.map((row) => JSON.parse(row.message) as OutboundEmail);
}

export async function rawObjectCount(): Promise<number> {
  return (await env.RAW_MAIL.list()).objects.length;
}
