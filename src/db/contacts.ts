/** contacts: the people a user meets, one row per (user, address). */
import { sql } from "drizzle-orm";
import type { Database } from "./client";
import { contacts, type Contact } from "./schema";

/** Creates the contact or fills in what was unknown; never overwrites what the user may have corrected. */
export async function upsertContact(
  db: Database,
  fields: { userId: number; email: string; name: string | null; givenName: string | null; company: string | null },
  now: number,
): Promise<Contact> {
  return db
    .insert(contacts)
    .values({ ...fields, email: fields.email.toLowerCase(), createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [contacts.userId, contacts.email],
      set: {
        name: sql`coalesce(${contacts.name}, excluded.name)`,
        // The given name goes with the name it was read from: kept when the name is kept.
        givenName: sql`case when ${contacts.name} is null then excluded.given_name else ${contacts.givenName} end`,
        company: sql`coalesce(${contacts.company}, excluded.company)`,
        updatedAt: now,
      },
    })
    .returning()
    .get();
}
