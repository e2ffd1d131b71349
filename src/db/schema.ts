/**
 * The D1 schema (drizzle). Migrations in migrations/ are generated from this file by
 * drizzle-kit and applied by wrangler and by the tests; never edit the schema by hand in SQL.
 *
 * Every instant is UTC epoch milliseconds (integer). Wall-clock time exists only at the edges,
 * rendered in the user's IANA `time_zone`.
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const USER_STATUSES = ["active", "paused", "unsubscribed", "suppressed"] as const;
export const MEETING_FORMATS = ["in_person", "video", "phone", "unknown"] as const;
/** The meal or drink a meeting is over (tea counts as coffee). */
export const MEAL_KINDS = ["breakfast", "brunch", "coffee", "lunch", "dinner", "drinks"] as const;
export const MEETING_STATUSES = ["scheduled", "cancelled"] as const;
export const NUDGE_KINDS = [
  "confirm",
  "prep",
  "thanks",
  "thanks_followup",
  "keep_in_touch",
  "digest",
  "landed",
  "help",
  "error",
  "reply_ack",
  // Answers to replies past the hourly limit, merged into one email (replies/process-reply.ts).
  "ack_summary",
] as const;
/**
 * A dispatched nudge goes pending -> queued (a cron tick claimed it and put it on the queue) ->
 * sending (a queue consumer took it) -> sent, skipped, cancelled or failed; a retryable failure
 * puts it back to queued (the queue redelivers it), a deferral back to pending.
 */
export const NUDGE_STATUSES = ["pending", "queued", "sending", "sent", "done", "skipped", "failed", "cancelled"] as const;
export const INBOUND_STATUSES = ["received", "processed", "rejected", "failed", "ignored"] as const;

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** Lowercased address: the envelope sender that first forwarded an invite. */
    email: text("email").notNull().unique(),
    name: text("name"),
    /** What the user is aiming for, in their words ("move into product management"), from a `goal: ...` reply. */
    goal: text("goal"),
    timeZone: text("time_zone").notNull(),
    status: text("status", { enum: USER_STATUSES }).notNull().default("active"),
    /** Bumped by "new feed link": the calendar feed token is derived from it, so old links die. */
    feedVersion: integer("feed_version").notNull().default(1),
    /** SHA-256 of the current feed token: the feed is looked up by it; the token itself is never stored. */
    feedTokenHash: text("feed_token_hash"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("users_feed_token_hash").on(t.feedTokenHash)],
);

export const contacts = sqliteTable(
  "contacts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name"),
    /** What a note to them opens with ("Kenji" for Kenji Nakamura, 美咲 for 佐藤 美咲), kept with `name`. */
    givenName: text("given_name"),
    company: text("company"),
    title: text("title"),
    linkedinUrl: text("linkedin_url"),
    /** When the user said they are connected on LinkedIn (a profile link may still be unknown). */
    linkedinConnectedAt: integer("linkedin_connected_at"),
    /** Days between keep-in-touch prompts. */
    cadenceDays: integer("cadence_days").notNull().default(91),
    lastTouchedAt: integer("last_touched_at"),
    status: text("status", { enum: ["active", "stopped"] }).notNull().default("active"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("contacts_user_email").on(t.userId, t.email)],
);

