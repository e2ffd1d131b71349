// Builds a user's reply to an email Rapport sent (as a mail client would: "Re:" subject,
// threading headers, the original quoted below) and delivers it at a fixed `now`.
import type { OutboundEmail } from "../../src/mail/mailer";
import type { Env } from "../../src/env";
import { forwardAt } from "./inbound";

let counter = 0;

export interface ReplyOptions {
  now: number;
  from?: string;
  /** Extra header lines placed first (e.g. Authentication-Results, Auto-Submitted). */
  headers?: string[];
  /** Deliver to this address instead of the email's Reply-To. */
  to?: string;
  bindings?: Env;
}

export function replyBytes(email: OutboundEmail, body: string, from = "jane@example.com", headers: string[] = []): Uint8Array {
  counter += 1;
  const quoted = email.TextBody.split("\n").slice(0, 6).map((line) => `> ${line}`).join("\r\n");
  return new TextEncoder().encode(
    [
      ...headers,
      `From: Jane Doe <${from}>`,
      `To: ${email.ReplyTo}`,
      `Subject: Re: ${email.Subject}`,
      `Message-ID: <reply-${counter}-${Math.random().toString(36).slice(2)}@example.com>`,
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "",
      body.replace(/\n/g, "\r\n"),
      "",
      "On Tue, Dec 8, 2026 at 1:30 PM Rapport <rapport@rapport.test> wrote:",
      quoted,
      "",
    ].join("\r\n"),
  );
}

export function reply(email: OutboundEmail, body: string, options: ReplyOptions) {
  const from = options.from ?? "jane@example.com";
  return forwardAt(replyBytes(email, body, from, options.headers), {
    now: options.now,
    from,
    to: options.to ?? email.ReplyTo,
    bindings: options.bindings,
  });
}
