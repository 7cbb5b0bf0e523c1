CREATE TABLE `search_terms` (
	`fts` text NOT NULL,
	`term` text NOT NULL,
	PRIMARY KEY(`fts`, `term`)
);
