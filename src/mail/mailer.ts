/**
 * The one way out for email. Core code composes an {@link OutboundEmail} (exactly Postmark's
 * message object, so the dev outbox can show what production would send) and hands it to a
 * Mailer; which adapter runs is decided once, in deps.ts, from config.
 */

/** What a message is: Postmark's Tag, and the kind a user sees in the dev outbox. */
export type EmailTag =
  | "confirm"
  | "error"
  | "prep"
  | "thanks"
  | "thanks_followup"
  | "keep_in_touch"
  | "digest"
  | "reply_ack"
  | "ack_summary"
  | "landed";

export interface EmailHeader {
  Name: string;
  Value: string;
}

export interface EmailAttachment {
  Name: string;
  /** Base64 of the bytes. */
  Content: string;
  ContentType: string;
}

/** Postmark's message object (https://postmarkapp.com/developer/api/email-api), field for field. */
export interface OutboundEmail {
  From: string;
  To: string;
  ReplyTo: string;
  Subject: string;
  Tag: EmailTag;
  TextBody: string;
  HtmlBody: string;
  Headers: EmailHeader[];
  Attachments: EmailAttachment[];
  MessageStream: string;
  /** Postmark echoes these back in webhooks; values must be strings. */
  Metadata: Record<string, string>;
}

/**
 * Why a message was not accepted. `retryable` says whether the same message may succeed later
 * (rate limits, outages, timeouts) or never will (a bad address, a suppressed recipient).
 */
export type MailErrorCode =
  | "inactive_recipient" // Postmark 406: the address bounced or complained before; suppress it
  // Postmark 300, "invalid email request": the message failed Postmark's validation (an address
  // it cannot parse, no body, over 50 recipients, metadata over its limits, ...), not only a bad address
  | "invalid_email_request"
  | "rejected" // any other 422 answer: the message as composed will never be accepted
  | "unauthorized" // 401: wrong server token, a configuration problem
  | "rate_limited" // 429
  | "server_error" // 5xx
  | "network"; // no answer: connection refused, reset or timed out

export interface MailError {
  code: MailErrorCode;
  retryable: boolean;
  /** HTTP status, when there was an answer. */
  status?: number;
  /** Postmark's own ErrorCode, when it sent one. */
  providerCode?: number;
  message: string;
}

export type SendResult =
  | { ok: true; messageId: string; submittedAt: string }
  | { ok: false; error: MailError };

export interface Mailer {
  /** Sends one message. Provider failures come back as values, never as exceptions. */
  send(message: OutboundEmail): Promise<SendResult>;
  /**
   * Sends up to {@link MAX_BATCH} messages in one call; results are in the order given. A
   * failure of the whole call (429, 5xx, timeout) is reported as that failure for every message.
   */
  sendBatch(messages: OutboundEmail[]): Promise<SendResult[]>;
}

/** Postmark's batch endpoint accepts at most 500 messages per call. */
export const MAX_BATCH = 500;
