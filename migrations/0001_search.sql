-- Full-text search (FTS5). unicode61 with remove_diacritics 2 folds case and accents; hyphens and
-- punctuation separate tokens, so "kim jong un" matches "Kim Jong-un".
CREATE VIRTUAL TABLE `actor_search` USING fts5(`actor_id` UNINDEXED, `names`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE VIRTUAL TABLE `event_search` USING fts5(`event_id` UNINDEXED, `title`, `summary`, `evidence`, tokenize = 'unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE VIRTUAL TABLE `quote_search` USING fts5(`quote_id` UNINDEXED, `text`, tokenize = 'unicode61 remove_diacritics 2');
