/**
 * The dev outbox, local only: GET /dev/outbox.json lists, oldest first, exactly the Postmark
 * message objects that would have been sent; GET /dev/outbox shows them as a page, newest
 * first, each as a person would see it: the HTML body in a sandboxed iframe (no scripts, no
 * same-origin access, since it contains invite text) with the text part beside it, headers
 * folded away. GET /dev/queue.json says how many nudges are still on the queue (in flight).
 * POST /dev/inbound?from=&to=&time= receives the raw message in the body as Email Routing would,
 * as of `time` (epoch ms): with the local cron endpoint's `time`, a whole journey plays out in
 * seconds (npm run demo).
 */
import type { Hono } from "hono";
import PostalMime from "postal-mime";
import { listOutboxMessages } from "../db/dev-outbox";
import { inFlightCount } from "../db/dispatch";
import type { OutboundEmail } from "../mail/mailer";
import type { AppEnv } from "./app";

/** The stored JSON is the very OutboundEmail the dev outbox mailer was handed. */
function asMessage(row: { id: number; createdAt: number; json: string }) {
  return { id: row.id, createdAt: row.createdAt, message: JSON.parse(row.json) as OutboundEmail };
}

const pageStyle = "font-family:system-ui,sans-serif;max-width:960px;margin:0 auto;padding:16px;color:#1f2328;";

function OutboxEntry({ message, createdAt }: { message: OutboundEmail; createdAt: number }) {
  return (
    <article style="border:1px solid #d0d7de;border-radius:8px;padding:16px;margin:16px 0;">
      <header>
        <h2 style="font-size:18px;margin:0 0 8px;">{message.Subject}</h2>
        <dl style="display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0;font-size:14px;">
          <dt>To</dt>
          <dd style="margin:0;">{message.To}</dd>
          <dt>From</dt>
          <dd style="margin:0;">{message.From}</dd>
          <dt>Tag</dt>
          <dd style="margin:0;">{message.Tag}</dd>
          <dt>Stored</dt>
          <dd style="margin:0;">{new Date(createdAt).toISOString()}</dd>
        </dl>
      </header>
      {/* The email as the user would see it, and its text part beside it (stacked on a phone). */}
      <div style="display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px;margin-top:12px;">
        <section aria-label="HTML part">
          <iframe
            title={`HTML body of ${message.Subject}`}
            sandbox=""
            srcdoc={message.HtmlBody}
            style="width:100%;height:480px;border:1px solid #d0d7de;border-radius:4px;"
          />
        </section>
        <section aria-label="Text part">
          <pre style="white-space:pre-wrap;font-size:13px;margin:0;max-height:480px;overflow:auto;border:1px solid #d0d7de;border-radius:4px;padding:8px;">
            {message.TextBody}
          </pre>
        </section>
      </div>
      <details>
        <summary>Headers{message.Attachments.length > 0 ? ` and ${message.Attachments.length} attachment(s)` : ""}</summary>
        <pre style="white-space:pre-wrap;font-size:13px;">
          {[
            `Reply-To: ${message.ReplyTo}`,
            ...message.Headers.map((h) => `${h.Name}: ${h.Value}`),
            ...message.Attachments.map((a) => `Attachment: ${a.Name} (${a.ContentType})`),
          ].join("\n")}
        </pre>
      </details>
    </article>
  );
}

export function registerDevOutbox(app: Hono<AppEnv>): void {
  // Only where DEV_OUTBOX=true (never in production, config.ts refuses it): elsewhere the paths do not exist.
  app.use("/dev/*", async (c, next) => {
    if (c.env.deps.config.delivery.kind !== "dev_outbox") return c.notFound();
    await next();
  });
  // How many nudges a cron tick put on the queue that the consumer has not recorded yet: after
  // the local cron endpoint answers, wait for 0 before reading the outbox (README, "Try it").
  app.get("/dev/queue.json", async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json({ inFlight: await inFlightCount(c.env.deps.db) });
  });

  app.post("/dev/inbound", async (c) => {
    const raw = new Uint8Array(await c.req.arrayBuffer());
    const time = Number(c.req.query("time") ?? c.env.deps.clock());
    if (!Number.isSafeInteger(time)) return c.json({ error: "time must be epoch milliseconds" }, 400);
    const { headers } = await PostalMime.parse(raw);
    const outcome = await c.env.receiveMail(
      {
        envelopeFrom: c.req.query("from") ?? "",
        envelopeTo: c.req.query("to") ?? "",
        // The first header of that name, as Email Routing's message.headers gives it.
        header: (name) => headers.find((header) => header.key === name.toLowerCase())?.value ?? null,
        readRaw: async () => raw,
        rawSize: raw.byteLength,
      },
      c.env.deps,
      time,
    );
    return c.json(outcome);
  });

  app.get("/dev/outbox.json", async (c) => {
    const rows = (await listOutboxMessages(c.env.deps.db)).map(asMessage);
    return c.json(rows.map((row) => row.message));
  });

  app.get("/dev/outbox", async (c) => {
    const rows = (await listOutboxMessages(c.env.deps.db)).map(asMessage).reverse();
    c.header("Cache-Control", "no-store");
    return c.html(
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>Rapport dev outbox</title>
        </head>
        <body style={pageStyle}>
          <h1>Dev outbox</h1>
          <p>
            {rows.length} message{rows.length === 1 ? "" : "s"}, newest first. Nothing here was sent: with{" "}
            <code>DEV_OUTBOX=true</code> Rapport keeps mail instead of handing it to Postmark. JSON:{" "}
            <a href="/dev/outbox.json">/dev/outbox.json</a>
          </p>
          {rows.map((row) => (
            <OutboxEntry message={row.message} createdAt={row.createdAt} />
          ))}
        </body>
      </html>,
    );
  });
}
