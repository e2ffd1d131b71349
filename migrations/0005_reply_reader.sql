ALTER TABLE `contacts` ADD `linkedin_connected_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `goal` text;