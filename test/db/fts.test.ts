import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  MAX_PREFIX_TERMS,
  prepareTermsOf,
  quoteSearch,
  searchWords,
  type TermsOf,
  toFtsQuery,
} from '../../src/db/fts.js';
import { bothCorpora, useSeededApp } from '../helpers.js';

describe('search input', () => {
  it('folds case, accents and hyphens the way the index does', () => {
    expect(searchWords('Kim Jong-un')).toEqual(['kim', 'jong', 'un']);
    expect(searchWords('DÉTENTE')).toEqual(['detente']);
  });

  it('turns words into quoted FTS tokens, the last one a prefix', () => {
    expect(toFtsQuery('kim jong un')).toBe('"kim" "jong" "un"*');
  });

  it('treats FTS syntax as plain words', () => {
    // Only double-quoted runs of letters and digits, the last one with a prefix star.
    for (const hostile of [
      '"unbalanced',
      'a OR b',
      'NEAR(a b)',
      '-kim',
      'kim*',
      '(x',
      'x AND',
      "'; DROP TABLE events; --",
    ])
      expect(toFtsQuery(hostile)).toMatch(/^("[\p{L}\p{N}]+" )*"[\p{L}\p{N}]+"\*$/u);
    expect(toFtsQuery('a OR b')).toBe('"a" "or" "b"*');
  });

  it('has no query for input without words', () => {
    expect(toFtsQuery('*')).toBeUndefined();
    expect(toFtsQuery('  -- ')).toBeUndefined();
    expect(toFtsQuery('((')).toBeUndefined();
  });
});

describe('the last word, asked as the terms it begins', () => {
  const terms: Record<string, string[]> = { sta: ['stand', 'state', 'statement'], kim: ['kim'], zz: [] };
  const termsOf: TermsOf = (prefix) => terms[prefix] ?? undefined;

  it.each([
    ['the terms, one of which must occur', 'north sta', '"north" AND ("stand" OR "state" OR "statement")'],
    ['a single term as itself', 'jong kim', '"jong" "kim"'],
    ['no term: the word alone, which matches nothing', 'zz', '"zz"'],
    ['terms not known (too many): an FTS5 prefix', 'north st', '"north" "st"*'],
    ['only the last word', 'sta sta', '"sta" AND ("stand" OR "state" OR "statement")'],
  ])('%s', (_, input, query) => {
    expect(toFtsQuery(input, termsOf)).toBe(query);
  });
});

describe('terms listed by the seed', () => {
  const ctx = useSeededApp();
  /** Every prefix of every term, and of a few that are no term's. */
  const prefixesOf = (words: string[]) => [
    ...new Set([...words.flatMap((w) => [...w].map((_, i) => w.slice(0, i + 1))), 'zzzq', 'é']),
  ];

  it.each(bothCorpora(ctx, 3000, 5))(
    "are the index's vocabulary, and find what a prefix query finds, on %s",
    (_, open) => {
      const db = open();
      const client = db.$client;
      // FTS5's own list of the index's terms, on a connection of its own (the app's is query-only).
      const reader = new Database(client.name, { readonly: true });
      reader.exec("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, 'quote_search', 'row')");
      const vocabulary = reader
        .prepare('SELECT term FROM temp.vocab ORDER BY term')
        .pluck()
        .all() as string[];
      reader.close();
      const listed = client
        .prepare("SELECT term FROM search_terms WHERE fts = 'quote_search' ORDER BY term")
        .pluck()
        .all() as string[];
      expect(listed).toEqual(vocabulary);
      expect(listed.length).toBeGreaterThan(50);

      const prefixes = prefixesOf(vocabulary);
      const search = client
        .prepare('SELECT rowid FROM quote_search WHERE quote_search MATCH ? ORDER BY rowid')
        .pluck();
      // At the bound the seed corpus needs, and at one low enough that some prefixes pass it.
      for (const max of [MAX_PREFIX_TERMS, 3]) {
        const termsOf = prepareTermsOf(db, quoteSearch, max);
        const counts = { listed: 0, tooMany: 0 };
        for (const prefix of prefixes) {
          const begun = vocabulary.filter((term) => term.startsWith(prefix));
          const known = termsOf(prefix);
          expect(known, prefix).toEqual(begun.length > max ? undefined : begun);
          if (known === undefined) counts.tooMany++;
          else if (known.length > 1) counts.listed++;
          for (const input of [prefix, `${vocabulary[0]} ${prefix}`])
            expect(search.all(toFtsQuery(input, termsOf)), input).toEqual(search.all(toFtsQuery(input)));
        }
        expect(counts.listed, `max ${max}`).toBeGreaterThan(5);
        if (max === 3) expect(counts.tooMany).toBeGreaterThan(5);
      }
    },
  );
});
