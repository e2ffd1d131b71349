/**
 * The answer to "I got the job": everyone the user met, most recent first, each with a draft that
 * uses what the user noted about them and thanks them for the people they introduced. Reads the
 * notes and leads of all of them in one D1 batch.
 */
import { composeLanded } from "../compose/landed";
import type { ComposedContent } from "../compose/content";
import type { Database } from "../db/client";
import { readContext } from "../db/dispatch";
import { contactsMet } from "../db/replies";
import type { User } from "../db/schema";
import { contactFacts } from "./compose-nudge";

export async function landedAnswer(db: Database, user: User, company: string | null, now: number): Promise<ComposedContent> {
  const helpers = await contactsMet(db, user.id, now);
  const words = await readContext(db, {
    userIds: [],
    meetingIds: [],
    contactIds: [],
    meetingNudges: [],
    lastMetContactIds: [],
    before: now,
    wordsOfContactIds: helpers.map(({ contact }) => contact.id),
  });
  return composeLanded({
    userName: user.name,
    timeZone: user.timeZone,
    company,
    helpers: helpers.map(({ contact, lastMet }) => ({
      contact: contactFacts(contact)!,
      lastMet,
      notes: [...(words.notes.get(contact.id) ?? [])].reverse(),
      leads: words.leads.get(contact.id) ?? [],
    })),
  });
}
