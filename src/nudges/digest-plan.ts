/** Every user gets the monthly digest: the first one is planned when they first use Rapport. */
import { createNudges } from "../db/dispatch";
import type { Database } from "../db/client";
import type { User } from "../db/schema";
import { monthKey, nextDigestAt } from "./plan";

export function digestKey(userId: number, dueAt: number, timeZone: string): string {
  return `digest:user:${userId}:${monthKey(dueAt, timeZone)}`;
}

/** Plans the user's next digest unless it exists (idempotent: keyed by user and month). */
export async function planNextDigest(db: Database, user: User, now: number): Promise<void> {
  const dueAt = nextDigestAt(now, user.timeZone);
  await createNudges(db, [{ userId: user.id, kind: "digest", dueAt, uniqueKey: digestKey(user.id, dueAt, user.timeZone) }], now);
}
