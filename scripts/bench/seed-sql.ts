/**
 * The dispatch benchmark's data set, as a few INSERT ... SELECT statements over a recursive
 * counter (SQLite builds a million rows in seconds this way; row-by-row inserts would take
 * minutes and hit D1's 100-parameter limit). Literal values only, no bound parameters.
 *
 * Per user i (1..N): two contacts (A, B) and two meetings: A some three weeks ago (its prep,
 * thank-you and follow-up sent, a confirmation on record, the next check-in pending weeks
 * ahead), B coming up in the next weeks (prep, thank-you, follow-up and first check-in all
 * pending), and the monthly digest pending: ten nudges, four sent or skipped, six pending in
 * the future. Then exactly `due` users (500 by default, every N/due-th) get one nudge due at
 * `now`, a mix of the five dispatched kinds (B's prep, A's thank-you an hour after it ended,
 * A's follow-up a day later, A's check-in, the digest), due 1 to `due` minutes ago; every 23rd
 * of those (21 of 500, of every kind) was claimed by a run that crashed (status 'sending',
 * lease expired a minute ago).
 */
export const DUE = 500;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ZONES = ["America/New_York", "Europe/Berlin", "Asia/Tokyo", "America/Los_Angeles"];

/** `paused`: every 100th user is paused (their due nudges are skipped, not sent). */
export function seedStatements(users: number, now: number, due = DUE, options: { paused: boolean } = { paused: true }): string[] {
  if (!Number.isInteger(due) || due < 1) throw new Error("due must be a positive whole number");
  if (!Number.isInteger(users) || users < due || users % due !== 0) throw new Error(`users must be a multiple of ${due}`);
  if (!Number.isInteger(now)) throw new Error("now must be an integer (epoch ms)");
  const step = users / due;
  const seq = `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ${users})`;
  const zone = `CASE i % 4 ${ZONES.map((name, index) => `WHEN ${index} THEN '${name}'`).join(" ")} END`;
  const created = now - 120 * DAY;
  // Meeting A: 20-39 days ago; B: in 2-26 days; both at varying hours.
  const startA = `(${now} - (20 + i % 20) * ${DAY} + (i % 8) * ${HOUR})`;
  const endA = `(${startA} + 30 * ${MINUTE})`;
  const startB = `(${now} + (2 + i % 25) * ${DAY} + (i % 8) * ${HOUR})`;
  const endB = `(${startB} + 60 * ${MINUTE})`;
  // Nudge k of user i: its meeting (and that meeting's contact), or none for the digest.
  const nudge = (k: number, kind: string, meeting: "A" | "B" | null, status: string, due: string) => {
    const meetingId = meeting === "A" ? "2 * i - 1" : meeting === "B" ? "2 * i" : "NULL";
    const contactId = meetingId;
    const key = meeting ? `'${kind}:meeting:' || (${meetingId})` : `'${kind}:user:' || i || ':bench'`;
    const sentAt = `CASE WHEN (${status}) = 'sent' THEN ${due} END`;
    return `SELECT 10 * (i - 1) + ${k}, i, ${meetingId}, ${contactId}, '${kind}', ${due}, ${status}, ${status === "'pending'" ? 0 : 1}, ${sentAt}, ${key}, ${created}, ${created} FROM seq`;
  };
  const kitA = `(${now} + (10 + i % 80) * ${DAY})`;
  return [
    `${seq} INSERT INTO users (id, email, name, time_zone, status, created_at, updated_at)
     SELECT i, 'user' || i || '@example.com', 'User ' || i, ${zone},
       CASE WHEN ${options.paused ? "i % 100 = 99" : "0"} THEN 'paused' ELSE 'active' END, ${created}, ${created} FROM seq`,
    ...["A", "B"].map(
      (which) => `${seq} INSERT INTO contacts (id, user_id, email, name, company, cadence_days, last_touched_at, status, created_at, updated_at)
     SELECT ${which === "A"
       ? `2 * i - 1, i, 'sam' || i || '@acme' || (i % 50) || '.com', 'Sam Lee ' || i, 'Acme ' || (i % 50), 91, NULL`
       : `2 * i, i, 'alex' || i || '@globex' || (i % 50) || '.com', 'Alex Kim ' || i, 'Globex ' || (i % 50), 91, NULL`}, 'active', ${created}, ${created} FROM seq`,
    ),
    ...["A", "B"].map(
      (which) => `${seq} INSERT INTO meetings (id, user_id, contact_id, uid, sequence, dtstamp, summary, starts_at, ends_at, all_day, time_zone, location, meeting_url, format, meal, status, created_at, updated_at)
     SELECT ${which === "A"
       ? `2 * i - 1, i, 2 * i - 1, 'bench-a-' || i || '@example.com', 0, ${created}, 'Coffee with Sam Lee ' || i, ${startA}, ${endA}, 0, ${zone}, 'Blue Bottle Coffee, 1 Main St', NULL, 'in_person', 1`
       : `2 * i, i, 2 * i, 'bench-b-' || i || '@example.com', 0, ${created}, 'Chat with Alex Kim ' || i, ${startB}, ${endB}, 0, ${zone}, NULL, 'https://meet.google.com/abc-defg-hij', 'video', 0`}, 'scheduled', ${created}, ${created} FROM seq`,
    ),
    // One statement per nudge of the ten: D1 caps compound SELECTs at a few terms.
    ...[
      nudge(1, "confirm", "A", "'sent'", `(${startA} - 5 * ${DAY})`),
      nudge(2, "prep", "A", "'sent'", `(${startA} - 1 * ${DAY})`),
      nudge(3, "thanks", "A", "'sent'", `(${endA} + ${HOUR})`),
      nudge(4, "thanks_followup", "A", "CASE WHEN i % 3 = 0 THEN 'skipped' ELSE 'sent' END", `(${endA} + ${DAY})`),
      nudge(5, "keep_in_touch", "A", "'pending'", kitA),
      nudge(6, "prep", "B", "'pending'", `(${startB} - ${DAY})`),
      nudge(7, "thanks", "B", "'pending'", `(${endB} + ${HOUR})`),
      nudge(8, "thanks_followup", "B", "'pending'", `(${endB} + ${DAY})`),
      nudge(9, "keep_in_touch", "B", "'pending'", `(${startB} + 14 * ${DAY})`),
      nudge(10, "digest", null, "'pending'", `(${now} + (5 + i % 25) * ${DAY})`),
    ].map(
      (select) =>
        `${seq} INSERT INTO nudges (id, user_id, meeting_id, contact_id, kind, due_at, status, attempts, sent_at, unique_key, created_at, updated_at) ${select}`,
    ),
    ...dueStatements(step, now),
  ];
}

