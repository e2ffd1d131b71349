/**
 * The one place that turns bindings into the things use cases take: the parsed config, the
 * database, the raw-mail archive, the mailer (Postmark, or the dev outbox when DEV_OUTBOX=true),
 * the nudge queue, the logger and the clock. Entry points call this; nothing else reads `env`
 * or the wall clock (tests give a fixed clock, so what a route shows "now" is deterministic).
 */
import { parseConfig, type Config } from "./config";
import { openDatabase, type Database } from "./db/client";
import { storeOutboxMessages } from "./db/dev-outbox";
import type { Env } from "./env";
import { R2RawArchive, type RawArchive } from "./db/raw-archive";
import { consoleLogger, type Logger } from "./log";
import { DevOutboxMailer } from "./mail/dev-outbox";
import type { Mailer } from "./mail/mailer";
import { PostmarkMailer } from "./mail/postmark";
import type { NudgeQueue } from "./nudges/dispatch";

export interface Deps {
  config: Config;
  db: Database;
  archive: RawArchive;
  mailer: Mailer;
  /** Where the cron tick puts claimed nudges for the queue consumer to send. */
  nudgeQueue: NudgeQueue;
  log: Logger;
  /** The wall clock, read only at the edges (routes, entry points) and passed on as `now`. */
  clock: () => number;
}

export function buildDeps(env: Env): Deps {
  const config = parseConfig(env);
  const db = openDatabase(env.DB);
  const { delivery } = config;
  const clock = () => Date.now();
  const mailer: Mailer =
    delivery.kind === "dev_outbox"
      ? new DevOutboxMailer((entries, now) => storeOutboxMessages(db, entries, now), clock)
      : new PostmarkMailer({ serverToken: delivery.serverToken, apiUrl: delivery.apiUrl });
  const nudgeQueue: NudgeQueue = env.NUDGES ?? {
    sendBatch: async () => {
      throw new Error("the NUDGES queue binding is missing: wrangler.toml declares it under [[queues.producers]]");
    },
  };
  return { config, db, archive: new R2RawArchive(env.RAW_MAIL), mailer, nudgeQueue, log: consoleLogger, clock };
}
