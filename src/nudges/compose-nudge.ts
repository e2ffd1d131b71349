/**
 * Decides, for one claimed nudge, whether it still makes sense to send and, if so, composes it.
 * Pure: everything it needs (user, meeting, contact, related nudges, digest figures) is read
 * beforehand by the dispatcher, and `now` is given.
 */
import { composeAckSummary, type HeldReply } from "../compose/ack-summary";
import { reminderAttachment } from "../compose/calendar-file";
import { composeDigest, type DigestData } from "../compose/digest";
import type { ComposedContent } from "../compose/content";
import { composeKeepInTouch } from "../compose/keep-in-touch";
import { displayName, type ContactFacts, type LeadFact, type MeetingFacts, type NoteFact, type Recipient } from "../compose/nudge-data";
import { composePrep } from "../compose/prep";
import { composeThanks } from "../compose/thanks";
import type { Contact, Meeting, Nudge, User } from "../db/schema";

export interface NudgeContext {
  user: User;
  meeting: Meeting | null;
  contact: Contact | null;
  /** For thanks_followup: the thanks prompt of the same meeting. */
  thanks: Nudge | null;
  /** For thanks: the meeting's first check-in, to announce and attach. */
  firstCheckIn: Nudge | null;
  /** For keep_in_touch: when the user last met this contact. */
  lastMetAt: number | null;
  /** For digest: its figures. */
  digest: Omit<DigestData, "user" | "now"> | null;
  /** For thanks and keep_in_touch: the user's notes about the contact, oldest first. */
  notes?: NoteFact[];
  /** For thanks and keep_in_touch: the people the contact suggested. */
  leads?: LeadFact[];
}

export type Prepared =
  | { action: "send"; content: ComposedContent }
  | { action: "skip"; status: "skipped" | "cancelled"; reason: string }
  | { action: "defer"; until: number; reason: string };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Past this, a thank-you prompt (after an outage, say) would arrive too late to help. */
const THANKS_USEFUL_FOR = 3 * DAY;

export function recipient(user: User): Recipient {
  return { name: user.name, email: user.email, timeZone: user.timeZone, goal: user.goal };
}

export function meetingFacts(meeting: Meeting): MeetingFacts {
  return {
    summary: meeting.summary,
    start: meeting.startsAt,
    end: meeting.endsAt,
    allDay: meeting.allDay,
    location: meeting.location,
    meetingUrl: meeting.meetingUrl,
    format: meeting.format,
    meal: meeting.meal,
    mealKind: meeting.mealKind,
    timeZone: meeting.timeZone,
    topic: meeting.topic,
  };
}

export function contactFacts(
  contact: (Pick<Contact, "name" | "givenName" | "email" | "company" | "title" | "linkedinUrl"> & Partial<Pick<Contact, "linkedinConnectedAt">>) | null,
): ContactFacts | null {
  return contact
    ? {
        name: contact.name,
        givenName: contact.givenName,
        email: contact.email,
        company: contact.company,
        title: contact.title,
        linkedinUrl: contact.linkedinUrl,
        linkedinConnected: contact.linkedinConnectedAt !== null && contact.linkedinConnectedAt !== undefined,
      }
    : null;
}

const skip = (reason: string): Prepared => ({ action: "skip", status: "skipped", reason });

/** The answers held for the hourly summary, as holdAnswer wrote them; anything else is left out. */
function heldReplies(payload: string | null): HeldReply[] {
  let answers: unknown;
  try {
    answers = (JSON.parse(payload ?? "null") as { answers?: unknown } | null)?.answers;
  } catch {
    return [];
  }
  if (!Array.isArray(answers)) return [];
  return answers.flatMap((answer: unknown) => {
    const { subject, lines } = (answer ?? {}) as { subject?: unknown; lines?: unknown };
    if (typeof subject !== "string" || !Array.isArray(lines)) return [];
    return [{ subject, lines: lines.filter((line): line is string => typeof line === "string") }];
  });
}

export function prepareNudge(nudge: Nudge, context: NudgeContext, now: number): Prepared {
  const { user, meeting, contact } = context;
  if (nudge.kind === "ack_summary") {
    // Answers to what the user wrote, not reminders: a paused user still hears what their replies did.
    if (user.status !== "active" && user.status !== "paused") return skip(`user is ${user.status}`);
    const answers = heldReplies(nudge.payload);
    if (answers.length === 0) return skip("no answers held");
    return { action: "send", content: composeAckSummary({ userName: user.name, answers }) };
  }
  if (user.status !== "active") return skip(`user is ${user.status}`);

  switch (nudge.kind) {
    case "prep":
    case "thanks":
    case "thanks_followup": {
      if (!meeting) return skip("meeting no longer exists");
      if (meeting.status === "cancelled") return { action: "skip", status: "cancelled", reason: "meeting cancelled" };
      if (nudge.kind === "prep") {
        if (now >= meeting.startsAt) return skip("meeting already started");
        return { action: "send", content: composePrep({ user: recipient(user), meeting: meetingFacts(meeting), contact: contactFacts(contact), now }) };
      }
      if (now - meeting.endsAt > THANKS_USEFUL_FOR) return skip("meeting too long ago for a thank-you prompt");
      if (nudge.kind === "thanks_followup") {
        const thanks = context.thanks;
        if (thanks && (thanks.status === "pending" || thanks.status === "queued" || thanks.status === "sending")) {
          return { action: "defer", until: now + HOUR, reason: "thank-you prompt not sent yet" };
        }
        if (thanks && thanks.status !== "sent") return skip(`thank-you prompt is ${thanks.status}`);
      }
      const checkIn = nudge.kind === "thanks" ? context.firstCheckIn : null;
      const who = displayName(contact);
      return {
        action: "send",
        content: composeThanks({
          kind: nudge.kind,
          user: recipient(user),
          meeting: meetingFacts(meeting),
          contact: contactFacts(contact),
          notes: context.notes ?? [],
          leads: context.leads ?? [],
          firstCheckInAt: checkIn?.dueAt ?? null,
          checkInFile: checkIn
            ? reminderAttachment(
                {
                  uid: `check-in-${checkIn.id}@rapport`,
                  title: `Check in with ${who}`,
                  description: `Rapport will remind you by email too. Tell ${who} how their advice helped.`,
                  start: checkIn.dueAt,
                  minutes: 15,
                  now,
                },
                "check-in.ics",
              )
            : null,
          now,
        }),
      };
    }
    case "keep_in_touch": {
      if (!contact) return skip("contact no longer exists");
      if (contact.status !== "active") return skip("check-ins stopped for this contact");
      return {
        action: "send",
        content: composeKeepInTouch({
          user: recipient(user),
          contact: contactFacts(contact)!,
          lastMetAt: context.lastMetAt,
          lastTouchedAt: contact.lastTouchedAt,
          cadenceDays: contact.cadenceDays,
          notes: context.notes ?? [],
          leads: context.leads ?? [],
          now,
        }),
      };
    }
    case "digest": {
      if (!context.digest) return skip("digest figures missing");
      return { action: "send", content: composeDigest({ ...context.digest, user: recipient(user), now }) };
    }
    default:
      return skip(`${nudge.kind} is not sent by dispatch`);
  }
}
