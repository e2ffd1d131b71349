/**
 * GET /feed/<token>.ics: the user's private calendar subscription. The token is looked up by
 * its hash; an unknown or rotated token gets a plain 404 (nothing to learn from it).
 */
import type { Hono } from "hono";
import { calendarFeed } from "../compose/calendar-feed";
import { meetingsFrom, pendingNudges, userByFeedHash } from "../db/views";
import { tokenHash } from "../links/addresses";
import type { AppEnv } from "./app";

/** Meetings that started within this long still show, so today's meeting does not vanish at its start. */
const RECENT = 24 * 3_600_000;

export function registerFeed(app: Hono<AppEnv>): void {
  app.get("/feed/:file", async (c) => {
    const match = /^([a-z2-7]{32})\.ics$/.exec(c.req.param("file"));
    if (!match) return c.text("Not found", 404);
    const { db, log } = c.env.deps;
    const user = await userByFeedHash(db, await tokenHash(match[1]!));
    if (!user) return c.text("Not found", 404);

    const now = c.env.deps.clock();
    const [meetings, nudges] = await Promise.all([meetingsFrom(db, user.id, now - RECENT), pendingNudges(db, user.id)]);
    const feed = calendarFeed({ timeZone: user.timeZone, meetings, nudges, now });
    // One bad meeting never takes the feed down: it is left out (or served without the bad value) and logged.
    for (const left of feed.leftOut) log("warn", "feed_event_left_out", { userId: user.id, uid: left.uid, field: left.field, reason: left.reason });
    return c.body(feed.text, 200, {
      "Content-Type": "text/calendar; charset=utf-8",
      "Cache-Control": "private, max-age=300",
      "Content-Disposition": 'inline; filename="rapport.ics"',
    });
  });
}
