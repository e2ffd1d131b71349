/**
 * The queries of a dispatch run: claim due nudges atomically, load what composing them needs
 * in a few bulk reads, record outcomes, and chain the next check-in and digest. No business
 * rules here; nudges/dispatch.ts decides.
 */
import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "./client";
import { contacts, inboundMessages, meetings, notes, nudges, users, type Contact, type Meeting, type Nudge, type NudgeKind, type User } from "./schema";

/** D1 allows 100 bound parameters per statement: id lists are read in chunks of this size. */
const IDS_PER_QUERY = 90;

function chunks<T>(items: T[], size = IDS_PER_QUERY): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Claims up to `limit` nudges of the given kinds that are due (or whose previous claim's lease
 * ran out: a crashed run), earliest due first, in one UPDATE: D1 runs statements one at a time,
 * so two overlapping runs can never claim the same row.
 *
 * The two ways of being due are looked up separately, each walking its own index in due order
 * and stopping at `limit` (pending by nudges_status_due; expired leases, always few, by
 * nudges_status_claimed), then merged: a run reads about `limit` rows however many nudges
 * are waiting, instead of every due row (an OR across both indexes must read all of them to
 * sort). See docs/performance.md for the query plan.
 */
export async function claimDueNudges(
  db: Database,
  kinds: readonly NudgeKind[],
  now: number,
  limit: number,
  leaseUntil: number,
): Promise<Nudge[]> {
  const candidates = (status: "pending" | "sending") =>
    db
      .select({ id: nudges.id, dueAt: nudges.dueAt })
      .from(nudges)
      .where(
        and(
          eq(nudges.status, status),
          lte(status === "pending" ? nudges.dueAt : nudges.claimedUntil, now),
          inArray(nudges.kind, [...kinds]),
        ),
      )
      .orderBy(asc(nudges.dueAt), asc(nudges.id))
      .limit(limit);
  const due = sql`(select "id" from (select * from ${candidates("pending")} union all select * from ${candidates("sending")}) order by "due_at", "id" limit ${limit})`;
  const claimed = await db
    .update(nudges)
    .set({ status: "sending", claimedUntil: leaseUntil, attempts: sql`${nudges.attempts} + 1`, updatedAt: now })
    .where(inArray(nudges.id, due))
    .returning();
  return claimed.sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
}

async function byIds<T>(ids: number[], read: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const parts = await Promise.all(chunks(unique).map(read));
  return parts.flat();
}

export async function usersByIds(db: Database, ids: number[]): Promise<Map<number, User>> {
  const rows = await byIds(ids, (chunk) => db.select().from(users).where(inArray(users.id, chunk)));
  return new Map(rows.map((row) => [row.id, row]));
}

export async function meetingsByIds(db: Database, ids: number[]): Promise<Map<number, Meeting>> {
  const rows = await byIds(ids, (chunk) => db.select().from(meetings).where(inArray(meetings.id, chunk)));
  return new Map(rows.map((row) => [row.id, row]));
}

export async function contactsByIds(db: Database, ids: number[]): Promise<Map<number, Contact>> {
  const rows = await byIds(ids, (chunk) => db.select().from(contacts).where(inArray(contacts.id, chunk)));
  return new Map(rows.map((row) => [row.id, row]));
}

/** Every nudge of these meetings, of these kinds (the thanks a follow-up depends on, the check-in a thanks announces). */
export async function meetingNudges(db: Database, meetingIds: number[], kinds: NudgeKind[]): Promise<Nudge[]> {
  return byIds(meetingIds, (chunk) =>
    db.select().from(nudges).where(and(inArray(nudges.meetingId, chunk), inArray(nudges.kind, kinds))),
  );
}

export type Outcome =
  | { id: number; status: "sent"; providerMessageId: string; payload?: string }
  | { id: number; status: "failed" | "skipped" | "cancelled"; reason: string }
  | { id: number; status: "pending"; reason: string; retryAt: number };

