/**
 * Short answers to forwards that do not (or no longer) put a meeting on the calendar:
 * an invite Rapport could not read, a cancellation, an out-of-date update, an RSVP.
 * Each says what happened and what the user can do, in a sentence or two.
 */
import type { ComposedContent } from "./content";
import { longDate, shortDayAndTime } from "./format";
import { Layout, renderHtml } from "./layout";
import { greeting as greet, paragraphs, singleLined } from "./text";

/** A short notice of single-line paragraphs: the invite's title or subject inside them stays on its line. */
export function simpleNotice(rawSubject: string, greetingName: string | null, rawBody: string[]): ComposedContent {
  const [subject, ...body] = singleLined([rawSubject, ...rawBody]);
  const greeting = greet(greetingName);
  return {
    subject: subject!,
    text: paragraphs(greeting, ...body, "\u2014 Rapport"),
    html: renderHtml(
      <Layout title={subject!}>
        <p>{greeting}</p>
        {body.map((paragraph) => (
          <p>{paragraph}</p>
        ))}
      </Layout>,
    ),
  };
}

export interface InviteErrorData {
  userName: string | null;
  /** The Subject of the message that could not be read. */
  forwardedSubject: string;
  /** The reason code (no_invite, invalid_calendar, ...), shown for reference. */
  code: string;
  /** The user-facing sentence from the InviteError. */
  message: string;
}

export function composeInviteError(data: InviteErrorData): ComposedContent {
  const about = data.forwardedSubject ? `\u201c${data.forwardedSubject}\u201d` : "your message";
  return simpleNotice(`Could not read ${data.forwardedSubject ? `\u201c${data.forwardedSubject}\u201d` : "your invitation"}`, data.userName, [
    `I could not plan anything from ${about}.`,
    data.message,
    `(For the record, the reason code is ${data.code}.)`,
  ]);
}

export interface MeetingNoticeData {
  userName: string | null;
  title: string;
  start: number;
  timeZone: string;
}

export function composeCancellation(data: MeetingNoticeData & { cancelledNudges: number }): ComposedContent {
  return simpleNotice(`Cancelled: ${data.title}, ${shortDayAndTime(data.start, data.timeZone)}`, data.userName, [
    `The meeting \u201c${data.title}\u201d on ${longDate(data.start, data.timeZone)} was cancelled.`,
    data.cancelledNudges > 0
      ? `I removed the ${data.cancelledNudges} reminder${data.cancelledNudges === 1 ? "" : "s"} I had planned for it.`
      : "There were no reminders left to remove.",
    "If it gets rescheduled, forward the new invitation.",
  ]);
}

export function composeCancelUnknown(data: { userName: string | null; title: string }): ComposedContent {
  return simpleNotice(`Nothing to cancel: ${data.title}`, data.userName, [
    `This is a cancellation of \u201c${data.title}\u201d, but I have no such meeting on record for you, so nothing changed.`,
  ]);
}

export function composeStaleUpdate(data: MeetingNoticeData): ComposedContent {
  return simpleNotice(`Older version ignored: ${data.title}`, data.userName, [
    `This invitation for \u201c${data.title}\u201d is older than the version I already have, so I kept the newer one: ` +
      `${longDate(data.start, data.timeZone)}, as planned.`,
    "If the older time is the right one, ask the organizer to send the invitation again.",
  ]);
}

export function composeNotAnInvite(data: { userName: string | null; title: string; method: string }): ComposedContent {
  const what =
    data.method === "REPLY"
      ? "an answer to an invitation (someone accepting or declining)"
      : data.method === "COUNTER"
        ? "a proposal for a new time, not the invitation itself"
        : `a calendar message of type ${data.method}, not an invitation`;
  return simpleNotice(`Nothing to plan: ${data.title}`, data.userName, [
    `This is ${what}, so nothing changed.`,
    "To have me plan a meeting, forward the invitation itself.",
  ]);
}
