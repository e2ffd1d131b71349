/** GET /health: 200 when the Worker is up and its configuration parsed (deps were built). */
import type { Hono } from "hono";
import type { AppEnv } from "./app";

export function registerHealth(app: Hono<AppEnv>): void {
  app.get("/health", (c) => c.json({ ok: true, environment: c.env.deps.config.environment }));
}
