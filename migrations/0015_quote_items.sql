CREATE TABLE `quote_items` (
	`reading_rank` integer PRIMARY KEY NOT NULL,
	`json` text NOT NULL
);
