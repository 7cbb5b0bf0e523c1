import { describe, expect, it } from 'vitest';
import type { FacetCounts } from '../../../src/features/events/aggregates.js';
import type { Event } from '../../../src/features/events/item.js';
import { useSeededApp, walk } from '../../helpers.js';
import { countsOf, FACET_VALUES } from './facet-values.js';

const ctx = useSeededApp();

async function get<T>(url: string, status = 200): Promise<T> {
  const res = await ctx.app.inject({ url });
  expect(res.statusCode, url).toBe(status);
  return res.json() as T;
}

describe('GET /v1/events?facets=&count=exact', () => {
  for (const filter of [
    '',
    'from=2020-06&to=2020-06',
    'actor=north-korea',
    'q=leaflets',
    'source=nyt-2020-06-24&type=policy',
  ]) {
    it(`counts each facet over the whole filtered list, as a walk of its pages does (${filter || 'no filter'})`, async () => {
      const url = `/v1/events?${filter}`;
      const events = await walk<Event>(ctx, url, 7);
      const body = await get<{ page: { total: number }; facets: Record<string, FacetCounts> }>(
        `${url}&limit=3&count=exact&facets=${Object.keys(FACET_VALUES).join(',')}`,
      );
      expect(body.page.total).toBe(events.length);
      for (const [facet, valuesOf] of Object.entries(FACET_VALUES)) {
        const counts = countsOf(events, valuesOf);
        const shown = body.facets[facet];
        expect(shown?.truncated, facet).toBe(counts.size > 20);
        expect(new Map(shown?.values.map((v) => [v.value, v.count])), facet).toEqual(
          new Map([...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 20)),
        );
        // Most frequent first, ties by value.
        const values = shown?.values ?? [];
        const sorted = [...values].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
        expect(values).toEqual(sorted);
      }
    });
  }

  it('on an actor’s own timeline too', async () => {
    const events = await walk<Event>(ctx, '/v1/actors/kim-jong-un/events', 4);
    const body = await get<{ page: { total: number }; facets: Record<string, FacetCounts> }>(
      '/v1/actors/kim-jong-un/events?facets=type&count=exact',
    );
    expect(body.page.total).toBe(events.length);
    expect(body.facets.type?.values.reduce((sum, v) => sum + v.count, 0)).toBe(events.length);
  });

  it('costs nothing when not asked for: no facets, no total', async () => {
    const body = await get<Record<string, unknown> & { page: Record<string, unknown> }>('/v1/events?limit=1');
    expect(body.facets).toBeUndefined();
    expect(body.page.total).toBeUndefined();
  });

  it('answers 400 naming the parameter for an unknown facet or count', async () => {
    for (const [query, name] of [
      ['facets=type,colour', 'facets'],
      ['facets=', 'facets'],
      ['count=estimated', 'count'],
    ] as const) {
      const problem = await get<{ errors: { name: string }[] }>(`/v1/events?${query}`, 400);
      expect(
        problem.errors.map((e) => e.name),
        query,
      ).toEqual([name]);
    }
  });
});
