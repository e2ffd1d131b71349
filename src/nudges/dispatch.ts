/**
 * dispatchDue: one cron run's sending (docs/design.md §6). Claim what is due (including what a missed
 * run left), read what composing needs in bulk, compose, send in Postmark batches, and walk
 * the per-message results: 406 suppresses the user, other permanent failures fail the nudge
 * with the reason, 429/5xx/timeouts release it with backoff. A bounded number per run keeps
 * each run inside the Worker's CPU and subrequest limits; the rest goes next run.
 */
import { envelope } from "./envelope";
import { withUnsubscribeFooter } from "../compose/footer";
import { contactsPageUrl, mailLinks } from "../links/addresses";
import { currentFeedUrl } from "../links/feed-link";
import {
  claimDueNudges,
  contactsByIds,
  lastMeetingWith,
  meetingNudges,
  meetingsByIds,
  monthNumbers,
  notesBetween,
  openCheckIns,
  recordRun,
  upcomingMeetings,
  usersByIds,
  type NewNudge,
  type Outcome,
} from "../db/dispatch";
import type { Nudge, NudgeKind, User } from "../db/schema";
import type { Deps } from "../deps";
import { MAX_BATCH, type EmailTag, type OutboundEmail } from "../mail/mailer";
import { contactFacts, prepareNudge, type NudgeContext } from "./compose-nudge";
import { digestKey } from "./digest-plan";
import { monthBounds, nextCheckInAt, nextDigestAt } from "./plan";

/** The kinds the cron sends; confirmations and errors are answered on the inbound path. */
export const DISPATCHED_KINDS: readonly NudgeKind[] = ["prep", "thanks", "thanks_followup", "keep_in_touch", "digest"];

export interface DispatchLimits {
  /** Nudges claimed per run: bounds CPU (composing) and the run's length. */
  perRun: number;
  /** How long a claim holds before another run may take over (a crashed run's claims). */
  leaseMs: number;
  /** After this many attempts a retryable failure becomes final. */
  maxAttempts: number;
}

export const DEFAULT_LIMITS: DispatchLimits = { perRun: 200, leaseMs: 15 * 60_000, maxAttempts: 8 };

