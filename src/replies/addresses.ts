/**
 * The addresses and links every outgoing email carries: a signed Reply-To for acting by reply,
 * and an RFC 8058 one-click unsubscribe link (List-Unsubscribe + List-Unsubscribe-Post).
 */
import type { Config } from "../config";
import type { EmailHeader } from "../mail/mailer";
import { signToken } from "./token";

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
