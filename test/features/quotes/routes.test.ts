import { describe, expect, it } from 'vitest';
import type { Quote } from '../../../src/features/quotes/item.js';
import { getter, slice, useSeededApp } from '../../helpers.js';

const ctx = useSeededApp();
const get = getter(ctx);
const all = async (url: string): Promise<Quote[]> => (await get(url).expect(200)).body.data;

describe('GET /v1/quotes', () => {
  it('gives every quote the exact words of its source at its span, with prefix and suffix around it', async () => {
    const quotes = await all('/v1/quotes?limit=200');
    expect(quotes.length).toBeGreaterThanOrEqual(13);
    for (const q of quotes) {
      const text = (await get(`/v1/sources/${q.source}/text`).expect(200)).text;
      expect(slice(text, q.span.start, q.span.end), q.id).toBe(q.text);
      expect(slice(text, q.span.start - Array.from(q.prefix).length, q.span.start), q.id).toBe(q.prefix);
      expect(slice(text, q.span.end, q.span.end + Array.from(q.suffix).length), q.id).toBe(q.suffix);
    }
  });

  it('finds the KCNA words "took stock of the prevailing situation" in both sources: KCNA’s, about Kim', async () => {
    const found = await all(`/v1/quotes?q=${encodeURIComponent('took stock of the prevailing situation')}`);
    expect(found.map((q) => q.source).sort()).toEqual(['nki-2020-06-24', 'nyt-2020-06-24']);
    for (const q of found) {
      expect(q.text).toContain('took stock of the prevailing situation');
      expect(q.speaker?.id).toBe('kcna');
      expect(q.subject?.id).toBe('kim-jong-un');
      expect(q.reported_via).toBeNull();
      expect(q.attribution).toBe('explicit');
      expect(q.event).toBe('cmc-suspends-military-action-plans');
    }
    expect(await all('/v1/quotes?subject=kim-jong-un')).toEqual(found);
  });

  it('filters by speaker (any of several), source, event, kind and q, each narrowing as documented', async () => {
    const every = await all('/v1/quotes?limit=200');
    const cases: [string, (q: Quote) => boolean][] = [
      ['speaker=kim-yo-jong', (q) => q.speaker?.id === 'kim-yo-jong'],
      [
        'speaker=kim-yo-jong&speaker=leif-eric-easley',
        (q) => ['kim-yo-jong', 'leif-eric-easley'].includes(q.speaker?.id ?? ''),
      ],
      ['source=nyt-2020-06-24', (q) => q.source === 'nyt-2020-06-24'],
      ['event=kim-yo-jong-insults-moon', (q) => q.event === 'kim-yo-jong-insults-moon'],
      ['kind=full', (q) => q.kind === 'full'],
      ['kind=fragment', (q) => q.kind === 'fragment'],
      ['q=insane', (q) => /insane/i.test(q.text)],
      ['q=Christmas', (q) => /christmas/i.test(q.text)],
    ];
    for (const [filter, holds] of cases) {
      const got = await all(`/v1/quotes?${filter}&limit=200`);
      const expected = every.filter(holds);
      expect(expected.length, filter).toBeGreaterThan(0);
      expect(expected.length, filter).toBeLessThan(every.length);
      expect(got, filter).toEqual(expected);
    }
  });

  it('searches case- and accent-insensitively, and the last word as a prefix', async () => {
    const one = await all('/v1/quotes?q=INSANE');
    expect(one.map((q) => q.text)).toEqual(['insane']);
    expect((await all('/v1/quotes?q=prevail')).length).toBe(2);
    expect((await all('/v1/quotes?q=pyr%C3%B3technics')).map((q) => q.speaker?.id)).toEqual(['mintaro-oba']);
  });

  it('answers 400 for an unknown kind or parameter', async () => {
    await get('/v1/quotes?kind=rumour').expect(400);
    await get('/v1/quotes?speeker=kim-jong-un').expect(400);
  });
});

describe('GET /v1/quotes/{id} and /v1/actors/{id}/quotes', () => {
  it('gets one quote by id', async () => {
    const q = (await get('/v1/quotes/nyt-2020-06-24-q5').expect(200)).body as Quote;
    expect(q).toMatchObject({ text: 'insane', speaker: { id: 'kim-yo-jong' }, source: 'nyt-2020-06-24' });
    const res = await get('/v1/quotes/nyt-2020-06-24-q99').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it("lists an actor's quotes: the same as /v1/quotes?speaker=, with the other filters", async () => {
    const own = await all('/v1/actors/leif-eric-easley/quotes?limit=200');
    expect(own.length).toBe(3);
    expect(own).toEqual(await all('/v1/quotes?speaker=leif-eric-easley&limit=200'));
    expect(await all('/v1/actors/kcna/quotes?source=nyt-2020-06-24')).toHaveLength(2);
    expect(await all('/v1/actors/kim-jong-un/quotes')).toEqual([]);
    await get('/v1/actors/kim-jong-un/quotes?speaker=kcna').expect(400);
    await get('/v1/actors/nobody/quotes').expect(404);
  });
});
