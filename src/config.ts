/**
 * Turns the Worker's raw string bindings into one typed Config, once per invocation.
 * A missing or malformed value fails here with a ConfigError naming the variable, so a bad
 * deploy shows up as one clear log line instead of a confusing failure deep in a handler.
 */
import type { Env } from "./env";
import { parseAddressList, type SenderAllowList } from "./router/senders";
import { canonicalTimeZone } from "./time/zoned";

export type Environment = "production" | "development" | "test";

export interface Config {
  environment: Environment;
  /** The magic address users forward invites to (lowercased). */
  inboxAddress: string;
  /** The From header of everything Rapport sends, e.g. "Rapport <rapport@example.com>". */
  fromAddress: string;
  /** The address part of fromAddress, lowercased: mail from it is Rapport's own, never answered. */
  fromEmail: string;
  allowedSenders: SenderAllowList;
  defaultTimeZone: string;
  /** Where mail goes: Postmark, or (DEV_OUTBOX=true, never in production) the local dev outbox. */
  delivery: { kind: "dev_outbox" } | { kind: "postmark"; apiUrl: string; serverToken: string };
  /** Postmark message stream named on every message (the dev outbox records it too). */
  messageStream: string;
  /** Inbound messages larger than this are answered with `too_large`, not parsed. */
  maxRawBytes: number;
  /** Raw inbound mail is deleted from R2 this many days after it was handled. */
  rawRetentionDays: number;
  /**
   * A nudge whose send failed for a reason that can pass (429, 5xx, timeout) goes back to the
   * queue after this many seconds, doubling with each delivery up to 6 hours.
   */
  retryBaseSeconds: number;
  /** Where this Worker is reachable (unsubscribe links, calendar feed), without a trailing slash. */
  publicUrl: string;
  /** HMAC keys for reply and link tokens; the first signs, all verify (key rotation). */
  tokenKeys: { id: number; secret: string }[];
  /**
   * Act on mail (replies, and invites too) only when the sender is shown genuine: on the
   * email() path, the topmost Authentication-Results from `authservId` shows an aligned SPF or
   * DKIM pass; on the Postmark inbound path, only `postmarkInboundTrusted` can say so.
   */
  requireSenderAuth: boolean;
  /**
   * Trust the sender address Postmark's inbound webhook reports (its FromFull field: the From
   * header as the sender wrote it, which Postmark does not authenticate for us). Replies on that
   * path are acted on only when this is true, whatever REQUIRE_SENDER_AUTH says.
   */
  postmarkInboundTrusted: boolean;
  /** The authserv-id of the receiving MX whose Authentication-Results is trusted. */
  authservId: string;
  /** Basic-auth credentials Postmark's webhooks must present; null turns the webhook off. */
  webhookAuth: { user: string; password: string } | null;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`config: ${variable} ${problem}`);
    this.name = "ConfigError";
  }
}

const ADDRESS = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

function required(env: Env, name: keyof Env): string {
  const value = env[name];
  if (typeof value !== "string" || value.trim() === "") {
    throw new ConfigError(name, "is missing: set it in wrangler.toml [vars] or as a secret");
  }
  return value.trim();
}

function optional(env: Env, name: keyof Env, fallback: string): string {
  const value = env[name];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : fallback;
}

function booleanVar(env: Env, name: keyof Env, fallback: boolean): boolean {
  const value = optional(env, name, String(fallback)).toLowerCase();
  if (value === "true") return true;
  if (value === "false") return false;
  throw new ConfigError(name, `must be "true" or "false", got "${value}"`);
}

function positiveInteger(env: Env, name: keyof Env, fallback: number): number {
  const value = optional(env, name, String(fallback));
  if (!/^\d+$/.test(value) || Number(value) <= 0) {
    throw new ConfigError(name, `must be a positive whole number, got "${value}"`);
  }
  return Number(value);
}

function environmentVar(env: Env): Environment {
  const value = optional(env, "ENVIRONMENT", "production");
  if (value === "production" || value === "development" || value === "test") return value;
  throw new ConfigError("ENVIRONMENT", `must be production, development or test, got "${value}"`);
}

/** The display-name form "Name <addr>" or a bare address; returns the address part. */
function addressOf(value: string): string | null {
  const match = /<([^<>]+)>\s*$/.exec(value);
  const address = (match ? match[1]! : value).trim();
  return ADDRESS.test(address) ? address : null;
}

