ALTER TABLE `quotes` ADD `reading_rank` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX `quotes_rank` ON `quotes` (`reading_rank`);--> statement-breakpoint
CREATE INDEX `events_precision_timeline` ON `events` (`precision`,`start`,`end`,`id`);