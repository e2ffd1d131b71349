/**
 * The fetch() side: one Hono app, built once per isolate; each request brings its dependencies
 * in the app's bindings (`c.env`), built by the entry point. One register function per feature:
 * this file reads like a table of contents, and each route file owns its paths.
 */
import { Hono } from "hono";
import type { Deps } from "../deps";
import { registerContactsPage } from "./contacts-page";
import { registerDevOutbox } from "./dev-outbox";
import { registerFeed } from "./feed";
import { registerHealth } from "./health";
import { registerPostmarkWebhooks } from "./postmark-webhooks";
import { registerSecurityHeaders } from "./security-headers";
import { registerUnsubscribe } from "./unsubscribe";

/** What the Postmark inbound webhook hands a message to (the mail router, given by the entry point). */
export type MailReceiver = (
  mail: {
    envelopeFrom: string;
    envelopeTo: string;
    header: (name: string) => string | null;
    readRaw(): Promise<Uint8Array>;
    rawSize?: number;
    via?: "email_routing" | "postmark";
  },
  deps: Deps,
  now: number,
) => Promise<
  | { kind: "refused"; reason: string }
  | { kind: "duplicate"; inboundId: number }
  | { kind: "ignored"; reason: string }
  | { kind: "handled"; inboundId: number; status: string }
>;

export interface AppBindings {
  deps: Deps;
  receiveMail: MailReceiver;
}

export type AppEnv = { Bindings: AppBindings };

export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // First, so it wraps every route: each answer carries the headers, whatever its path.
  registerSecurityHeaders(app);
  registerHealth(app);
  registerPostmarkWebhooks(app);
  registerUnsubscribe(app);
  registerFeed(app);
  registerContactsPage(app);
  // Local development only: without DEV_OUTBOX=true these paths answer 404.
  registerDevOutbox(app);
  return app;
}
