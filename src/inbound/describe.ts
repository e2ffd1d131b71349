/**
 * The JSON contract of `npm run inspect` (docs/design.md §8): what Rapport understood of a message,
 * in a shape scripts and users can rely on. Instants are ISO-8601 UTC; all-day dates are
 * YYYY-MM-DD with an exclusive end.
 */
import type { InviteResult } from "./invite";

export interface InspectPerson {
  name: string | null;
  email: string;
}

export type InspectOutput =
  | {
      ok: true;
      method: string;
      meeting: {
        uid: string;
        sequence: number;
        summary: string;
        start: string;
        end: string;
        allDay: boolean;
        timeZone: string | null;
        location: string | null;
        meetingUrl: string | null;
        format: string;
        meal: boolean;
        /** breakfast, brunch, coffee, lunch, dinner or drinks when `meal`; else null. */
        mealKind: string | null;
        organizer: InspectPerson | null;
        attendees: InspectPerson[];
      };
      /** Null, with an empty plan, when no one can be named. */
      interviewee: (InspectPerson & { company: string | null }) | null;
      plan: { kind: string; dueAt: string }[];
    }
  | { ok: false; error: { code: string; message: string } };

const iso = (instant: number): string => new Date(instant).toISOString();

export function describeInvite(result: InviteResult): InspectOutput {
  if (!result.ok) return { ok: false, error: { code: result.error.code, message: result.error.message } };
  // The contract names one meeting: the first one found (a message rarely holds more).
  const reading = result.invite.meetings[0]!;
  const { event, traits } = reading;
  return {
    ok: true,
    method: reading.method,
    meeting: {
      uid: event.uid,
      sequence: event.sequence,
      summary: event.summary,
      start: event.allDay && event.startDate ? event.startDate : iso(event.start),
      end: event.allDay && event.endDate ? event.endDate : iso(event.end),
      allDay: event.allDay,
      timeZone: event.timeZone,
      location: event.location || null,
      meetingUrl: traits.meetingUrl,
      format: traits.format,
      meal: traits.meal,
      mealKind: traits.mealKind,
      organizer: event.organizer ? { name: event.organizer.name, email: event.organizer.email } : null,
      attendees: event.attendees.map((a) => ({ name: a.name, email: a.email })),
    },
    interviewee: reading.interviewee
      ? { name: reading.interviewee.name, email: reading.interviewee.email, company: reading.company }
      : null,
    plan: reading.plan.map((nudge) => ({ kind: nudge.kind, dueAt: iso(nudge.dueAt) })),
  };
}
