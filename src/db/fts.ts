import { type Placeholder, type SQL, sql } from 'drizzle-orm';

/**
 * The full-text indexes (FTS5, created by migrations/0001_search.sql), declared once for the seed
 * that fills them and the queries that search them. Each index row has the rowid of the row it
 * indexes, so a match is an integer-key lookup (a quote's is its reading rank: matches come out in
 * reading order).
 */

export interface FtsIndex {
  readonly name: string;
  /** The index's columns after the rowid, in order. */
  readonly columns: readonly string[];
}

export const actorSearch: FtsIndex = { name: 'actor_search', columns: ['actor_id', 'names'] };
export const eventSearch: FtsIndex = {
  name: 'event_search',
  columns: ['event_id', 'title', 'summary', 'evidence'],
};
export const quoteSearch: FtsIndex = { name: 'quote_search', columns: ['quote_id', 'text'] };

/** `INSERT INTO <index> (rowid, <columns>)`, to be followed by the SELECT that fills it. */
export function insertInto(index: FtsIndex): string {
  return `INSERT INTO ${index.name} (rowid, ${index.columns.join(', ')})`;
}

/** `<rowid> IN (SELECT rowid FROM <index> WHERE <index> MATCH <match>)`: the rows whose entry matches. */
export function rowidMatches(index: FtsIndex, rowid: SQL, match: Placeholder): SQL {
  const name = sql.raw(index.name);
  return sql`${rowid} IN (SELECT rowid FROM ${name} WHERE ${name} MATCH ${match})`;
}

/** `<index> MATCH <match>`, where the index itself is in the FROM clause. */
export function matches(index: FtsIndex, match: Placeholder): SQL {
  return sql`${sql.identifier(index.name)} MATCH ${match}`;
}

/**
 * User search input → a safe FTS5 query. Input is treated as plain words: FTS syntax a user types
 * (quotes, `*`, `-`, `OR`, `NEAR`, parentheses) never reaches the parser as syntax, so it never errors.
 */

/** The words of the input, folded like the unicode61 tokenizer folds the indexed text. */
export function searchWords(input: string): string[] {
  const folded = input
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Every word must occur (AND); the last one also matches as a prefix so that `kim jo` finds
 * `Kim Jong-un`. Undefined when the input has no words at all (e.g. `"*"`).
 */
export function toFtsQuery(input: string): string | undefined {
  const words = searchWords(input).slice(0, 16);
  if (words.length === 0) return undefined;
  // Each word is double-quoted, which makes it a string token for FTS5 whatever it spells.
  return words.map((w, i) => (i === words.length - 1 ? `"${w}"*` : `"${w}"`)).join(' ');
}
