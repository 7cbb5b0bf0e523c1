CREATE TABLE `event_items` (
	`event_rowid` integer PRIMARY KEY NOT NULL,
	`json` text NOT NULL
);
