/**
 * The queries of dispatch (docs/design.md §6, §9). The cron tick finds due nudges on the index
 * alone and claims them (`queued`, with a lease and the tick's `now` as the claim's name); a
 * queue consumer takes the claimed nudges of its message (`sending`), reads what composing
 * them needs, and records outcomes with what they set in motion. No business rules here:
 * nudges/dispatch.ts decides.
 *
 * Rows read are what D1 bills, so the hot statements are shaped for it: one statement per row,
 * by primary key, sent together in one `db.batch()` (one round trip). D1 counts an IN list's
 * rows twice (the list, then the row), an UPDATE over a range of the index it changes three
 * times and one over a subquery five or six; a statement by id counts its row once
 * (docs/performance.md has the measured costs).
 */
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Database } from "./client";
import { contacts, inboundMessages, leads, meetings, notes, nudges, users, type Contact, type LeadRow, type Meeting, type Nudge, type NudgeKind, type User } from "./schema";

/** D1 allows 100 bound parameters per statement: id lists are read in chunks of this size. */
const IDS_PER_QUERY = 90;

function chunks<T>(items: T[], size = IDS_PER_QUERY): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs statements in one D1 batch (one round trip, one transaction); none, no call. */
async function batchOf<T>(db: Database, statements: BatchItem<"sqlite">[]): Promise<T[]> {
  const [first, ...rest] = statements;
  if (!first) return [];
  return (await db.batch([first, ...rest])) as T[];
}

/** How many rows an UPDATE or INSERT of a batch changed (D1's own count). */
function changes(result: unknown): number {
  return (result as { meta?: { changes?: number } }).meta?.changes ?? 0;
}

// ---- the cron tick ----

/**
 * The two partial indexes' own conditions, written as they are in the schema: SQLite uses a
 * partial index only for a query whose WHERE holds its condition as written, and a bound
 * parameter (`status = ?`) does not count.
 */
const isPending = sql`${nudges.status} = 'pending'`;
const isClaimed = sql`${nudges.status} in ('queued', 'sending')`;

/**
 * Up to `limit` nudges a tick may claim, from the indexes alone: pending ones of these kinds
 * due by `now` (nudges_pending_due, earliest first), and claims whose lease ran out (a tick or
 * a consumer died, or the queue lost the message; nudges_claimed_until). Both in one round trip.
 */
export async function findDue(db: Database, kinds: readonly NudgeKind[], now: number, limit: number): Promise<number[]> {
  const [expired, pending] = await db.batch([
    db
      .select({ id: nudges.id })
      .from(nudges)
      .where(and(isClaimed, lte(nudges.claimedUntil, now)))
      .limit(limit),
    db
      .select({ id: nudges.id })
      .from(nudges)
      .where(and(isPending, lte(nudges.dueAt, now), inArray(nudges.kind, [...kinds])))
      .orderBy(asc(nudges.dueAt), asc(nudges.kind), asc(nudges.id))
      .limit(limit),
  ]);
  return [...new Set([...expired, ...pending].map((row) => row.id))].slice(0, limit);
}

/**
 * Claims these nudges for the tick at `now`: `queued`, the claim named by `now`, held until
 * `leaseUntil`. One UPDATE per nudge, each checking again that the nudge is still due or its
 * lease over, so two overlapping ticks never claim the same nudge (D1 runs statements one at a
 * time). Returns the ids this tick claimed.
 */
export async function claimNudges(db: Database, ids: number[], now: number, leaseUntil: number): Promise<number[]> {
  const results = await batchOf<unknown>(
    db,
    ids.map((id) =>
      db
        .update(nudges)
        .set({ status: "queued", claimedAt: now, claimedUntil: leaseUntil, updatedAt: now })
        .where(
          and(
            eq(nudges.id, id),
            or(
              and(eq(nudges.status, "pending"), lte(nudges.dueAt, now)),
              and(inArray(nudges.status, ["queued", "sending"]), lte(nudges.claimedUntil, now)),
            ),
          ),
        ),
    ),
  );
  return ids.filter((_, index) => changes(results[index]) === 1);
}

