CREATE TABLE `quote_documents` (
	`reading_rank` integer PRIMARY KEY NOT NULL,
	`document` text NOT NULL
);
