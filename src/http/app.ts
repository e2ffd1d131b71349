/**
 * The fetch() side: a Hono app, one register function per feature. Reads like a table of
 * contents; each route file owns its paths.
 */
import { Hono } from "hono";
import type { Deps } from "../deps";
import { registerContactsPage } from "./contacts-page";
import { registerDevOutbox } from "./dev-outbox";
import { registerFeed } from "./feed";
import { registerHealth } from "./health";
import { registerPostmarkWebhooks } from "./postmark-webhooks";
import { registerUnsubscribe } from "./unsubscribe";

export type AppEnv = { Variables: { deps: Deps } };

export function createApp(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  registerHealth(app);
  registerPostmarkWebhooks(app);
  registerUnsubscribe(app);
  registerFeed(app);
  registerContactsPage(app);
  // Local development only: without DEV_OUTBOX=true these paths do not exist (404).
  if (deps.config.delivery.kind === "dev_outbox") registerDevOutbox(app);
  return app;
}
