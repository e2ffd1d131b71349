/**
 * Dispatch on Cloudflare Queues (docs/design.md §6, §9). Two use cases:
 *
 * - `enqueueDue` (the cron tick): find what is due, in pages, on the indexes alone; claim it
 *   (`queued`, a lease, the tick's `now` naming the claim); put the ids on the queue, a page of
 *   ids per message and at most 100 messages per `sendBatch`. No fixed cap on nudges: a tick
 *   stops only when nothing is due or its subrequest budget is spent.
 * - `sendQueued` (the queue consumer): take the nudges of a delivery's messages (`sending`,
 *   under a hold), read what composing needs in a few bulk reads, compose as of the tick's
 *   `now`, send through the Mailer's batch API, and record every outcome with what it sets in
 *   motion in one D1 batch. Each message is then acked, or handed back to the queue with a
 *   backoff (429, 5xx, timeouts); Queues' own retries and dead-letter queue do the rest.
 *
 * `failUndeliverable` is the dead-letter queue's consumer: what Queues gave up on is failed,
 * with the last error as the reason. How claims, holds and queue retries fit together, and
 * where the at-least-once window lies, is in docs/reliability.md.
 */
import { envelope } from "./envelope";
import { withUnsubscribeFooter } from "../compose/footer";
import { digestLines, type DigestLine } from "../compose/digest";
import { contactsPageUrl, mailLinks } from "../links/addresses";
import { currentFeedUrl } from "../links/feed-link";
import {
  claimNudges,
  claimStates,
  failDeadLettered,
  findDue,
  lastMeetingWith,
  meetingNudgeKey,
  readContext,
  readDigestRows,
  recordRun,
  releaseClaims,
  returnToQueue,
  takeNudges,
  type ClaimRef,
  type ContextRows,
  type DigestRequest,
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
export const DISPATCHED_KINDS: readonly NudgeKind[] = ["prep", "thanks", "thanks_followup", "keep_in_touch", "digest", "ack_summary"];

/** One queue message: a page of claimed nudge ids and the `now` of the tick that claimed them. */
export interface DispatchMessage {
  now: number;
  ids: number[];
}

/** The producer side of the nudge queue (a Cloudflare Queue binding satisfies it). */
export interface NudgeQueue {
  sendBatch(messages: Iterable<{ body: DispatchMessage }>): Promise<unknown>;
}

export interface DispatchLimits {
  /** Nudges found and claimed per round trip pair of a tick. */
  claimPage: number;
  /** Nudge ids per queue message (a message is the unit Queues retries and dead-letters). */
  idsPerMessage: number;
  /** Messages per `sendBatch` call: Queues takes at most 100 (and 256 KB) per call. */
  messagesPerSend: number;
  /**
   * How long a claim holds: a tick's claim while the message waits on the queue, a consumer's
   * hold while it sends. Longer than a consumer can run (15 minutes of wall time), so no tick
   * claims a nudge again while a consumer still works on it.
   */
  leaseMs: number;
  /**
   * Calls a tick may make (D1 round trips and `sendBatch` calls). Workers Paid allows 1,000
   * subrequests per invocation; the rest of the tick (raw-mail retention) needs a few. What a
   * tick cannot reach is claimed by the next one.
   */
  tickCalls: number;
}

export const DEFAULT_LIMITS: DispatchLimits = { claimPage: 1000, idsPerMessage: 100, messagesPerSend: 100, leaseMs: 15 * 60_000, tickCalls: 900 };

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A check-in prompt not marked done within this long shows in the digest as overdue. */
const OVERDUE_WINDOW = 45 * DAY;
/**
 * A thank-you prompt sent within this long and not marked sent shows in the digest as open; past
 * it, a thank-you is stale, and the check-in is the next reason to write.
 */
const THANKS_OPEN_WINDOW = 14 * DAY;
const UPCOMING_WINDOW = 31 * DAY;
/** Queues delays a message by at most 12 hours. */
const MAX_QUEUE_DELAY_S = 12 * 3600;

/** 5 min, 10, 20 ... capped at 6 h: rides out rate limits and short outages without hammering. */
export function retryDelay(attempts: number, baseMs = 5 * MINUTE): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), 6 * 60 * MINUTE);
}

/**
 * The delay, in whole seconds, with which a message whose delivery number `attempts` met a
 * retryable send failure goes back to the queue: `retryDelay` from the configured base.
 */
export function retryDelaySeconds(attempts: number, baseSeconds: number): number {
  return Math.min(MAX_QUEUE_DELAY_S, Math.max(1, Math.ceil(retryDelay(attempts, baseSeconds * 1000) / 1000)));
}

