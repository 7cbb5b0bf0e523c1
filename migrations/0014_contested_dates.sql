CREATE TABLE `contested_dates` (
	`event_rowid` integer NOT NULL,
	`start` text NOT NULL,
	`end` text NOT NULL,
	PRIMARY KEY(`event_rowid`, `start`, `end`)
);
