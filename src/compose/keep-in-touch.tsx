/**
 * The keep-in-touch prompt: two weeks after a meeting, then at the contact's cadence. What to
 * share, how long it has been, and above all: tell them when you land a job.
 */
import type { ComposedContent } from "./content";
import { cadenceText, longDate } from "./format";
import { Layout, List, renderHtml } from "./layout";
import { displayName, firstName, nameWithCompany, type ContactFacts, type Recipient } from "./nudge-data";
import { greeting, listLines, paragraphs } from "./text";

export interface KeepInTouchData {
  user: Recipient;
  contact: ContactFacts;
  /** When they last met (the meeting's start), if known. */
  lastMetAt: number | null;
  /** When the user last reached out (a check-in done), if ever. */
  lastTouchedAt: number | null;
  cadenceDays: number;
  now: number;
}

const DAY = 86_400_000;

/** "2 weeks", "3 months", "over a year". */
export function sinceText(from: number, now: number): string {
  const days = Math.max(0, Math.round((now - from) / DAY));
  if (days < 1) return "less than a day";
  if (days < 14) return `${days} day${days === 1 ? "" : "s"}`;
  if (days < 60) return `${Math.round(days / 7)} weeks`;
  if (days < 365) return `${Math.round(days / 30.4)} months`;
  return "over a year";
}

export function composeKeepInTouch(data: KeepInTouchData): ComposedContent {
  const { user, contact, now } = data;
  const who = displayName(contact);
  const since = data.lastTouchedAt ?? data.lastMetAt;
  const sinceLine = since
    ? data.lastTouchedAt
      ? `You last reached out to ${nameWithCompany(contact)} ${sinceText(since, now)} ago.`
      : `It has been ${sinceText(since, now)} since you met ${nameWithCompany(contact)} on ${longDate(since, user.timeZone)}.`
    : `It is time to check in with ${nameWithCompany(contact)}.`;
  const subject = `Time to check in with ${who}`;
  const ideas = [
    `Tell ${contact.name ? firstName(contact) : "them"} how you used their advice, and what came of it.`,
    "Share something useful to them: an article, a talk or an event in their field, with one line on why it made you think of them.",
    "Give a short update on your search, and ask one specific question.",
    "If you have landed a job: tell them first, and thank them for their part in it.",
  ];
  const replies =
    "Reply \u201cdone\u201d when you have written, \u201csnooze 2w\u201d to be reminded later, " +
    `\u201cevery 2 months\u201d to change how often (now ${cadenceText(data.cadenceDays)}), or \u201cstop\u201d for no more reminders about ${who}.`;

  const text = paragraphs(
    greeting(user.name),
    sinceLine,
    "A short note keeps the door open. Some ideas:",
    listLines(ideas),
    replies,
    "\u2014 Rapport",
  );
  const html = renderHtml(
    <Layout title={subject}>
      <p>{greeting(user.name)}</p>
      <p>{sinceLine}</p>
      <p>A short note keeps the door open. Some ideas:</p>
      <List items={ideas} />
      <p>{replies}</p>
    </Layout>,
  );
  return { subject, text, html };
}
