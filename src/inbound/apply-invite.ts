/**
 * Applies one meeting read from an invite to the user's records, by iTIP method (RFC 5546),
 * and composes the answer: REQUEST/PUBLISH create or update the meeting and re-plan its
 * nudges, CANCEL cancels it (or the one occurrence it names), an RSVP changes nothing. An
 * older version of a meeting (lower SEQUENCE, or same SEQUENCE and earlier DTSTAMP) never
 * overwrites a newer one.
 */
import { composeConfirmation, meetingTitle, type ConfirmationData } from "../compose/confirmation";
import type { ComposedContent } from "../compose/content";
import { composeCancellation, composeCancelUnknown, composeNotAnInvite, composeStaleUpdate } from "../compose/notices";
import type { Database } from "../db/client";
import { upsertContact } from "../db/contacts";
import { markLeadsMet, openLeads } from "../db/leads";
import { findMeeting, markMeetingCancelled, saveMeeting, type MeetingFields } from "../db/meetings";
import { cancelMeetingNudges, replaceMeetingPlan } from "../db/nudges";
import type { Meeting, NudgeKind, User } from "../db/schema";
import { isLead } from "../nudges/leads";
import type { CalendarEvent } from "./calendar";
import { inviteTopic } from "./topic";
import { SCHEDULING_METHODS, type MeetingReading } from "./invite";

/** The nudges a meeting's plan owns: re-planning may move or cancel these, and only these. */
const MEETING_NUDGE_KINDS: readonly NudgeKind[] = ["prep", "thanks", "thanks_followup", "keep_in_touch"];

export interface Applied {
  content: ComposedContent;
  meetingId: number | null;
  contactId: number | null;
  /** What happened, for the log. */
  outcome: "new" | "updated" | "unchanged" | "stale" | "cancelled" | "cancel_unknown" | "not_an_invite";
}

export interface ApplyContext {
  user: User;
  /** Set for the first confirmation a user gets: where their time zone came from, said once. */
  zoneOrigin: ConfirmationData["zoneOrigin"];
  inboundId: number;
  now: number;
  /** Meetings in the message that were not read (over the per-message cap), to mention. */
  unread: number;
  /** The user's private calendar feed, offered in the confirmation. */
  feedUrl: string;
}

function isOlder(event: CalendarEvent, stored: Meeting): boolean {
  if (event.sequence !== stored.sequence) return event.sequence < stored.sequence;
  return event.dtstamp !== null && stored.dtstamp !== null && event.dtstamp < stored.dtstamp;
}

function sameDetails(stored: Meeting, fields: MeetingFields): boolean {
  return (
    stored.status === "scheduled" &&
    stored.startsAt === fields.startsAt &&
    stored.endsAt === fields.endsAt &&
    stored.summary === fields.summary &&
    (stored.location ?? null) === (fields.location ?? null) &&
    (stored.meetingUrl ?? null) === (fields.meetingUrl ?? null)
  );
}

function notice(reading: MeetingReading, user: User, start: number) {
  return { userName: user.name, title: meetingTitle(reading.event, reading.interviewee), start, timeZone: user.timeZone };
}

export async function applyMeeting(db: Database, reading: MeetingReading, context: ApplyContext): Promise<Applied> {
  if (SCHEDULING_METHODS.has(reading.method)) return schedule(db, reading, context);
  if (reading.method === "CANCEL") return cancel(db, reading, context);
  const content = composeNotAnInvite({
    userName: context.user.name,
    title: meetingTitle(reading.event, reading.interviewee),
    method: reading.method,
  });
  return { content, meetingId: null, contactId: null, outcome: "not_an_invite" };
}

/**
 * The stored meeting a CANCEL refers to. Rapport keeps a series as its next occurrence, so a
 * CANCEL naming one occurrence (RECURRENCE-ID) also matches the series row when that row is
 * planned for exactly that occurrence.
 */
async function cancelled(db: Database, userId: number, event: CalendarEvent): Promise<Meeting | undefined> {
  const exact = await findMeeting(db, userId, event.uid, event.recurrenceId);
  if (exact || event.recurrenceId === "") return exact;
  const series = await findMeeting(db, userId, event.uid, "");
  return series && series.startsAt === Date.parse(event.recurrenceId) ? series : undefined;
}

