import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../src/features/claims/item.js';
import { getter, slice, useSeededApp } from '../../helpers.js';

const ctx = useSeededApp();
const get = getter(ctx);
const all = async (url: string): Promise<Claim[]> => (await get(url).expect(200)).body.data;

describe('GET /v1/claims', () => {
  it('lists every claim with evidence that reads back from its source', async () => {
    const claims = await all('/v1/claims?limit=200');
    expect(claims.length).toBe(139);
    for (const c of claims) {
      const text = (await get(`/v1/sources/${c.source}/text`).expect(200)).text;
      expect(slice(text, c.evidence.start, c.evidence.end), c.id).toBe(c.evidence.text);
    }
  });

  it('shows a contested claim with its rival, and the rival with it', async () => {
    const contested = await all('/v1/claims?status=contested&event=cmc-suspends-military-action-plans');
    expect(contested.map((c) => c.id).sort()).toEqual([
      'nki-2020-06-24.cmc-suspends-military-action-plans.date',
      'nyt-2020-06-24.cmc-suspends-military-action-plans.date',
    ]);
    const [a, b] = contested as [Claim, Claim];
    expect(a.rivals).toEqual([b.id]);
    expect(b.rivals).toEqual([a.id]);
    expect(a.value).not.toEqual(b.value);
    const rival = (await get(`/v1/claims/${a.rivals[0]}`).expect(200)).body as Claim;
    expect(rival.rivals).toContain(a.id);
  });

  it('shows a corroborated claim with its supporter from the other source', async () => {
    const corroborated = await all('/v1/claims?status=corroborated&property=count&limit=200');
    expect(corroborated.length).toBeGreaterThan(0);
    for (const c of corroborated) {
      expect(c.supporters.length, c.id).toBeGreaterThan(0);
      for (const id of c.supporters) {
        const s = (await get(`/v1/claims/${id}`).expect(200)).body as Claim;
        expect(s.source).not.toBe(c.source);
        expect(s.event).toBe(c.event);
        expect(s.value).toEqual(c.value);
      }
    }
  });

  it('filters by event, source, property and status, each narrowing as documented', async () => {
    const every = await all('/v1/claims?limit=200');
    const cases: [string, (c: Claim) => boolean][] = [
      ['event=cmc-suspends-military-action-plans', (c) => c.event === 'cmc-suspends-military-action-plans'],
      ['source=nki-2020-06-24', (c) => c.source === 'nki-2020-06-24'],
      ['property=location', (c) => c.property === 'location'],
      ['status=single_source', (c) => c.status === 'single_source'],
      [
        'status=corroborated&source=nyt-2020-06-24',
        (c) => c.status === 'corroborated' && c.source === 'nyt-2020-06-24',
      ],
    ];
    for (const [filter, holds] of cases) {
      const expected = every.filter(holds);
      expect(expected.length, filter).toBeGreaterThan(0);
      expect(expected.length, filter).toBeLessThan(every.length);
      expect(await all(`/v1/claims?${filter}&limit=200`), filter).toEqual(expected);
    }
  });

  it('answers 400 for a bad status or property and 404 for an unknown claim', async () => {
    await get('/v1/claims?status=disputed').expect(400);
    await get('/v1/claims?property=DROP%20TABLE').expect(400);
    await get('/v1/claims/nope').expect(404);
  });
});
