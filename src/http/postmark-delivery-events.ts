/**
 * Postmark's delivery events change a user's status: a hard bounce suppresses, a spam
 * complaint unsubscribes, a suppression change follows Postmark's list. An address that is no
 * user's changes nothing. Every expected outcome answers 200 (Postmark would retry anything else).
 */
import type { Models } from "postmark";
import { findUserByEmail, setUserStatusByEmail, setUserStatusByEmailIf, type UserStatus } from "../db/users";
import type { Deps } from "../deps";
import { text, type Untrusted, type WebhookReply } from "./webhook-payload";

/**
 * Bounce types after which the address cannot receive mail (Postmark's bounce types, as the
 * client's BounceType names them):
 * HardBounce (unknown user, mailbox not found), BadEmailAddress (invalid address) and
 * ManuallyDeactivated (deactivated in Postmark). Any bounce that Postmark reports with
 * `Inactive: true` also counts: Postmark will refuse to send to that address until it is
 * reactivated, which arrives as a SubscriptionChange with SuppressSending false. Everything
 * else (Transient, SoftBounce, DnsError, AutoResponder, Blocked, SpamNotification, ...) is
 * temporary or about one message, and changes nothing.
 */
const UNUSABLE_ADDRESS_BOUNCES: ReadonlySet<string> = new Set<`${Models.BounceType}`>(["HardBounce", "BadEmailAddress", "ManuallyDeactivated"]);

/** SubscriptionChange reasons that mean the address cannot be delivered to (rather than "does not want it"). */
const SUPPRESSING_REASONS: ReadonlySet<string> = new Set(["HardBounce", "SpamComplaint"]);

/** What a reactivation may undo: only Postmark-side stops, never a user's own pause. */
const REACTIVATABLE: readonly UserStatus[] = ["unsubscribed", "suppressed"];

function missing(field: string, recordType: string, deps: Deps): WebhookReply {
  deps.log("warn", "postmark_webhook_rejected", { reason: "missing_field", recordType, field });
  return { status: 400, body: { error: `${recordType} without ${field}` } };
}

/** Applies a status change and logs it; an address with no user changes nothing. */
async function applyStatus(
  deps: Deps,
  event: string,
  email: string,
  status: UserStatus,
  now: number,
  fields: Record<string, unknown>,
): Promise<WebhookReply> {
  const updated = await setUserStatusByEmail(deps.db, email, status, now);
  if (!updated) {
    deps.log("info", event, { ...fields, email: email.toLowerCase(), outcome: "no_user" });
    return { status: 200, body: { ok: true, outcome: "no_user" } };
  }
  deps.log("info", event, { ...fields, userId: updated.id, outcome: status });
  return { status: 200, body: { ok: true, outcome: status } };
}

export async function bounce(payload: Untrusted<Models.BounceWebhook>, deps: Deps, now: number): Promise<WebhookReply> {
  const email = text(payload.Email);
  if (!email) return missing("Email", "Bounce", deps);
  const type = text(payload.Type) ?? "Unknown";
  const unusable = UNUSABLE_ADDRESS_BOUNCES.has(type) || payload.Inactive === true;
  if (!unusable) {
    deps.log("info", "postmark_bounce", { email: email.toLowerCase(), type, outcome: "unchanged" });
    return { status: 200, body: { ok: true, outcome: "unchanged" } };
  }
  return applyStatus(deps, "postmark_bounce", email, "suppressed", now, { type });
}

export async function spamComplaint(payload: Untrusted<Models.SpamComplaintWebhook>, deps: Deps, now: number): Promise<WebhookReply> {
  const email = text(payload.Email);
  if (!email) return missing("Email", "SpamComplaint", deps);
  return applyStatus(deps, "postmark_spam_complaint", email, "unsubscribed", now, {});
}

export async function subscriptionChange(payload: Untrusted<Models.SubscriptionChangeWebhook>, deps: Deps, now: number): Promise<WebhookReply> {
  const email = text(payload.Recipient);
  if (!email) return missing("Recipient", "SubscriptionChange", deps);
  if (typeof payload.SuppressSending !== "boolean") return missing("SuppressSending", "SubscriptionChange", deps);
  const reason = text(payload.SuppressionReason);
  const origin = text(payload.Origin);

  if (payload.SuppressSending) {
    const status: UserStatus = reason !== null && SUPPRESSING_REASONS.has(reason) ? "suppressed" : "unsubscribed";
    return applyStatus(deps, "postmark_subscription_change", email, status, now, { suppress: true, reason, origin });
  }

  // Reactivation: undo a Postmark-side stop, but never wake a user who paused Rapport themselves.
  const reactivated = await setUserStatusByEmailIf(deps.db, email, "active", REACTIVATABLE, now);
  if (reactivated) {
    deps.log("info", "postmark_subscription_change", { suppress: false, origin, userId: reactivated.id, outcome: "active" });
    return { status: 200, body: { ok: true, outcome: "active" } };
  }
  const user = await findUserByEmail(deps.db, email);
  const outcome = user ? "unchanged" : "no_user";
  deps.log("info", "postmark_subscription_change", {
    suppress: false,
    origin,
    ...(user ? { userId: user.id, status: user.status } : { email: email.toLowerCase() }),
    outcome,
  });
  return { status: 200, body: { ok: true, outcome } };
}

