PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_facet_counts` (
	`slice` text NOT NULL,
	`facet` text NOT NULL,
	`rank` integer NOT NULL,
	`value` text NOT NULL,
	`events` integer NOT NULL,
	PRIMARY KEY(`slice`, `facet`, `rank`)
);
--> statement-breakpoint
INSERT INTO `__new_facet_counts`("slice", "facet", "rank", "value", "events") SELECT '', "facet", "rank", "value", "events" FROM `facet_counts`;--> statement-breakpoint
DROP TABLE `facet_counts`;--> statement-breakpoint
ALTER TABLE `__new_facet_counts` RENAME TO `facet_counts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
ALTER TABLE `actor_timeline` ADD `status` text DEFAULT 'single_source' NOT NULL;--> statement-breakpoint
ALTER TABLE `actor_timeline` ADD `precision` text DEFAULT 'day' NOT NULL;