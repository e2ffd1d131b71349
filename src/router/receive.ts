/**
 * receiveInbound: the top of the email() path (docs/design.md §3), the one place that decides which way a
 * message goes. Refuse what is not ours (nothing stored); a reply+token address goes to the
 * reply side once its token, sender and authentication check out; the inbox goes to the invite
 * side once the sender is allowed. Both then pass through intake (dedupe, archive, record, robots
 * set aside). `inbound/` and `replies/` know nothing of each other: the choice is made here.
 */
import type { InboundStatus } from "../db/inbound";
import { findUserById } from "../db/replies";
import type { Deps } from "../deps";
import { processInvite } from "../inbound/process-invite";
import { verifyToken } from "../links/token";
import { processReply } from "../replies/process-reply";
import { senderAuthenticated, topmostHeader } from "./authenticity";
import type { HeaderLookup } from "./automated";
import { intake } from "./intake";
import { isAllowedSender } from "./senders";

/** What the email() entry point knows about a message, before reading its bytes. */
export interface InboundEmail {
  envelopeFrom: string;
  envelopeTo: string;
  header: HeaderLookup;
  readRaw(): Promise<Uint8Array>;
}

export type ReceiveOutcome =
  /** Refused at SMTP time (setReject) with this one-line reason; nothing stored. */
  | { kind: "refused"; reason: string }
  | { kind: "duplicate"; inboundId: number }
  /** Dropped without trace or answer (a reply that failed verification). */
  | { kind: "ignored"; reason: string }
  | { kind: "handled"; inboundId: number; status: InboundStatus };

/** How an entry point hands a message to the router (the Postmark inbound webhook gets it through its context). */
export type MailReceiver = (mail: InboundEmail, deps: Deps, now: number) => Promise<ReceiveOutcome>;

type Route = { kind: "inbox" } | { kind: "reply"; token: string } | { kind: "unknown_recipient" };

/**
 * Which path a message takes, by its envelope recipient (never its To header: a forward keeps
 * the original To): the inbox for invites, reply+<token>@ the inbox's domain for replies.
 */
function routeRecipient(to: string, inbox: string): Route {
  if (to === inbox) return { kind: "inbox" };
  const domain = inbox.slice(inbox.lastIndexOf("@"));
  const reply = /^reply\+([a-z2-7]{1,64})@/.exec(to);
  if (reply && to.endsWith(domain)) return { kind: "reply", token: reply[1]! };
  return { kind: "unknown_recipient" };
}

export const receiveInbound: MailReceiver = async (mail, deps, now) => {
  const { config, log } = deps;
  const to = mail.envelopeTo.trim().toLowerCase();
  const from = mail.envelopeFrom.trim().toLowerCase();

  const route = routeRecipient(to, config.inboxAddress);
  if (route.kind === "unknown_recipient") {
    log("info", "inbound_refused", { reason: "unknown_recipient", to });
    return { kind: "refused", reason: `No mailbox ${to} here.` };
  }
  if (route.kind === "reply") return receiveReply(mail, route.token, { from, to }, deps, now);

  if (!isAllowedSender(config.allowedSenders, from)) {
    log("info", "inbound_refused", { reason: "sender_not_allowed", from });
    return { kind: "refused", reason: `${from} is not allowed to use this Rapport; ask its owner to add you.` };
  }
  const raw = await mail.readRaw();
  return intake(mail, raw, { from, to }, deps, now, (row) => processInvite(row, raw, mail.header("message-id"), deps, now));
};

/**
 * A reply acts only if its token verifies (unexpired, ours), names a user whose address is the
 * envelope sender, and (in production) the sender passed SPF or DKIM. Anything else is dropped
 * quietly: no data kept, no answer to a stranger, a log line with the reason.
 */
async function receiveReply(mail: InboundEmail, token: string, envelope: { from: string; to: string }, deps: Deps, now: number): Promise<ReceiveOutcome> {
  const { config, db, log } = deps;
  const ignore = (reason: string): ReceiveOutcome => {
    log("warn", "reply_dropped", { reason, from: envelope.from });
    return { kind: "ignored", reason };
  };
  const check = await verifyToken(config.tokenKeys, token, "reply", now);
  if (!check.ok) return ignore(`token ${check.reason}`);
  const user = await findUserById(db, check.claims.userId);
  if (!user || user.email !== envelope.from) return ignore("sender is not the token's user");
  const raw = await mail.readRaw();
  if (config.requireSenderAuth) {
    const verdict = senderAuthenticated(topmostHeader(raw, "authentication-results"), envelope.from, config.authservId);
    if (!verdict.ok) return ignore(`sender not authenticated: ${verdict.reason}`);
  }
  return intake(mail, raw, envelope, deps, now, (row) => processReply(row, raw, { user, nudgeId: check.claims.nudgeId }, deps, now));
}
