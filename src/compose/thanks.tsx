/**
 * The thank-you prompt (an hour after the meeting), its one follow-up (the next evening, only
 * while the note is unsent) and the redraft (the answer to a debrief reply). A draft a person
 * would send: greeting by their given name, the meal's own word, what the user took away and who
 * they were told to talk to when the user said so, the user's own name to sign; one link that
 * opens it in the user's mail app, three lines for a handwritten card, the 24-hour rule, a
 * LinkedIn step, and the first keep-in-touch date as a calendar file. The prompt asks for the
 * debrief (what you learned, who they suggested, your next step) in one reply, and answers it
 * with a draft in the user's own words.
 */
import type { ComposedContent, ContentAttachment } from "./content";
import { debriefOf, saidToThem } from "./debrief";
import { dayAndTime, longDate } from "./format";
import { Layout, renderHtml } from "./layout";
import { linkedinLink, mailtoLink } from "./links";
import { meetingTitle } from "./confirmation";
import { displayName, firstName, namesOf, type ContactFacts, type LeadFact, type MeetingFacts, type NoteFact, type Recipient } from "./nudge-data";
import { greeting, paragraphs, shortName, singleLined } from "./text";

export interface ThanksData {
  /** "redraft": the answer to a debrief reply, with a draft that uses it. */
  kind: "thanks" | "thanks_followup" | "redraft";
  user: Recipient;
  meeting: MeetingFacts;
  contact: ContactFacts | null;
  /** What the user noted about this contact or meeting, oldest first. */
  notes?: NoteFact[];
  /** People this contact suggested, and what came of it. */
  leads?: LeadFact[];
  /** When the first keep-in-touch prompt is planned, to offer it as a calendar entry. */
  firstCheckInAt: number | null;
  /** Attached calendar file for the first check-in, built by the caller (keeps this pure of `ics`). */
  checkInFile: ContentAttachment | null;
  /** For a redraft: what Rapport did with the reply (the note saved, the lead added), said first. */
  said?: string[];
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

/** "meeting me for coffee", "having lunch with me", "making time for our call". */
function whatTheyDid(meeting: MeetingFacts): string {
  switch (meeting.mealKind) {
    case "coffee":
      return "meeting me for coffee";
    case "lunch":
      return "having lunch with me";
    case "breakfast":
      return "meeting me for breakfast";
    case "brunch":
      return "meeting me for brunch";
    case "dinner":
      return "joining me for dinner";
    case "drinks":
      return "meeting me for a drink";
    default:
      if (meeting.format === "video") return "making time for our video call";
      if (meeting.format === "phone") return "making time for our call";
      return "taking the time to meet with me";
  }
}

/** "Omar Reyes", "Omar Reyes and Wei Chen". */
function names(leads: LeadFact[]): string {
  const list = leads.map((lead) => lead.name);
  return list.length <= 1 ? (list[0] ?? "") : `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}

export interface Draft {
  subject: string;
  body: string;
  /** Three short lines to copy onto a card. */
  card: string[];
  /** Whether a fact the draft needs is still missing (a bracketed blank is left for it). */
  blanks: boolean;
}

export function draftNote(data: ThanksData): Draft {
  // Invite text is hostile: every field on one line before any of it is used (issue #11, item 9);
  // the user's own notes keep their lines, which the debrief reads one by one.
  data = singleLined(data, ["notes"]);
  const { meeting, contact, user, now } = data;
  const hello = contact && (contact.givenName || contact.name) ? `Hi ${firstName(contact)},` : "Hello,";
  const debrief = debriefOf(data.notes ?? []);
  const suggested = (data.leads ?? []).filter((lead) => lead.status === "open" || lead.status === "contacted");
  const meeting_ = (data.leads ?? []).filter((lead) => lead.status === "met" && lead.meetingStart !== null && lead.meetingStart > now);
  const signature = user.name ? user.name : "[your name]";
  const company = contact?.company ? contact.company : null;

  const thanks = `Thank you for ${whatTheyDid(meeting)} ${meetingDay(meeting, user, now)}.`;
  // The user wrote the debrief about them; the draft says it to them.
  const heard = debrief.learned ? saidToThem(debrief.learned, namesOf(contact)) : null;
  const learned = heard
    ? `I keep thinking about what you said: ${heard}.`
    : "I especially appreciated [one thing from the conversation that stayed with you].";
  const lines = [hello, "", [thanks, learned].join(" ")];
  const follow: string[] = [];
  if (suggested.length > 0) follow.push(`Thank you for suggesting I talk to ${names(suggested)}; I will reach out this week.`);
  if (meeting_.length > 0) follow.push(`Thanks to you, I am meeting ${names(meeting_)} on ${longDate(meeting_[0]!.meetingStart!, user.timeZone).split(" ").slice(0, 3).join(" ")}.`);
  if (debrief.next) follow.push(`My next step: ${debrief.next}.`);
  if (follow.length > 0) lines.push("", follow.join(" "));
  lines.push(
    "",
    company
      ? `It was good to hear how things work at ${company}. I would be glad to stay in touch, and I will let you know how my search goes.`
      : "I would be glad to stay in touch, and I will let you know how my search goes.",
    "",
    "Best regards,",
    signature,
  );
  const given = contact && (contact.givenName || contact.name) ? firstName(contact) : null;
  const card = [
    `${given ? `Dear ${given}, thank` : "Thank"} you for ${whatTheyDid(meeting).replace(/^taking the time to meet with me$/, "your time")} ${meetingDay(meeting, user, now)}.`,
    heard ? `I keep thinking about what you said: ${heard}.` : company ? `Hearing how things work at ${company} helped me a great deal.` : "Your advice helped me a great deal.",
    `With thanks, ${shortName(user.name) ?? "[your name]"}`,
  ];
  return {
    subject: given ? `Thank you, ${given}` : "Thank you",
    body: lines.join("\n"),
    card,
    blanks: !debrief.learned || !user.name,
  };
}

/** The draft as the user would paste it: who to, the subject, the body. */
export function draftText(data: ThanksData): string {
  const note = draftNote(data);
  return `To: ${data.contact?.email ?? "[their address]"}\nSubject: ${note.subject}\n\n${note.body}`;
}

/** The three questions of a debrief, as the user would answer them in one reply. */
const DEBRIEF = ["learned: what stayed with you", "suggested: who they suggested you talk to", "next: your next step"];

export function composeThanks(data: ThanksData): ComposedContent {
  // Invite text is hostile: every field on one line before any of it is used (issue #11, item 9);
  // the user's own notes keep their lines, which the debrief reads one by one.
  data = singleLined(data, ["notes"]);
  const { user, meeting, contact, kind } = data;
  const who = displayName(contact);
  const note = draftNote(data);
  const link = linkedinLink(contact);
  const mailto = contact ? mailtoLink(contact.email, note.subject, note.body) : null;
  const title = meetingTitle(meeting, contact);

  const subject =
    kind === "thanks_followup" ? `Still time to thank ${who}` : kind === "redraft" ? `Your thank-you to ${who}, in your words` : `Send your thank-you to ${who} today`;
  const opening =
    kind === "thanks_followup"
      ? `Your thank-you to ${who} for \u201c${title}\u201d is still open. Two sincere lines tonight beat a perfect note next week; here is the draft again.`
      : kind === "redraft"
        ? `Here is your thank-you to ${who} with what you told me. Send it within 24 hours${note.blanks ? ", after filling in the brackets" : ""}.`
        : `How did it go with ${who}? A short thank-you within 24 hours is what people remember, and it is the easiest way to stay on their radar.`;
  const ask =
    kind === "thanks"
      ? "To make the draft yours, reply in a few lines with what you took away, and I will send it back rewritten:"
      : null;
  const asIs = kind === "thanks" ? `Or send this draft as it is${note.blanks ? ", after filling in the brackets" : ""}:` : null;
  const card = `Prefer a handwritten card? Three lines to copy:`;
  const linkedin = link
    ? `Within the week, connect on LinkedIn with a personal line (\u201cThanks again for the conversation \u2026\u201d): ${link}`
    : "Within the week, connect on LinkedIn with a personal line (\u201cThanks again for the conversation \u2026\u201d).";
  const checkIn = data.firstCheckInAt
    ? `I will remind you to check in with ${who} on ${dayAndTime(data.firstCheckInAt, user.timeZone)}${data.checkInFile ? "; the attached file puts it in your calendar" : ""}.`
    : null;
  const reply = "When you have sent it, reply \u201csent\u201d and I will stop reminding you.";
  const draft = draftText(data);
  const indent = (text: string) => text.split("\n").map((line) => (line ? `    ${line}` : "")).join("\n");
  const firstPrompt = kind === "thanks";

  const said = kind === "redraft" ? (data.said ?? []) : [];
  const text = paragraphs(
    greeting(user.name),
    ...said,
    opening,
    ask && `${ask}\n${indent(DEBRIEF.join("\n"))}`,
    asIs,
    indent(draft),
    `${card}\n${indent(note.card.join("\n"))}`,
    firstPrompt && linkedin,
    firstPrompt && checkIn,
    reply,
    "\u2014 Rapport",
  );
  const html = renderHtml(
    <Layout title={subject}>
      <p>{greeting(user.name)}</p>
      {said.map((line) => (
        <p>{line}</p>
      ))}
      <p>{opening}</p>
      {ask && (
        <>
          <p>{ask}</p>
          <blockquote style="margin:8px 0 16px;padding:8px 12px;border-left:3px solid #d0d7de;white-space:pre-wrap;">{DEBRIEF.join("\n")}</blockquote>
        </>
      )}
      {asIs && <p>{asIs}</p>}
      <blockquote style="margin:16px 0;padding:12px 16px;border-left:3px solid #d0d7de;background:#f6f8fa;white-space:pre-wrap;">{draft}</blockquote>
      {mailto && (
        <p>
          <a href={mailto}>Open this draft in your mail app</a>, addressed to {contact!.email}.
        </p>
      )}
      <p>{card}</p>
      <blockquote style="margin:8px 0 16px;padding:8px 12px;border-left:3px solid #d0d7de;white-space:pre-wrap;">{note.card.join("\n")}</blockquote>
      {firstPrompt && (
        <p>
          Within the week, connect on LinkedIn with a personal line (“Thanks again for the conversation …”)
          {link ? (
            <>
              : <a href={link}>find {who} on LinkedIn</a>.
            </>
          ) : (
            "."
          )}
        </p>
      )}
      {firstPrompt && checkIn && <p>{checkIn}</p>}
      <p>{reply}</p>
    </Layout>,
  );
  return { subject, text, html, attachments: firstPrompt && data.checkInFile ? [data.checkInFile] : [] };
}
