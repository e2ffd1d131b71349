-- contacts.next_check_in_at repeated the due time of the contact's pending check-in, kept in step
-- in three places and read by nothing: the nudge is the one record of when the next check-in is.
ALTER TABLE `contacts` DROP COLUMN `next_check_in_at`;