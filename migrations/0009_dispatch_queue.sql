DROP INDEX `nudges_status_due`;--> statement-breakpoint
DROP INDEX `nudges_meeting`;--> statement-breakpoint
DROP INDEX `nudges_contact`;--> statement-breakpoint
DROP INDEX `nudges_user_kind`;--> statement-breakpoint
ALTER TABLE `nudges` ADD `claimed_at` integer;--> statement-breakpoint
CREATE INDEX `nudges_due` ON `nudges` (`status`,`due_at`,`kind`);--> statement-breakpoint
CREATE INDEX `nudges_meeting_kind` ON `nudges` (`meeting_id`,`kind`);--> statement-breakpoint
CREATE INDEX `nudges_contact_kind_status` ON `nudges` (`contact_id`,`kind`,`status`);--> statement-breakpoint
CREATE INDEX `nudges_user_kind_status` ON `nudges` (`user_id`,`kind`,`status`);