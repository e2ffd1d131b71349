/**
 * Intake: what every accepted message goes through before either side reads it. Skip it if it
 * was already handled (Message-ID, per envelope sender), archive the raw bytes, record it, set
 * robots aside, then hand it to the side the router chose.
 */
import { findInbound, markInbound, recordInbound, type InboundStatus } from "../db/inbound";
import { rawKey, sha256Hex } from "../db/raw-archive";
import type { InboundMessage } from "../db/schema";
import type { Deps } from "../deps";
import { automatedReason, type InboundSide } from "./automated";
import type { InboundEmail, ReceiveOutcome } from "./receive";

const FINISHED: ReadonlySet<InboundStatus> = new Set(["processed", "rejected", "ignored"]);

/**
 * What every accepted message goes through: skip it if already handled (Message-ID from this
 * envelope sender), archive the raw bytes, record it, process it. A failure after archiving
 * marks the row `failed` and rethrows, so the sending server retries and the bytes stay at
 * hand for reprocessing.
 *
 * Rows are keyed by Message-ID with the envelope sender: a Message-ID is whatever the sender
 * wrote, so someone who knows another user's can neither have that user's invite dropped as a
 * duplicate nor resume their unfinished row. Archive keys carry the sender too, so no one's
 * bytes are ever written over another's.
 */
export async function intake(
  mail: InboundEmail,
  raw: Uint8Array,
  envelope: { from: string; to: string },
  side: InboundSide,
  deps: Deps,
  now: number,
  process: (row: InboundMessage) => Promise<InboundStatus>,
): Promise<ReceiveOutcome> {
  const { db, archive, log } = deps;
  const digest = await sha256Hex(raw);
  // A message without Message-ID is identified by its bytes: a retry of it is the same bytes.
  const messageId = mail.header("message-id")?.trim() || `<sha256-${digest}@rapport.invalid>`;

  const seen = await findInbound(db, messageId, envelope.from);
  if (seen && FINISHED.has(seen.status)) {
    log("info", "inbound_duplicate", { inboundId: seen.id, status: seen.status });
    return { kind: "duplicate", inboundId: seen.id };
  }

  // A retry of the same bytes rewrites its own object (same key, same bytes, whatever the day);
  // other bytes under this sender's Message-ID get their own object, and the row follows them.
  const fresh = rawKey(now, digest, await sha256Hex(new TextEncoder().encode(envelope.from)));
  const key = seen && sameObject(seen.rawKey, fresh) ? seen.rawKey : fresh;
  await archive.put(key, raw, { envelopeFrom: envelope.from, envelopeTo: envelope.to, messageId });
  const row = await recordInbound(db, {
    messageId,
    envelopeFrom: envelope.from,
    envelopeTo: envelope.to,
    receivedAt: now,
    rawKey: key,
    rawSize: raw.byteLength,
  });
  if (seen && seen.rawKey !== key) {
    // The sender's earlier bytes for this message, which nothing points at any more.
    await archive.delete([seen.rawKey]).catch(() => undefined);
  }

  // Mail no human wrote (auto-replies, bounces, lists) is kept but never acted on or answered:
  // two robots answering each other would loop forever.
  const automated = automatedReason(envelope.from, mail.header, new Set([deps.config.inboxAddress, deps.config.fromEmail]), side);
  if (automated) {
    await markInbound(db, row.id, "ignored", now, { code: "automated", detail: automated });
    log("info", "inbound_ignored", { inboundId: row.id, reason: automated });
    return { kind: "handled", inboundId: row.id, status: "ignored" };
  }

  try {
    return { kind: "handled", inboundId: row.id, status: await process(row) };
  } catch (error) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    log("error", "inbound_failed", { inboundId: row.id, detail });
    await markInbound(db, row.id, "failed", now, { code: "internal", detail }).catch(() => undefined);
    throw error;
  }
}


/** Two archive keys name the same bytes from the same sender (the day folder aside). */
function sameObject(a: string, b: string): boolean {
  return a.slice(a.lastIndexOf("/")) === b.slice(b.lastIndexOf("/"));
}
