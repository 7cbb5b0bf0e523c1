CREATE TABLE `actor_profiles` (
	`actor_rowid` integer PRIMARY KEY NOT NULL,
	`json` text NOT NULL
);
