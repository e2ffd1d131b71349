DROP INDEX `inbound_messages_message_id_unique`;--> statement-breakpoint
CREATE UNIQUE INDEX `inbound_message_sender` ON `inbound_messages` (`message_id`,`envelope_from`);