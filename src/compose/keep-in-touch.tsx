/**
 * The keep-in-touch prompt: two weeks after a meeting, then at the contact's cadence. A reason to
 * write, in the user's own words where they gave any: what they noted, the people this contact
 * suggested and what came of it; a LinkedIn step (their profile, or a search for it) until they
 * are connected; and above all: tell them first when you land a job.
 */
import type { ComposedContent } from "./content";
import { debriefOf } from "./debrief";
import { cadenceText, longDate } from "./format";
import { linkedinLink } from "./links";
import { Layout, List, renderHtml } from "./layout";
import { displayName, firstName, nameWithCompany, type ContactFacts, type LeadFact, type NoteFact, type Recipient } from "./nudge-data";
import { greeting, listLines, oneLine, paragraphs, singleLined } from "./text";

export interface KeepInTouchData {
  user: Recipient;
  contact: ContactFacts;
  /** When they last met (the meeting's start), if known. */
  lastMetAt: number | null;
  /** When the user last reached out (a check-in done), if ever. */
  lastTouchedAt: number | null;
  cadenceDays: number;
  /** The user's notes about this contact, oldest first. */
  notes?: NoteFact[];
  /** People this contact suggested, and what came of it. */
  leads?: LeadFact[];
  now: number;
}

const DAY = 86_400_000;
/** A note older than this is history, not a reason to write now. */
const NOTE_FRESH_FOR = 200 * DAY;
const NOTE_CHARS = 200;

/** "2 weeks", "3 months", "over a year". */
export function sinceText(from: number, now: number): string {
  const days = Math.max(0, Math.round((now - from) / DAY));
  if (days < 1) return "less than a day";
  if (days < 14) return `${days} day${days === 1 ? "" : "s"}`;
  if (days < 60) return `${Math.round(days / 7)} weeks`;
  if (days < 365) return `${Math.round(days / 30.4)} months`;
  return "over a year";
}

function quote(text: string): string {
  const line = oneLine(text);
  return line.length > NOTE_CHARS ? `${line.slice(0, NOTE_CHARS - 1)}\u2026` : line;
}

/** Reasons to write drawn from what the user told Rapport about this person. */
function fromTheirWords(data: KeepInTouchData): string[] {
  const { contact, user, now } = data;
  const name = contact.name ? firstName(contact) : "they";
  const reasons: string[] = [];
  for (const lead of data.leads ?? []) {
    if (lead.status === "met" && lead.meetingStart !== null) {
      const when = lead.meetingStart > now ? `you are meeting ${lead.name} on ${longDate(lead.meetingStart, user.timeZone)}` : `you met ${lead.name}`;
      reasons.push(`${name} suggested ${lead.name}, and ${when}: tell ${name}, and thank them for the introduction.`);
    } else if (lead.status === "open") {
      reasons.push(`${name} suggested you talk to ${lead.name}${lead.company ? ` (${lead.company})` : ""}. Did you reach out? If not, ask ${name} for an introduction; if you did, tell them how it went.`);
    }
  }
  const debrief = debriefOf(data.notes ?? []);
  if (debrief.next) reasons.push(`Your next step after meeting them was: ${quote(debrief.next)}. Tell ${name} what came of it.`);
  const latest = [...(data.notes ?? [])].filter((note) => now - note.createdAt < NOTE_FRESH_FOR).sort((a, b) => b.createdAt - a.createdAt)[0];
  // A note already said above as a lead or a next step is not quoted again.
  const saidAbove = (body: string) => (data.leads ?? []).some((lead) => body.includes(lead.name)) || (debrief.next !== null && body.includes(debrief.next));
  if (latest && reasons.length < 3 && !saidAbove(latest.body)) reasons.push(`From your notes: \u201c${quote(latest.body)}\u201d Anything there to follow up on?`);
  return reasons;
}

export function composeKeepInTouch(data: KeepInTouchData): ComposedContent {
  // Invite text is hostile: every field on one line before any of it is used (issue #11, item 9);
  // the user's own notes keep their lines, which the debrief reads one by one.
  data = singleLined(data, ["notes"]);
  const { user, contact, now } = data;
  const who = displayName(contact);
  const whoWithCompany = nameWithCompany(contact);
  const name = contact.name ? firstName(contact) : "them";
  const since = data.lastTouchedAt ?? data.lastMetAt;
  const sinceLine = since
    ? data.lastTouchedAt
      ? `You last reached out to ${whoWithCompany} ${sinceText(since, now)} ago.`
      : `It has been ${sinceText(since, now)} since you met ${whoWithCompany} on ${longDate(since, user.timeZone)}.`
    : `It is time to check in with ${whoWithCompany}.`;
  const subject = `Time to check in with ${who}`;
  const own = fromTheirWords(data);
  const ideas = [
    ...own,
    own.length === 0 && `Tell ${name} how you used their advice, and what came of it.`,
    "Share something useful to them: an article, a talk or an event in their field, with one line on why it made you think of them.",
    "Give a short update on your search, and ask one specific question.",
    `When you land a job, tell ${name} first, and thank them for their part in it.`,
  ].filter((idea): idea is string => Boolean(idea));
  const profile = linkedinLink(contact);
  const linkedin = contact.linkedinConnected
    ? null
    : contact.linkedinUrl
      ? `Not connected on LinkedIn yet? Connect with a personal line: ${profile}`
      : profile
        ? `Not connected on LinkedIn yet? Find ${name} and connect with a personal line: ${profile} (then reply with their profile link, and I will keep it).`
        : null;
  const replies =
    "Reply \u201cdone\u201d when you have written, \u201csnooze 2 weeks\u201d to be reminded later, " +
    `\u201cevery 2 months\u201d to change how often (now ${cadenceText(data.cadenceDays)}), or \u201cstop\u201d for no more reminders about ${who}.`;

  const text = paragraphs(
    greeting(user.name),
    sinceLine,
    "A short note keeps the door open. Some ideas:",
    listLines(ideas),
    linkedin,
    replies,
    "\u2014 Rapport",
  );
  const html = renderHtml(
    <Layout title={subject}>
      <p>{greeting(user.name)}</p>
      <p>{sinceLine}</p>
      <p>A short note keeps the door open. Some ideas:</p>
      <List items={ideas} />
      {linkedin && profile && (
        <p>
          Not connected on LinkedIn yet? <a href={profile}>{contact.linkedinUrl ? `Connect with ${name}` : `Find ${name} on LinkedIn`}</a> with a personal line
          {contact.linkedinUrl ? "." : " (then reply with their profile link, and I will keep it)."}
        </p>
      )}
      <p>{replies}</p>
    </Layout>,
  );
  return { subject, text, html };
}
