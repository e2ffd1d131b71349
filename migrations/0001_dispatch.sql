ALTER TABLE `inbound_messages` ADD `raw_deleted_at` integer;--> statement-breakpoint
CREATE INDEX `inbound_raw_retention` ON `inbound_messages` (`raw_deleted_at`,`received_at`);--> statement-breakpoint
ALTER TABLE `nudges` ADD `claimed_until` integer;--> statement-breakpoint
ALTER TABLE `nudges` ADD `sent_at` integer;--> statement-breakpoint
CREATE INDEX `nudges_status_claimed` ON `nudges` (`status`,`claimed_until`);--> statement-breakpoint
CREATE INDEX `nudges_contact` ON `nudges` (`contact_id`);--> statement-breakpoint
CREATE INDEX `nudges_user_kind` ON `nudges` (`user_id`,`kind`);--> statement-breakpoint
CREATE INDEX `meetings_user_start` ON `meetings` (`user_id`,`starts_at`);