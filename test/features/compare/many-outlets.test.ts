import { describe, expect, it } from 'vitest';
import { sourcePairs } from '../../../src/features/compare/repository.js';
import { useSyntheticApp } from '../../helpers.js';

/**
 * Eight outlets telling one week's events (the synthetic corpus with `outlets: 8`): overlapping
 * events, told at other dates, more coarsely and in other words. The agreement matrix of
 * `/v1/compare` must count each pair as comparing only those two would.
 */

interface Summary {
  events: number;
  shared: number;
  aspects: Record<string, number>;
  pairs: { sources: string[]; shared: number; aspects: Record<string, number> }[];
}

const ctx = useSyntheticApp(120, 11, 8);

async function summary(sources: string[]): Promise<Summary> {
  const query = sources.map((s) => `source=${s}`).join('&');
  const res = await ctx.app.inject({ url: `/v1/compare?${query}&limit=1` });
  expect(res.statusCode, query).toBe(200);
  return (res.json() as { summary: Summary }).summary;
}

const WEEK = Array.from({ length: 8 }, (_, i) => `syn-s${i}`);

describe('eight outlets compared', () => {
  it('are eight outlets, telling events two or more of them share', () => {
    const outlets = ctx.db.$client
      .prepare(`SELECT count(DISTINCT outlet) FROM sources WHERE id IN (${WEEK.map(() => '?').join()})`)
      .pluck()
      .get(...WEEK);
    expect(outlets).toBe(8);
    const tellers = ctx.db.$client
      .prepare('SELECT count(DISTINCT source_id) FROM event_evidence GROUP BY event_id')
      .pluck()
      .all() as number[];
    expect(Math.max(...tellers)).toBeGreaterThanOrEqual(4);
  });

  it('give every pair once, each counted as the comparison of those two alone', async () => {
    const { pairs } = await summary(WEEK);
    expect(pairs.map((p) => p.sources)).toEqual(sourcePairs(WEEK));
    expect(pairs).toHaveLength(28);
    for (const pair of pairs) {
      const alone = await summary(pair.sources);
      expect(pair, pair.sources.join(' × ')).toEqual({
        sources: pair.sources,
        shared: alone.shared,
        aspects: alone.aspects,
      });
      expect(alone.pairs).toEqual([pair]);
    }
  });

  it('disagree in dates, counts and framings somewhere in the matrix', async () => {
    const { pairs } = await summary(WEEK);
    const total = (verdict: string) => pairs.reduce((n, p) => n + (p.aspects[verdict] ?? 0), 0);
    expect(pairs.filter((p) => p.shared > 0).length).toBeGreaterThan(14);
    for (const verdict of ['corroborated', 'compatible', 'contested', 'differing_characterisation'])
      expect(total(verdict), verdict).toBeGreaterThan(0);
  });
});

describe('sourcePairs', () => {
  it.each([
    [[], []],
    [['a'], []],
    [['a', 'b'], [['a', 'b']]],
    [
      ['a', 'b', 'c'],
      [
        ['a', 'b'],
        ['a', 'c'],
        ['b', 'c'],
      ],
    ],
  ])('pairs %j as %j', (sources, pairs) => {
    expect(sourcePairs(sources)).toEqual(pairs);
  });
});