// ---- the cron tick ----

export interface TickReport {
  claimed: number;
  messages: number;
  /** Whether everything due was claimed (false: the call budget ran out; the next tick goes on). */
  complete: boolean;
}

function pages<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function enqueueDue(deps: Deps, now: number, limits: DispatchLimits = DEFAULT_LIMITS): Promise<TickReport> {
  const { db, nudgeQueue, log } = deps;
  const report: TickReport = { claimed: 0, messages: 0, complete: false };
  let calls = 0;
  const waiting: DispatchMessage[] = [];

  const send = async (messages: DispatchMessage[]) => {
    calls += 1;
    try {
      await nudgeQueue.sendBatch(messages.map((body) => ({ body })));
    } catch (error) {
      // Not on the queue, nor what waited behind it: give those claims back now, rather than
      // when their lease runs out (if this fails too, the lease still brings them back).
      const unsent = [...messages, ...waiting.splice(0)].flatMap((m) => m.ids);
      await releaseClaims(db, unsent, now, now).catch(() => undefined);
      throw error;
    }
    report.messages += messages.length;
  };

  // Each page: one round trip to find, one to claim; a send whenever 100 messages are ready.
  while (calls + 3 <= limits.tickCalls) {
    const found = await findDue(db, DISPATCHED_KINDS, now, limits.claimPage);
    calls += 1;
    if (found.length === 0) {
      report.complete = true;
      break;
    }
    const claimed = await claimNudges(db, found, now, now + limits.leaseMs);
    calls += 1;
    report.claimed += claimed.length;
    waiting.push(...pages(claimed, limits.idsPerMessage).map((ids) => ({ now, ids })));
    while (waiting.length >= limits.messagesPerSend) await send(waiting.splice(0, limits.messagesPerSend));
    // A short page was the last; a page another tick claimed entirely is not worth a spin.
    if (found.length < limits.claimPage || claimed.length === 0) {
      report.complete = found.length < limits.claimPage;
      break;
    }
  }
  while (waiting.length > 0) await send(waiting.splice(0, limits.messagesPerSend));
  log("info", "dispatch_tick", { ...report });
  return report;
}

// ---- the queue consumer ----

/** One message as the consumer gets it: its body and which delivery of it this is (1, 2, ...). */
export interface Delivery {
  body: unknown;
  attempts: number;
}

/** What to tell the queue about one message: done, or deliver it again after a delay. */
export type Decision = { ack: true } | { retryAfterSeconds: number };

export interface DispatchReport {
  claimed: number;
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
  suppressedUsers: number;
}

function parseMessage(body: unknown): DispatchMessage | null {
  if (typeof body !== "object" || body === null) return null;
  const { now, ids } = body as Record<string, unknown>;
  if (typeof now !== "number" || !Number.isSafeInteger(now) || !Array.isArray(ids)) return null;
  if (!ids.every((id) => typeof id === "number" && Number.isSafeInteger(id) && id > 0)) return null;
  return { now, ids: ids as number[] };
}

/**
 * What a digest's numbered lines stand for, kept with the sent nudge: `items` (the contact of
 * each line, as digests before typed lines had it) and `lines` (what each line is).
 */
function digestPayload(digest: NonNullable<NudgeContext["digest"]>): { items: number[]; lines: DigestLine[] } {
  const lines = digestLines(digest);
  return { items: lines.map((line) => line.contactId ?? 0), lines };
}