/** Gives back claims a tick could not put on the queue: pending again, due as they were. */
export async function releaseClaims(db: Database, ids: number[], claimedAt: number, now: number): Promise<void> {
  await batchOf(
    db,
    chunks(ids).map((chunk) =>
      db
        .update(nudges)
        .set({ status: "pending", claimedAt: null, claimedUntil: null, updatedAt: now })
        .where(and(inArray(nudges.id, chunk), eq(nudges.status, "queued"), eq(nudges.claimedAt, claimedAt))),
    ),
  );
}

// ---- the queue consumer ----

/** A nudge as a queue message names it: its id and the claim (the tick's `now`) it was sent under. */
export interface ClaimRef {
  id: number;
  claimedAt: number;
}

/**
 * Takes claimed nudges for one consumer delivery: `sending`, held until `holdUntil`, one more
 * attempt. Only nudges still under the message's claim are taken, and only when `queued`, or
 * `sending` under a hold that has run out (a consumer died): a second delivery of the same
 * message (Queues delivers at least once) or a message whose claim a later tick took over
 * gets nothing. Returns the rows taken, as they now stand.
 */
export async function takeNudges(db: Database, refs: ClaimRef[], now: number, holdUntil: number): Promise<Nudge[]> {
  const results = await batchOf<Nudge[]>(
    db,
    refs.map((ref) =>
      db
        .update(nudges)
        .set({ status: "sending", claimedUntil: holdUntil, attempts: sql`${nudges.attempts} + 1`, updatedAt: now })
        .where(
          and(
            eq(nudges.id, ref.id),
            eq(nudges.claimedAt, ref.claimedAt),
            or(eq(nudges.status, "queued"), and(eq(nudges.status, "sending"), lte(nudges.claimedUntil, now))),
          ),
        )
        .returning(),
    ),
  );
  return results.flat();
}

/** Where the given nudges stand (for the rare delivery that could not take all of its own). */
export async function claimStates(db: Database, ids: number[]) {
  const rows = await Promise.all(
    chunks(ids).map((chunk) =>
      db
        .select({ id: nudges.id, status: nudges.status, claimedAt: nudges.claimedAt, claimedUntil: nudges.claimedUntil })
        .from(nudges)
        .where(inArray(nudges.id, chunk)),
    ),
  );
  return rows.flat();
}

/**
 * Puts taken nudges back on their claim (`queued`), for the queue to deliver again: after a
 * retryable send failure, or when the consumer failed before sending. Held until `leaseUntil`
 * so no tick claims them again while the queue still has them.
 */
export async function returnToQueue(db: Database, ids: number[], hold: number, leaseUntil: number, reason: string, now: number): Promise<void> {
  await batchOf(
    db,
    chunks(ids).map((chunk) =>
      db
        .update(nudges)
        .set({ status: "queued", claimedUntil: leaseUntil, lastError: reason.slice(0, 500), updatedAt: now })
        .where(and(inArray(nudges.id, chunk), eq(nudges.status, "sending"), eq(nudges.claimedUntil, hold))),
    ),
  );
}

/**
 * The dead-letter queue's end of a claim: Queues gave up on its message after every retry,
 * so the nudges still under that claim are `failed`, with the last error recorded. Returns
 * how many were failed.
 */
export async function failDeadLettered(db: Database, refs: ClaimRef[], now: number): Promise<number> {
  const results = await batchOf<unknown>(
    db,
    refs.map((ref) =>
      db
        .update(nudges)
        .set({
          status: "failed",
          claimedUntil: null,
          lastError: sql`substr('undeliverable: the queue gave up after every retry; last error: ' || coalesce(${nudges.lastError}, 'none recorded'), 1, 500)`,
          updatedAt: now,
        })
        .where(and(eq(nudges.id, ref.id), eq(nudges.claimedAt, ref.claimedAt), inArray(nudges.status, ["queued", "sending"]))),
    ),
  );
  return results.reduce<number>((total, result) => total + changes(result), 0);
}

