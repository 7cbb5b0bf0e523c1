CREATE TABLE `event_documents` (
	`event_rowid` integer PRIMARY KEY NOT NULL,
	`participants` text NOT NULL,
	`evidence` text NOT NULL
);
