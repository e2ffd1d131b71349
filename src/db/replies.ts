/** The reads and writes acting on a reply needs. No rules here: replies/actions.ts decides. */
import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Database } from "./client";
import type { NewNudge } from "./dispatch";
import { contacts, inboundMessages, leads, meetings, notes, nudges, users, type Contact, type Meeting, type Nudge, type NudgeKind, type User } from "./schema";

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

export async function updateUser(db: Database, id: number, fields: Partial<Pick<User, "status" | "timeZone">>, now: number): Promise<void> {
  await db.update(users).set({ ...fields, updatedAt: now }).where(eq(users.id, id));
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

// ---- acting on a reply: read what it may touch in bulk, write what it decided in one batch ----

export interface ReplyState {
  contacts: Map<number, Contact>;
  /** Names of the user's open leads, so a note naming one again does not add it twice. */
  openLeadNames: string[];
  /** Check-in nudges (pending or sent) of those contacts, and thank-you nudges of the meetings. */
  nudges: Nudge[];
}

/** Everything a reply's commands may read, in four queries whatever the reply holds. */
export async function replyState(db: Database, userId: number, contactIds: number[], meetingIds: number[]): Promise<ReplyState> {
  const ids = [...new Set(contactIds)].slice(0, 90);
  const meetingList = [...new Set(meetingIds)].slice(0, 90);
  const [contactRows, checkIns, thanks, leadRows] = await Promise.all([
    ids.length > 0 ? db.select().from(contacts).where(inArray(contacts.id, ids)) : Promise.resolve([]),
    ids.length > 0
      ? db
          .select()
          .from(nudges)
          .where(and(inArray(nudges.contactId, ids), eq(nudges.kind, "keep_in_touch"), inArray(nudges.status, ["pending", "sent"])))
      : Promise.resolve([]),
    meetingList.length > 0
      ? db.select().from(nudges).where(and(inArray(nudges.meetingId, meetingList), inArray(nudges.kind, ["thanks", "thanks_followup"])))
      : Promise.resolve([]),
    db.select({ name: leads.name }).from(leads).where(and(eq(leads.userId, userId), eq(leads.status, "open"))).limit(100),
  ]);
  return {
    contacts: new Map(contactRows.map((row) => [row.id, row])),
    nudges: [...checkIns, ...thanks],
    openLeadNames: leadRows.map((row) => row.name),
  };
}

/** A change a reply makes, as data: replies/actions.ts decides, this file writes. */
export type ReplyWrite =
  | { op: "nudge_status"; ids: number[]; status: Nudge["status"] }
  | { op: "reschedule"; id: number; dueAt: number }
  | { op: "create_nudge"; nudge: NewNudge }
  | { op: "cancel_pending"; scope: { contactId: number } | { meetingId: number }; kinds: NudgeKind[] }
  | { op: "contact"; id: number; fields: Partial<Pick<Contact, "name" | "givenName" | "company" | "status" | "cadenceDays" | "lastTouchedAt" | "linkedinUrl" | "linkedinConnectedAt">> }
  | { op: "user"; id: number; fields: Partial<Pick<User, "status" | "timeZone" | "name" | "goal">> }
  | { op: "meeting"; id: number; fields: Partial<Pick<Meeting, "format" | "meal" | "mealKind" | "status">> }
  | { op: "note"; note: { userId: number; contactId: number | null; meetingId: number | null; body: string; source: "reply" | "digest" } }
  | { op: "lead"; lead: { userId: number; sourceContactId: number | null; name: string; company: string | null; team: string | null; email: string | null } }
  // Only an open lead of this user moves: a digest line acted on twice, or another user's id, changes nothing.
  | { op: "lead_status"; id: number; userId: number; status: "contacted" | "dropped" }
  /**
   * "It's with Elena Ruiz, not her assistant": the meeting (and its pending nudges) now belongs
   * to the contact with this address, made if new. The id is looked up inside the batch.
   */
  | { op: "switch_contact"; meetingId: number; person: { userId: number; email: string; name: string | null; givenName: string | null; company: string | null } }
  /** Plans a meeting's nudges for the contact `switch_contact` just set (a meeting that had no one to meet). */
  | { op: "plan_meeting"; meetingId: number; userId: number; nudges: { kind: NudgeKind; dueAt: number; uniqueKey: string }[] };

/** The id of the user's contact with this address, as a subquery usable in the same batch. */
function contactIdOf(db: Database, userId: number, email: string) {
  return sql`(select ${contacts.id} from ${contacts} where ${contacts.userId} = ${userId} and ${contacts.email} = ${email.toLowerCase()})`;
}

function statementsOf(db: Database, write: ReplyWrite, now: number): BatchItem<"sqlite">[] {
  if (write.op === "switch_contact") {
    const { person } = write;
    const contactId = contactIdOf(db, person.userId, person.email);
    return [
      db
        .insert(contacts)
        .values({ ...person, email: person.email.toLowerCase(), status: "active", createdAt: now, updatedAt: now })
        .onConflictDoUpdate({
          target: [contacts.userId, contacts.email],
          set: { name: sql`coalesce(excluded.name, ${contacts.name})`, givenName: sql`coalesce(excluded.given_name, ${contacts.givenName})`, company: sql`coalesce(excluded.company, ${contacts.company})`, updatedAt: now },
        }),
      db.update(meetings).set({ contactId, updatedAt: now }).where(eq(meetings.id, write.meetingId)),
      db.update(nudges).set({ contactId, updatedAt: now }).where(and(eq(nudges.meetingId, write.meetingId), eq(nudges.status, "pending"))),
    ];
  }
  if (write.op === "plan_meeting") {
    const contactId = sql`(select ${meetings.contactId} from ${meetings} where ${meetings.id} = ${write.meetingId})`;
    return write.nudges.map((nudge) =>
      db
        .insert(nudges)
        .values({ userId: write.userId, meetingId: write.meetingId, contactId, kind: nudge.kind, dueAt: nudge.dueAt, uniqueKey: nudge.uniqueKey, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: nudges.uniqueKey, set: { dueAt: nudge.dueAt, status: "pending", contactId, updatedAt: now }, setWhere: inArray(nudges.status, ["pending", "cancelled"]) }),
    );
  }
  return [statementOf(db, write, now)];
}

function statementOf(db: Database, write: Exclude<ReplyWrite, { op: "switch_contact" | "plan_meeting" }>, now: number): BatchItem<"sqlite"> {
  switch (write.op) {
    case "nudge_status":
      return db.update(nudges).set({ status: write.status, updatedAt: now }).where(inArray(nudges.id, write.ids));
    case "reschedule":
      return db.update(nudges).set({ status: "pending", dueAt: write.dueAt, attempts: 0, claimedUntil: null, claimedAt: null, updatedAt: now }).where(eq(nudges.id, write.id));
    case "create_nudge":
      return db.insert(nudges).values({ ...write.nudge, createdAt: now, updatedAt: now }).onConflictDoNothing({ target: nudges.uniqueKey });
    case "cancel_pending": {
      const scope = "contactId" in write.scope ? eq(nudges.contactId, write.scope.contactId) : eq(nudges.meetingId, write.scope.meetingId);
      return db.update(nudges).set({ status: "cancelled", updatedAt: now }).where(and(scope, eq(nudges.status, "pending"), inArray(nudges.kind, write.kinds)));
    }
    case "contact":
      return db.update(contacts).set({ ...write.fields, updatedAt: now }).where(eq(contacts.id, write.id));
    case "user":
      return db.update(users).set({ ...write.fields, updatedAt: now }).where(eq(users.id, write.id));
    case "meeting":
      return db.update(meetings).set({ ...write.fields, updatedAt: now }).where(eq(meetings.id, write.id));
    case "note":
      return db.insert(notes).values({ ...write.note, createdAt: now });
    case "lead":
      return db.insert(leads).values({ ...write.lead, status: "open", createdAt: now, updatedAt: now });
    case "lead_status":
      return db
        .update(leads)
        .set({ status: write.status, updatedAt: now })
        .where(and(eq(leads.id, write.id), eq(leads.userId, write.userId), eq(leads.status, "open")));
  }
}

/** All of a reply's changes in one D1 batch: they apply together or not at all. */
export async function applyReplyWrites(db: Database, writes: ReplyWrite[], now: number): Promise<void> {
  const statements = writes.filter((write) => write.op !== "nudge_status" || write.ids.length > 0).flatMap((write) => statementsOf(db, write, now));
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}