async function digestFigures(deps: Deps, digests: { user: User; nudge: Nudge }[], now: number): Promise<Map<number, NonNullable<NudgeContext["digest"]>>> {
  const months = digests.map(({ user, nudge }) => monthBounds(nudge.dueAt, user.timeZone));
  const requests: DigestRequest[] = digests.map(({ user }, index) => ({
    userId: user.id,
    checkInsUntil: months[index]!.next,
    sentSince: now - OVERDUE_WINDOW,
    upcomingFrom: now,
    upcomingUntil: now + UPCOMING_WINDOW,
    previousFrom: months[index]!.previous,
    previousUntil: months[index]!.start,
    thanksSince: now - THANKS_OPEN_WINDOW,
  }));
  const rows = await readDigestRows(deps.db, requests);
  const lastMet = await lastMeetingWith(deps.db, rows.flatMap((r) => r.checkIns.map((row) => row.contact.id)), now);
  const figures = new Map<number, NonNullable<NudgeContext["digest"]>>();
  for (const [index, { user, nudge }] of digests.entries()) {
    const month = months[index]!;
    const { checkIns, upcoming, numbers, notes, openThanks, openLeads, metAnyone } = rows[index]!;
    const [pageUrl, feedUrl] = await Promise.all([contactsPageUrl(deps.config, user.id, now), currentFeedUrl(deps.db, deps.config, user, now)]);
    // One line per contact: the earliest open check-in stands for it.
    // Only people already met (or written to) are due: a check-in planned after a meeting still
    // ahead is not a check-in yet.
    // Each person is listed once: a thank-you still open comes before a check-in not yet sent.
    const thanking = new Set(openThanks.map((row) => row.contact.id));
    const seen = new Set<number>();
    const due = checkIns
      .filter((row) => lastMet.has(row.contact.id) || row.contact.lastTouchedAt !== null)
      .filter((row) => !(row.nudge.status !== "sent" && thanking.has(row.contact.id)))
      .filter((row) => !seen.has(row.contact.id) && seen.add(row.contact.id))
      .map((row) => ({
        contactId: row.contact.id,
        contact: contactFacts(row.contact)!,
        dueAt: row.nudge.status === "sent" ? (row.nudge.sentAt ?? row.nudge.dueAt) : row.nudge.dueAt,
        lastContactAt: row.contact.lastTouchedAt ?? lastMet.get(row.contact.id) ?? null,
      }));
    figures.set(nudge.id, {
      monthName: month.name,
      due,
      upcoming: upcoming.map(({ meeting, contact }) => ({
        title: meeting.summary.trim() || "Meeting",
        start: meeting.startsAt,
        with: contact?.name ?? contact?.email ?? null,
      })),
      thanks: openThanks.filter((row) => !seen.has(row.contact.id)).map((row) => ({ contactId: row.contact.id, meetingId: row.meeting.id, contact: contactFacts(row.contact)!, metAt: row.meeting.startsAt })),
      leads: openLeads.map(({ lead, source }) => ({
        leadId: lead.id,
        name: lead.name,
        company: lead.company,
        team: lead.team,
        sourceContactId: source?.id ?? null,
        source,
      })),
      metAnyone,
      lastMonth: { name: month.previousName, ...numbers },
      notes: notes.map((note) => ({ about: note.contactName ?? note.contactEmail ?? null, body: note.body })),
      pageUrl,
      feedUrl,
    });
  }
  return figures;
}