/** The statement recording how one claimed nudge ended. */
function outcomeStatement(db: Database, outcome: Outcome, now: number) {
  const base = { status: outcome.status, claimedUntil: null, updatedAt: now };
  const set =
    outcome.status === "sent"
      ? { ...base, providerMessageId: outcome.providerMessageId, sentAt: now, lastError: null, ...(outcome.payload ? { payload: outcome.payload } : {}) }
      : outcome.status === "pending"
        ? { ...base, dueAt: outcome.retryAt, lastError: outcome.reason.slice(0, 500) }
        : { ...base, lastError: outcome.reason.slice(0, 500) };
  return db.update(nudges).set(set).where(eq(nudges.id, outcome.id));
}

export interface NewNudge {
  userId: number;
  meetingId?: number | null;
  contactId?: number | null;
  kind: NudgeKind;
  dueAt: number;
  uniqueKey: string;
}

function createNudgeStatement(db: Database, row: NewNudge, now: number) {
  return db
    .insert(nudges)
    .values({ ...row, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: nudges.uniqueKey });
}

/** Creates nudges that do not exist yet (by unique key); existing ones are left as they are. */
export async function createNudges(db: Database, rows: NewNudge[], now: number): Promise<void> {
  const [first, ...rest] = rows.map((row) => createNudgeStatement(db, row, now));
  if (first) await db.batch([first, ...rest]);
}

export interface RunRecord {
  outcomes: Outcome[];
  /** Users Postmark called inactive (bounced, complained): no more mail to them until cleared. */
  suppressedUserIds: number[];
  /** What the sent nudges set in motion: next check-ins (one chain per contact) and next digests. */
  next: NewNudge[];
}

/**
 * Records how a run ended in one D1 batch, which D1 runs as one transaction: every claimed
 * nudge's outcome together with what the sent ones set in motion. All or nothing: fail before
 * it, and the claims expire and are retried (the at-least-once window); after it, no chain
 * (next digest, next check-in) can be missing.
 */
