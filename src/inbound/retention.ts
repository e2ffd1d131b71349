/**
 * Housekeeping for the raw-mail archive: bytes of handled messages are kept RAW_RETENTION_DAYS
 * (long enough to reprocess or investigate), then deleted from R2. Rows stay, marked. Messages
 * still `received` or `failed` keep their bytes: they may need reprocessing.
 */
import { expiredRawMail, markRawDeleted } from "../db/dispatch";
import type { Deps } from "../deps";

/** R2 deletes up to 1000 keys per call; a run does a bounded amount, the rest next run. */
const PER_RUN = 500;

export async function deleteExpiredRawMail(deps: Pick<Deps, "db" | "archive" | "config" | "log">, now: number): Promise<number> {
  const { db, archive, config, log } = deps;
  const expired = await expiredRawMail(db, now - config.rawRetentionDays * 86_400_000, PER_RUN);
  if (expired.length === 0) return 0;
  await archive.delete(expired.map((row) => row.rawKey));
  await markRawDeleted(db, expired.map((row) => row.id), now);
  log("info", "raw_mail_deleted", { count: expired.length });
  return expired.length;
}
