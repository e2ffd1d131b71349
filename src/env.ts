/**
 * The Worker's bindings as wrangler.toml and secrets provide them: raw strings, unchecked.
 * Nothing outside config.ts and deps.ts reads these; everything else gets a typed Config.
 */
import type { DispatchMessage } from "./nudges/dispatch";

/** The nudge queue's dead-letter queue, as wrangler.toml names it: what Queues gave up on arrives here. */
export const DEAD_LETTER_QUEUE = "rapport-nudges-dlq";

export interface Env {
  DB: D1Database;
  RAW_MAIL: R2Bucket;
  /** The nudge queue's producer (wrangler.toml [[queues.producers]]): the cron tick puts claimed nudges on it. */
  NUDGES?: Queue<DispatchMessage>;

  ENVIRONMENT?: string;
  INBOX_ADDRESS?: string;
  FROM_ADDRESS?: string;
  ALLOWED_SENDERS?: string;
  DEFAULT_TIMEZONE?: string;
  DEV_OUTBOX?: string;
  MAX_RAW_BYTES?: string;
  RAW_RETENTION_DAYS?: string;
  RETRY_BASE_SECONDS?: string;
  POSTMARK_API_URL?: string;
  POSTMARK_MESSAGE_STREAM?: string;

  PUBLIC_URL?: string;
  REQUIRE_SENDER_AUTH?: string;
  POSTMARK_INBOUND_TRUSTED?: string;
  AUTHSERV_ID?: string;
  REPLY_KEY_ID?: string;
  REPLY_PREVIOUS_KEY_ID?: string;

  /** Secret: the Postmark server API token. Required unless DEV_OUTBOX is true. */
  POSTMARK_SERVER_TOKEN?: string;
  /** Secret: HMAC key for reply and link tokens (32+ characters). Required in production. */
  REPLY_SECRET?: string;
  /** Secret: the previous REPLY_SECRET, still accepted while old tokens age out. */
  REPLY_PREVIOUS_SECRET?: string;
  /** Secrets: basic-auth credentials configured on Postmark's webhooks. */
  POSTMARK_WEBHOOK_USER?: string;
  POSTMARK_WEBHOOK_PASSWORD?: string;
}
