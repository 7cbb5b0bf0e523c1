import { describe, expect, it } from 'vitest';
import { getter, useSeededApp, walk } from '../helpers.js';

const ctx = useSeededApp();
const get = getter(ctx);

/** Every list endpoint, bare and under a filter, so that cursors are shown stable under filters. */
const LISTS = [
  '/v1/sources',
  '/v1/events',
  '/v1/events?from=2020-06&to=2020-06&source=nyt-2020-06-24',
  '/v1/events?actor=kim-jong-un&actor=kim-yo-jong&q=north',
  '/v1/actors',
  '/v1/actors?kind=person',
  '/v1/actors/kim-jong-un/events',
  '/v1/actors/kim-yo-jong/quotes',
  '/v1/quotes',
  '/v1/quotes?source=nki-2020-06-24&kind=full',
  '/v1/claims',
  '/v1/claims?property=date',
];

describe('every list', () => {
  for (const url of LISTS) {
    it(`${url}: a walk one and two items a page equals the single page, in both orders`, async () => {
      const sep = url.includes('?') ? '&' : '?';
      const asc = (await get(`${url}${sep}limit=200`).expect(200)).body.data;
      const desc = (await get(`${url}${sep}order=desc&limit=200`).expect(200)).body.data;
      expect(asc.length).toBeGreaterThan(0);
      expect(desc).toEqual([...asc].reverse());
      for (const limit of [1, 2]) {
        expect(await walk(ctx, url, limit)).toEqual(asc);
        expect(await walk(ctx, `${url}${sep}order=desc`, limit)).toEqual(desc);
      }
    });
  }

  it('has an ascending default order that is total: ids never repeat', async () => {
    for (const url of LISTS) {
      const sep = url.includes('?') ? '&' : '?';
      const ids = (await get(`${url}${sep}limit=200`).expect(200)).body.data.map((x: { id: string }) => x.id);
      expect(new Set(ids).size, url).toBe(ids.length);
    }
  });

  it('answers 400 for a limit outside 1..200 or not an integer, never truncating', async () => {
    for (const url of LISTS) {
      const sep = url.includes('?') ? '&' : '?';
      for (const limit of ['0', '201', '-1', '1.5', 'ten', '']) {
        const res = await get(`${url}${sep}limit=${limit}`).expect(400);
        expect(res.body.errors.map((e: { name: string }) => e.name)).toContain('limit');
      }
    }
  });

  it('refuses a cursor from another list, another order or another shape', async () => {
    const fromEvents = (await get('/v1/events?limit=1').expect(200)).body.page.next_cursor;
    const fromQuotes = (await get('/v1/quotes?limit=1').expect(200)).body.page.next_cursor;
    for (const url of [
      `/v1/actors?cursor=${fromEvents}`,
      `/v1/actors/kim-jong-un/events?cursor=${fromEvents}`,
      `/v1/events?order=desc&cursor=${fromEvents}`,
      `/v1/claims?cursor=${fromQuotes}`,
      `/v1/actors/kim-jong-un/quotes?cursor=${fromQuotes}`,
    ]) {
      const res = await get(url).expect(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ in: 'query', name: 'cursor' })]);
    }
  });

  it('takes FTS syntax in q as plain words: never an error', async () => {
    const hostile = [
      '"',
      '"kim',
      'kim OR',
      'AND',
      'NOT kim',
      '(',
      ')',
      '*',
      'kim*',
      '-',
      '-kim',
      'NEAR(a b)',
      'a:b',
      '^kim',
      '{kim}',
      "'",
      '\\',
      'kim + jong',
    ];
    for (const base of [
      '/v1/events',
      '/v1/quotes',
      '/v1/actors',
      '/v1/actors/kim-jong-un/events',
      '/v1/actors/kim-jong-un/quotes',
    ]) {
      for (const q of hostile) {
        const res = await get(`${base}?q=${encodeURIComponent(q)}`);
        expect(res.status, `${base}?q=${q}`).toBe(200);
        expect(Array.isArray(res.body.data)).toBe(true);
      }
    }
    // Operators are words: "NOT kim" does not mean "everything but Kim".
    const not = (await get('/v1/actors?q=NOT%20kim').expect(200)).body.data;
    expect(not).toEqual([]);
  });
});
