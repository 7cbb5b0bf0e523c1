import { describe, expect, it } from 'vitest';
import { searchWords, toFtsQuery } from '../../src/db/fts.js';

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
