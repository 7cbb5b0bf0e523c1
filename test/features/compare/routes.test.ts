import { describe, expect, it } from 'vitest';
import type { Claim } from '../../../src/features/claims/item.js';
import { useSeededApp, walk } from '../../helpers.js';

const ctx = useSeededApp();
const NKI = 'nki-2020-06-24';
const NYT = 'nyt-2020-06-24';
const BOTH = `source=${NKI}&source=${NYT}`;

interface Comparison {
  event: { id: string; date: { status: string; by_source: { source: string; start: string }[] } };
  reported_by: string[];
  shared: boolean;
  aspects: { property: string; about: string | null; status: string; claims: Claim[] }[];
}

async function get<T>(url: string, status = 200): Promise<T> {
  const res = await ctx.app.inject({ url });
  expect(res.statusCode, url).toBe(status);
  return res.json() as T;
}

describe('GET /v1/compare', () => {
  it('lists the decision as shared, with its contested date and differing characterisations', async () => {
    const all = await walk<Comparison>(ctx, `/v1/compare?${BOTH}`, 5);
    const decision = all.find((c) => c.event.id === 'cmc-suspends-military-action-plans');
    expect(decision).toMatchObject({ shared: true, reported_by: [NKI, NYT] });
    const date = decision?.aspects.find((a) => a.property === 'date');
    expect(date?.status).toBe('contested');
    expect(date?.claims.map((c) => [c.source, (c.value as { start: string }).start])).toEqual([
      [NKI, '2020-06-24'],
      [NYT, '2020-06-23'],
    ]);
    const framing = decision?.aspects.find(
      (a) => a.property === 'characterisation' && a.about === 'decision',
    );
    expect(framing?.status).toBe('differing_characterisation');
    for (const c of framing?.claims ?? []) expect(c.evidence.text.length).toBeGreaterThan(0);
  });

  it('tells the howitzer exercise as the NYT’s alone and the loudspeakers as NKI’s alone', async () => {
    const all = await walk<Comparison>(ctx, `/v1/compare?${BOTH}`, 50);
    const of = (id: string) => all.find((c) => c.event.id === id);
    expect(of('howitzer-exercise-paju')).toMatchObject({ shared: false, reported_by: [NYT] });
    expect(of('loudspeakers-installed')).toMatchObject({ shared: false, reported_by: [NKI] });
    expect(of('loudspeakers-removed')).toMatchObject({ shared: false, reported_by: [NKI] });
  });

  it('finds the leaflet count corroborated', async () => {
    const shared = (await get<{ data: Comparison[] }>(`/v1/compare?${BOTH}&q=leaflets&source_match=all`))
      .data;
    const leaflets = shared.find((c) => c.event.id === 'north-announces-leaflets-and-balloons');
    const count = leaflets?.aspects.find((a) => a.property === 'count' && a.about === 'leaflets');
    expect(count?.status).toBe('corroborated');
    expect(count?.claims.map((c) => [c.source, c.value])).toEqual([
      [NKI, 12000000],
      [NYT, 12000000],
    ]);
  });

  it('summarises the whole comparison: what is shared, what only each reports, how the shared aspects stand', async () => {
    const body = await get<{
      summary: Record<string, unknown> & { only: { source: string; events: number }[] };
    }>(`/v1/compare?${BOTH}&limit=1`);
    const all = await walk<Comparison>(ctx, `/v1/compare?${BOTH}`, 10);
    const shared = all.filter((c) => c.shared);
    expect(body.summary).toMatchObject({ events: all.length, shared: shared.length });
    expect(body.summary.only).toEqual([
      { source: NKI, events: all.filter((c) => !c.shared && c.reported_by[0] === NKI).length },
      { source: NYT, events: all.filter((c) => !c.shared && c.reported_by[0] === NYT).length },
    ]);
    const byStatus: Record<string, number> = {};
    for (const c of shared) for (const a of c.aspects) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
    expect(body.summary.aspects).toEqual({
      corroborated: byStatus.corroborated ?? 0,
      compatible: byStatus.compatible ?? 0,
      contested: byStatus.contested ?? 0,
      differing_characterisation: byStatus.differing_characterisation ?? 0,
      single_source: byStatus.single_source ?? 0,
    });
  });

  it('takes every timeline filter, and source_match=all or one for what they share or not', async () => {
    const june = await walk<Comparison>(
      ctx,
      `/v1/compare?${BOTH}&from=2020-06-23&to=2020-06-23&date_match=within`,
      2,
    );
    expect(june.map((c) => c.event.id)).toContain('cmc-suspends-military-action-plans');
    const shared = await walk<Comparison>(ctx, `/v1/compare?${BOTH}&source_match=all`, 4);
    const exclusive = await walk<Comparison>(ctx, `/v1/compare?${BOTH}&source_match=one`, 4);
    expect(shared.every((c) => c.shared)).toBe(true);
    expect(exclusive.every((c) => !c.shared)).toBe(true);
    expect(shared.length).toBe(11);
  });

  it('answers 400 naming source for one source, an unknown one or a repeated one', async () => {
    for (const query of [`source=${NKI}`, `source=${NKI}&source=nope`, `source=${NKI}&source=${NKI}`, '']) {
      const problem = await get<{ errors: { name: string }[] }>(`/v1/compare?${query}`, 400);
      expect(
        problem.errors.map((e) => e.name),
        query,
      ).toEqual(['source']);
    }
  });
});
