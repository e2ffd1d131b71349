/**
 * POST /webhooks/postmark: Postmark's webhooks (docs/design.md §3, §5). Checks the credentials and the
 * body size, then hands each record type to its handler: delivery events
 * (postmark-delivery-events.ts) or an inbound message (postmark-inbound.ts).
 *
 * Answers follow Postmark's retry rules: any non-200 answer is retried (10 times, over hours),
 * except 403, which stops retries. So expected outcomes (including "no such user" and record
 * types we do not use) answer 200, refusals answer 403, and only a transient failure (D1, R2,
 * the mailer throwing) answers 500 so the event is delivered again.
 *
 * Set up in Postmark: the webhook URL with basic-auth credentials (POSTMARK_WEBHOOK_USER and
 * POSTMARK_WEBHOOK_PASSWORD), on the outbound stream for Bounce, Spam Complaint and
 * Subscription Change, and as the inbound stream's webhook with "Include raw email content in
 * JSON payload" turned on.
 */
import type { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { Deps } from "../deps";
import type { AppEnv, MailReceiver } from "./app";
import { bounce, spamComplaint, subscriptionChange } from "./postmark-delivery-events";
import { inbound } from "./postmark-inbound";
import { checkBasicAuth } from "./webhook-auth";
import { isObject, recordTypeOf, text, type Payload, type WebhookReply } from "./webhook-payload";

export const POSTMARK_WEBHOOK_PATH = "/webhooks/postmark";

/**
 * The body cap. The endpoint must take inbound messages, whose JSON carries the message about
 * twice when RawEmail is on (the raw text, then its attachments again as base64 and its decoded
 * bodies), so the cap is twice the raw-message cap: a message just under MAX_RAW_BYTES fits,
 * and one a little over still arrives and is answered `too_large` like on the email() path.
 * Anything bigger is refused before it is read, which bounds the memory a request can take in
 * a 128 MB isolate. Never below 1 MiB, which every delivery event fits in many times over.
 */
export function webhookBodyLimit(maxRawBytes: number): number {
  return Math.max(1024 * 1024, 2 * maxRawBytes);
}

export function registerPostmarkWebhooks(app: Hono<AppEnv>): void {
  app.post(
    POSTMARK_WEBHOOK_PATH,
    async (c, next) => {
      const { config, log } = c.env.deps;
      // Not configured: the endpoint does not exist.
      if (!config.webhookAuth) return c.notFound();
      const denied = await checkBasicAuth(c.req.header("authorization"), config.webhookAuth);
      if (denied) {
        log("warn", "postmark_webhook_denied", { reason: denied });
        return c.json({ error: "forbidden" }, 403);
      }
      await next();
    },
    (c, next) => {
      const limit = webhookBodyLimit(c.env.deps.config.maxRawBytes);
      return bodyLimit({
        maxSize: limit,
        onError: (c) => {
          c.env.deps.log("warn", "postmark_webhook_rejected", { reason: "too_large", limit });
          return c.json({ error: `body larger than ${limit} bytes` }, 413);
        },
      })(c, next);
    },
    async (c) => {
      const { deps, receiveMail } = c.env;
      const now = deps.clock();
      const payload = parseObject(new Uint8Array(await c.req.arrayBuffer()));
      if (!payload) {
        deps.log("warn", "postmark_webhook_rejected", { reason: "malformed_json" });
        return c.json({ error: "malformed JSON: expected one JSON object" }, 400);
      }
      try {
        const reply = await dispatch(payload, deps, receiveMail, now);
        return c.json(reply.body, reply.status);
      } catch (error) {
        const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        deps.log("error", "postmark_webhook_failed", { recordType: recordTypeOf(payload), detail });
        // Transient (D1, R2, the mailer): Postmark retries a 500.
        return c.json({ error: "temporary failure, retry later" }, 500);
      }
    },
  );
}

function parseObject(body: Uint8Array): Payload | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(body));
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

/**
 * Postmark's inbound JSON has no RecordType (its delivery events all do); it is recognised by
 * Postmark's MessageID together with FromFull or OriginalRecipient. "Inbound" is accepted too.
 */
function isInbound(payload: Payload): boolean {
  const type = recordTypeOf(payload);
  if (type !== null) return type === "Inbound";
  return text(payload.MessageID) !== null && (isObject(payload.FromFull) || text(payload.OriginalRecipient) !== null);
}

async function dispatch(payload: Payload, deps: Deps, receiveMail: MailReceiver, now: number): Promise<WebhookReply> {
  if (isInbound(payload)) return inbound(payload, deps, receiveMail, now);
  const type = recordTypeOf(payload);
  switch (type) {
    case "Bounce":
      return bounce(payload, deps, now);
    case "SpamComplaint":
      return spamComplaint(payload, deps, now);
    case "SubscriptionChange":
      return subscriptionChange(payload, deps, now);
    default:
      // Delivery, Open, Click, ... or something new: acknowledged so Postmark does not retry it.
      deps.log("info", "postmark_webhook_ignored", { recordType: type });
      return { status: 200, body: { ok: true, ignored: true } };
  }
}
