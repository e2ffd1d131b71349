/**
 * The answer to a debrief: when the user replies to a thank-you prompt with what they took away
 * (what they learned, who was suggested, their next step), the notes and leads are saved by the
 * reply's writes, and the draft comes back rewritten with them at once. Reads what the draft
 * needs after those writes, so it quotes the reply just sent.
 */
import { composeThanks, draftText, type ThanksData } from "../compose/thanks";
import { displayName } from "../compose/nudge-data";
import type { ComposedContent } from "../compose/content";
import type { Database } from "../db/client";
import { meetingNudgeKey, readContext } from "../db/dispatch";
import type { User } from "../db/schema";
import { contactFacts, meetingFacts, recipient } from "./compose-nudge";

export interface Redraft {
  content: ComposedContent;
  /** The draft alone with a line saying what it is, for an answer held for the hourly summary. */
  block: string;
}

/**
 * The rewritten thank-you for a meeting, or null when there is none to rewrite: the meeting or
 * its person is gone, or the thank-you is no longer open (marked sent, skipped).
 */
export async function redraftThanks(
  db: Database,
  user: User,
  target: { meetingId: number; contactId: number },
  said: string[],
  now: number,
): Promise<Redraft | null> {
  const { meetingId, contactId } = target;
  const rows = await readContext(db, {
    userIds: [],
    meetingIds: [meetingId],
    contactIds: [contactId],
    meetingNudges: [{ meetingId, kind: "thanks" }],
    lastMetContactIds: [],
    before: now,
    wordsOfContactIds: [contactId],
  });
  const meeting = rows.meetings.get(meetingId);
  const contact = rows.contacts.get(contactId);
  const thanks = rows.meetingNudges.get(meetingNudgeKey(meetingId, "thanks"));
  // The same reply may have switched the meeting to another person: then the draft is theirs to redo.
  if (!meeting || !contact || meeting.status !== "scheduled" || meeting.contactId !== contactId || thanks?.status !== "sent") return null;
  const data: ThanksData = {
    kind: "redraft",
    user: recipient(user),
    meeting: meetingFacts(meeting),
    contact: contactFacts(contact),
    notes: [...(rows.notes.get(contact.id) ?? [])].reverse(),
    leads: rows.leads.get(contact.id) ?? [],
    firstCheckInAt: null,
    checkInFile: null,
    said,
    now,
  };
  return {
    content: composeThanks(data),
    block: `Here is your thank-you to ${displayName(contactFacts(contact))} with what you told me:\n\n${draftText(data)}`,
  };
}
