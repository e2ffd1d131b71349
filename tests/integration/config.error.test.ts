// A bad deploy fails once, loudly, naming the variable: never deep inside a handler.
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config";
import type { Env } from "../../src/env";

const production: Env = {
  DB: {} as D1Database,
  RAW_MAIL: {} as R2Bucket,
  ENVIRONMENT: "production",
  INBOX_ADDRESS: "meet@example.com",
  FROM_ADDRESS: "Rapport <rapport@example.com>",
  ALLOWED_SENDERS: "jane@example.com, @college.edu",
  DEFAULT_TIMEZONE: "Europe/Berlin",
  DEV_OUTBOX: "false",
  POSTMARK_SERVER_TOKEN: "server-token",
  REPLY_SECRET: "a-production-secret-of-more-than-32-chars",
};

function problem(overrides: Partial<Env>): string {
  try {
    parseConfig({ ...production, ...overrides });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("parseConfig", () => {
  it("reads a valid production configuration into typed values", () => {
    const config = parseConfig(production);
    expect(config.delivery).toEqual({ kind: "postmark", apiUrl: "https://api.postmarkapp.com", serverToken: "server-token" });
    expect(config.allowedSenders.addresses).toEqual(new Set(["jane@example.com"]));
    expect(config.allowedSenders.domains).toEqual(new Set(["college.edu"]));
    expect(config.maxRawBytes).toBe(10 * 1024 * 1024);
    expect(config.requireSenderAuth).toBe(true);
    expect(config.tokenKeys).toEqual([{ id: 1, secret: "a-production-secret-of-more-than-32-chars" }]);
    expect(config.webhookAuth).toBeNull();
  });

  it.each([
    [{ INBOX_ADDRESS: undefined }, "config: INBOX_ADDRESS is missing"],
    [{ INBOX_ADDRESS: "not-an-address" }, "config: INBOX_ADDRESS must be an email address"],
    [{ FROM_ADDRESS: "Rapport <rapport@example.com>\r\nBcc: x@y.z" }, "config: FROM_ADDRESS must be"],
    [{ ALLOWED_SENDERS: "*" }, "config: ALLOWED_SENDERS may only be \"*\" in development or test"],
    [{ ALLOWED_SENDERS: "jane@example.com, nonsense" }, "config: ALLOWED_SENDERS has an entry"],
    [{ DEFAULT_TIMEZONE: "Pacific Standard Time" }, "config: DEFAULT_TIMEZONE must be an IANA time zone"],
    [{ DEV_OUTBOX: "yes" }, "config: DEV_OUTBOX must be \"true\" or \"false\""],
    [{ DEV_OUTBOX: "true" }, "config: DEV_OUTBOX may only be true in development or test"],
    [{ POSTMARK_SERVER_TOKEN: undefined }, "config: POSTMARK_SERVER_TOKEN is missing"],
    [{ MAX_RAW_BYTES: "10MB" }, "config: MAX_RAW_BYTES must be a positive whole number"],
    [{ ENVIRONMENT: "staging" }, "config: ENVIRONMENT must be production, development or test"],
    [{ REPLY_SECRET: undefined }, "config: REPLY_SECRET is missing"],
    [{ REPLY_SECRET: "short" }, "config: REPLY_SECRET must be at least 32 characters"],
    [{ POSTMARK_WEBHOOK_USER: "postmark" }, "config: POSTMARK_WEBHOOK_PASSWORD is missing"],
    [{ PUBLIC_URL: "rapport.example.com" }, "config: PUBLIC_URL must be an http(s) URL"],
  ])("refuses %o", (overrides, message) => {
    expect(problem(overrides)).toContain(message);
  });

  it("needs no Postmark token when the dev outbox is on (local development)", () => {
    const config = parseConfig({ ...production, ENVIRONMENT: "development", DEV_OUTBOX: "true", POSTMARK_SERVER_TOKEN: undefined });
    expect(config.delivery).toEqual({ kind: "dev_outbox" });
  });
});
