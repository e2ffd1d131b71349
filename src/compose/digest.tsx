/**
 * The monthly stay-in-touch digest (the 1st, 09:00 local): who is due or overdue, numbered so
 * one reply can act on several ("2 done", "3 snooze 1m"), the meetings coming up, and last
 * month in numbers.
 */
import type { ComposedContent } from "./content";
import { dayAndTime, longDate } from "./format";
import { Heading, Layout, List, renderHtml } from "./layout";
import { nameWithCompany, type ContactFacts, type Recipient } from "./nudge-data";
import { sinceText } from "./keep-in-touch";
import { greeting, listLines, paragraphs } from "./text";

export interface DigestDue {
  /** The contact's row id, so a reply naming this line's number can act on it. */
  contactId: number;
  contact: ContactFacts;
  /** When the check-in is (or was) due. */
  dueAt: number;
  /** Last meeting or check-in, for "last in touch 3 months ago". */
  lastContactAt: number | null;
}

export interface DigestUpcoming {
  title: string;
  start: number;
  with: string | null;
}

export interface DigestData {
  user: Recipient;
  /** "December 2026": the month this digest opens. */
  monthName: string;
  due: DigestDue[];
  upcoming: DigestUpcoming[];
  lastMonth: { name: string; meetings: number; thankYous: number; checkIns: number };
  /** Notes the user saved last month (by reply), to read again before the next conversation. */
  notes: { about: string | null; body: string }[];
  /** The signed, expiring link to the contacts page. */
  pageUrl: string;
  /** The private calendar feed. */
  feedUrl: string;
  now: number;
}

/** A note is shown whole unless it is long: the digest is a reminder, not an archive. */
const NOTE_CHARS = 300;

function noteLine(note: DigestData["notes"][number]): string {
  const body = note.body.replace(/\s+/g, " ").trim();
  const short = body.length > NOTE_CHARS ? `${body.slice(0, NOTE_CHARS - 1)}\u2026` : body;
  return note.about ? `${note.about}: ${short}` : short;
}

function dueLine(item: DigestDue, index: number, data: DigestData): string {
  const status = item.dueAt <= data.now ? `overdue since ${longDate(item.dueAt, data.user.timeZone)}` : `due ${longDate(item.dueAt, data.user.timeZone)}`;
  const last = item.lastContactAt && item.lastContactAt <= data.now ? `; last in touch ${sinceText(item.lastContactAt, data.now)} ago` : "";
  return `${index + 1}. ${nameWithCompany(item.contact)}: ${status}${last}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function composeDigest(data: DigestData): ComposedContent {
  const { user } = data;
  const month = data.monthName.split(" ")[0]!;
  const subject =
    data.due.length > 0
      ? `Your ${month}: ${plural(data.due.length, "person", "people")} to check in with`
      : data.upcoming.length > 0
        ? `Your ${month}: nobody due, ${plural(data.upcoming.length, "meeting", "meetings")} ahead`
        : `Your ${month}: nothing due this month`;
  const dueLines = data.due.map((item, index) => dueLine(item, index, data));
  const upcomingLines = data.upcoming.map(
    // "Coffee with Sam Lee (Sam Lee)" says it twice: name the person only when the title does not.
    (meeting) => `${dayAndTime(meeting.start, user.timeZone)}: ${meeting.title}${meeting.with && !meeting.title.includes(meeting.with) ? ` (${meeting.with})` : ""}`,
  );
  const numbers = data.lastMonth;
  const numbersLine =
    `In ${numbers.name}: ${plural(numbers.meetings, "meeting", "meetings")}, ` +
    `${plural(numbers.thankYous, "thank-you note", "thank-you notes")} sent, ${plural(numbers.checkIns, "check-in", "check-ins")} done.`;
  const dueIntro =
    dueLines.length > 0
      ? "Due or overdue for a check-in:"
      : "Nobody is due for a check-in this month. A good month to ask for one more introduction.";
  const n = (k: number) => Math.min(k, dueLines.length);
  const howToReply =
    dueLines.length > 0
      ? `Reply with a number and what to do, one per line: \u201c${n(1)} done\u201d, \u201c${n(2)} snooze 1m\u201d, \u201c${n(3)} stop\u201d.`
      : null;

  const noteLines = data.notes.map(noteLine);
  const notesIntro = `Your notes from ${numbers.name}:`;
  const text = paragraphs(
    greeting(user.name),
    `Here is your ${data.monthName} in informational interviews.`,
    dueIntro + (dueLines.length > 0 ? `\n${dueLines.map((line) => `  ${line}`).join("\n")}` : ""),
    howToReply,
    upcomingLines.length > 0 ? `Coming up:\n${listLines(upcomingLines)}` : "No meetings planned yet: forward the next invitation when you have one.",
    numbersLine,
    noteLines.length > 0 && `${notesIntro}\n${listLines(noteLines)}`,
    `Everyone you met, with your notes and what comes next (this link works for a week): ${data.pageUrl}`,
    `Your reminders in your calendar app (private feed): ${data.feedUrl}`,
    "\u2014 Rapport",
  );
  const html = renderHtml(
    <Layout title={subject}>
      <p>{greeting(user.name)}</p>
      <p>Here is your {data.monthName} in informational interviews.</p>
      <Heading>Check-ins</Heading>
      <p>{dueIntro}</p>
      {dueLines.length > 0 && <List items={dueLines.map((line) => line.replace(/^\d+\. /, ""))} ordered />}
      {howToReply && <p>{howToReply}</p>}
      <Heading>Coming up</Heading>
      {upcomingLines.length > 0 ? (
        <List items={upcomingLines} />
      ) : (
        <p>No meetings planned yet: forward the next invitation when you have one.</p>
      )}
      <Heading>Last month</Heading>
      <p>{numbersLine}</p>
      {noteLines.length > 0 && (
        <>
          <p>{notesIntro}</p>
          <List items={noteLines} />
        </>
      )}
      <p>
        <a href={data.pageUrl}>See everyone you met</a>, with your notes and what comes next (this link works for a week).{" "}
        <a href={data.feedUrl}>Subscribe to your reminders</a> in your calendar app (a private link: keep it to yourself).
      </p>
    </Layout>,
  );
  return { subject, text, html };
}
