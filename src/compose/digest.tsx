/**
 * The monthly stay-in-touch digest (the 1st, 09:00 local), true on the day it is sent: who is
 * due for a check-in (only people already met), thank-you notes still open, people to meet next
 * (leads) with a short draft asking for the introduction, the meetings coming up, and last month
 * in numbers (a first month counts what is coming, not zeros). Every line is numbered so one
 * reply can act on several ("2 done", "3 stop").
 */
import type { ComposedContent } from "./content";
import { dayAndTime, longDate } from "./format";
import { Heading, Layout, List, renderHtml } from "./layout";
import { linkedinLink } from "./links";
import { displayName, firstName, nameWithCompany, type ContactFacts, type Recipient } from "./nudge-data";
import { sinceText } from "./keep-in-touch";
import { givenName, greeting, listLines, paragraphs, shortName, singleLined } from "./text";

export interface DigestDue {
  /** The contact's row id, so a reply naming this line's number can act on it. */
  contactId: number;
  contact: ContactFacts;
  /** When the check-in is (or was) due. */
  dueAt: number;
  /** Last meeting or check-in, for "last in touch 3 months ago". */
  lastContactAt: number | null;
}

export interface DigestThanks {
  contactId: number;
  meetingId: number;
  contact: ContactFacts;
  /** When they met. */
  metAt: number;
}

export interface DigestLead {
  leadId: number;
  name: string;
  company: string | null;
  team: string | null;
  /** Who suggested them, to ask for the introduction; null when nobody in particular. */
  sourceContactId: number | null;
  source: Pick<ContactFacts, "name" | "givenName" | "email" | "company"> | null;
}

/** What a numbered line of the digest stands for, so a reply naming its number acts on it. */
export type DigestLine =
  | { kind: "check_in"; contactId: number }
  | { kind: "thanks"; contactId: number; meetingId: number }
  | { kind: "lead"; leadId: number; name: string; contactId: number | null };

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
  /** Thank-you notes still open. */
  thanks: DigestThanks[];
  /** People to meet next. */
  leads: DigestLead[];
  /** Whether the user has met anyone yet: a first month is counted by what is coming. */
  metAnyone: boolean;
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
  // A debrief of labelled lines keeps them apart ("learned: …; next: …"); other text was only wrapped.
  const lines = note.body.split(/\s*\n\s*/).map((line) => line.replace(/\s+/g, " ").trim()).filter(Boolean);
  const labelled = lines.length > 1 && lines.every((line) => /^[\p{L} -]{2,24}:\s/u.test(line));
  const body = labelled ? lines.map((line) => line.replace(/[.;]$/, "")).join("; ") : lines.join(" ");
  const short = body.length > NOTE_CHARS ? `${body.slice(0, NOTE_CHARS - 1)}\u2026` : body;
  return note.about ? `${note.about}: ${short}` : short;
}

/** The digest's numbered lines in order: check-ins, then thank-yous, then leads. */
export function digestLines(data: Pick<DigestData, "due" | "thanks" | "leads">): DigestLine[] {
  return [
    ...data.due.map((item): DigestLine => ({ kind: "check_in", contactId: item.contactId })),
    ...data.thanks.map((item): DigestLine => ({ kind: "thanks", contactId: item.contactId, meetingId: item.meetingId })),
    ...data.leads.map((item): DigestLine => ({ kind: "lead", leadId: item.leadId, name: item.name, contactId: item.sourceContactId })),
  ];
}

/** A check-in that came due within this long is "due since", not yet "overdue": the prompt may have come only yesterday. */
const OVERDUE_AFTER = 14 * 24 * 3_600_000;

function dueLine(item: DigestDue, data: DigestData): string {
  const date = longDate(item.dueAt, data.user.timeZone);
  const today = date === longDate(data.now, data.user.timeZone);
  const status = today ? "due today" : item.dueAt > data.now ? `due ${date}` : data.now - item.dueAt < OVERDUE_AFTER ? `due since ${date}` : `overdue since ${date}`;
  const last = item.lastContactAt && item.lastContactAt <= data.now ? `; last in touch ${sinceText(item.lastContactAt, data.now)} ago` : "";
  return `${nameWithCompany(item.contact)}: ${status}${last}`;
}

function thanksLine(item: DigestThanks, data: DigestData): string {
  return `${nameWithCompany(item.contact)}: you met on ${longDate(item.metAt, data.user.timeZone)}, and the thank-you is still to send. Two sincere lines today still count.`;
}

/** "Omar Reyes (Acme Robotics, data team), suggested by Sam Lee" */
function leadLine(lead: DigestLead): string {
  const where = [lead.company, lead.team].filter(Boolean).map((part) => part!).join(", ");
  const by = lead.source ? `, suggested by ${displayName(lead.source)}` : "";
  return `${lead.name}${where ? ` (${where})` : ""}${by}`;
}

