// Applies the migrations wrangler applies (migrations/*.sql) to the test D1 before each file.
// D1 storage is reset per test file, so each file starts from the migrated, empty schema.
import { applyD1Migrations, env } from "cloudflare:test";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
