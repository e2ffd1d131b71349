/**
 * The addresses and links Rapport hands out: a signed Reply-To for acting by reply, an RFC 8058
 * one-click unsubscribe link (List-Unsubscribe + List-Unsubscribe-Post), the private calendar
 * feed and the expiring link to the contacts page.
 */
import type { Config } from "../config";
import type { EmailHeader } from "../mail/mailer";
import { hmac, signToken, toBase32 } from "./token";

const DAY = 86_400_000;
/** Replies to a nudge act for this long; a keep-in-touch answered months later still works. */
export const REPLY_TOKEN_DAYS = 180;
/** Unsubscribe links must keep working for as long as old emails sit in inboxes. */
const UNSUBSCRIBE_TOKEN_DAYS = 3650;

export function inboxDomain(config: Pick<Config, "inboxAddress">): string {
  return config.inboxAddress.slice(config.inboxAddress.lastIndexOf("@") + 1);
}

export async function replyAddress(config: Pick<Config, "inboxAddress" | "tokenKeys">, nudgeId: number, userId: number, now: number): Promise<string> {
  const token = await signToken(config.tokenKeys[0]!, { purpose: "reply", nudgeId, userId, expiresAt: now + REPLY_TOKEN_DAYS * DAY });
  return `reply+${token}@${inboxDomain(config)}`;
}

export async function unsubscribeUrl(config: Pick<Config, "publicUrl" | "tokenKeys">, userId: number, now: number): Promise<string> {
  const token = await signToken(config.tokenKeys[0]!, { purpose: "unsubscribe", nudgeId: 0, userId, expiresAt: now + UNSUBSCRIBE_TOKEN_DAYS * DAY });
  return `${config.publicUrl}/u/${token}`;
}

export interface MailLinks {
  replyTo: string;
  unsubscribeUrl: string;
  headers: EmailHeader[];
}

export async function mailLinks(config: Config, nudgeId: number, userId: number, now: number): Promise<MailLinks> {
  const [replyTo, unsubscribe] = await Promise.all([replyAddress(config, nudgeId, userId, now), unsubscribeUrl(config, userId, now)]);
  return {
    replyTo,
    unsubscribeUrl: unsubscribe,
    headers: [
      { Name: "List-Unsubscribe", Value: `<${unsubscribe}>` },
      { Name: "List-Unsubscribe-Post", Value: "List-Unsubscribe=One-Click" },
    ],
  };
}

/** The contacts page link in a digest is good for a week: long enough to use, short if forwarded. */
export const PAGE_LINK_DAYS = 7;

export async function contactsPageUrl(config: Pick<Config, "publicUrl" | "tokenKeys">, userId: number, now: number): Promise<string> {
  const token = await signToken(config.tokenKeys[0]!, { purpose: "page", nudgeId: 0, userId, expiresAt: now + PAGE_LINK_DAYS * DAY });
  return `${config.publicUrl}/me/${token}`;
}

/**
 * The calendar feed token: derived (HMAC of user id and feed version) rather than random, so
 * every email can show the current link without storing it; only its hash is stored, for the
 * lookup. "new feed link" bumps the version: the old link stops working.
 */
export async function feedToken(config: Pick<Config, "tokenKeys">, user: { id: number; feedVersion: number }): Promise<string> {
  const mac = await hmac(config.tokenKeys[0]!.secret, new TextEncoder().encode(`feed:${user.id}:${user.feedVersion}`));
  return toBase32(mac.slice(0, 20));
}

export async function tokenHash(token: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token)));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function feedUrl(config: Pick<Config, "publicUrl">, token: string): string {
  return `${config.publicUrl}/feed/${token}.ics`;
}