/** The short email asking the person who suggested them for the introduction, ready to send. */
export function introRequest(lead: DigestLead, user: Recipient): string | null {
  if (!lead.source) return null;
  const team = lead.team ? ` in your ${lead.team}` : "";
  const company = lead.company && lead.company !== lead.source.company ? ` at ${lead.company}` : "";
  const sign = shortName(user.name) ?? "[your name]";
  return (
    `Hi ${firstName(lead.source)}, you mentioned ${lead.name}${team}${company} when we talked. ` +
    `Would you be comfortable introducing us? A short email to both of us would be perfect, and I will take it from there. ` +
    `Thank you, ${sign}`
  );
}

/** Said when no meeting falls in the weeks the digest looks ahead (one may be planned later). */
const NOTHING_AHEAD = "No meetings in the next few weeks: forward the next invitation when you have one.";

/** A month with no meeting behind it and none ahead: nothing has happened, so say it once. */
function quietMonth(data: DigestData): boolean {
  const { meetings, thankYous, checkIns } = data.lastMonth;
  return data.metAnyone && data.upcoming.length === 0 && meetings + thankYous + checkIns === 0;
}

/** What lies ahead; in a quiet month, one line that says so and what to do about it. */
function aheadLine(data: DigestData): string {
  if (!quietMonth(data)) return NOTHING_AHEAD;
  const start = data.leads.length > 0 ? "the people to meet above are a good place to start." : "who could you ask this week?";
  return `No meetings in ${data.lastMonth.name}, and none planned yet. Each conversation opens the next: ${start} Forward the invitation when you have one.`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 meetings and 1 thank-you note sent": what happened, leaving out what did not. */
function numbersLine(data: DigestData): string | null {
  const { lastMonth: numbers, upcoming, metAnyone } = data;
  if (quietMonth(data)) return null; // aheadLine says it
  if (!metAnyone) {
    return upcoming.length > 0
      ? `Your first ${upcoming.length === 1 ? "meeting is" : `${upcoming.length} meetings are`} coming up. The prep sheet arrives the evening before each one.`
      : null;
  }
  const parts = [
    numbers.meetings > 0 && plural(numbers.meetings, "meeting", "meetings"),
    numbers.thankYous > 0 && `${plural(numbers.thankYous, "thank-you note", "thank-you notes")} sent`,
    numbers.checkIns > 0 && `${plural(numbers.checkIns, "check-in", "check-ins")} done`,
  ].filter((part): part is string => Boolean(part));
  if (parts.length === 0) return `No meetings in ${numbers.name}.`;
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
  return `In ${numbers.name}: ${list}. Well done.`;
}

function subjectOf(data: DigestData, month: string): string {
  const parts = [
    data.due.length > 0 && plural(data.due.length, "person", "people") + " to check in with",
    data.thanks.length > 0 && plural(data.thanks.length, "thank-you", "thank-yous") + " to send",
    data.leads.length > 0 && plural(data.leads.length, "introduction", "introductions") + " to ask for",
  ].filter((part): part is string => Boolean(part));
  if (parts.length > 0) return `Your ${month}: ${parts.join(", ")}`;
  if (data.upcoming.length > 0) return `Your ${month}: ${plural(data.upcoming.length, "meeting", "meetings")} ahead`;
  return `Your ${month} in informational interviews`;
}

/** "“1 done”, “2 sent”, “3 stop”": one example per kind of line the digest has. */
function howToReply(data: DigestData): string | null {
  const firstDue = data.due.length > 0 ? 1 : null;
  const firstThanks = data.thanks.length > 0 ? data.due.length + 1 : null;
  const firstLead = data.leads.length > 0 ? data.due.length + data.thanks.length + 1 : null;
  const examples = [
    firstDue && `\u201c${firstDue} done\u201d when you have written, \u201c${firstDue} snooze 1m\u201d, \u201c${firstDue} stop\u201d`,
    firstThanks && `\u201c${firstThanks} sent\u201d once the thank-you is out`,
    firstLead && `\u201c${firstLead} done\u201d once you have asked for the introduction, \u201c${firstLead} stop\u201d to let it go`,
  ].filter((part): part is string => Boolean(part));
  return examples.length > 0 ? `Reply with a number and what to do, one per line: ${examples.join("; ")}.` : null;
}

function numbered(lines: string[], from: number): string {
  return lines.map((line, index) => `  ${from + index}. ${line}`).join("\n");
}

export function composeDigest(data: DigestData): ComposedContent {
  // Invite text is hostile: every field on one line before any of it is used (issue #11, item 9);
  // the user's own notes keep their lines, which the debrief reads one by one.
  data = singleLined(data, ["body"]);
  const { user } = data;
  const month = data.monthName.split(" ")[0]!;
  const subject = subjectOf(data, month);
  const dueLines = data.due.map((item) => dueLine(item, data));
  const thanksLines = data.thanks.map((item) => thanksLine(item, data));
  const leadLines = data.leads.map(leadLine);
  const asks = data.leads.map((lead) => introRequest(lead, user));
  const upcomingLines = data.upcoming.map(
    // "Coffee with Sam Lee (Sam Lee)" says it twice: name the person only when the title does not.
    (meeting) => `${dayAndTime(meeting.start, user.timeZone)}: ${meeting.title}${meeting.with && !meeting.title.includes(meeting.with) ? ` (${meeting.with})` : ""}`,
  );
  const numbers = numbersLine(data);
  // Nobody met yet: there is nobody to check in with, and saying so would only sound like a gap.
  // A thank-you or a lead listed is what is due: then "nobody is due" would not be true.
  const dueIntro =
    dueLines.length > 0
      ? "Due for a check-in:"
      : data.metAnyone && thanksLines.length === 0 && leadLines.length === 0
        ? "Nobody is due for a check-in this month. A good month to ask someone you met for one more introduction."
        : null;
  const reply = howToReply(data);
  const leadFrom = dueLines.length + thanksLines.length + 1;
  const leadText = data.leads
    .map((lead, index) => {
      const ask = asks[index];
      const head = `  ${leadFrom + index}. ${leadLines[index]}`;
      return ask
        ? `${head}. Ask ${firstName(lead.source)} for the introduction:\n       \u201c${ask}\u201d`
        : `${head}. Find them on LinkedIn (${linkedinLink({ name: lead.name, company: lead.company, linkedinUrl: null })}) and write a short note saying who you are and why you would like to talk.`;
    })
    .join("\n");

  const noteLines = data.notes.map(noteLine);
  const notesIntro = `Your notes from ${data.lastMonth.name}:`;
  const text = paragraphs(
    greeting(user.name),
    `Here is your ${data.monthName} in informational interviews.`,
    dueIntro && dueIntro + (dueLines.length > 0 ? `\n${numbered(dueLines, 1)}` : ""),
    thanksLines.length > 0 && `Thank-you notes still open:\n${numbered(thanksLines, dueLines.length + 1)}`,
    leadLines.length > 0 && `People to meet next:\n${leadText}`,
    reply,
    upcomingLines.length > 0 ? `Coming up:\n${listLines(upcomingLines)}` : aheadLine(data),
    numbers,
    noteLines.length > 0 && `${notesIntro}\n${listLines(noteLines)}`,
    `${data.metAnyone ? "Everyone you met" : "The people you are meeting"}, with your notes and what comes next (this link works for a week): ${data.pageUrl}`,
    `Your reminders in your calendar app (private feed): ${data.feedUrl}`,
    "\u2014 Rapport",
  );
  const html = renderHtml(
    <Layout title={subject}>
      <p>{greeting(user.name)}</p>
      <p>Here is your {data.monthName} in informational interviews.</p>
      {dueIntro && (
        <>
          <Heading>Check-ins</Heading>
          <p>{dueIntro}</p>
          {dueLines.length > 0 && <List items={dueLines} ordered />}
        </>
      )}
      {thanksLines.length > 0 && (
        <>
          <Heading>Thank-you notes still open</Heading>
          <List items={thanksLines} ordered start={dueLines.length + 1} />
        </>
      )}
      {leadLines.length > 0 && (
        <>
          <Heading>People to meet next</Heading>
          <ol start={leadFrom} style="padding-left:20px;margin:0;">
            {data.leads.map((lead, index) => (
              <li style="margin-bottom:8px;">
                {leadLines[index]}.{" "}
                {asks[index] ? (
                  <>
                    Ask {firstName(lead.source)} for the introduction:
                    <blockquote style="margin:6px 0;padding:6px 10px;border-left:3px solid #d0d7de;">{asks[index]}</blockquote>
                  </>
                ) : (
                  <>
                    Find them <a href={linkedinLink({ name: lead.name, company: lead.company, linkedinUrl: null })!}>on LinkedIn</a> and write a short note saying who
                    you are and why you would like to talk.
                  </>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
      {reply && <p>{reply}</p>}
      <Heading>Coming up</Heading>
      {upcomingLines.length > 0 ? (
        <List items={upcomingLines} />
      ) : (
        <p>{aheadLine(data)}</p>
      )}
      {numbers && <p>{numbers}</p>}
      {noteLines.length > 0 && (
        <>
          <Heading>Your notes</Heading>
          <p>{notesIntro}</p>
          <List items={noteLines} />
        </>
      )}
      <p>
        <a href={data.pageUrl}>{data.metAnyone ? "See everyone you met" : "See the people you are meeting"}</a>, with your notes and what comes next (this link works for a
        week).{" "}
        <a href={data.feedUrl}>Subscribe to your reminders</a> in your calendar app (a private link: keep it to yourself).
      </p>
    </Layout>,
  );
  return { subject, text, html };
}
