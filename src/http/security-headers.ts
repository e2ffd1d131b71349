/**
 * Headers every response of the web side carries. The pages and the feed are reached by
 * links that hold a secret (a signed token, a feed token), so: no MIME sniffing of what we
 * serve (`nosniff`), no page framed by another site (the unsubscribe page's POST button must
 * not be clickjacked: `frame-ancestors 'none'`), and no token handed on in a Referer.
 */
import type { Hono } from "hono";
import type { AppEnv } from "./app";

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "frame-ancestors 'none'",
  "Referrer-Policy": "no-referrer",
};

export function registerSecurityHeaders(app: Hono<AppEnv>): void {
  app.use("*", async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
  });
}
