/**
 * The thank-you prompt (an hour after the meeting) and its one follow-up (the next evening,
 * only while the note is unsent): a ready-to-send draft, the 24-hour rule, a LinkedIn nudge,
 * and the first keep-in-touch date as a calendar file.
 */
import { meetingTitle } from "./confirmation";
import type { ComposedContent, ContentAttachment } from "./content";
import { dayAndTime, longDate } from "./format";
import { Layout, renderHtml } from "./layout";
import { displayName, firstName, type ContactFacts, type MeetingFacts, type Recipient } from "./nudge-data";
import { givenName, greeting, paragraphs } from "./text";

export interface ThanksData {
  kind: "thanks" | "thanks_followup";
  user: Recipient;
  meeting: MeetingFacts;
  contact: ContactFacts | null;
  /** When the first keep-in-touch prompt is planned, to offer it as a calendar entry. */
  firstCheckInAt: number | null;
  /** Attached calendar file for the first check-in, built by the caller (keeps this pure of `ics`). */
  checkInFile: ContentAttachment | null;
  now: number;
}

const DAY = 86_400_000;

/** "today", "yesterday" or "on Tuesday", as the note would say it when sent now. */
function meetingDay(meeting: MeetingFacts, user: Recipient, now: number): string {
  const day = longDate(meeting.start, user.timeZone);
  if (day === longDate(now, user.timeZone)) return "today";
  if (day === longDate(now - DAY, user.timeZone)) return "yesterday";
  return `on ${day.split(" ")[0]}`;
}

export function linkedinLink(contact: ContactFacts | null): string | null {
  if (contact?.linkedinUrl) return contact.linkedinUrl;
  if (!contact?.name) return null;
  const keywords = [contact.name, contact.company].filter(Boolean).join(" ");
  return `https://www.linkedin.com/search/results/people/?keywords=${encodeURIComponent(keywords)}`;
}

export function draftNote(data: ThanksData): { subject: string; body: string } {
  const { meeting, contact, user, now } = data;
  const name = firstName(contact);
  const how = meeting.format === "video" || meeting.format === "phone" ? "talk with me" : "meet with me";
  const over = meeting.meal ? " over coffee" : "";
  const signature = givenName(user.name) ?? "[your name]";
  const lines = [
    `Hi ${name},`,
    "",
    `Thank you for taking the time to ${how} ${meetingDay(meeting, user, now)}${over}. I especially appreciated ` +
      "[one thing you learned from them], and I will follow up on your suggestion to [something they suggested].",
    "",
    contact?.company
      ? `It was great to hear how things work at ${contact.company}. I would be glad to stay in touch, and I will let you know how my search goes.`
      : "I would be glad to stay in touch, and I will let you know how my search goes.",
    "",
    "Best regards,",
    signature,
  ];
  return { subject: `Thank you, ${name === "there" ? "again" : name}`, body: lines.join("\n") };
}

export function composeThanks(data: ThanksData): ComposedContent {
  const { user, meeting, contact, kind } = data;
  const who = displayName(contact);
  const note = draftNote(data);
  const link = linkedinLink(contact);
  const followup = kind === "thanks_followup";

  const subject = followup ? `Still time to thank ${who}` : `Send your thank-you to ${who} today`;
  const opening = followup
    ? `Your thank-you to ${who} for \u201c${meetingTitle(meeting, contact)}\u201d is still open. Two sincere lines tonight beat a perfect note next week; here is the draft again.`
    : `How did it go with ${who}? A short thank-you within 24 hours is what people remember, and it is the easiest way to stay on their radar. Here is a draft: fill in the brackets and make it yours.`;
  const linkedin = link
    ? `Within the week, connect on LinkedIn with a personal line (\u201cThanks again for the chat about \u2026\u201d): ${link}`
    : "Within the week, connect on LinkedIn with a personal line (\u201cThanks again for the chat about \u2026\u201d).";
  const checkIn = data.firstCheckInAt
    ? `I will remind you to check in with ${who} on ${dayAndTime(data.firstCheckInAt, user.timeZone)}${data.checkInFile ? "; the attached file puts it in your calendar" : ""}.`
    : null;
  const reply = "When you have sent it, reply \u201csent\u201d and I will stop reminding you.";
  const draft = `Subject: ${note.subject}\n\n${note.body}`;

  const text = paragraphs(
    greeting(user.name),
    opening,
    draft.split("\n").map((line) => (line ? `    ${line}` : "")).join("\n"),
    !followup && linkedin,
    !followup && checkIn,
    reply,
    "\u2014 Rapport",
  );
  const html = renderHtml(
    <Layout title={subject}>
      <p>{greeting(user.name)}</p>
      <p>{opening}</p>
      <blockquote style="margin:16px 0;padding:12px 16px;border-left:3px solid #d0d7de;background:#f6f8fa;white-space:pre-wrap;">
        {draft}
      </blockquote>
      {!followup && (
        <p>
          Within the week, connect on LinkedIn with a personal line (“Thanks again for the chat about …”)
          {link ? (
            <>
              : <a href={link}>find {who} on LinkedIn</a>.
            </>
          ) : (
            "."
          )}
        </p>
      )}
      {!followup && checkIn && <p>{checkIn}</p>}
      <p>{reply}</p>
    </Layout>,
  );
  return { subject, text, html, attachments: !followup && data.checkInFile ? [data.checkInFile] : [] };
}
