-- nudges without AUTOINCREMENT: an insert into an AUTOINCREMENT table reads every row of
-- sqlite_sequence, and dispatch inserts a follow-up for many of the nudges it sends
-- (docs/performance.md). SQLite cannot drop AUTOINCREMENT in place, so the table is rebuilt.
-- No table references nudges, so the rebuild needs no foreign-key pragma (D1 enforces
-- foreign keys in every migration and cannot turn them off); the rows copied keep their ids.
CREATE TABLE `__new_nudges` (
	`id` integer PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`meeting_id` integer,
	`contact_id` integer,
	`kind` text NOT NULL,
	`due_at` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`provider_message_id` text,
	`last_error` text,
	`claimed_until` integer,
	`claimed_at` integer,
	`sent_at` integer,
	`payload` text,
	`unique_key` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_nudges`("id", "user_id", "meeting_id", "contact_id", "kind", "due_at", "status", "attempts", "provider_message_id", "last_error", "claimed_until", "claimed_at", "sent_at", "payload", "unique_key", "created_at", "updated_at") SELECT "id", "user_id", "meeting_id", "contact_id", "kind", "due_at", "status", "attempts", "provider_message_id", "last_error", "claimed_until", "claimed_at", "sent_at", "payload", "unique_key", "created_at", "updated_at" FROM `nudges`;--> statement-breakpoint
DROP TABLE `nudges`;--> statement-breakpoint
ALTER TABLE `__new_nudges` RENAME TO `nudges`;--> statement-breakpoint
CREATE UNIQUE INDEX `nudges_unique_key_unique` ON `nudges` (`unique_key`);--> statement-breakpoint
CREATE INDEX `nudges_due` ON `nudges` (`status`,`due_at`,`kind`);--> statement-breakpoint
CREATE INDEX `nudges_meeting_kind` ON `nudges` (`meeting_id`,`kind`);--> statement-breakpoint
CREATE INDEX `nudges_status_claimed` ON `nudges` (`status`,`claimed_until`);--> statement-breakpoint
CREATE INDEX `nudges_contact_kind_status` ON `nudges` (`contact_id`,`kind`,`status`);--> statement-breakpoint
CREATE INDEX `nudges_user_kind_status` ON `nudges` (`user_id`,`kind`,`status`);