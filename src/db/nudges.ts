/**
 * nudges: every email Rapport owes a user, planned or sent. `unique_key` names a nudge's purpose
 * ("prep:meeting:12", "confirm:inbound:40"), so planning twice or retrying a send never
 * creates or sends a second one.
 */
import { and, eq, inArray, notLike, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "./client";
import { nudges, type Nudge, type NudgeKind } from "./schema";

export interface PlannedRow {
  kind: NudgeKind;
  dueAt: number;
}

export function meetingNudgeKey(kind: NudgeKind, meetingId: number): string {
  return `${kind}:meeting:${meetingId}`;
}

/**
 * Makes the meeting's pending nudges match `plan`: new ones are created, pending or cancelled
 * ones move to their new time, ones no longer planned are cancelled. Nudges already sent or
 * acted on are left alone. One D1 batch, so the plan never half-applies.
 */
export async function replaceMeetingPlan(
  db: Database,
  owner: { userId: number; meetingId: number; contactId: number | null },
  plan: PlannedRow[],
  managedKinds: readonly NudgeKind[],
  now: number,
): Promise<void> {
  const planned = new Set(plan.map((row) => row.kind));
  const dropped = managedKinds.filter((kind) => !planned.has(kind));
  const upserts = plan.map((row) =>
    db
      .insert(nudges)
      .values({
        ...owner,
        kind: row.kind,
        dueAt: row.dueAt,
        uniqueKey: meetingNudgeKey(row.kind, owner.meetingId),
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: nudges.uniqueKey,
        set: { dueAt: row.dueAt, status: "pending", contactId: owner.contactId, updatedAt: now },
        setWhere: inArray(nudges.status, ["pending", "cancelled"]),
      }),
  );
  const statements: BatchItem<"sqlite">[] = [...upserts];
  if (dropped.length > 0) {
    statements.unshift(
      db
        .update(nudges)
        .set({ status: "cancelled", updatedAt: now })
        .where(and(eq(nudges.meetingId, owner.meetingId), eq(nudges.status, "pending"), inArray(nudges.kind, dropped))),
    );
  }
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/** Cancels every pending nudge of a meeting; returns how many there were. */
export async function cancelMeetingNudges(db: Database, meetingId: number, now: number): Promise<number> {
  const cancelled = await db
    .update(nudges)
    .set({ status: "cancelled", updatedAt: now })
    .where(and(eq(nudges.meetingId, meetingId), eq(nudges.status, "pending")))
    .returning({ id: nudges.id });
  return cancelled.length;
}

/** Creates (once) the row for an immediate answer such as a confirmation; returns it as it stands. */
export async function ensureImmediateNudge(
  db: Database,
  fields: { userId: number; meetingId: number | null; contactId: number | null; kind: NudgeKind; uniqueKey: string; payload?: string | null },
  now: number,
): Promise<Nudge> {
  await db
    .insert(nudges)
    .values({ ...fields, dueAt: now, createdAt: now, updatedAt: now })
    .onConflictDoNothing({ target: nudges.uniqueKey });
  const row = await db.select().from(nudges).where(eq(nudges.uniqueKey, fields.uniqueKey)).get();
  if (!row) throw new Error(`nudge ${fields.uniqueKey} missing right after insert`);
  return row;
}

/**
 * Whether the user has already been sent a confirmation for an earlier message (not this one,
 * which a retry may have recorded already): the first one tells them which time zone is theirs.
 */
export async function hadConfirmationBefore(db: Database, userId: number, inboundId: number): Promise<boolean> {
  const row = await db
    .select({ id: nudges.id })
    .from(nudges)
    .where(
      and(
        eq(nudges.userId, userId),
        eq(nudges.kind, "confirm"),
        eq(nudges.status, "sent"),
        notLike(nudges.uniqueKey, `confirm:inbound:${inboundId}:%`),
      ),
    )
    .limit(1)
    .get();
  return row !== undefined;
}

export async function recordSendOutcome(
  db: Database,
  id: number,
  outcome: { status: "sent"; providerMessageId: string } | { status: "pending" | "failed"; error: string },
  now: number,
): Promise<void> {
  const counted = { attempts: sql`${nudges.attempts} + 1`, updatedAt: now };
  await db
    .update(nudges)
    .set(
      outcome.status === "sent"
        ? { ...counted, status: "sent", providerMessageId: outcome.providerMessageId, lastError: null }
        : { ...counted, status: outcome.status, lastError: outcome.error.slice(0, 500) },
    )
    .where(eq(nudges.id, id));
}

/** Every nudge of one meeting, of these kinds (a corrected confirmation lists what is still planned). */
export async function nudgesOfMeeting(db: Database, meetingId: number, kinds: NudgeKind[]): Promise<Nudge[]> {
  return db.select().from(nudges).where(and(eq(nudges.meetingId, meetingId), inArray(nudges.kind, kinds)));
}

/** One answer held for the hourly summary: the reply it answers and what Rapport said. */
export interface HeldAnswer {
  inboundId: number;
  subject: string;
  lines: string[];
}

/**
 * Adds an answer to the user's pending summary of answers due at `dueAt`, creating it if it is
 * the first. The append is one statement (json_insert), so two replies held at once both stay;
 * an answer already held (a retried message) is not added twice. Returns false when that
 * summary has already been claimed for sending: the caller holds the answer for a later one.
 */
export async function holdAnswer(db: Database, userId: number, dueAt: number, answer: HeldAnswer, now: number): Promise<boolean> {
  const entry = JSON.stringify(answer);
  const rows = await db
    .insert(nudges)
    .values({
      userId,
      kind: "ack_summary",
      dueAt,
      uniqueKey: `ack_summary:user:${userId}:${dueAt}`,
      payload: JSON.stringify({ answers: [answer] }),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: nudges.uniqueKey,
      set: { payload: sql`json_insert(coalesce(${nudges.payload}, '{"answers":[]}'), '$.answers[#]', json(${entry}))`, updatedAt: now },
      setWhere: sql`${nudges.status} = 'pending' and not exists (select 1 from json_each(${nudges.payload}, '$.answers') where json_extract(value, '$.inboundId') = ${answer.inboundId})`,
    })
    .returning({ id: nudges.id });
  if (rows.length > 0) return true;
  // Nothing written: either the answer is already held (a retry) or the summary is on its way.
  const [held] = await db
    .select({ n: sql<number>`count(*)` })
    .from(nudges)
    .where(
      and(
        eq(nudges.uniqueKey, `ack_summary:user:${userId}:${dueAt}`),
        sql`exists (select 1 from json_each(${nudges.payload}, '$.answers') where json_extract(value, '$.inboundId') = ${answer.inboundId})`,
      ),
    );
  return (held?.n ?? 0) > 0;
}
