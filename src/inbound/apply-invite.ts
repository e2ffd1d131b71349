/**
 * Applies an understood invite to the user's records, by iTIP method (RFC 5546), and composes
 * the answer: REQUEST/PUBLISH create or update the meeting and re-plan its nudges, CANCEL
 * cancels it, an RSVP changes nothing. An older version of a meeting (lower SEQUENCE, or same
 * SEQUENCE and earlier DTSTAMP) never overwrites a newer one.
 */
import { composeConfirmation, meetingTitle, type ConfirmationData } from "../compose/confirmation";
import type { ComposedContent } from "../compose/envelope";
import { composeCancellation, composeCancelUnknown, composeNotAnInvite, composeStaleUpdate } from "../compose/notices";
import type { Database } from "../db/client";
import { upsertContact } from "../db/contacts";
import { findMeeting, markMeetingCancelled, saveMeeting, type MeetingFields } from "../db/meetings";
import { cancelMeetingNudges, replaceMeetingPlan } from "../db/nudges";
import type { Meeting, NudgeKind, User } from "../db/schema";
import type { CalendarEvent } from "./calendar";
import { SCHEDULING_METHODS, type UnderstoodInvite } from "./invite";

/** The nudges a meeting's plan owns: re-planning may move or cancel these, and only these. */
const MEETING_NUDGE_KINDS: readonly NudgeKind[] = ["prep", "thanks", "thanks_followup", "keep_in_touch"];

export interface Applied {
  content: ComposedContent;
  meetingId: number | null;
  contactId: number | null;
  /** What happened, for the log. */
  outcome: "new" | "updated" | "unchanged" | "stale" | "cancelled" | "cancel_unknown" | "not_an_invite";
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

function notice(invite: UnderstoodInvite, user: User) {
  return {
    userName: user.name,
    title: meetingTitle(invite.event, invite.interviewee),
    start: invite.event.start,
    timeZone: user.timeZone,
  };
}

export async function applyInvite(
  db: Database,
  invite: UnderstoodInvite,
  user: User,
  inboundId: number,
  now: number,
): Promise<Applied> {
  const { event } = invite;
  if (SCHEDULING_METHODS.has(invite.method)) return schedule(db, invite, user, inboundId, now);

  if (invite.method === "CANCEL") {
    const stored = await findMeeting(db, user.id, event.uid, event.recurrenceId);
    if (!stored) {
      return { content: composeCancelUnknown(notice(invite, user)), meetingId: null, contactId: null, outcome: "cancel_unknown" };
    }
    if (event.sequence < stored.sequence) {
      const content = composeStaleUpdate({ ...notice(invite, user), start: stored.startsAt });
      return { content, meetingId: stored.id, contactId: stored.contactId, outcome: "stale" };
    }
    await markMeetingCancelled(db, stored.id, event.sequence, now);
    const cancelledNudges = await cancelMeetingNudges(db, stored.id, now);
    const content = composeCancellation({ ...notice(invite, user), start: stored.startsAt, cancelledNudges });
    return { content, meetingId: stored.id, contactId: stored.contactId, outcome: "cancelled" };
  }

  const content = composeNotAnInvite({ userName: user.name, title: notice(invite, user).title, method: invite.method });
  return { content, meetingId: null, contactId: null, outcome: "not_an_invite" };
}

async function schedule(db: Database, invite: UnderstoodInvite, user: User, inboundId: number, now: number): Promise<Applied> {
  const { event, traits, interviewee } = invite;
  const stored = await findMeeting(db, user.id, event.uid, event.recurrenceId);
  if (stored && isOlder(event, stored)) {
    const content = composeStaleUpdate({ ...notice(invite, user), start: stored.startsAt });
    return { content, meetingId: stored.id, contactId: stored.contactId, outcome: "stale" };
  }

  const contact = interviewee
    ? await upsertContact(db, { userId: user.id, email: interviewee.email, name: interviewee.name, company: invite.company }, now)
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
    inboundId,
  };
  const change: ConfirmationData["change"] = !stored ? "new" : sameDetails(stored, fields) ? "unchanged" : "updated";
  const meeting = await saveMeeting(db, fields, now);
  await replaceMeetingPlan(
    db,
    { userId: user.id, meetingId: meeting.id, contactId: contact?.id ?? null },
    invite.plan,
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
      recurring: event.recurring,
      nextOccurrence: event.nextOccurrence,
    },
    interviewee,
    company: contact?.company ?? invite.company,
    plan: invite.plan,
    change,
    assumedZone:
      event.zoneSource === "floating"
        ? { reason: "floating" }
        : event.zoneSource === "unknown_zone" && event.unknownTzid
          ? { reason: "unknown_zone", tzid: event.unknownTzid }
          : null,
    otherEvents: invite.otherEvents,
    now,
  });
  return { content, meetingId: meeting.id, contactId: contact?.id ?? null, outcome: change };
}
