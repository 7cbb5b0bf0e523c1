import { and, asc, eq, gte, lt, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { Db } from './open.js';
import { searchTerms } from './schema.js';

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

/**
 * The seed's statements that list the terms of `index` in search_terms, read off a temporary
 * fts5vocab table (which reads every term's rows to count them: a seed's work, not a request's).
 */
export function listTerms(index: FtsIndex): string[] {
  const vocab = `temp.${index.name}_vocab`;
  return [
    `CREATE VIRTUAL TABLE ${vocab} USING fts5vocab(main, '${index.name}', 'row')`,
    `INSERT INTO search_terms (fts, term) SELECT '${index.name}', term FROM ${vocab}`,
    `DROP TABLE ${vocab}`,
  ];
}

/** How many terms a prefix is asked as, at most; past that, FTS5 takes it as a prefix. */
export const MAX_PREFIX_TERMS = 32;

/** The terms of a full-text index that begin with a prefix, or undefined past a bound. */
export type TermsOf = (prefix: string) => readonly string[] | undefined;

/** `TermsOf` for `index`, from the terms the seed listed (search_terms), up to `max` of them. */
export function prepareTermsOf(db: Db, index: FtsIndex, max = MAX_PREFIX_TERMS): TermsOf {
  const query = db
    .select({ term: searchTerms.term })
    .from(searchTerms)
    .where(
      and(
        eq(searchTerms.fts, index.name),
        gte(searchTerms.term, sql.placeholder('prefix')),
        lt(searchTerms.term, sql.placeholder('after')),
      ),
    )
    .orderBy(asc(searchTerms.term))
    .limit(max + 1)
    .prepare();
  return (prefix) => {
    // U+10FFFF sorts after every character that can follow the prefix in a term.
    const terms = query.all({ prefix, after: `${prefix}\u{10FFFF}` }).map((r) => r.term);
    return terms.length > max ? undefined : terms;
  };
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
 * `Kim Jong-un`. With `termsOf`, the prefix is asked as the index's terms that begin with it, one
 * of which must occur: the same matches, found without reading every matching term's rows first.
 * Undefined when the input has no words at all (e.g. `"*"`).
 */
export function toFtsQuery(input: string, termsOf?: TermsOf): string | undefined {
  const words = searchWords(input).slice(0, 16);
  if (words.length === 0) return undefined;
  const prefix = prefixMatch(words[words.length - 1] as string, termsOf);
  const before = words.slice(0, -1).map(token);
  // FTS5 reads a parenthesised group after a phrase only with an explicit AND.
  if (prefix.startsWith('(') && before.length > 0) return `${before.join(' ')} AND ${prefix}`;
  return [...before, prefix].join(' ');
}

/** A word or term as an FTS5 string token, whatever it spells. */
const token = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** The last word: as the terms it begins where they are known, else as an FTS5 prefix. */
function prefixMatch(word: string, termsOf: TermsOf | undefined): string {
  const terms = termsOf?.(word);
  if (terms === undefined) return `${token(word)}*`;
  // No term begins with it: the word alone matches nothing either.
  if (terms.length === 0) return token(word);
  return terms.length === 1 ? token(terms[0] as string) : `(${terms.map(token).join(' OR ')})`;
}
