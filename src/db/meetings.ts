/** meetings: one row per (user, calendar UID, RECURRENCE-ID), updated in place as the invite changes. */
import { and, eq } from "drizzle-orm";
import type { Database } from "./client";
import { meetings, type Meeting } from "./schema";

export async function findMeeting(
  db: Database,
  userId: number,
  uid: string,
  recurrenceId: string,
): Promise<Meeting | undefined> {
  return db
    .select()
    .from(meetings)
    .where(and(eq(meetings.userId, userId), eq(meetings.uid, uid), eq(meetings.recurrenceId, recurrenceId)))
    .get();
}

export type MeetingFields = Omit<typeof meetings.$inferInsert, "id" | "createdAt" | "updatedAt" | "status">;

/** Inserts the meeting or replaces its details (the caller has already decided the update wins). */
export async function saveMeeting(db: Database, fields: MeetingFields, now: number): Promise<Meeting> {
  const { userId: _user, uid: _uid, recurrenceId: _recurrence, ...details } = fields;
  return db
    .insert(meetings)
    .values({ ...fields, status: "scheduled", createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [meetings.userId, meetings.uid, meetings.recurrenceId],
      set: { ...details, status: "scheduled", updatedAt: now },
    })
    .returning()
    .get();
}

export async function markMeetingCancelled(db: Database, id: number, sequence: number, now: number): Promise<void> {
  await db.update(meetings).set({ status: "cancelled", sequence, updatedAt: now }).where(eq(meetings.id, id));
}
