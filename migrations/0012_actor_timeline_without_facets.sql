ALTER TABLE `actor_timeline` DROP COLUMN `status`;--> statement-breakpoint
ALTER TABLE `actor_timeline` DROP COLUMN `precision`;