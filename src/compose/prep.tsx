/**
 * The prep sheet, the evening before (or at once for a late forward): who, when, where, the
 * clock time to wrap up by, questions chosen for this contact, what to bring, and the goal of
 * the conversation. Within an hour of the meeting, a short version: the essentials only.
 */
import { meetingTitle } from "./confirmation";
import type { ComposedContent } from "./content";
import { clockTime, dayAndTime, longDate } from "./format";
import { Heading, Layout, List, renderHtml } from "./layout";
import { nameWithCompany, type ContactFacts, type MeetingFacts, type Recipient } from "./nudge-data";
import { chooseQuestions, essentialQuestions } from "./questions";
import { greeting, listLines, paragraphs } from "./text";

export interface PrepData {
  user: Recipient;
  meeting: MeetingFacts;
  contact: ContactFacts | null;
  now: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The advice: half an hour is what was asked for; a meal or coffee may run to an hour. */
export function wrapUpAt(meeting: Pick<MeetingFacts, "start" | "meal">): number {
  return meeting.start + (meeting.meal ? 60 : 30) * 60_000;
}

function when(meeting: MeetingFacts, user: Recipient, now: number): string {
  const day = longDate(meeting.start, user.timeZone);
  if (day === longDate(now, user.timeZone)) return "today";
  if (day === longDate(now + DAY, user.timeZone)) return "tomorrow";
  return `on ${longDate(meeting.start, user.timeZone)}`;
}

function place(meeting: MeetingFacts): string {
  const location = meeting.location?.trim();
  switch (meeting.format) {
    case "video":
      return `by video${meeting.meetingUrl ? ` (${meeting.meetingUrl})` : ""}`;
    case "phone":
      return `by phone${location ? ` (${location})` : ""}`;
    default:
      return location ? `at ${location}` : "at the place in the invitation";
  }
}

function bringList(meeting: MeetingFacts): string[] {
  const list: string[] = [];
  if (meeting.format === "in_person" || meeting.format === "unknown") {
    list.push("Two or three paper copies of your resume: offer one if the conversation turns to your background.");
  }
  list.push("Your questions, and something to take notes with.");
  if (meeting.format === "video") {
    list.push("Test the link, camera and sound ten minutes early.");
    list.push("If it is practical, suggest meeting in person next time: rapport is easier to build face to face.");
  }
  if (meeting.format === "phone") {
    list.push("A quiet room, and the number at hand. If it is practical, suggest meeting in person next time.");
  }
  if (meeting.meal) list.push("If they offer to pay, it is fine to accept graciously; thank them either way.");
  return list;
}

const GOAL =
  "The goal is advice, insight and, if it comes up naturally, a referral: this is not a job interview, " +
  "so do not expect an offer on the spot. Listen more than you talk, and leave a good impression and a reason to stay in touch.";

export function composePrep(data: PrepData): ComposedContent {
  const { user, meeting, contact, now } = data;
  const title = meetingTitle(meeting, contact);
  const who = nameWithCompany(contact);
  const zone = user.timeZone;
  const short = meeting.start - now < HOUR;
  const wrapUp = clockTime(wrapUpAt(meeting), zone);
  const questionContext = { seed: contact?.email ?? title, company: contact?.company ?? null, title: contact?.title ?? null };
  const questions = short ? essentialQuestions(questionContext) : chooseQuestions(questionContext);
  const timing = meeting.meal
    ? `Plan to wrap up by ${wrapUp}: coffee or a meal can run to an hour, but watch the clock and offer to end on time.`
    : `Plan to wrap up by ${wrapUp}: half an hour is what you asked for. Watch the clock and offer to end on time; if they want to keep talking, they will say so.`;
  const opening = short
    ? `You meet ${who} at ${clockTime(meeting.start, zone)}, ${place(meeting)}. The essentials:`
    : `You meet ${who} ${when(meeting, user, now)}, ${dayAndTime(meeting.start, zone)}, ${place(meeting)}.`;
  const bring = short ? [] : bringList(meeting);
  const subject = short
    ? `Now: ${title} at ${clockTime(meeting.start, zone)}`
    : `Prep for ${when(meeting, user, now)}: ${title}, ${clockTime(meeting.start, zone)}`;
  const after = "Afterwards I will send you a draft thank-you note.";

  const text = paragraphs(
    greeting(user.name),
    opening,
    !short && GOAL,
    timing,
    `Questions to ask:\n${listLines(questions, true)}`,
    bring.length > 0 && `Bring and check:\n${listLines(bring)}`,
    after,
    "\u2014 Rapport",
  );

  const html = renderHtml(
    <Layout title={subject}>
      <p>{greeting(user.name)}</p>
      <p>{opening}</p>
      {!short && <p>{GOAL}</p>}
      <p>
        <strong>{timing}</strong>
      </p>
      <Heading>Questions to ask</Heading>
      <List items={questions} ordered />
      {bring.length > 0 && (
        <>
          <Heading>Bring and check</Heading>
          <List items={bring} />
        </>
      )}
      <p>{after}</p>
    </Layout>,
  );
  return { subject, text, html };
}
