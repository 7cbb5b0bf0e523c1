-- actor_timeline is derived by the seed after the migrations (src/seed/derived.ts): nothing to copy.
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_actor_timeline` (
	`actor_id` text NOT NULL,
	`start` text NOT NULL,
	`end` text NOT NULL,
	`event_id` text NOT NULL,
	`type` text NOT NULL,
	`event_rowid` integer NOT NULL,
	PRIMARY KEY(`actor_id`, `start`, `end`, `event_id`, `event_rowid`),
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
DROP TABLE `actor_timeline`;--> statement-breakpoint
ALTER TABLE `__new_actor_timeline` RENAME TO `actor_timeline`;--> statement-breakpoint
PRAGMA foreign_keys=ON;