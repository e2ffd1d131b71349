/**
 * The user's calendar feed link: derived from a secret and the user's feed version, with only
 * its hash stored (the lookup key). Emails show the current link; "new feed link" bumps the
 * version, and with it the hash, so the old link stops working.
 */
import type { Config } from "../config";
import type { Database } from "../db/client";
import type { User } from "../db/schema";
import { setFeedToken } from "../db/views";
import { feedToken, feedUrl, tokenHash } from "./addresses";

/** The current feed URL, recording its hash if this is the first time it is handed out. */
export async function currentFeedUrl(db: Database, config: Config, user: User, now: number): Promise<string> {
  const token = await feedToken(config, user);
  const hash = await tokenHash(token);
  if (user.feedTokenHash !== hash) await setFeedToken(db, user.id, user.feedVersion, hash, now);
  return feedUrl(config, token);
}

/** Retires the current link and returns the new one. */
export async function rotateFeedUrl(db: Database, config: Config, user: User, now: number): Promise<string> {
  const next = { ...user, feedVersion: user.feedVersion + 1 };
  const token = await feedToken(config, next);
  await setFeedToken(db, user.id, next.feedVersion, await tokenHash(token), now);
  return feedUrl(config, token);
}
