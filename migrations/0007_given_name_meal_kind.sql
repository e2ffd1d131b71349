ALTER TABLE `contacts` ADD `given_name` text;--> statement-breakpoint
ALTER TABLE `meetings` ADD `meal_kind` text;