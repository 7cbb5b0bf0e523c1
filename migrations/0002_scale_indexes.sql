CREATE TABLE `actor_event_counts` (
	`actor_id` text NOT NULL,
	`type` text NOT NULL,
	`events` integer NOT NULL,
	`first_start` text NOT NULL,
	`last_end` text NOT NULL,
	PRIMARY KEY(`actor_id`, `type`),
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `actor_timeline` (
	`actor_id` text NOT NULL,
	`start` text NOT NULL,
	`end` text NOT NULL,
	`event_id` text NOT NULL,
	PRIMARY KEY(`actor_id`, `start`, `end`, `event_id`),
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP INDEX `event_participants_actor`;--> statement-breakpoint
DROP INDEX `quotes_source`;--> statement-breakpoint
DROP INDEX `quotes_speaker`;--> statement-breakpoint
DROP INDEX `quotes_event`;--> statement-breakpoint
CREATE UNIQUE INDEX `quotes_reading` ON `quotes` (`source_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `quotes_kind` ON `quotes` (`kind`,`source_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `quotes_speaker` ON `quotes` (`speaker_id`,`source_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `quotes_event` ON `quotes` (`event_id`,`source_id`,`ordinal`);--> statement-breakpoint
DROP INDEX `claims_event`;--> statement-breakpoint
CREATE INDEX `claims_event` ON `claims` (`event_id`,`id`);