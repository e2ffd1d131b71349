import { defineConfig } from "drizzle-kit";

// drizzle-kit generates SQL migrations from src/db/schema.ts into migrations/, where
// `wrangler d1 migrations apply` and the tests (tests/support/apply-migrations.ts) find them.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: "./migrations",
});
