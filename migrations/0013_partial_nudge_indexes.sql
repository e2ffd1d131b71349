-- Partial indexes for what the cron tick looks up: pending nudges by due time, claimed ones by
-- lease. A nudge is in each only while it is in that state, so the take and the outcome write
-- no entry in the first, and pending or sent nudges none in the second (docs/performance.md).
DROP INDEX `nudges_due`;--> statement-breakpoint
DROP INDEX `nudges_status_claimed`;--> statement-breakpoint
CREATE INDEX `nudges_pending_due` ON `nudges` (`due_at`,`kind`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `nudges_claimed_until` ON `nudges` (`claimed_until`) WHERE status in ('queued', 'sending');