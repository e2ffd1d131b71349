// Migration 0011 rebuilds `nudges` without AUTOINCREMENT (an insert into an AUTOINCREMENT
// table reads every row of sqlite_sequence). Run here on a table shaped as before it, with
// rows in it, as `wrangler d1 migrations apply` runs it on a live database.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { resetStorage, rows } from "../support/db";

const MIGRATION = "0011_nudges_rowid.sql";

/** `nudges` as migrations 0000–0010 left it. */
const BEFORE = `CREATE TABLE nudges (
  id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
  user_id integer NOT NULL, meeting_id integer, contact_id integer,
  kind text NOT NULL, due_at integer NOT NULL, status text DEFAULT 'pending' NOT NULL,
  attempts integer DEFAULT 0 NOT NULL, provider_message_id text, last_error text,
  claimed_until integer, claimed_at integer, sent_at integer, payload text,
  unique_key text NOT NULL, created_at integer NOT NULL, updated_at integer NOT NULL,
  FOREIGN KEY (user_id) REFERENCES users(id) ON UPDATE no action ON DELETE cascade,
  FOREIGN KEY (meeting_id) REFERENCES meetings(id) ON UPDATE no action ON DELETE cascade,
  FOREIGN KEY (contact_id) REFERENCES contacts(id) ON UPDATE no action ON DELETE cascade
)`;

async function runMigration(): Promise<void> {
  const migration = env.TEST_MIGRATIONS.find((m) => m.name === MIGRATION);
  if (!migration) throw new Error(`${MIGRATION} is not among the migrations`);
  await env.DB.batch(migration.queries.map((query) => env.DB.prepare(query)));
}

const NOW = Date.parse("2026-12-07T12:00:00Z");

describe("migration 0011: nudges without AUTOINCREMENT", () => {
  beforeEach(async () => {
    await resetStorage();
    await env.DB.batch([
      env.DB.prepare("DROP TABLE nudges"),
      env.DB.prepare(BEFORE),
      env.DB.prepare("INSERT INTO users (id, email, time_zone, created_at, updated_at) VALUES (1, 'jane@example.com', 'Europe/London', ?1, ?1)").bind(NOW),
      env.DB.prepare("INSERT INTO contacts (id, user_id, email, created_at, updated_at) VALUES (3, 1, 'sam@acme.test', ?1, ?1)").bind(NOW),
      // Ids 7 and 12, a gap between them: the copy must keep both.
      env.DB.prepare(
        "INSERT INTO nudges (id, user_id, contact_id, kind, due_at, status, payload, unique_key, created_at, updated_at) VALUES (7, 1, 3, 'keep_in_touch', ?1, 'sent', '{\"n\":1}', 'k:7', ?1, ?1), (12, 1, NULL, 'digest', ?1, 'pending', NULL, 'd:12', ?1, ?1)",
      ).bind(NOW),
    ]);
  });

  it("keeps every row with its id and columns, and drops the sqlite_sequence entry", async () => {
    const before = await rows("SELECT * FROM nudges ORDER BY id");
    expect(await rows("SELECT name FROM sqlite_sequence WHERE name = 'nudges'")).toEqual([{ name: "nudges" }]);

    await runMigration();

    expect(await rows("SELECT * FROM nudges ORDER BY id")).toEqual(before);
    expect(await rows("SELECT name FROM sqlite_sequence WHERE name = 'nudges'")).toEqual([]);
    const [table] = await rows<{ sql: string }>("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'nudges'");
    expect(table!.sql).not.toMatch(/AUTOINCREMENT/i);
  });

  it("gives a new nudge the next id and still enforces the foreign keys, the unique key and the indexes", async () => {
    await runMigration();

    const insert = (userId: number, key: string) =>
      env.DB.prepare("INSERT INTO nudges (user_id, kind, due_at, unique_key, created_at, updated_at) VALUES (?1, 'digest', ?2, ?3, ?2, ?2) RETURNING id")
        .bind(userId, NOW, key)
        .first<{ id: number }>();
    expect(await insert(1, "d:new")).toEqual({ id: 13 });
    await expect(insert(99, "d:nobody")).rejects.toThrow(/FOREIGN KEY/);
    await expect(insert(1, "d:12")).rejects.toThrow(/UNIQUE/);

    const indexes = await rows<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'nudges' AND name NOT LIKE 'sqlite_%' ORDER BY name");
    expect(indexes.map((row) => row.name)).toEqual([
      "nudges_contact_kind_status",
      "nudges_due",
      "nudges_meeting_kind",
      "nudges_status_claimed",
      "nudges_unique_key_unique",
      "nudges_user_kind_status",
    ]);

    // Deleting a user still deletes their nudges (ON DELETE CASCADE came along).
    await env.DB.prepare("DELETE FROM users WHERE id = 1").run();
    expect(await rows("SELECT id FROM nudges")).toEqual([]);
  });
});
