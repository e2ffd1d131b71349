// The local defaults of docs/design.md §8, shared by `npm start` and `npm run demo`: inbox
// meet@rapport.localhost, any sender allowed, mail kept in the dev outbox. No account needed.
export const LOCAL_VARS = {
  ENVIRONMENT: "development",
  INBOX_ADDRESS: "meet@rapport.localhost",
  FROM_ADDRESS: "Rapport <rapport@rapport.localhost>",
  ALLOWED_SENDERS: "*",
  DEV_OUTBOX: "true",
  PUBLIC_URL: "http://127.0.0.1:8787",
  // Local mail carries no Authentication-Results header to check.
  REQUIRE_SENDER_AUTH: "false",
};

// Offline: wrangler would otherwise try to reach Cloudflare for request metadata and metrics.
export const OFFLINE_ENV = { CLOUDFLARE_CF_FETCH_ENABLED: "false", WRANGLER_SEND_METRICS: "false" };

export function varArgs(vars) {
  return Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]);
}
