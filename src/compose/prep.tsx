/**
 * The prep sheet, the evening before (or at once for a late forward): who, when, where and
 * (when it differs) their local time; what to do before going (look them up, a 30-second
 * introduction, arrive early); the clock time to wrap up by, inside the slot they blocked; what
 * the invitation itself says; questions chosen for this contact and the user's goal; what to
 * bring. Within an hour of the meeting, a short version: the essentials only. Nothing here
 * assumes who set the meeting up.
 */
import { meetingTitle } from "./confirmation";
import type { ComposedContent } from "./content";
import { clockTime, dayAndTime, longDate, zoneLabel } from "./format";
import { linkedinLink, queryValue } from "./links";
import { Heading, Layout, LinkedText, List, renderHtml } from "./layout";
import { firstName, nameWithCompany, type ContactFacts, type MeetingFacts, type Recipient } from "./nudge-data";
import { chooseQuestions, essentialQuestions } from "./questions";
import { greeting, listLines, paragraphs, singleLined } from "./text";

export interface PrepData {
  user: Recipient;
  meeting: MeetingFacts;
  contact: ContactFacts | null;
  now: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Meals at a table, which run longer than a coffee. */
const SIT_DOWN_MEALS: ReadonlySet<string> = new Set(["breakfast", "brunch", "lunch", "dinner"]);

/**
 * How long a conversation like this usually runs, in minutes: half an hour is the usual
 * informational interview, a coffee (or drinks, or a meal of no named kind) may run to an hour,
 * and a lunch or dinner to an hour and a half.
 */
function usualMinutes(meeting: Pick<MeetingFacts, "meal" | "mealKind">): number {
  if (!meeting.meal) return 30;
  return meeting.mealKind && SIT_DOWN_MEALS.has(meeting.mealKind) ? 90 : 60;
}

/** When to wrap up: the usual length, never past the end of the slot the invitation blocks. */
export function wrapUpAt(meeting: Pick<MeetingFacts, "start" | "end" | "meal" | "mealKind">): number {
  const usual = meeting.start + usualMinutes(meeting) * MINUTE;
  return meeting.end > meeting.start ? Math.min(usual, meeting.end) : usual;
}

function when(meeting: MeetingFacts, user: Recipient, now: number): string {
  const day = longDate(meeting.start, user.timeZone);
  if (day === longDate(now, user.timeZone)) return "today";
  if (day === longDate(now + DAY, user.timeZone)) return "tomorrow";
  return `on ${longDate(meeting.start, user.timeZone)}`;
}

/** "You meet Sam for lunch": said only of a meal at a table, not of a "virtual coffee". */
function mealWords(meeting: MeetingFacts): string {
  if (!meeting.mealKind || meeting.format === "video" || meeting.format === "phone") return "";
  return ` for ${meeting.mealKind}`;
}

function place(meeting: MeetingFacts): string {
  const location = meeting.location?.trim() ? meeting.location : null;
  switch (meeting.format) {
    case "video":
      return `by video${meeting.meetingUrl ? ` (${meeting.meetingUrl})` : ""}`;
    case "phone":
      return `by phone${location ? ` (${location})` : ""}`;
    default:
      return location ? `at ${location}` : "at the place in the invitation";
  }
}

/** "18:00 for them (Berlin time)": when the invitation's zone is another than the user's. */
function theirTime(meeting: MeetingFacts, user: Recipient): string | null {
  const zone = meeting.timeZone;
  if (!zone || zone === user.timeZone || meeting.format === "in_person") return null;
  const theirs = clockTime(meeting.start, zone);
  if (theirs === clockTime(meeting.start, user.timeZone)) return null;
  return `That is ${theirs} for them (${zoneLabel(zone)}): worth keeping in mind if it is early or late in their day.`;
}

function beforeYouGo(meeting: MeetingFacts, contact: ContactFacts | null, user: Recipient): string[] {
  const name = contact?.name ? firstName(contact) : "them";
  const list: string[] = [];
  const profile = linkedinLink(contact);
  const news = contact?.company ? `https://news.google.com/search?q=${queryValue(`"${contact.company}"`)}` : null;
  if (profile || news) {
    // The profile the user saved, or else a search for the name and company.
    const onLinkedin = profile && `on LinkedIn (${profile})`;
    const recent = news && `in recent news about ${contact!.company} (${news})`;
    list.push(`Look ${name} up ${[onLinkedin, recent].filter(Boolean).join(" and ")}.`);
  }
  const aim = user.goal ? `where you want to go (you told me: \u201c${user.goal}\u201d)` : "what you are exploring";
  list.push(`Prepare a 30-second introduction: who you are, ${aim}, and why you wanted to talk to ${name}.`);
  if (meeting.format === "in_person" || meeting.format === "unknown") list.push("Arrive ten minutes early.");
  return list;
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
  if (mealWords(meeting)) {
    list.push(`If you asked them to meet, offer to pay for the ${meeting.mealKind}; if they insist on paying, accept graciously and thank them.`);
  }
  return list;
}

const GOAL =
  "Expect advice, insight and, if it comes up naturally, a referral: this is not a job interview, " +
  "so do not expect an offer on the spot. Listen more than you talk, and leave a good impression and a reason to stay in touch.";

function timing(meeting: MeetingFacts, zone: string): string {
  const wrapUp = clockTime(wrapUpAt(meeting), zone);
  const minutes = usualMinutes(meeting);
  if (meeting.end > meeting.start && meeting.end < meeting.start + minutes * MINUTE) {
    return `Plan to wrap up by ${wrapUp}, when the invitation ends: watch the clock and offer to finish on time.`;
  }
  if (!meeting.meal) {
    return `Plan to wrap up by ${wrapUp}: half an hour is the usual length of a conversation like this. Watch the clock and offer to finish on time; if they want to keep talking, they will say so.`;
  }
  const what = meeting.mealKind && meeting.mealKind !== "coffee" ? `a ${meeting.mealKind}` : "a coffee";
  const length = minutes === 90 ? "an hour and a half" : "an hour";
  return `Plan to wrap up by ${wrapUp}: ${what} can run to ${length}, but watch the clock and offer to finish on time.`;
}

export function composePrep(data: PrepData): ComposedContent {
  // Invite text is hostile: every field on one line before any of it is used (issue #11, item 9).
  data = singleLined(data);
  const { user, meeting, contact, now } = data;
  const title = meetingTitle(meeting, contact);
  const who = nameWithCompany(contact);
  const zone = user.timeZone;
  const short = meeting.start - now < HOUR;
  const questionContext = { seed: contact?.email ?? title, company: contact?.company ?? null, title: contact?.title ?? null, goal: user.goal ?? null };
  const questions = short ? essentialQuestions(questionContext) : chooseQuestions(questionContext);
  // One does not "meet" someone on the phone.
  const verb = meeting.format === "phone" ? "speak with" : "meet";
  const opening = short
    ? `You ${verb} ${who}${mealWords(meeting)} at ${clockTime(meeting.start, zone)}, ${place(meeting)}. The essentials:`
    : `You ${verb} ${who}${mealWords(meeting)} ${when(meeting, user, now)}, ${dayAndTime(meeting.start, zone)}, ${place(meeting)}.`;
  const their = theirTime(meeting, user);
  const before = short ? [] : beforeYouGo(meeting, contact, user);
  const topic = meeting.topic ? `From the invitation: \u201c${meeting.topic}\u201d Start your first question there.` : null;
  const bring = short ? [] : bringList(meeting);
  const subject = short
    ? `Now: ${title} at ${clockTime(meeting.start, zone)}`
    : `Prep for ${when(meeting, user, now)}: ${title}, ${clockTime(meeting.start, zone)}`;
  const after = "Afterwards I will send you a draft thank-you note.";
  const wrap = timing(meeting, zone);
  // A full list is more than one conversation holds: say how many fit the time there is.
  const minutes = Math.round((wrapUpAt(meeting) - meeting.start) / MINUTE);
  const fit = minutes <= 35 ? "three or four" : minutes <= 50 ? "four or five" : "five or six";
  const choose = short ? null : `pick the ${fit} that matter most to you; there will not be time for all`;

  const text = paragraphs(
    greeting(user.name),
    [opening, their].filter(Boolean).join(" "),
    before.length > 0 && `Before you go:\n${listLines(before)}`,
    !short && GOAL,
    wrap,
    topic,
    `Questions to ask${choose ? ` (${choose})` : ""}:\n${listLines(questions, true)}`,
    bring.length > 0 && `Bring and check:\n${listLines(bring)}`,
    after,
    "\u2014 Rapport",
  );

  const html = renderHtml(
    <Layout title={subject}>
      <p>{greeting(user.name)}</p>
      <p>
        <LinkedText text={[opening, their].filter(Boolean).join(" ")} />
      </p>
      {before.length > 0 && (
        <>
          <Heading>Before you go</Heading>
          <List items={before} />
        </>
      )}
      {!short && <p>{GOAL}</p>}
      <p>
        <strong>{wrap}</strong>
      </p>
      {topic && <p>{topic}</p>}
      <Heading>Questions to ask</Heading>
      {choose && <p>{choose[0]!.toUpperCase() + choose.slice(1)}.</p>}
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
