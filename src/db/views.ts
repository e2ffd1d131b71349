/**
 * Reads behind the user's own views: the calendar feed and the contacts page. One user at a
 * time, bounded lists, every query on an index (users by feed hash, meetings by user and start,
 * nudges by user and kind, notes by user, leads by user).
 */
import { and, asc, desc, eq, gte, inArray } from "drizzle-orm";
import type { Database } from "./client";
import { contacts, leads, meetings, notes, nudges, users, type Contact, type LeadRow, type Meeting, type Note, type Nudge, type User } from "./schema";

export async function userByFeedHash(db: Database, hash: string): Promise<User | undefined> {
  return db.select().from(users).where(eq(users.feedTokenHash, hash)).get();
}

/** Records the hash of the user's current feed token (and the version it was derived from). */
export async function setFeedToken(db: Database, userId: number, feedVersion: number, hash: string, now: number): Promise<void> {
  await db.update(users).set({ feedVersion, feedTokenHash: hash, updatedAt: now }).where(eq(users.id, userId));
}

export interface MeetingView {
  meeting: Meeting;
  contact: Contact | null;
}

export async function meetingsFrom(db: Database, userId: number, from: number, limit = 100): Promise<MeetingView[]> {
  return db
    .select({ meeting: meetings, contact: contacts })
    .from(meetings)
    .leftJoin(contacts, eq(contacts.id, meetings.contactId))
    .where(and(eq(meetings.userId, userId), eq(meetings.status, "scheduled"), gte(meetings.startsAt, from)))
    .orderBy(asc(meetings.startsAt))
    .limit(limit);
}

export interface NudgeView {
  nudge: Nudge;
  meeting: Meeting | null;
  contact: Contact | null;
}

/** The user's pending nudges of the kinds a person would put in a calendar, soonest first. */
export async function pendingNudges(db: Database, userId: number, limit = 200): Promise<NudgeView[]> {
  return db
    .select({ nudge: nudges, meeting: meetings, contact: contacts })
    .from(nudges)
    .leftJoin(meetings, eq(meetings.id, nudges.meetingId))
    .leftJoin(contacts, eq(contacts.id, nudges.contactId))
    .where(
      and(
        eq(nudges.userId, userId),
        eq(nudges.status, "pending"),
        inArray(nudges.kind, ["prep", "thanks", "thanks_followup", "keep_in_touch", "digest"]),
      ),
    )
    .orderBy(asc(nudges.dueAt))
    .limit(limit);
}

export async function contactsOf(db: Database, userId: number): Promise<Contact[]> {
  return db.select().from(contacts).where(eq(contacts.userId, userId)).orderBy(asc(contacts.name), asc(contacts.email)).limit(500);
}

export async function allMeetingsOf(db: Database, userId: number): Promise<Meeting[]> {
  return db.select().from(meetings).where(eq(meetings.userId, userId)).orderBy(desc(meetings.startsAt)).limit(500);
}

export async function notesOf(db: Database, userId: number): Promise<Note[]> {
  return db.select().from(notes).where(eq(notes.userId, userId)).orderBy(desc(notes.createdAt)).limit(500);
}

/** The user's leads, newest first, with the start of the meeting that closed each (the contacts page). */
export async function leadsOf(db: Database, userId: number): Promise<(LeadRow & { meetingStart: number | null })[]> {
  const rows = await db
    .select({ lead: leads, meetingStart: meetings.startsAt })
    .from(leads)
    .leftJoin(meetings, eq(meetings.id, leads.meetingId))
    .where(eq(leads.userId, userId))
    .orderBy(desc(leads.createdAt))
    .limit(500);
  return rows.map((row) => ({ ...row.lead, meetingStart: row.meetingStart }));
}
