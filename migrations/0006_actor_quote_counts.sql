CREATE TABLE `actor_quote_counts` (
	`actor_id` text PRIMARY KEY NOT NULL,
	`quotes` integer NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `actors`(`id`) ON UPDATE no action ON DELETE no action
);
