CREATE TABLE `leads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`source_contact_id` integer,
	`name` text NOT NULL,
	`company` text,
	`team` text,
	`email` text,
	`status` text DEFAULT 'open' NOT NULL,
	`meeting_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`source_contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `leads_user_status` ON `leads` (`user_id`,`status`);--> statement-breakpoint
CREATE INDEX `leads_source` ON `leads` (`source_contact_id`);--> statement-breakpoint
ALTER TABLE `meetings` ADD `participants` text;