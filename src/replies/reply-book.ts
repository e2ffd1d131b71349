/**
 * The reminders a reply may change (a contact's check-ins, a meeting's thank-you prompts), kept
 * in memory while its commands are decided one after another ("done. every 3 months after this"
 * moves the check-in the first command planned), with every change also recorded as a write
 * for the one batch that applies them.
 */
import type { ReplyState, ReplyWrite } from "../db/replies";
import { meetingNudgeKey } from "../db/nudges";
import type { Contact, Nudge, User } from "../db/schema";

/** Open check-ins and thank-you prompts as the reply's commands change them, one step at a time. */
export class Book {
  private readonly nudges: Nudge[];
  /** Open leads' names, grown as the reply's notes add leads. */
  readonly openLeadNames: string[];
  constructor(
    state: ReplyState,
    readonly writes: ReplyWrite[],
    private readonly now: number,
  ) {
    this.nudges = state.nudges.map((nudge) => ({ ...nudge }));
    this.openLeadNames = [...state.openLeadNames];
  }

  pendingCheckIn(contactId: number): Nudge | undefined {
    return this.nudges.filter((n) => n.contactId === contactId && n.kind === "keep_in_touch" && n.status === "pending").sort((a, b) => a.dueAt - b.dueAt)[0];
  }

  lastSentCheckIn(contactId: number): Nudge | undefined {
    return this.nudges
      .filter((n) => n.contactId === contactId && n.kind === "keep_in_touch" && n.status === "sent")
      .sort((a, b) => (b.sentAt ?? 0) - (a.sentAt ?? 0))[0];
  }

  ofMeeting(meetingId: number, kind: "thanks" | "thanks_followup"): Nudge | undefined {
    return this.nudges.find((n) => n.uniqueKey === meetingNudgeKey(kind, meetingId));
  }

  setStatus(nudges: (Nudge | undefined)[], status: Nudge["status"]): void {
    const ids = nudges.filter((n): n is Nudge => n !== undefined).map((n) => n.id);
    for (const nudge of this.nudges) if (ids.includes(nudge.id)) nudge.status = status;
    if (ids.length > 0) this.writes.push({ op: "nudge_status", ids, status });
  }

  reschedule(nudge: Nudge, dueAt: number): void {
    const kept = this.nudges.find((n) => n.id === nudge.id);
    if (kept) Object.assign(kept, { status: "pending", dueAt });
    this.writes.push({ op: "reschedule", id: nudge.id, dueAt });
  }

  /** Puts the contact's one pending check-in at `dueAt`, creating it if the chain had none. */
  moveCheckIn(user: User, contact: Contact, dueAt: number, reason: string): void {
    const pending = this.pendingCheckIn(contact.id);
    if (pending) this.reschedule(pending, dueAt);
    else {
      const uniqueKey = `keep_in_touch:contact:${contact.id}:${reason}`;
      this.writes.push({ op: "create_nudge", nudge: { userId: user.id, contactId: contact.id, kind: "keep_in_touch", dueAt, uniqueKey } });
      this.nudges.push({ id: -this.nudges.length - 1, userId: user.id, meetingId: null, contactId: contact.id, kind: "keep_in_touch", dueAt, status: "pending", attempts: 0, providerMessageId: null, lastError: null, claimedUntil: null, claimedAt: null, sentAt: null, payload: null, uniqueKey, createdAt: this.now, updatedAt: this.now });
    }
    this.writes.push({ op: "contact", id: contact.id, fields: { status: "active" } });
  }
}
