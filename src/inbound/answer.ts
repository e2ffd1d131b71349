/**
 * Sends an immediate answer to an inbound message (a confirmation, an error) exactly once.
 * The answer is a nudge row keyed by the inbound message, created before sending and marked
 * sent after: a retry of the same message finds it sent and does not send it again.
 */
import type { ComposedContent } from "../compose/envelope";
import { envelope } from "../compose/envelope";
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
  tag: Extract<EmailTag, "confirm" | "error">;
  content: ComposedContent;
  meetingId?: number | null;
  contactId?: number | null;
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
    },
    now,
  );
  if (nudge.status === "sent") return;

  const message = envelope(
    answer.content,
    {
      to: answer.user.email,
      tag: answer.tag,
      inReplyTo: answer.inReplyTo,
      autoSubmitted: "auto-replied",
      metadata: { nudgeId: nudge.id, userId: answer.user.id, inboundId: answer.inboundId },
    },
    // Replies to Rapport's answers land in the inbox for now; the replies issue gives each
    // nudge its own signed reply address.
    { from: config.fromAddress, replyTo: config.inboxAddress, messageStream: config.messageStream },
  );

  const result = await mailer.send(message);
  if (result.ok) {
    await recordSendOutcome(db, nudge.id, { status: "sent", providerMessageId: result.messageId }, now);
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