export const meetings = sqliteTable(
  "meetings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    contactId: integer("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    uid: text("uid").notNull(),
    /** '' for a whole event or series; the RECURRENCE-ID instant (ISO) for one occurrence. */
    recurrenceId: text("recurrence_id").notNull().default(""),
    sequence: integer("sequence").notNull().default(0),
    dtstamp: integer("dtstamp"),
    summary: text("summary").notNull().default(""),
    startsAt: integer("starts_at").notNull(),
    endsAt: integer("ends_at").notNull(),
    allDay: integer("all_day", { mode: "boolean" }).notNull().default(false),
    /** The zone the invite was written in (IANA when known), for display and re-planning. */
    timeZone: text("time_zone"),
    location: text("location"),
    meetingUrl: text("meeting_url"),
    format: text("format", { enum: MEETING_FORMATS }).notNull().default("unknown"),
    meal: integer("meal", { mode: "boolean" }).notNull().default(false),
    /** Which meal or drink when `meal`; null otherwise (and for meetings stored before it was read). */
    mealKind: text("meal_kind", { enum: MEAL_KINDS }),
    /**
     * The invite's people other than the user, as JSON [{name, email}] (at most 20): who a reply
     * may mean by "it's with Elena Ruiz, not her assistant".
     */
    participants: text("participants"),
    /** The organizer's own words about the meeting (inbound/topic.ts): one line, for the prep sheet. */
    topic: text("topic"),
    status: text("status", { enum: MEETING_STATUSES }).notNull().default("scheduled"),
    inboundId: integer("inbound_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("meetings_user_uid").on(t.userId, t.uid, t.recurrenceId),
    // The digest's "coming up" and "last month" read a user's meetings by start time.
    index("meetings_user_start").on(t.userId, t.startsAt),
    // "Since you met": a contact's latest meeting (dispatch reads it for every check-in).
    index("meetings_contact_start").on(t.contactId, t.startsAt),
  ],
);

