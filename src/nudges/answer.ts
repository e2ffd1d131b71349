/**
 * Sends an immediate answer to an inbound message (a confirmation, an error) exactly once.
 * The answer is a nudge row keyed by the inbound message, created before sending and marked
 * sent after: a retry of the same message finds it sent and does not send it again.
 */
import type { ComposedContent } from "../compose/content";
import { envelope } from "./envelope";
import { withUnsubscribeFooter } from "../compose/footer";
import { mailLinks } from "../links/addresses";
import { ensureImmediateNudge, recordSendOutcome } from "../db/nudges";
import type { User } from "../db/schema";
import type { Deps } from "../deps";
import type { EmailTag } from "../mail/mailer";

/** A failure the sender's mail server should retry (Postmark down, rate limited, D1 busy). */
export class TransientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TransientError";
  }
}

export interface Answer {
  user: User;
  inboundId: number;
  /** Which answer to this message (one per meeting it held); 0 for the first or only one. */
  answerIndex?: number;
  /** The inbound Message-ID, to thread the answer under the user's forward. */
  inReplyTo: string | null;
  tag: Extract<EmailTag, "confirm" | "error" | "reply_ack" | "landed">;
  content: ComposedContent;
  meetingId?: number | null;
  contactId?: number | null;
  /** Recorded on the nudge, for acting on a reply to this answer (e.g. a pending deletion). */
  payload?: unknown;
}

export async function sendAnswer(deps: Pick<Deps, "db" | "mailer" | "config" | "log">, answer: Answer, now: number): Promise<void> {
  const { db, mailer, config, log } = deps;
  const nudge = await ensureImmediateNudge(
    db,
    {
      userId: answer.user.id,
      meetingId: answer.meetingId ?? null,
      contactId: answer.contactId ?? null,
      kind: answer.tag,
      uniqueKey: `${answer.tag}:inbound:${answer.inboundId}:${answer.answerIndex ?? 0}`,
      payload: answer.payload === undefined ? null : JSON.stringify(answer.payload),
    },
    now,
  );
  if (nudge.status === "sent") return;

  const links = await mailLinks(config, nudge.id, answer.user.id, now);
  const message = envelope(
    withUnsubscribeFooter(answer.content, links.unsubscribeUrl),
    {
      to: answer.user.email,
      tag: answer.tag,
      inReplyTo: answer.inReplyTo,
      autoSubmitted: "auto-replied",
      metadata: { nudgeId: nudge.id, userId: answer.user.id, inboundId: answer.inboundId },
      headers: links.headers,
    },
    { from: config.fromAddress, replyTo: links.replyTo, messageStream: config.messageStream },
  );

  const result = await mailer.send(message);
  if (result.ok) {
    // The message is out: losing this write would make the retry send it again, so a D1 blip
    // here is retried on the spot. Only D1 failing throughout (or the Worker dying) in this
    // gap sends the answer twice: the documented at-least-once window (docs/reliability.md).
    await persist(() => recordSendOutcome(db, nudge.id, { status: "sent", providerMessageId: result.messageId }, now));
    log("info", "answer_sent", { nudgeId: nudge.id, tag: answer.tag, userId: answer.user.id });
    return;
  }
  const { error } = result;
  await recordSendOutcome(db, nudge.id, { status: error.retryable ? "pending" : "failed", error: error.message }, now);
  log(error.retryable ? "warn" : "error", "answer_not_sent", {
    nudgeId: nudge.id,
    tag: answer.tag,
    code: error.code,
    detail: error.message,
  });
  if (error.retryable) throw new TransientError(`answer not sent: ${error.message}`);
}

/** Attempts of a write that must not be lost after a send, and the pause before each retry. */
const PERSIST_DELAYS_MS = [0, 50, 200];

/** Runs an idempotent write, retrying it when it throws (D1 answers transient errors now and then). */
async function persist(write: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      const pause = PERSIST_DELAYS_MS[attempt + 1];
      if (pause === undefined) throw error;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}
