// Housekeeping in the cron: raw mail of handled messages is deleted from R2 after
// RAW_RETENTION_DAYS; messages that may still need reprocessing keep their bytes.
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { rawObjectCount, resetStorage, rows } from "../support/db";
import { cron } from "../support/cron";
import { fixture } from "../support/fixtures";
import { forwardAt } from "../support/inbound";

const DAY = 86_400_000;
const RECEIVED = Date.parse("2026-11-01T12:00:00Z");

const receive = (file: string, messageId: string) => forwardAt(fixture(file), { messageId, now: RECEIVED });


describe("raw mail retention", () => {
  beforeEach(resetStorage);

  it("deletes handled messages' raw bytes after 30 days and keeps a failed one's", async () => {
    await receive("synthetic/apple-icloud-invite.eml", "<a@example.com>");
    await receive("synthetic/plain-note.eml", "<b@example.com>");
    await env.DB.prepare("UPDATE inbound_messages SET status = 'failed' WHERE message_id = '<b@example.com>'").run();
    expect(await rawObjectCount()).toBe(2);

    await cron(RECEIVED + 29 * DAY);
    expect(await rawObjectCount()).toBe(2);

    await cron(RECEIVED + 31 * DAY);
    expect(await rawObjectCount()).toBe(1);
    expect(await rows("SELECT message_id, raw_deleted_at FROM inbound_messages ORDER BY id")).toEqual([
      { message_id: "<a@example.com>", raw_deleted_at: RECEIVED + 31 * DAY },
      { message_id: "<b@example.com>", raw_deleted_at: null },
    ]);
  });
});