export const nudges = sqliteTable(
  "nudges",
  {
    /**
     * A rowid without AUTOINCREMENT: each insert with AUTOINCREMENT reads every row of
     * sqlite_sequence (docs/performance.md), and dispatch inserts a follow-up for many sends.
     * An id may come back only after the newest nudges were deleted, which only deleting a
     * user does; reply tokens and queue messages that name a nudge also name its user or claim.
     */
    id: integer("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    meetingId: integer("meeting_id").references(() => meetings.id, { onDelete: "cascade" }),
    contactId: integer("contact_id").references(() => contacts.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: NUDGE_KINDS }).notNull(),
    dueAt: integer("due_at").notNull(),
    status: text("status", { enum: NUDGE_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    providerMessageId: text("provider_message_id"),
    lastError: text("last_error"),
    /** While `queued` or `sending`: when the current claim's lease ends and a cron tick may claim the nudge again. */
    claimedUntil: integer("claimed_until"),
    /**
     * While `queued` or `sending`: the `now` of the cron tick that claimed it. The queue message
     * carries the same value, and a consumer acts only on nudges still held by that claim.
     */
    claimedAt: integer("claimed_at"),
    sentAt: integer("sent_at"),
    /** What a sent email listed, for acting on replies to it (a digest's numbered contacts), as JSON. */
    payload: text("payload"),
    /** Names the nudge's purpose (e.g. "prep:meeting:12") so it is never created twice. */
    uniqueKey: text("unique_key").notNull().unique(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    // The cron tick reads due nudges from the index alone: WHERE status = 'pending' AND
    // due_at <= now AND kind IN (...) ORDER BY due_at, kind, id. Partial, over pending nudges
    // only: a nudge leaves it when claimed, so taking and recording it write no entry here
    // (rows written are what D1 bills dearest), and sent history does not fill it.
    index("nudges_pending_due").on(t.dueAt, t.kind).where(sql`status = 'pending'`),
    // A meeting's nudge of one kind (the thank-you a follow-up waits for, the check-in a thank-you announces).
    index("nudges_meeting_kind").on(t.meetingId, t.kind),
    // Claims whose lease ran out (a tick or consumer that died): WHERE status IN ('queued', 'sending') AND claimed_until <= now.
    // Partial, over claimed nudges only: a pending or sent nudge has no entry to keep in step.
    index("nudges_claimed_until").on(t.claimedUntil).where(sql`status in ('queued', 'sending')`),
    // A contact's check-ins by status (one chain per contact: the others are cancelled).
    index("nudges_contact_kind_status").on(t.contactId, t.kind, t.status),
    // A user's nudges of a kind by status (the digest's open check-ins and last month's numbers).
    index("nudges_user_kind_status").on(t.userId, t.kind, t.status),
  ],
);

export const inboundMessages = sqliteTable(
  "inbound_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /**
     * The Message-ID header, or a digest of the raw bytes when a message has none. Unique with
     * the envelope sender, not alone: anyone can write any Message-ID, and one sender's message
     * must never make another's look like a duplicate (or resume its unfinished row).
     */
    messageId: text("message_id").notNull(),
    envelopeFrom: text("envelope_from").notNull(),
    envelopeTo: text("envelope_to").notNull(),
    receivedAt: integer("received_at").notNull(),
    rawKey: text("raw_key").notNull(),
    rawSize: integer("raw_size").notNull(),
    status: text("status", { enum: INBOUND_STATUSES }).notNull().default("received"),
    errorCode: text("error_code"),
    errorDetail: text("error_detail"),
    attempts: integer("attempts").notNull().default(1),
    updatedAt: integer("updated_at").notNull(),
    /** Set when housekeeping deleted the raw bytes from R2 (after RAW_RETENTION_DAYS). */
    rawDeletedAt: integer("raw_deleted_at"),
  },
  (t) => [
    uniqueIndex("inbound_message_sender").on(t.messageId, t.envelopeFrom),
    index("inbound_status_received").on(t.status, t.receivedAt),
    // Housekeeping: archived raw mail past its retention, oldest first.
    index("inbound_raw_retention").on(t.rawDeletedAt, t.receivedAt),
  ],
);

/** Notes a user keeps on a contact or meeting, by reply ("note: ...") or from unclear replies. */
export const notes = sqliteTable(
  "notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    contactId: integer("contact_id").references(() => contacts.id, { onDelete: "set null" }),
    meetingId: integer("meeting_id").references(() => meetings.id, { onDelete: "set null" }),
    body: text("body").notNull(),
    source: text("source", { enum: ["reply", "digest"] }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("notes_contact").on(t.contactId, t.createdAt), index("notes_user").on(t.userId, t.createdAt)],
);

export const LEAD_STATUSES = ["open", "met", "contacted", "dropped"] as const;

/**
 * People a contact suggested the user talk to ("he said to ask Omar in their data team"),
 * found in the user's notes. Open until an invite with that person arrives (met) or the user
 * drops it; `meetingId` is the meeting that closed it.
 */
export const leads = sqliteTable(
  "leads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Who suggested them; null once that contact is gone. */
    sourceContactId: integer("source_contact_id").references(() => contacts.id, { onDelete: "set null" }),
    name: text("name").notNull(),
    company: text("company"),
    team: text("team"),
    email: text("email"),
    status: text("status", { enum: LEAD_STATUSES }).notNull().default("open"),
    meetingId: integer("meeting_id").references(() => meetings.id, { onDelete: "set null" }),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    // The digest lists a user's open leads; an invite closes the ones it matches.
    index("leads_user_status").on(t.userId, t.status),
    index("leads_source").on(t.sourceContactId),
  ],
);

/** Local development only: every message the dev outbox mailer "sent", as Postmark would get it. */
export const devOutbox = sqliteTable("dev_outbox", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  tag: text("tag").notNull(),
  to: text("to").notNull(),
  /** The exact Postmark message object, as JSON. */
  message: text("message").notNull(),
  createdAt: integer("created_at")
    .notNull()
    .default(sql`(unixepoch() * 1000)`),
});

export type User = typeof users.$inferSelect;
export type Contact = typeof contacts.$inferSelect;
export type Meeting = typeof meetings.$inferSelect;
export type Nudge = typeof nudges.$inferSelect;
export type Note = typeof notes.$inferSelect;
export type LeadRow = typeof leads.$inferSelect;
export type InboundMessage = typeof inboundMessages.$inferSelect;
export type NudgeKind = (typeof NUDGE_KINDS)[number];
export type MeetingFormat = (typeof MEETING_FORMATS)[number];
export type MealKind = (typeof MEAL_KINDS)[number];