/** Nudges claimed and not yet recorded: on the queue, being sent, or waiting for a retry. */
export async function inFlightCount(db: Database): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)` }).from(nudges).where(isClaimed);
  return row?.n ?? 0;
}

// ---- what composing needs: one statement per row, all in one round trip ----

export interface ContextRequest {
  userIds: number[];
  meetingIds: number[];
  contactIds: number[];
  /** The nudge of a meeting of a kind: the thank-you a follow-up waits for, the check-in a thank-you announces. */
  meetingNudges: { meetingId: number; kind: NudgeKind }[];
  /** Contacts whose latest meeting started by `before` is wanted ("since you met"). */
  lastMetContactIds: number[];
  before: number;
  /** Contacts whose notes and the leads they suggested the email will use (thank-yous, check-ins). */
  wordsOfContactIds?: number[];
}

export interface ContextRows {
  users: Map<number, User>;
  meetings: Map<number, Meeting>;
  contacts: Map<number, Contact>;
  /** Keyed `${meetingId}:${kind}`. */
  meetingNudges: Map<string, Nudge>;
  lastMet: Map<number, number>;
  /** A contact's latest notes (at most NOTES_PER_CONTACT), newest first. */
  notes: Map<number, { body: string; createdAt: number }[]>;
  /** The leads a contact suggested, with the start of the meeting that closed each. */
  leads: Map<number, { name: string; company: string | null; status: LeadRow["status"]; meetingStart: number | null }[]>;
}

/** Notes and leads per contact an email reads: bounded, the freshest. */
const NOTES_PER_CONTACT = 5;
const LEADS_PER_CONTACT = 5;

export const meetingNudgeKey = (meetingId: number, kind: NudgeKind): string => `${meetingId}:${kind}`;

function lastMeetingStatement(db: Database, contactId: number, before: number) {
  return db
    .select({ startsAt: meetings.startsAt })
    .from(meetings)
    .where(and(eq(meetings.contactId, contactId), eq(meetings.status, "scheduled"), lte(meetings.startsAt, before)))
    .orderBy(desc(meetings.startsAt))
    .limit(1);
}

/** Reads users, meetings, contacts, related nudges and last meetings by id, each row once, in one D1 batch. */
export async function readContext(db: Database, request: ContextRequest): Promise<ContextRows> {
  const userIds = [...new Set(request.userIds)];
  const meetingIds = [...new Set(request.meetingIds)];
  const contactIds = [...new Set(request.contactIds)];
  const pairs = [...new Map(request.meetingNudges.map((pair) => [meetingNudgeKey(pair.meetingId, pair.kind), pair])).values()];
  const lastMetIds = [...new Set(request.lastMetContactIds)];
  const wordsIds = [...new Set(request.wordsOfContactIds ?? [])];
  const results = await batchOf<unknown[]>(db, [
    ...userIds.map((id) => db.select().from(users).where(eq(users.id, id))),
    ...meetingIds.map((id) => db.select().from(meetings).where(eq(meetings.id, id))),
    ...contactIds.map((id) => db.select().from(contacts).where(eq(contacts.id, id))),
    ...pairs.map((pair) =>
      db
        .select()
        .from(nudges)
        .where(and(eq(nudges.meetingId, pair.meetingId), eq(nudges.kind, pair.kind)))
        .orderBy(asc(nudges.id))
        .limit(1),
    ),
    ...lastMetIds.map((id) => lastMeetingStatement(db, id, request.before)),
    ...wordsIds.map((id) =>
      db
        .select({ body: notes.body, createdAt: notes.createdAt })
        .from(notes)
        .where(eq(notes.contactId, id))
        .orderBy(desc(notes.createdAt))
        .limit(NOTES_PER_CONTACT),
    ),
    ...wordsIds.map((id) =>
      db
        .select({ name: leads.name, company: leads.company, status: leads.status, meetingStart: sql<number | null>`${meetings.startsAt}`.as("meeting_start") })
        .from(leads)
        .leftJoin(meetings, eq(meetings.id, leads.meetingId))
        .where(eq(leads.sourceContactId, id))
        .orderBy(desc(leads.createdAt))
        .limit(LEADS_PER_CONTACT),
    ),
  ]);
  let at = 0;
  const next = <T>(count: number): T[][] => results.slice(at, (at += count)) as T[][];
  const byId = <T extends { id: number }>(lists: T[][]) => new Map(lists.flat().map((row) => [row.id, row]));
  const rows: ContextRows = {
    users: byId(next<User>(userIds.length)),
    meetings: byId(next<Meeting>(meetingIds.length)),
    contacts: byId(next<Contact>(contactIds.length)),
    meetingNudges: new Map(),
    lastMet: new Map(),
    notes: new Map(),
    leads: new Map(),
  };
  next<Nudge>(pairs.length).forEach(([nudge], index) => {
    if (nudge) rows.meetingNudges.set(meetingNudgeKey(pairs[index]!.meetingId, pairs[index]!.kind), nudge);
  });
  next<{ startsAt: number }>(lastMetIds.length).forEach(([row], index) => {
    if (row) rows.lastMet.set(lastMetIds[index]!, row.startsAt);
  });
  next<{ body: string; createdAt: number }>(wordsIds.length).forEach((list, index) => rows.notes.set(wordsIds[index]!, list));
  next<ContextRows["leads"] extends Map<number, infer L> ? (L extends (infer R)[] ? R : never) : never>(wordsIds.length).forEach((list, index) =>
    rows.leads.set(wordsIds[index]!, list),
  );
  return rows;
}

// ---- the digest's figures: every digest of a delivery in one round trip (then one more for last meetings) ----

/**
 * A batch hands back rows as objects keyed by column name, so a join selecting two columns of
 * the same name ("id", "status") would lose one: joins read in a batch name each column apart.
 */
function named<T extends Record<string, AnySQLiteColumn>>(prefix: string, columns: T): { [K in keyof T]: SQL.Aliased<T[K]["_"]["data"]> } {
  return Object.fromEntries(
    Object.entries(columns).map(([key, column]) => [key, sql`${column}`.mapWith(column).as(`${prefix}_${key}`)]),
  ) as { [K in keyof T]: SQL.Aliased<T[K]["_"]["data"]> };
}

export interface CheckInRow {
  nudge: Pick<Nudge, "id" | "status" | "dueAt" | "sentAt">;
  contact: Pick<Contact, "id" | "name" | "givenName" | "email" | "company" | "title" | "linkedinUrl" | "lastTouchedAt">;
}

export interface UpcomingRow {
  meeting: Pick<Meeting, "summary" | "startsAt">;
  contact: Pick<Contact, "name" | "email"> | null;
}

export interface DigestRequest {
  userId: number;
  /** Pending check-ins due before this are listed. */
  checkInsUntil: number;
  /** ...and prompts sent since this that were not marked done. */
  sentSince: number;
  upcomingFrom: number;
  upcomingUntil: number;
  /** Last month, for its numbers and notes: [from, until). */
  previousFrom: number;
  previousUntil: number;
  /** Thank-you prompts sent since this and still open are listed. */
  thanksSince: number;
}

export interface OpenThanksRow {
  meeting: Pick<Meeting, "id" | "startsAt">;
  contact: CheckInRow["contact"];
}

export interface OpenLeadRow {
  lead: Pick<LeadRow, "id" | "name" | "company" | "team">;
  /** Who suggested them; null when the note was about nobody in particular. */
  source: Pick<Contact, "id" | "name" | "givenName" | "email" | "company"> | null;
}

/** A lead row as the digest's query names its columns (a batch keeps one column per name). */
interface LeadWithSource {
  lead: OpenLeadRow["lead"];
  sourceId: number | null;
  sourceName: string | null;
  sourceGivenName: string | null;
  sourceEmail: string | null;
  sourceCompany: string | null;
}

export interface DigestRows {
  checkIns: CheckInRow[];
  upcoming: UpcomingRow[];
  numbers: { meetings: number; thankYous: number; checkIns: number };
  notes: { body: string; createdAt: number; contactName: string | null; contactEmail: string | null }[];
  /** Thank-you prompts sent lately and not marked sent or skipped: notes still to write. */
  openThanks: OpenThanksRow[];
  openLeads: OpenLeadRow[];
  /** Whether the user has met anyone yet (a meeting with a person that has started). */
  metAnyone: boolean;
}

export async function readDigestRows(db: Database, requests: DigestRequest[]): Promise<DigestRows[]> {
  const perUser = 8;
  const contactColumns = {
    id: contacts.id,
    name: contacts.name,
    givenName: contacts.givenName,
    email: contacts.email,
    company: contacts.company,
    title: contacts.title,
    linkedinUrl: contacts.linkedinUrl,
    lastTouchedAt: contacts.lastTouchedAt,
  };
  const results = await batchOf<unknown[]>(
    db,
    requests.flatMap((r) => [
      // Open check-ins due before the next month, and prompts sent lately that were not marked done.
      db
        .select({
          nudge: named("n", { id: nudges.id, status: nudges.status, dueAt: nudges.dueAt, sentAt: nudges.sentAt }),
          contact: named("c", contactColumns),
        })
        .from(nudges)
        .innerJoin(contacts, eq(contacts.id, nudges.contactId))
        .where(
          and(
            eq(nudges.userId, r.userId),
            eq(nudges.kind, "keep_in_touch"),
            eq(contacts.status, "active"),
            // Pending, or being sent at this very tick (a check-in due with the digest is still due in it).
            or(
              and(inArray(nudges.status, ["pending", "queued", "sending"]), lt(nudges.dueAt, r.checkInsUntil)),
              and(eq(nudges.status, "sent"), gte(nudges.sentAt, r.sentSince)),
            ),
          ),
        )
        .orderBy(asc(nudges.dueAt))
        .limit(30),
      db
        .select({
          meeting: named("m", { summary: meetings.summary, startsAt: meetings.startsAt }),
          contact: { name: sql<string | null>`${contacts.name}`.as("c_name"), email: sql<string | null>`${contacts.email}`.as("c_email") },
        })
        .from(meetings)
        // A meeting with no one named (a ticket, an appointment) is no informational interview.
        .innerJoin(contacts, eq(contacts.id, meetings.contactId))
        .where(and(eq(meetings.userId, r.userId), eq(meetings.status, "scheduled"), gte(meetings.startsAt, r.upcomingFrom), lt(meetings.startsAt, r.upcomingUntil)))
        .orderBy(asc(meetings.startsAt))
        .limit(10),
      db
        .select({ n: sql<number>`count(*)` })
        .from(meetings)
        .where(
          and(eq(meetings.userId, r.userId), eq(meetings.status, "scheduled"), isNotNull(meetings.contactId), gte(meetings.startsAt, r.previousFrom), lt(meetings.startsAt, r.previousUntil)),
        ),
      db
        .select({ kind: nudges.kind, n: sql<number>`count(*)` })
        .from(nudges)
        .where(
          and(
            eq(nudges.userId, r.userId),
            inArray(nudges.kind, ["thanks", "keep_in_touch"]),
            eq(nudges.status, "done"),
            gte(nudges.updatedAt, r.previousFrom),
            lt(nudges.updatedAt, r.previousUntil),
          ),
        )
        .groupBy(nudges.kind),
      db
        .select({ body: notes.body, createdAt: notes.createdAt, contactName: sql<string | null>`${contacts.name}`.as("c_name"), contactEmail: sql<string | null>`${contacts.email}`.as("c_email") })
        .from(notes)
        .leftJoin(contacts, eq(contacts.id, notes.contactId))
        .where(and(eq(notes.userId, r.userId), gte(notes.createdAt, r.previousFrom), lt(notes.createdAt, r.previousUntil)))
        .orderBy(asc(notes.createdAt))
        .limit(20),
      db
        .select({ meeting: named("m", { id: meetings.id, startsAt: meetings.startsAt }), contact: named("c", contactColumns) })
        .from(nudges)
        .innerJoin(meetings, eq(meetings.id, nudges.meetingId))
        .innerJoin(contacts, eq(contacts.id, meetings.contactId))
        .where(and(eq(nudges.userId, r.userId), eq(nudges.kind, "thanks"), eq(nudges.status, "sent"), gte(nudges.sentAt, r.thanksSince), eq(meetings.status, "scheduled")))
        .orderBy(asc(meetings.startsAt))
        .limit(10),
      db
        .select({
          lead: named("l", { id: leads.id, name: leads.name, company: leads.company, team: leads.team }),
          sourceId: sql<number | null>`${contacts.id}`.as("s_id"),
          sourceName: sql<string | null>`${contacts.name}`.as("s_name"),
          sourceGivenName: sql<string | null>`${contacts.givenName}`.as("s_given_name"),
          sourceEmail: sql<string | null>`${contacts.email}`.as("s_email"),
          sourceCompany: sql<string | null>`${contacts.company}`.as("s_company"),
        })
        .from(leads)
        .leftJoin(contacts, eq(contacts.id, leads.sourceContactId))
        .where(and(eq(leads.userId, r.userId), eq(leads.status, "open")))
        .orderBy(asc(leads.createdAt))
        .limit(10),
      // Whether anyone was met at all: one row is enough (a count would read the user's whole history).
      db
        .select({ n: sql<number>`1` })
        .from(meetings)
        .where(and(eq(meetings.userId, r.userId), eq(meetings.status, "scheduled"), isNotNull(meetings.contactId), lt(meetings.startsAt, r.upcomingFrom)))
        .limit(1),
    ]),
  );
  return requests.map((_, index) => {
    const [checkIns, upcoming, meetingCount, done, noteRows, thanksRows, leadRows, metRows] = results.slice(index * perUser, (index + 1) * perUser);
    const count = (kind: NudgeKind) => (done as { kind: NudgeKind; n: number }[]).find((row) => row.kind === kind)?.n ?? 0;
    return {
      checkIns: checkIns as CheckInRow[],
      upcoming: upcoming as UpcomingRow[],
      numbers: { meetings: (meetingCount as { n: number }[])[0]?.n ?? 0, thankYous: count("thanks"), checkIns: count("keep_in_touch") },
      notes: noteRows as DigestRows["notes"],
      openThanks: thanksRows as OpenThanksRow[],
      openLeads: (leadRows as LeadWithSource[]).map((row) => ({
        lead: row.lead,
        source:
          row.sourceId === null
            ? null
            : { id: row.sourceId, name: row.sourceName, givenName: row.sourceGivenName, email: row.sourceEmail ?? "", company: row.sourceCompany },
      })),
      metAnyone: (metRows as unknown[]).length > 0,
    };
  });
}

/** The most recent meeting with each contact that has started by `before`, for "since you met". */
export async function lastMeetingWith(db: Database, contactIds: number[], before: number): Promise<Map<number, number>> {
  const ids = [...new Set(contactIds)];
  const results = await batchOf<{ startsAt: number }[]>(
    db,
    ids.map((id) => lastMeetingStatement(db, id, before)),
  );
  const found = new Map<number, number>();
  results.forEach(([row], index) => {
    if (row) found.set(ids[index]!, row.startsAt);
  });
  return found;
}

// ---- outcomes ----

export type Outcome =
  | { id: number; status: "sent"; providerMessageId: string; payload?: string }
  | { id: number; status: "failed" | "skipped" | "cancelled"; reason: string }
  /** Deferred: pending again, due at `retryAt`, out of the queue's hands. */
  | { id: number; status: "pending"; reason: string; retryAt: number }
  /** A retryable failure: back on its claim for the queue to redeliver, held until `leaseUntil`. */
  | { id: number; status: "queued"; reason: string; leaseUntil: number };

/**
 * The statement recording how one taken nudge ended, fenced by the delivery's hold: it writes
 * only while the nudge is still `sending` under that hold, so a delivery whose hold ran out
 * (and whose nudge another delivery took over) cannot overwrite the newer outcome.
 */
function outcomeStatement(db: Database, outcome: Outcome, hold: number, now: number) {
  const released = { status: outcome.status, claimedAt: null, claimedUntil: null, updatedAt: now };
  const set =
    outcome.status === "sent"
      ? { ...released, providerMessageId: outcome.providerMessageId, sentAt: now, lastError: null, ...(outcome.payload ? { payload: outcome.payload } : {}) }
      : outcome.status === "pending"
        ? { ...released, dueAt: outcome.retryAt, lastError: outcome.reason.slice(0, 500) }
        : outcome.status === "queued"
          ? { status: "queued" as const, claimedUntil: outcome.leaseUntil, lastError: outcome.reason.slice(0, 500), updatedAt: now }
          : { ...released, lastError: outcome.reason.slice(0, 500) };
  return db
    .update(nudges)
    .set(set)
    .where(and(eq(nudges.id, outcome.id), eq(nudges.status, "sending"), eq(nudges.claimedUntil, hold)));
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
  await batchOf(db, rows.map((row) => createNudgeStatement(db, row, now)));
}

export interface RunRecord {
  outcomes: Outcome[];
  /** The hold the delivery took its nudges under (their `claimed_until` while it sends). */
  hold: number;
  /** Users Postmark called inactive (bounced, complained): no more mail to them until cleared. */
  suppressedUserIds: number[];
  /** What the sent nudges set in motion: next check-ins (one chain per contact) and next digests. */
  next: NewNudge[];
}

/**
 * Records how a delivery ended in one D1 batch, which D1 runs as one transaction: every taken
 * nudge's outcome together with what the sent ones set in motion. All or nothing: fail before
 * it, and the hold runs out and the queue's retry sends again (the at-least-once window); after
 * it, no chain (next digest, next check-in) can be missing.
 */
export async function recordRun(db: Database, run: RunRecord, now: number): Promise<void> {
  await batchOf(db, [
    ...run.outcomes.map((outcome) => outcomeStatement(db, outcome, run.hold, now)),
    ...chunks([...new Set(run.suppressedUserIds)]).map((chunk) =>
      db.update(users).set({ status: "suppressed", updatedAt: now }).where(inArray(users.id, chunk)),
    ),
    // One check-in chain per contact: its other pending check-ins are cancelled. Before the
    // next one is created, so the cancel finds nothing to read in the usual case (the check-in
    // just sent is no longer pending); after, it would read the new one and leave it.
    ...run.next
      .filter((row) => row.kind === "keep_in_touch" && row.contactId != null)
      .map((row) =>
        db
          .update(nudges)
          .set({ status: "cancelled", updatedAt: now })
          .where(
            and(eq(nudges.contactId, row.contactId!), eq(nudges.kind, "keep_in_touch"), eq(nudges.status, "pending"), ne(nudges.uniqueKey, row.uniqueKey)),
          ),
      ),
    ...run.next.map((row) => createNudgeStatement(db, row, now)),
  ]);
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
