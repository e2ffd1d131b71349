/** users: one per forwarding address, created on first use. */
import { and, eq, inArray } from "drizzle-orm";
import type { Database } from "./client";
import { users, type User } from "./schema";

export async function findUserByEmail(db: Database, email: string): Promise<User | undefined> {
  return db.select().from(users).where(eq(users.email, email.toLowerCase())).get();
}

/** Returns the user with this address, creating it (with this name and zone) if there is none. */
export async function ensureUser(
  db: Database,
  fields: { email: string; name: string | null; timeZone: string },
  now: number,
): Promise<User> {
  const email = fields.email.toLowerCase();
  await db
    .insert(users)
    .values({ email, name: fields.name, timeZone: fields.timeZone, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: users.email });
  const user = await findUserByEmail(db, email);
  if (!user) throw new Error(`user ${email} missing right after insert`);
  return user;
}

export type UserStatus = User["status"];

/** Sets the status of the user with this address; returns the updated user, or undefined if there is none. */
export async function setUserStatusByEmail(db: Database, email: string, status: UserStatus, now: number): Promise<User | undefined> {
  return db
    .update(users)
    .set({ status, updatedAt: now })
    .where(eq(users.email, email.toLowerCase()))
    .returning()
    .get();
}

/**
 * Sets the status of the user with this address only while it is one of `from`; returns the
 * updated user, or undefined if there is no such user or its status was not one of them.
 */
export async function setUserStatusByEmailIf(
  db: Database,
  email: string,
  status: UserStatus,
  from: readonly UserStatus[],
  now: number,
): Promise<User | undefined> {
  return db
    .update(users)
    .set({ status, updatedAt: now })
    .where(and(eq(users.email, email.toLowerCase()), inArray(users.status, [...from])))
    .returning()
    .get();
}