export function parseConfig(env: Env): Config {
  const environment = environmentVar(env);

  const inboxAddress = required(env, "INBOX_ADDRESS").toLowerCase();
  if (!ADDRESS.test(inboxAddress)) {
    throw new ConfigError("INBOX_ADDRESS", `must be an email address, got "${inboxAddress}"`);
  }

  const fromAddress = required(env, "FROM_ADDRESS");
  const fromEmail = addressOf(fromAddress);
  if (!fromEmail || /[\r\n]/.test(fromAddress)) {
    throw new ConfigError("FROM_ADDRESS", `must be an address or "Name <address>", got "${fromAddress}"`);
  }

  const allowed = parseAddressList(optional(env, "ALLOWED_SENDERS", ""));
  if (!allowed.ok) throw new ConfigError("ALLOWED_SENDERS", allowed.problem);
  if (allowed.list.anyone && environment === "production") {
    throw new ConfigError("ALLOWED_SENDERS", `may only be "*" in development or test (ENVIRONMENT is production)`);
  }

  const zoneName = optional(env, "DEFAULT_TIMEZONE", "UTC");
  const defaultTimeZone = canonicalTimeZone(zoneName);
  if (!defaultTimeZone) {
    throw new ConfigError("DEFAULT_TIMEZONE", `must be an IANA time zone such as "Europe/Berlin", got "${zoneName}"`);
  }

  const devOutbox = booleanVar(env, "DEV_OUTBOX", false);
  if (devOutbox && environment === "production") {
    throw new ConfigError("DEV_OUTBOX", "may only be true in development or test (ENVIRONMENT is production)");
  }

  const apiUrl = optional(env, "POSTMARK_API_URL", "https://api.postmarkapp.com").replace(/\/+$/, "");
  if (!/^https?:\/\/[^\s/]+/.test(apiUrl)) {
    throw new ConfigError("POSTMARK_API_URL", `must be an http(s) URL, got "${apiUrl}"`);
  }

  return {
    environment,
    inboxAddress,
    fromAddress,
    fromEmail: fromEmail.toLowerCase(),
    allowedSenders: allowed.list,
    defaultTimeZone,
    delivery: devOutbox
      ? { kind: "dev_outbox" }
      : { kind: "postmark", apiUrl, serverToken: required(env, "POSTMARK_SERVER_TOKEN") },
    messageStream: optional(env, "POSTMARK_MESSAGE_STREAM", "outbound"),
    maxRawBytes: positiveInteger(env, "MAX_RAW_BYTES", 10 * 1024 * 1024),
    rawRetentionDays: positiveInteger(env, "RAW_RETENTION_DAYS", 30),
    retryBaseSeconds: positiveInteger(env, "RETRY_BASE_SECONDS", 300),
    publicUrl: publicUrl(env),
    tokenKeys: tokenKeys(env, environment),
    requireSenderAuth: booleanVar(env, "REQUIRE_SENDER_AUTH", environment === "production"),
    postmarkInboundTrusted: booleanVar(env, "POSTMARK_INBOUND_TRUSTED", false),
    authservId: optional(env, "AUTHSERV_ID", "mx.cloudflare.net"),
    webhookAuth: webhookAuth(env),
  };
}

function publicUrl(env: Env): string {
  const value = optional(env, "PUBLIC_URL", "https://rapport.example.com").replace(/\/+$/, "");
  if (!/^https?:\/\/[^\s/]+(\/[^\s]*)?$/.test(value)) throw new ConfigError("PUBLIC_URL", `must be an http(s) URL, got "${value}"`);
  return value;
}

/** Local development and tests sign with a fixed, public key: fine where nothing is private. */
const DEVELOPMENT_SECRET = "rapport-development-secret-not-for-production";
const MIN_SECRET_LENGTH = 32;

function keyId(env: Env, name: keyof Env, fallback: number): number {
  const id = positiveInteger(env, name, fallback);
  if (id > 255) throw new ConfigError(name, `must be between 1 and 255, got ${id}`);
  return id;
}

function tokenKeys(env: Env, environment: Environment): { id: number; secret: string }[] {
  const secret = env.REPLY_SECRET?.trim() || (environment === "production" ? "" : DEVELOPMENT_SECRET);
  if (!secret) throw new ConfigError("REPLY_SECRET", "is missing: set it with `wrangler secret put REPLY_SECRET` (32+ random characters)");
  if (secret.length < MIN_SECRET_LENGTH) throw new ConfigError("REPLY_SECRET", `must be at least ${MIN_SECRET_LENGTH} characters`);
  const keys = [{ id: keyId(env, "REPLY_KEY_ID", 1), secret }];
  const previous = env.REPLY_PREVIOUS_SECRET?.trim();
  if (previous) {
    const id = keyId(env, "REPLY_PREVIOUS_KEY_ID", 1);
    if (id === keys[0]!.id) throw new ConfigError("REPLY_PREVIOUS_KEY_ID", "must differ from REPLY_KEY_ID");
    keys.push({ id, secret: previous });
  }
  return keys;
}

function webhookAuth(env: Env): Config["webhookAuth"] {
  const user = env.POSTMARK_WEBHOOK_USER?.trim();
  const password = env.POSTMARK_WEBHOOK_PASSWORD?.trim();
  if (!user && !password) return null;
  if (!user || !password) {
    throw new ConfigError(user ? "POSTMARK_WEBHOOK_PASSWORD" : "POSTMARK_WEBHOOK_USER", "is missing: set both webhook credentials or neither");
  }
  return { user, password };
}
