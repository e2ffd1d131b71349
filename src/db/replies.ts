/** The reads and writes acting on a reply needs. No rules here: replies/actions.ts decides. */
import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { Database } from "./client";
import { contacts, inboundMessages, meetings, notes, nudges, users, type Contact, type Meeting, type Nudge, type NudgeKind, type User } from "./schema";

export async function findUserById(db: Database, id: number): Promise<User | undefined> {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export async function findNudge(db: Database, id: number): Promise<Nudge | undefined> {
  return db.select().from(nudges).where(eq(nudges.id, id)).get();
}

export async function findContact(db: Database, id: number): Promise<Contact | undefined> {
  return db.select().from(contacts).where(eq(contacts.id, id)).get();
}

export async function findMeetingById(db: Database, id: number): Promise<Meeting | undefined> {
  return db.select().from(meetings).where(eq(meetings.id, id)).get();
}

export async function nudgeByKey(db: Database, uniqueKey: string): Promise<Nudge | undefined> {
  return db.select().from(nudges).where(eq(nudges.uniqueKey, uniqueKey)).get();
}

export async function setNudgeStatus(db: Database, ids: number[], status: Nudge["status"], now: number): Promise<void> {
  if (ids.length > 0) await db.update(nudges).set({ status, updatedAt: now }).where(inArray(nudges.id, ids));
}

/** Moves a nudge to a new time and makes it pending again (snooze). */
export async function reschedule(db: Database, id: number, dueAt: number, now: number): Promise<void> {
  await db.update(nudges).set({ status: "pending", dueAt, attempts: 0, claimedUntil: null, updatedAt: now }).where(eq(nudges.id, id));
}

/** The contact's upcoming check-in (the pending one), if any. */
export async function pendingCheckIn(db: Database, contactId: number): Promise<Nudge | undefined> {
  return db
    .select()
    .from(nudges)
    .where(and(eq(nudges.contactId, contactId), eq(nudges.kind, "keep_in_touch"), eq(nudges.status, "pending")))
    .orderBy(nudges.dueAt)
    .get();
}

/** The check-in prompt most recently sent about a contact. */
export async function lastSentCheckIn(db: Database, contactId: number): Promise<Nudge | undefined> {
  return db
    .select()
    .from(nudges)
    .where(and(eq(nudges.contactId, contactId), eq(nudges.kind, "keep_in_touch"), eq(nudges.status, "sent")))
    .orderBy(desc(nudges.sentAt))
    .get();
}

export async function cancelPending(db: Database, where: { contactId?: number; meetingId?: number }, kinds: NudgeKind[], now: number): Promise<void> {
  const scope = where.contactId !== undefined ? eq(nudges.contactId, where.contactId) : eq(nudges.meetingId, where.meetingId!);
  await db
    .update(nudges)
    .set({ status: "cancelled", updatedAt: now })
    .where(and(scope, eq(nudges.status, "pending"), inArray(nudges.kind, kinds)));
}

export async function updateContact(
  db: Database,
  id: number,
  fields: Partial<Pick<Contact, "status" | "cadenceDays" | "lastTouchedAt" | "nextCheckInAt" | "linkedinUrl">>,
  now: number,
): Promise<void> {
  await db.update(contacts).set({ ...fields, updatedAt: now }).where(eq(contacts.id, id));
}

export async function updateUser(db: Database, id: number, fields: Partial<Pick<User, "status" | "timeZone">>, now: number): Promise<void> {
  await db.update(users).set({ ...fields, updatedAt: now }).where(eq(users.id, id));
}

export async function addNote(
  db: Database,
  note: { userId: number; contactId: number | null; meetingId: number | null; body: string; source: "reply" | "digest" },
  now: number,
): Promise<void> {
  await db.insert(notes).values({ ...note, createdAt: now });
}

/** How many emails of a kind the user was sent since `since` (a rate limit on acknowledgements). */
export async function countSentSince(db: Database, userId: number, kind: NudgeKind, since: number): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(nudges)
    .where(and(eq(nudges.userId, userId), eq(nudges.kind, kind), gte(nudges.createdAt, since)));
  return row?.n ?? 0;
}

/** Everyone the user has met, most recent meeting first: who to tell about a new job. */
export async function contactsMet(db: Database, userId: number, before: number): Promise<{ contact: Contact; lastMet: number }[]> {
  const rows = await db
    .select({ contact: contacts, lastMet: sql<number>`max(${meetings.startsAt})` })
    .from(contacts)
    .innerJoin(meetings, eq(meetings.contactId, contacts.id))
    .where(and(eq(contacts.userId, userId), eq(meetings.status, "scheduled"), sql`${meetings.startsAt} <= ${before}`))
    .groupBy(contacts.id)
    .orderBy(desc(sql`max(${meetings.startsAt})`))
    .limit(50);
  return rows;
}

/** Raw-mail keys of everything the user sent in, for deleting their data. */
export async function rawKeysOf(db: Database, email: string): Promise<{ id: number; rawKey: string }[]> {
  return db
    .select({ id: inboundMessages.id, rawKey: inboundMessages.rawKey })
    .from(inboundMessages)
    .where(eq(inboundMessages.envelopeFrom, email.toLowerCase()));
}

/** Removes the user and, by cascade, their contacts, meetings, nudges and notes; and their inbound rows. */
export async function deleteUserRows(db: Database, user: User): Promise<void> {
  await db.batch([
    db.delete(inboundMessages).where(eq(inboundMessages.envelopeFrom, user.email)),
    db.delete(users).where(eq(users.id, user.id)),
  ]);
}
