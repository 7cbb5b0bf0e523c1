PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_events` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`summary` text NOT NULL,
	`type` text NOT NULL,
	`location` text,
	`start` text NOT NULL,
	`end` text NOT NULL,
	`precision` text NOT NULL,
	`edtf` text NOT NULL,
	`approximate` integer NOT NULL,
	`phrase` text,
	`date_reason` text,
	`date_source_id` text,
	`date_status` text DEFAULT 'single_source' NOT NULL,
	`tense` text DEFAULT 'reported' NOT NULL,
	`status` text NOT NULL,
	FOREIGN KEY (`date_source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_events`("id", "title", "summary", "type", "location", "start", "end", "precision", "edtf", "approximate", "phrase", "date_source_id", "status") SELECT "id", "title", "summary", "type", "location", "start", "end", "precision", "edtf", "approximate", "phrase", "date_source_id", "status" FROM `events`;--> statement-breakpoint
DROP TABLE `events`;--> statement-breakpoint
ALTER TABLE `__new_events` RENAME TO `events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `events_timeline` ON `events` (`start`,`end`,`id`);--> statement-breakpoint
CREATE INDEX `events_type_timeline` ON `events` (`type`,`start`,`end`,`id`);--> statement-breakpoint
CREATE INDEX `events_status_timeline` ON `events` (`status`,`start`,`end`,`id`);--> statement-breakpoint
CREATE INDEX `events_precision_timeline` ON `events` (`precision`,`start`,`end`,`id`);--> statement-breakpoint
ALTER TABLE `claims` ADD `approximate` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX `claims_attributed` ON `claims` (`attributed_actor_id`,`id`);--> statement-breakpoint
ALTER TABLE `event_documents` ADD `dates` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `quotes` ADD `subject_id` text REFERENCES actors(id);--> statement-breakpoint
ALTER TABLE `quotes` ADD `attribution` text DEFAULT 'explicit' NOT NULL;--> statement-breakpoint
ALTER TABLE `quotes` ADD `attribution_reason` text;--> statement-breakpoint
CREATE INDEX `quotes_subject` ON `quotes` (`subject_id`,`source_id`,`ordinal`);