export async function recordRun(db: Database, run: RunRecord, now: number): Promise<void> {
  const statements: BatchItem<"sqlite">[] = [
    ...run.outcomes.map((outcome) => outcomeStatement(db, outcome, now)),
    ...chunks([...new Set(run.suppressedUserIds)]).map((chunk) =>
      db.update(users).set({ status: "suppressed", updatedAt: now }).where(inArray(users.id, chunk)),
    ),
    ...run.next.map((row) => createNudgeStatement(db, row, now)),
    // One check-in chain per contact: its other pending check-ins are cancelled.
    ...run.next
      .filter((row) => row.kind === "keep_in_touch" && row.contactId != null)
      .flatMap((row) => [
        db
          .update(nudges)
          .set({ status: "cancelled", updatedAt: now })
          .where(
            and(eq(nudges.contactId, row.contactId!), eq(nudges.kind, "keep_in_touch"), eq(nudges.status, "pending"), ne(nudges.uniqueKey, row.uniqueKey)),
          ),
        db.update(contacts).set({ nextCheckInAt: row.dueAt, updatedAt: now }).where(eq(contacts.id, row.contactId!)),
      ]),
  ];
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

// ---- the digest's reads (one user at a time; a run composes few digests) ----

export interface CheckInRow {
  nudge: Nudge;
  contact: Contact;
}

/** Pending check-ins due before `until`, and prompts sent since `sentSince` that were not marked done. */
export async function openCheckIns(db: Database, userId: number, until: number, sentSince: number): Promise<CheckInRow[]> {
  const rows = await db
    .select({ nudge: nudges, contact: contacts })
    .from(nudges)
    .innerJoin(contacts, eq(contacts.id, nudges.contactId))
    .where(
      and(
        eq(nudges.userId, userId),
        eq(nudges.kind, "keep_in_touch"),
        eq(contacts.status, "active"),
        or(and(eq(nudges.status, "pending"), lt(nudges.dueAt, until)), and(eq(nudges.status, "sent"), gte(nudges.sentAt, sentSince))),
      ),
    )
    .orderBy(asc(nudges.dueAt))
    .limit(30);
  return rows;
}

export interface UpcomingRow {
  meeting: Meeting;
  contact: Contact | null;
}

/**
 * A user's coming meetings with someone. A meeting with no one named (a forwarded ticket or
 * appointment, kept in case the user says who it is with) is no informational interview.
 */
export async function upcomingMeetings(db: Database, userId: number, from: number, until: number): Promise<UpcomingRow[]> {
  return db
    .select({ meeting: meetings, contact: contacts })
    .from(meetings)
    .innerJoin(contacts, eq(contacts.id, meetings.contactId))
    .where(and(eq(meetings.userId, userId), eq(meetings.status, "scheduled"), gte(meetings.startsAt, from), lt(meetings.startsAt, until)))
    .orderBy(asc(meetings.startsAt))
    .limit(10);
}

export async function monthNumbers(db: Database, userId: number, from: number, until: number) {
  const [meetingCount] = await db
    .select({ n: sql<number>`count(*)` })
    .from(meetings)
    .where(
      and(
        eq(meetings.userId, userId),
        eq(meetings.status, "scheduled"),
        isNotNull(meetings.contactId),
        gte(meetings.startsAt, from),
        lt(meetings.startsAt, until),
      ),
    );
  const done = await db
    .select({ kind: nudges.kind, n: sql<number>`count(*)` })
    .from(nudges)
    .where(
      and(eq(nudges.userId, userId), inArray(nudges.kind, ["thanks", "keep_in_touch"]), eq(nudges.status, "done"), gte(nudges.updatedAt, from), lt(nudges.updatedAt, until)),
    )
    .groupBy(nudges.kind);
  const count = (kind: NudgeKind) => done.find((row) => row.kind === kind)?.n ?? 0;
  return { meetings: meetingCount?.n ?? 0, thankYous: count("thanks"), checkIns: count("keep_in_touch") };
}

/** The user's notes written in [from, until), oldest first, with whom each is about. */
export async function notesBetween(db: Database, userId: number, from: number, until: number) {
  return db
    .select({ body: notes.body, createdAt: notes.createdAt, contactName: contacts.name, contactEmail: contacts.email })
    .from(notes)
    .leftJoin(contacts, eq(contacts.id, notes.contactId))
    .where(and(eq(notes.userId, userId), gte(notes.createdAt, from), lt(notes.createdAt, until)))
    .orderBy(asc(notes.createdAt))
    .limit(20);
}

// ---- housekeeping ----

/** Finished inbound messages whose raw bytes are past retention and still in R2, oldest first. */
export async function expiredRawMail(db: Database, receivedBefore: number, limit: number) {
  return db
    .select({ id: inboundMessages.id, rawKey: inboundMessages.rawKey })
    .from(inboundMessages)
    .where(
      and(
        isNull(inboundMessages.rawDeletedAt),
        lt(inboundMessages.receivedAt, receivedBefore),
        inArray(inboundMessages.status, ["processed", "rejected", "ignored"]),
      ),
    )
    .orderBy(asc(inboundMessages.receivedAt))
    .limit(limit);
}

export async function markRawDeleted(db: Database, ids: number[], now: number): Promise<void> {
  for (const chunk of chunks(ids)) {
    await db.update(inboundMessages).set({ rawDeletedAt: now }).where(inArray(inboundMessages.id, chunk));
  }
}

/** The most recent meeting with each contact that has started by `before`, for "since you met". */
export async function lastMeetingWith(db: Database, contactIds: number[], before: number): Promise<Map<number, number>> {
  const rows = await byIds(contactIds, (chunk) =>
    db
      .select({ contactId: meetings.contactId, start: sql<number>`max(${meetings.startsAt})` })
      .from(meetings)
      .where(and(inArray(meetings.contactId, chunk), eq(meetings.status, "scheduled"), lte(meetings.startsAt, before)))
      .groupBy(meetings.contactId),
  );
  return new Map(rows.filter((row) => row.contactId !== null).map((row) => [row.contactId!, row.start]));
}