/** Turns one nudge of each of `due` users into a due one (j = 1..due names the user i = j * step). */
function dueStatements(step: number, now: number): string[] {
  const j = `(user_id / ${step})`;
  const due = `${now} - ${j} * ${MINUTE}`;
  const variant = (k: number) => `user_id % ${step} = 0 AND ${j} % 5 = ${k}`;
  const userOfA = `((id + 1) / 2)`;
  const jOfA = `(${userOfA} / ${step})`;
  return [
    // Variant 1 (A's thank-you) and 2 (A's follow-up): A ended an hour, or a day, ago.
    `UPDATE meetings SET starts_at = ${now} - 150 * ${MINUTE}, ends_at = ${now} - 120 * ${MINUTE}
     WHERE id % 2 = 1 AND ${userOfA} % ${step} = 0 AND ${jOfA} % 5 = 1`,
    `UPDATE meetings SET starts_at = ${now} - ${DAY} - 90 * ${MINUTE}, ends_at = ${now} - ${DAY} - 60 * ${MINUTE}
     WHERE id % 2 = 1 AND ${userOfA} % ${step} = 0 AND ${jOfA} % 5 = 2`,
    // 0: B's prep (B is at least two days out).
    `UPDATE nudges SET due_at = ${due} WHERE kind = 'prep' AND meeting_id % 2 = 0 AND ${variant(0)}`,
    // 1: A's thank-you, its follow-up pending tomorrow.
    `UPDATE nudges SET status = 'pending', attempts = 0, sent_at = NULL, due_at = ${due}
     WHERE kind = 'thanks' AND meeting_id % 2 = 1 AND ${variant(1)}`,
    `UPDATE nudges SET status = 'pending', attempts = 0, sent_at = NULL, due_at = ${now} + ${DAY}
     WHERE kind = 'thanks_followup' AND meeting_id % 2 = 1 AND ${variant(1)}`,
    // 2: A's follow-up (its thank-you was sent).
    `UPDATE nudges SET status = 'pending', attempts = 0, sent_at = NULL, due_at = ${due}
     WHERE kind = 'thanks_followup' AND meeting_id % 2 = 1 AND ${variant(2)}`,
    `UPDATE nudges SET status = 'sent', sent_at = ${now} - ${DAY} WHERE kind = 'thanks' AND meeting_id % 2 = 1 AND ${variant(2)}`,
    // 3: A's check-in; 4: the digest.
    `UPDATE nudges SET due_at = ${due} WHERE kind = 'keep_in_touch' AND meeting_id % 2 = 1 AND ${variant(3)}`,
    `UPDATE nudges SET due_at = ${due} WHERE kind = 'digest' AND ${variant(4)}`,
    // Every 23rd due nudge was claimed by a run that crashed: its lease ran out a minute ago.
    `UPDATE nudges SET status = 'sending', attempts = 1, claimed_until = ${now} - ${MINUTE}
     WHERE status = 'pending' AND due_at <= ${now} AND user_id % ${step} = 0 AND ${j} % 23 = 0`,
  ];
}
