CREATE TABLE `actor_aliases` (
	`actor_id` text NOT NULL,
	`alias` text NOT NULL,
	`source_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	PRIMARY KEY(`actor_id`, `source_id`, `start`),
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
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
CREATE TABLE `actor_profiles` (
	`actor_rowid` integer PRIMARY KEY NOT NULL,
	`json` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `actor_quote_counts` (
	`actor_id` text PRIMARY KEY NOT NULL,
	`quotes` integer NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `actor_relations` (
	`id` integer PRIMARY KEY NOT NULL,
	`subject_id` text NOT NULL,
	`type` text NOT NULL,
	`object_id` text NOT NULL,
	`source_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	FOREIGN KEY (`subject_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`object_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `actor_relations_subject` ON `actor_relations` (`subject_id`);--> statement-breakpoint
CREATE INDEX `actor_relations_object` ON `actor_relations` (`object_id`);--> statement-breakpoint
CREATE TABLE `actor_roles` (
	`id` integer PRIMARY KEY NOT NULL,
	`actor_id` text NOT NULL,
	`title` text NOT NULL,
	`of_actor_id` text,
	`source_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`of_actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `actor_roles_actor` ON `actor_roles` (`actor_id`);--> statement-breakpoint
CREATE TABLE `actor_timeline` (
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
CREATE TABLE `actors` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`description` text,
	`wikidata` text
);
--> statement-breakpoint
CREATE INDEX `actors_kind_id` ON `actors` (`kind`,`id`);--> statement-breakpoint
CREATE TABLE `claims` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`source_id` text NOT NULL,
	`property` text NOT NULL,
	`about` text,
	`value` text NOT NULL,
	`attributed_actor_id` text,
	`attributed_description` text,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`text` text NOT NULL,
	`approximate` integer DEFAULT false NOT NULL,
	`status` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`attributed_actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `claims_event` ON `claims` (`event_id`,`id`);--> statement-breakpoint
CREATE INDEX `claims_source` ON `claims` (`source_id`,`id`);--> statement-breakpoint
CREATE INDEX `claims_property` ON `claims` (`property`,`id`);--> statement-breakpoint
CREATE INDEX `claims_status` ON `claims` (`status`,`id`);--> statement-breakpoint
CREATE INDEX `claims_attributed` ON `claims` (`attributed_actor_id`,`id`);--> statement-breakpoint
CREATE TABLE `contested_dates` (
	`event_rowid` integer NOT NULL,
	`start` text NOT NULL,
	`end` text NOT NULL,
	PRIMARY KEY(`event_rowid`, `start`, `end`)
);
--> statement-breakpoint
CREATE TABLE `event_documents` (
	`event_rowid` integer PRIMARY KEY NOT NULL,
	`participants` text NOT NULL,
	`evidence` text NOT NULL,
	`dates` text DEFAULT '[]' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `event_evidence` (
	`id` integer PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`source_id` text NOT NULL,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`text` text NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `event_evidence_event` ON `event_evidence` (`event_id`,`source_id`,`start`);--> statement-breakpoint
CREATE INDEX `event_evidence_source` ON `event_evidence` (`source_id`,`event_id`);--> statement-breakpoint
CREATE TABLE `event_items` (
	`event_rowid` integer PRIMARY KEY NOT NULL,
	`json` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `event_participants` (
	`event_id` text NOT NULL,
	`actor_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`event_id`, `actor_id`, `role`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `events` (
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
CREATE INDEX `events_timeline` ON `events` (`start`,`end`,`id`);--> statement-breakpoint
CREATE INDEX `events_type_timeline` ON `events` (`type`,`start`,`end`,`id`);--> statement-breakpoint
CREATE INDEX `events_status_timeline` ON `events` (`status`,`start`,`end`,`id`);--> statement-breakpoint
CREATE INDEX `events_agreed_timeline` ON `events` (`precision`,`start`,`end`,`id`,`date_status`) WHERE "events"."date_status" <> 'contested';--> statement-breakpoint
CREATE INDEX `events_contested_timeline` ON `events` (`start`,`end`,`id`) WHERE "events"."date_status" = 'contested';--> statement-breakpoint
CREATE TABLE `facet_counts` (
	`slice` text NOT NULL,
	`facet` text NOT NULL,
	`rank` integer NOT NULL,
	`value` text NOT NULL,
	`events` integer NOT NULL,
	PRIMARY KEY(`slice`, `facet`, `rank`)
);
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `quote_documents` (
	`reading_rank` integer PRIMARY KEY NOT NULL,
	`document` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `quote_items` (
	`reading_rank` integer PRIMARY KEY NOT NULL,
	`json` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `quotes` (
	`id` text PRIMARY KEY NOT NULL,
	`source_id` text NOT NULL,
	`ordinal` integer NOT NULL,
	`text` text NOT NULL,
	`speaker_id` text,
	`speaker_description` text,
	`start` integer NOT NULL,
	`end` integer NOT NULL,
	`prefix` text NOT NULL,
	`suffix` text NOT NULL,
	`kind` text NOT NULL,
	`event_id` text,
	`reported_via_id` text,
	`subject_id` text,
	`attribution` text DEFAULT 'explicit' NOT NULL,
	`attribution_reason` text,
	`reading_rank` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`speaker_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reported_via_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`subject_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quotes_rank` ON `quotes` (`reading_rank`);--> statement-breakpoint
CREATE UNIQUE INDEX `quotes_reading` ON `quotes` (`source_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `quotes_speaker` ON `quotes` (`speaker_id`,`source_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `quotes_event` ON `quotes` (`event_id`,`source_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `quotes_kind` ON `quotes` (`kind`,`source_id`,`ordinal`);--> statement-breakpoint
CREATE INDEX `quotes_subject` ON `quotes` (`subject_id`,`source_id`,`ordinal`);--> statement-breakpoint
CREATE TABLE `search_terms` (
	`fts` text NOT NULL,
	`term` text NOT NULL,
	PRIMARY KEY(`fts`, `term`)
);
--> statement-breakpoint
CREATE TABLE `sources` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`outlet` text NOT NULL,
	`authors` text NOT NULL,
	`published` text NOT NULL,
	`timezone` text NOT NULL,
	`dateline` text,
	`language` text NOT NULL,
	`url` text,
	`text_file` text NOT NULL,
	`body` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sources_published` ON `sources` (`published`,`id`);--> statement-breakpoint
CREATE TABLE `volume_apart` (
	`unit` text NOT NULL,
	`dim` text NOT NULL,
	`start` text NOT NULL,
	`end` text NOT NULL,
	`value` text NOT NULL,
	`events` integer NOT NULL,
	PRIMARY KEY(`unit`, `dim`, `start`, `end`, `value`)
);
--> statement-breakpoint
CREATE TABLE `volume_counts` (
	`unit` text NOT NULL,
	`dim` text NOT NULL,
	`period` text NOT NULL,
	`value` text NOT NULL,
	`events` integer NOT NULL,
	PRIMARY KEY(`unit`, `dim`, `period`, `value`)
);