export interface DispatchReport {
  claimed: number;
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
  suppressedUsers: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A check-in prompt not marked done within this long shows in the digest as overdue. */
const OVERDUE_WINDOW = 45 * DAY;
const UPCOMING_WINDOW = 31 * DAY;

/** 5 min, 10, 20 ... capped at 6 h: rides out rate limits and short outages without hammering. */
export function retryDelay(attempts: number): number {
  return Math.min(5 * MINUTE * 2 ** Math.max(0, attempts - 1), 6 * 60 * MINUTE);
}

async function digestFigures(deps: Deps, user: User, nudge: Nudge, now: number): Promise<NonNullable<NudgeContext["digest"]>> {
  const month = monthBounds(nudge.dueAt, user.timeZone);
  const [checkIns, upcoming, numbers, notes] = await Promise.all([
    openCheckIns(deps.db, user.id, month.next, now - OVERDUE_WINDOW),
    upcomingMeetings(deps.db, user.id, now, now + UPCOMING_WINDOW),
    monthNumbers(deps.db, user.id, month.previous, month.start),
    notesBetween(deps.db, user.id, month.previous, month.start),
  ]);
  const [lastMet, pageUrl, feedUrl] = await Promise.all([
    lastMeetingWith(deps.db, checkIns.map((row) => row.contact.id), now),
    contactsPageUrl(deps.config, user.id, now),
    currentFeedUrl(deps.db, deps.config, user, now),
  ]);
  // One line per contact: the earliest open check-in stands for it.
  const seen = new Set<number>();
  const due = checkIns
    .filter((row) => !seen.has(row.contact.id) && seen.add(row.contact.id))
    .map((row) => ({
      contactId: row.contact.id,
      contact: contactFacts(row.contact)!,
      dueAt: row.nudge.status === "sent" ? (row.nudge.sentAt ?? row.nudge.dueAt) : row.nudge.dueAt,
      lastContactAt: row.contact.lastTouchedAt ?? lastMet.get(row.contact.id) ?? null,
    }));
  return {
    monthName: month.name,
    due,
    upcoming: upcoming.map(({ meeting, contact }) => ({
      title: meeting.summary.trim() || "Meeting",
      start: meeting.startsAt,
      with: contact?.name ?? contact?.email ?? null,
    })),
    lastMonth: { name: month.previousName, ...numbers },
    notes: notes.map((note) => ({ about: note.contactName ?? note.contactEmail ?? null, body: note.body })),
    pageUrl,
    feedUrl,
  };
}

/** Reads, in bulk, what composing the claimed nudges needs. */
async function loadContexts(deps: Deps, claimed: Nudge[], now: number): Promise<Map<number, NudgeContext>> {
  const { db } = deps;
  const meetingIds = claimed.flatMap((n) => (n.meetingId === null ? [] : [n.meetingId]));
  const [usersById, meetingsById, related] = await Promise.all([
    usersByIds(db, claimed.map((n) => n.userId)),
    meetingsByIds(db, meetingIds),
    meetingNudges(db, claimed.filter((n) => n.kind === "thanks" || n.kind === "thanks_followup").flatMap((n) => (n.meetingId ? [n.meetingId] : [])), ["thanks", "keep_in_touch"]),
  ]);
  const contactIds = claimed.flatMap((n) => [n.contactId, n.meetingId ? (meetingsById.get(n.meetingId)?.contactId ?? null) : null]).filter((id): id is number => id !== null);
  const [contactsById, lastMet] = await Promise.all([
    contactsByIds(db, contactIds),
    lastMeetingWith(db, claimed.filter((n) => n.kind === "keep_in_touch" && n.contactId).map((n) => n.contactId!), now),
  ]);

  const contexts = new Map<number, NudgeContext>();
  for (const nudge of claimed) {
    const user = usersById.get(nudge.userId);
    if (!user) continue;
    const meeting = nudge.meetingId ? (meetingsById.get(nudge.meetingId) ?? null) : null;
    const contactId = nudge.contactId ?? meeting?.contactId ?? null;
    const ofMeeting = (kind: NudgeKind) => related.find((r) => r.meetingId === nudge.meetingId && r.kind === kind) ?? null;
    contexts.set(nudge.id, {
      user,
      meeting,
      contact: contactId ? (contactsById.get(contactId) ?? null) : null,
      thanks: nudge.kind === "thanks_followup" ? ofMeeting("thanks") : null,
      firstCheckIn: nudge.kind === "thanks" ? ofMeeting("keep_in_touch") : null,
      lastMetAt: contactId ? (lastMet.get(contactId) ?? null) : null,
      // Figures only for digests that will go out: a paused user's digest is skipped unread.
      digest: nudge.kind === "digest" && user.status === "active" ? await digestFigures(deps, user, nudge, now) : null,
    });
  }
  return contexts;
}

/**
 * What a sent nudge sets in motion: the contact's next check-in, the user's next digest. A
 * digest or check-in skipped only because the user is paused or unsubscribed chains too, so
 * that resuming brings them back instead of ending them for good.
 */
function followUps(chained: { nudge: Nudge; context: NudgeContext }[], now: number): NewNudge[] {
  const next: NewNudge[] = [];
  for (const { nudge, context } of chained) {
    if (nudge.kind === "keep_in_touch" && context.contact) {
      next.push({
        userId: nudge.userId,
        contactId: context.contact.id,
        kind: "keep_in_touch",
        dueAt: nextCheckInAt(now, context.contact.cadenceDays, context.user.timeZone),
        uniqueKey: `keep_in_touch:contact:${context.contact.id}:after:${nudge.id}`,
      });
    }
    if (nudge.kind === "digest") {
      const at = nextDigestAt(nudge.dueAt, context.user.timeZone);
      next.push({ userId: nudge.userId, kind: "digest", dueAt: at, uniqueKey: digestKey(nudge.userId, at, context.user.timeZone) });
    }
  }
  return next;
}

export async function dispatchDue(deps: Deps, now: number, limits: DispatchLimits = DEFAULT_LIMITS): Promise<DispatchReport> {
  const { db, mailer, config, log } = deps;
  const report: DispatchReport = { claimed: 0, sent: 0, skipped: 0, retried: 0, failed: 0, suppressedUsers: 0 };
  const claimed = await claimDueNudges(db, DISPATCHED_KINDS, now, limits.perRun, now + limits.leaseMs);
  report.claimed = claimed.length;
  if (claimed.length === 0) return report;

  const contexts = await loadContexts(deps, claimed, now);
  const outcomes: Outcome[] = [];
  const outgoing: { nudge: Nudge; context: NudgeContext; email: OutboundEmail }[] = [];
  const heldForUser: { nudge: Nudge; context: NudgeContext }[] = [];

  for (const nudge of claimed) {
    const context = contexts.get(nudge.id);
    const prepared = context ? prepareNudge(nudge, context, now) : ({ action: "skip", status: "skipped", reason: "user no longer exists" } as const);
    if (prepared.action === "skip") {
      outcomes.push({ id: nudge.id, status: prepared.status, reason: prepared.reason });
      report.skipped += 1;
      if (context && context.user.status !== "active") heldForUser.push({ nudge, context });
    } else if (prepared.action === "defer") {
      outcomes.push({ id: nudge.id, status: "pending", reason: prepared.reason, retryAt: prepared.until });
    } else {
      const links = await mailLinks(config, nudge.id, nudge.userId, now);
      const email = envelope(
        withUnsubscribeFooter(prepared.content, links.unsubscribeUrl),
        {
          to: context!.user.email,
          tag: nudge.kind as EmailTag,
          autoSubmitted: "auto-generated",
          metadata: { nudgeId: nudge.id, userId: nudge.userId, kind: nudge.kind },
          headers: links.headers,
        },
        { from: config.fromAddress, replyTo: links.replyTo, messageStream: config.messageStream },
      );
      outgoing.push({ nudge, context: context!, email });
    }
  }

  const sent: { nudge: Nudge; context: NudgeContext }[] = [];
  const suppressed: number[] = [];
  for (let i = 0; i < outgoing.length; i += MAX_BATCH) {
    const batch = outgoing.slice(i, i + MAX_BATCH);
    const results = await mailer.sendBatch(batch.map((item) => item.email));
    results.forEach((result, index) => {
      const { nudge, context } = batch[index]!;
      if (result.ok) {
        // A digest's numbered list is what "2 done" in a reply refers to: keep it with the nudge.
        const payload = context.digest ? JSON.stringify({ items: context.digest.due.map((item) => item.contactId) }) : undefined;
        outcomes.push({ id: nudge.id, status: "sent", providerMessageId: result.messageId, payload });
        sent.push({ nudge, context });
        return;
      }
      const { error } = result;
      if (error.code === "inactive_recipient") suppressed.push(nudge.userId);
      if (error.retryable && nudge.attempts < limits.maxAttempts) {
        outcomes.push({ id: nudge.id, status: "pending", reason: error.message, retryAt: now + retryDelay(nudge.attempts) });
        report.retried += 1;
      } else {
        outcomes.push({ id: nudge.id, status: "failed", reason: error.message });
        report.failed += 1;
      }
    });
  }
  report.sent = sent.length;

  // One atomic batch: each outcome with what it sets in motion (next check-in, next digest).
  // Once it commits, a nudge recorded as sent is never sent again; if the run dies before,
  // the claims expire and the next run sends them (the at-least-once window, docs/reliability.md).
  await recordRun(db, { outcomes, suppressedUserIds: suppressed, next: followUps([...sent, ...heldForUser], now) }, now);
  report.suppressedUsers = new Set(suppressed).size;
  log("info", "dispatch_run", { ...report });
  return report;
}
