/** leads: people a contact suggested the user talk to. No rules here: nudges/leads.ts decides who matches. */
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "./client";
import { contacts, leads, type LeadRow } from "./schema";

/** A user's open leads, newest first, with who suggested each (for matching an invite and for the digest). */
export async function openLeads(db: Database, userId: number, limit = 50): Promise<(LeadRow & { sourceName: string | null; sourceEmail: string | null })[]> {
  const rows = await db
    .select({ lead: leads, sourceName: contacts.name, sourceEmail: contacts.email })
    .from(leads)
    .leftJoin(contacts, eq(contacts.id, leads.sourceContactId))
    .where(and(eq(leads.userId, userId), eq(leads.status, "open")))
    .orderBy(desc(leads.createdAt))
    .limit(limit);
  return rows.map((row) => ({ ...row.lead, sourceName: row.sourceName, sourceEmail: row.sourceEmail }));
}

/** Closes leads the user is now meeting: the meeting an invite with them made. */
export async function markLeadsMet(db: Database, ids: number[], meetingId: number, now: number): Promise<void> {
  if (ids.length > 0) await db.update(leads).set({ status: "met", meetingId, updatedAt: now }).where(inArray(leads.id, ids));
}
