/**
 * One-click unsubscribe (RFC 8058). Every email's List-Unsubscribe points at /u/<token>; mail
 * clients POST "List-Unsubscribe=One-Click" there, with no login and no redirect. A GET (a
 * person clicking the link in the footer, or a scanner prefetching it) only shows a page with
 * the button: prefetching must never unsubscribe anyone. After unsubscribing, an undo button.
 */
import type { Context, Hono } from "hono";
import { findUserById, updateUser } from "../db/replies";
import type { User } from "../db/schema";
import { verifyToken } from "../links/token";
import type { AppEnv } from "./app";
import { Page } from "./page";

async function userOf(c: Context<AppEnv>): Promise<User | null> {
  const { config, db } = c.env.deps;
  const check = await verifyToken(config.tokenKeys, c.req.param("token") ?? "", "unsubscribe", c.env.deps.clock());
  if (!check.ok) return null;
  return (await findUserById(db, check.claims.userId)) ?? null;
}

function invalid(c: Context<AppEnv>) {
  c.header("Cache-Control", "private, no-store");
  return c.html(
    <Page title="This link does not work">
      <h1>This link does not work</h1>
      <p>It may be incomplete or out of date. To stop email from Rapport, reply “unsubscribe” to any of its emails.</p>
    </Page>,
    404,
  );
}

function unsubscribedPage(c: Context<AppEnv>, user: User) {
  c.header("Cache-Control", "private, no-store");
  return c.html(
    <Page title="You are unsubscribed">
      <h1>You are unsubscribed</h1>
      <p>Rapport will not email {user.email} again.</p>
      <form method="post" action={`${c.req.path.replace(/\/undo$/, "")}/undo`}>
        <button type="submit">
          Undo: keep my reminders
        </button>
      </form>
    </Page>,
  );
}

export function registerUnsubscribe(app: Hono<AppEnv>): void {
  app.get("/u/:token", async (c) => {
    const user = await userOf(c);
    if (!user) return invalid(c);
    if (user.status === "unsubscribed") return unsubscribedPage(c, user);
    c.header("Cache-Control", "private, no-store");
    return c.html(
      <Page title="Stop all email from Rapport?">
        <h1>Stop all email from Rapport?</h1>
        <p>
          No more prep sheets, thank-you prompts, check-ins or digests to {user.email}. Your meetings and notes are kept; you can
          come back at any time.
        </p>
        <form method="post" action={c.req.path}>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <button type="submit">
            Unsubscribe
          </button>
        </form>
      </Page>,
    );
  });

  app.post("/u/:token", async (c) => {
    const user = await userOf(c);
    if (!user) return invalid(c);
    const { db, log } = c.env.deps;
    // A bounced (suppressed) address stays suppressed: unsubscribing must not make it deliverable.
    if (user.status === "active" || user.status === "paused") {
      await updateUser(db, user.id, { status: "unsubscribed" }, c.env.deps.clock());
      log("info", "user_unsubscribed", { userId: user.id, via: "link" });
    }
    return unsubscribedPage(c, { ...user, status: "unsubscribed" });
  });

  app.post("/u/:token/undo", async (c) => {
    const user = await userOf(c);
    if (!user) return invalid(c);
    const { db, log } = c.env.deps;
    if (user.status === "unsubscribed") {
      await updateUser(db, user.id, { status: "active" }, c.env.deps.clock());
      log("info", "user_resubscribed", { userId: user.id, via: "link" });
    }
    c.header("Cache-Control", "private, no-store");
    return c.html(
      <Page title="Welcome back">
        <h1>Welcome back</h1>
        <p>Your reminders to {user.email} are on again.</p>
      </Page>,
    );
  });
}
