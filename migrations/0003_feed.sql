ALTER TABLE `users` ADD `feed_version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `feed_token_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `users_feed_token_hash` ON `users` (`feed_token_hash`);