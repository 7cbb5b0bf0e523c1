CREATE TABLE `facet_counts` (
	`facet` text NOT NULL,
	`rank` integer NOT NULL,
	`value` text NOT NULL,
	`events` integer NOT NULL,
	PRIMARY KEY(`facet`, `rank`)
);
--> statement-breakpoint
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