/** Reads, in bulk, what composing these taken nudges (all claimed at `now`) needs. */
async function loadContexts(deps: Deps, taken: Nudge[], now: number): Promise<Map<number, NudgeContext>> {
  const { db } = deps;
  const ids = (pick: (n: Nudge) => number | null) => taken.map(pick).filter((id): id is number => id !== null);
  const rows: ContextRows = await readContext(db, {
    userIds: ids((n) => n.userId),
    meetingIds: ids((n) => n.meetingId),
    contactIds: ids((n) => n.contactId),
    meetingNudges: taken.flatMap((n): { meetingId: number; kind: NudgeKind }[] => {
      if (n.meetingId === null) return [];
      if (n.kind === "thanks_followup") return [{ meetingId: n.meetingId, kind: "thanks" }];
      if (n.kind === "thanks") return [{ meetingId: n.meetingId, kind: "keep_in_touch" }];
      return [];
    }),
    lastMetContactIds: ids((n) => (n.kind === "keep_in_touch" ? n.contactId : null)),
    before: now,
    // The user's own words about the person: what the thank-you and the check-in quote.
    wordsOfContactIds: ids((n) => (n.kind === "thanks" || n.kind === "thanks_followup" || n.kind === "keep_in_touch" ? n.contactId : null)),
  });
  // A meeting's nudges carry its contact; one planned before the contact was known may not.
  const missing = taken
    .map((n) => (n.contactId === null && n.meetingId !== null ? (rows.meetings.get(n.meetingId)?.contactId ?? null) : null))
    .filter((id): id is number => id !== null && !rows.contacts.has(id));
  if (missing.length > 0) {
    const more = await readContext(db, { userIds: [], meetingIds: [], contactIds: missing, meetingNudges: [], lastMetContactIds: [], before: now });
    for (const [id, contact] of more.contacts) rows.contacts.set(id, contact);
  }

  // Figures only for digests that will go out: a paused user's digest is skipped unread.
  const digests = taken.flatMap((nudge) => {
    const user = rows.users.get(nudge.userId);
    return nudge.kind === "digest" && user?.status === "active" ? [{ user, nudge }] : [];
  });
  const figures = digests.length > 0 ? await digestFigures(deps, digests, now) : new Map();

  const contexts = new Map<number, NudgeContext>();
  for (const nudge of taken) {
    const user = rows.users.get(nudge.userId);
    if (!user) continue;
    const meeting = nudge.meetingId ? (rows.meetings.get(nudge.meetingId) ?? null) : null;
    const contactId = nudge.contactId ?? meeting?.contactId ?? null;
    const ofMeeting = (kind: NudgeKind) => (nudge.meetingId ? (rows.meetingNudges.get(meetingNudgeKey(nudge.meetingId, kind)) ?? null) : null);
    contexts.set(nudge.id, {
      user,
      meeting,
      contact: contactId ? (rows.contacts.get(contactId) ?? null) : null,
      thanks: nudge.kind === "thanks_followup" ? ofMeeting("thanks") : null,
      firstCheckIn: nudge.kind === "thanks" ? ofMeeting("keep_in_touch") : null,
      lastMetAt: contactId ? (rows.lastMet.get(contactId) ?? null) : null,
      digest: figures.get(nudge.id) ?? null,
      notes: contactId ? [...(rows.notes.get(contactId) ?? [])].reverse() : [],
      leads: contactId ? (rows.leads.get(contactId) ?? []) : [],
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

interface Composed {
  outcomes: Outcome[];
  outgoing: { nudge: Nudge; context: NudgeContext; email: OutboundEmail }[];
  chained: { nudge: Nudge; context: NudgeContext }[];
  skipped: number;
}

/** Decides and composes, as of `now` (the tick's), every taken nudge of one claim. */
async function compose(deps: Deps, taken: Nudge[], now: number): Promise<Composed> {
  const { config } = deps;
  const contexts = await loadContexts(deps, taken, now);
  const result: Composed = { outcomes: [], outgoing: [], chained: [], skipped: 0 };
  for (const nudge of taken) {
    const context = contexts.get(nudge.id);
    const prepared = context ? prepareNudge(nudge, context, now) : ({ action: "skip", status: "skipped", reason: "user no longer exists" } as const);
    if (prepared.action === "skip") {
      result.outcomes.push({ id: nudge.id, status: prepared.status, reason: prepared.reason });
      result.skipped += 1;
      if (context && context.user.status !== "active") result.chained.push({ nudge, context });
    } else if (prepared.action === "defer") {
      result.outcomes.push({ id: nudge.id, status: "pending", reason: prepared.reason, retryAt: prepared.until });
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
      result.outgoing.push({ nudge, context: context!, email });
    }
  }
  return result;
}

/**
 * The consumer's use case: one queue delivery (a batch of messages), taken, composed, sent and
 * recorded. `wallNow` is the consumer's clock, for holds and leases; each message's own `now`
 * (its tick's) is the clock the nudges are composed and recorded by, as the cron run's clock
 * was before. Returns one decision per message, in order. Throws when the delivery failed
 * before its outcomes were recorded: the queue then delivers the whole batch again.
 */
export async function sendQueued(
  deps: Deps,
  deliveries: Delivery[],
  wallNow: number,
  limits: DispatchLimits = DEFAULT_LIMITS,
): Promise<{ decisions: Decision[]; report: DispatchReport }> {
  const { db, mailer, config, log } = deps;
  const report: DispatchReport = { claimed: 0, sent: 0, skipped: 0, retried: 0, failed: 0, suppressedUsers: 0 };
  const retryAfter = new Map<number, number>(); // delivery index -> seconds
  const wantRetry = (index: number, seconds: number) => retryAfter.set(index, Math.max(retryAfter.get(index) ?? 0, Math.min(MAX_QUEUE_DELAY_S, Math.max(1, seconds))));

  const refs: (ClaimRef & { delivery: number })[] = [];
  deliveries.forEach((delivery, index) => {
    const message = parseMessage(delivery.body);
    if (!message) log("error", "dispatch_bad_message", { body: JSON.stringify(delivery.body)?.slice(0, 200) ?? null });
    else for (const id of message.ids) refs.push({ id, claimedAt: message.now, delivery: index });
  });

  const hold = wallNow + limits.leaseMs;
  const taken = await takeNudges(db, refs, wallNow, hold);
  report.claimed = taken.length;
  const deliveryOf = new Map(refs.map((ref) => [`${ref.id}:${ref.claimedAt}`, ref.delivery]));
  const indexOf = (nudge: Nudge) => deliveryOf.get(`${nudge.id}:${nudge.claimedAt}`)!;

  // Nudges this delivery could not take: held by another delivery that is still inside its
  // hold (a duplicate delivery, or one that died): this message comes back when the hold ends.
  if (taken.length < refs.length) {
    const takenIds = new Set(taken.map((n) => n.id));
    const rest = refs.filter((ref) => !takenIds.has(ref.id));
    const states = new Map((await claimStates(db, rest.map((ref) => ref.id))).map((row) => [row.id, row]));
    for (const ref of rest) {
      const state = states.get(ref.id);
      if (state?.status === "sending" && state.claimedAt === ref.claimedAt && (state.claimedUntil ?? 0) > wallNow) {
        wantRetry(ref.delivery, Math.ceil(((state.claimedUntil ?? 0) - wallNow) / 1000) + 1);
      }
    }
  }

  // Compose per claim (a delivery usually holds one tick's messages), then send everything.
  const byClaim = new Map<number, Nudge[]>();
  for (const nudge of taken) byClaim.set(nudge.claimedAt!, [...(byClaim.get(nudge.claimedAt!) ?? []), nudge]);
  let mailerCalled = false;
  const suppressed = new Set<number>();
  try {
    for (const [now, group] of byClaim) {
      const composed = await compose(deps, group, now);
      const outcomes = composed.outcomes;
      report.skipped += composed.skipped;
      const sent: { nudge: Nudge; context: NudgeContext }[] = [];
      const suppressedHere: number[] = [];
      for (const batch of pages(composed.outgoing, MAX_BATCH)) {
        mailerCalled = true;
        const results = await mailer.sendBatch(batch.map((item) => item.email));
        results.forEach((result, index) => {
          const { nudge, context } = batch[index]!;
          if (result.ok) {
            // A digest's numbered list is what "2 done" in a reply refers to: keep it with the nudge.
            const payload = context.digest ? JSON.stringify(digestPayload(context.digest)) : undefined;
            outcomes.push({ id: nudge.id, status: "sent", providerMessageId: result.messageId, payload });
            sent.push({ nudge, context });
            return;
          }
          const { error } = result;
          if (error.code === "inactive_recipient") suppressedHere.push(nudge.userId);
          if (error.retryable) {
            // Back to the queue with a backoff; Queues' max_retries and dead-letter queue bound it.
            const delivery = deliveries[indexOf(nudge)]!;
            const seconds = retryDelaySeconds(delivery.attempts, config.retryBaseSeconds);
            wantRetry(indexOf(nudge), seconds);
            outcomes.push({ id: nudge.id, status: "queued", reason: error.message, leaseUntil: wallNow + seconds * 1000 + limits.leaseMs });
            report.retried += 1;
          } else {
            outcomes.push({ id: nudge.id, status: "failed", reason: error.message });
            report.failed += 1;
          }
        });
      }
      // One atomic batch: each outcome with what it sets in motion (next check-in, next digest).
      // Once it commits, a nudge recorded as sent is never sent again; if the delivery dies
      // before, the hold runs out and the queue's retry sends it (the at-least-once window).
      await recordRun(db, { outcomes, hold, suppressedUserIds: suppressedHere, next: followUps([...sent, ...composed.chained], now) }, now);
      report.sent += sent.length;
      for (const id of suppressedHere) suppressed.add(id);
    }
  } catch (error) {
    // Nothing went out yet: hand the nudges back to their claim so the queue's retry takes them
    // at once. Once the mailer was called, they stay held: a retry waits for the hold to end.
    if (!mailerCalled && taken.length > 0) {
      const reason = `delivery failed before sending: ${error instanceof Error ? error.message : String(error)}`;
      await returnToQueue(db, taken.map((n) => n.id), hold, wallNow + limits.leaseMs, reason, wallNow).catch(() => undefined);
    }
    throw error;
  }
  report.suppressedUsers = suppressed.size;

  log("info", "dispatch_delivery", { messages: deliveries.length, ...report });
  const decisions = deliveries.map((_, index): Decision => (retryAfter.has(index) ? { retryAfterSeconds: retryAfter.get(index)! } : { ack: true }));
  return { decisions, report };
}

/** The dead-letter queue's consumer: nudges whose message Queues gave up on are failed, with the reason. */
export async function failUndeliverable(deps: Deps, deliveries: Delivery[], wallNow: number): Promise<number> {
  const refs = deliveries.flatMap((delivery) => {
    const message = parseMessage(delivery.body);
    return message ? message.ids.map((id) => ({ id, claimedAt: message.now })) : [];
  });
  const failed = await failDeadLettered(deps.db, refs, wallNow);
  deps.log("warn", "dispatch_dead_lettered", { messages: deliveries.length, nudges: refs.length, failed });
  return failed;
}