async function cancel(db: Database, reading: MeetingReading, { user, now }: ApplyContext): Promise<Applied> {
  const { event } = reading;
  const stored = await cancelled(db, user.id, event);
  if (!stored) {
    const content = composeCancelUnknown({ userName: user.name, title: meetingTitle(event, reading.interviewee) });
    return { content, meetingId: null, contactId: null, outcome: "cancel_unknown" };
  }
  if (event.sequence < stored.sequence) {
    return { content: composeStaleUpdate(notice(reading, user, stored.startsAt)), meetingId: stored.id, contactId: stored.contactId, outcome: "stale" };
  }
  await markMeetingCancelled(db, stored.id, event.sequence, now);
  const cancelledNudges = await cancelMeetingNudges(db, stored.id, now);
  const content = composeCancellation({ ...notice(reading, user, stored.startsAt), cancelledNudges });
  return { content, meetingId: stored.id, contactId: stored.contactId, outcome: "cancelled" };
}

async function schedule(db: Database, reading: MeetingReading, { user, inboundId, now, unread, feedUrl, zoneOrigin }: ApplyContext): Promise<Applied> {
  const { event, traits, interviewee } = reading;
  const stored = await findMeeting(db, user.id, event.uid, event.recurrenceId);
  if (stored && isOlder(event, stored)) {
    return { content: composeStaleUpdate(notice(reading, user, stored.startsAt)), meetingId: stored.id, contactId: stored.contactId, outcome: "stale" };
  }

  const contact = interviewee
    ? await upsertContact(
        db,
        { userId: user.id, email: interviewee.email, name: interviewee.name, givenName: interviewee.givenName, company: reading.company },
        now,
      )
    : null;
  const fields: MeetingFields = {
    userId: user.id,
    contactId: contact?.id ?? null,
    uid: event.uid,
    recurrenceId: event.recurrenceId,
    sequence: event.sequence,
    dtstamp: event.dtstamp,
    summary: event.summary,
    startsAt: event.start,
    endsAt: event.end,
    allDay: event.allDay,
    timeZone: event.timeZone,
    location: event.location || null,
    meetingUrl: traits.meetingUrl,
    format: traits.format,
    meal: traits.meal,
    mealKind: traits.mealKind,
    participants: JSON.stringify(reading.participants),
    topic: inviteTopic(event.description),
    inboundId,
  };
  const change: ConfirmationData["change"] = !stored
    ? "new"
    : stored.inboundId === inboundId
      ? // A retry of this very message: an earlier attempt saved the meeting, then failed before
        // the confirmation went out. Answer as that attempt would have, not "Already planned".
        stored.createdAt === stored.updatedAt
        ? "new"
        : "updated"
      : sameDetails(stored, fields)
        ? "unchanged"
        : "updated";
  const meeting = await saveMeeting(db, fields, now);
  // Someone a contact suggested ("talk to Omar Reyes"): this invite is that conversation.
  if (contact) {
    const met = (await openLeads(db, user.id)).filter((lead) => isLead(lead, { name: contact.name, email: contact.email, company: contact.company }));
    await markLeadsMet(db, met.map((lead) => lead.id), meeting.id, now);
  }
  await replaceMeetingPlan(
    db,
    { userId: user.id, meetingId: meeting.id, contactId: contact?.id ?? null },
    reading.plan,
    MEETING_NUDGE_KINDS,
    now,
  );

  const content = composeConfirmation({
    userName: user.name,
    timeZone: user.timeZone,
    meeting: {
      summary: event.summary,
      start: event.start,
      end: event.end,
      allDay: event.allDay,
      startDate: event.startDate,
      endDate: event.endDate,
      location: event.location || null,
      meetingUrl: traits.meetingUrl,
      format: traits.format,
      meal: traits.meal,
      mealKind: traits.mealKind,
      recurring: event.recurring,
      nextOccurrence: event.nextOccurrence,
    },
    previous:
      change === "updated" && stored
        ? {
            summary: stored.summary,
            start: stored.startsAt,
            end: stored.endsAt,
            location: stored.location,
            meetingUrl: stored.meetingUrl,
            cancelled: stored.status === "cancelled",
          }
        : null,
    interviewee,
    missing: interviewee ? null : reading.nobody,
    company: contact?.company ?? reading.company,
    plan: reading.plan,
    change,
    assumedZone:
      event.zoneSource === "floating"
        ? { reason: "floating" }
        : event.zoneSource === "unknown_zone" && event.unknownTzid
          ? { reason: "unknown_zone", tzid: event.unknownTzid }
          : null,
    zoneOrigin,
    askGoal: zoneOrigin !== null && !user.goal,
    otherEvents: unread,
    feedUrl,
    now,
  });
  return { content, meetingId: meeting.id, contactId: contact?.id ?? null, outcome: change };
}
