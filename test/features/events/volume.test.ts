import { describe, expect, it } from 'vitest';
import { containingPeriod, type Interval } from '../../../src/domain/periods.js';
import type { Event } from '../../../src/features/events/item.js';
import type { Volume } from '../../../src/features/events/volume.js';
import { useSeededApp } from '../../helpers.js';

const ctx = useSeededApp();

async function get<T>(url: string, status = 200): Promise<T> {
  const res = await ctx.app.inject({ url });
  expect(res.statusCode, url).toBe(status);
  return res.json() as T;
}
const timeline = async (query: string) =>
  (await get<{ data: Event[] }>(`/v1/events?limit=200&${query}`)).data;

describe('GET /v1/events/volume', () => {
  it('counts June 2020 by week honestly: the weeks’ events and those apart add up to June’s', async () => {
    const volume = await get<Volume>('/v1/events/volume?from=2020-06&to=2020-06&interval=week');
    expect(volume.periods.map((p) => p.period)).toEqual([
      '2020-W23',
      '2020-W24',
      '2020-W25',
      '2020-W26',
      '2020-W27',
    ]);
    expect([volume.from, volume.to]).toEqual(['2020-06-01', '2020-07-05']);
    const june = await timeline('from=2020-06-01&to=2020-07-05');
    const held = volume.periods.reduce((sum, p) => sum + p.events, 0);
    const apart = volume.apart.reduce((sum, a) => sum + a.events, 0);
    expect(held + apart).toBe(june.length);
    expect(volume.total).toBe(june.length);
    // Coarser events are counted apart, under the period that holds them: never forced into a week.
    expect(apart).toBeGreaterThan(0);
    expect(volume.apart.find((a) => a.period === '2020-06')).toMatchObject({ unit: 'month' });
  });

  it('puts each event in the period that holds its whole date, and says which only overlap', async () => {
    const volume = await get<Volume>('/v1/events/volume?from=2020-06&to=2020-06&interval=week');
    const june = await timeline('from=2020-06-01&to=2020-07-05');
    for (const p of volume.periods) {
      const inside = june.filter((e) => containingPeriod('week', e.date)?.key === p.period);
      const overlapping = june.filter(
        (e) => !containingPeriod('week', e.date) && e.date.start <= p.end && e.date.end >= p.start,
      );
      expect([p.events, p.overlapping], p.period).toEqual([inside.length, overlapping.length]);
    }
  });

  it('lists every period of the range in order, the empty ones too', async () => {
    const volume = await get<Volume>('/v1/events/volume?from=2015&to=2020&interval=year');
    expect(volume.periods.map((p) => p.period)).toEqual(['2015', '2016', '2017', '2018', '2019', '2020']);
    expect(volume.periods[0]).toMatchObject({ events: 0, overlapping: 0 });
  });

  it('splits the counts by a dimension; by source an event two outlets report is in both groups', async () => {
    const byType = await get<Volume>('/v1/events/volume?from=2020-06&to=2020-06&interval=month&by=type');
    const [june] = byType.periods;
    expect(june?.groups?.reduce((sum, g) => sum + g.events, 0)).toBe(june?.events);
    const bySource = await get<Volume>('/v1/events/volume?from=2020-06&to=2020-06&interval=month&by=source');
    const plain = await get<Volume>('/v1/events/volume?from=2020-06&to=2020-06&interval=month');
    expect(bySource.total).toBe(plain.total);
    const groups = bySource.periods[0]?.groups ?? [];
    expect(groups.map((g) => g.value)).toEqual(['nki-2020-06-24', 'nyt-2020-06-24']);
    expect(groups.reduce((sum, g) => sum + g.events, 0)).toBeGreaterThan(bySource.periods[0]?.events ?? 0);
  });

  it('answers the same from the seed’s derived counts as from counting the events themselves', async () => {
    // `precision=year` keeps every event, but is a filter: it takes the counting path.
    for (const interval of ['day', 'week', 'month', 'year'] as Interval[])
      for (const by of ['', '&by=type', '&by=status', '&by=precision']) {
        const range = interval === 'day' ? 'from=2020-06&to=2020-06' : 'from=2017&to=2020';
        const derived = await get<Volume>(`/v1/events/volume?${range}&interval=${interval}${by}`);
        const counted = await get<Volume>(
          `/v1/events/volume?${range}&interval=${interval}${by}&precision=year`,
        );
        expect(derived, `${interval}${by}`).toEqual(counted);
      }
  });

  it('counts under the timeline filters', async () => {
    const volume = await get<Volume>('/v1/events/volume?interval=year&actor=kim-yo-jong');
    expect(volume.total).toBe((await timeline('actor=kim-yo-jong')).length);
    expect(volume.from).toBe('2020-01-01');
  });

  it('answers 400 naming the parameter for a bad interval, a bad split or too many periods', async () => {
    for (const [query, name] of [
      ['interval=decade', 'interval'],
      ['by=actor', 'by'],
      ['interval=day', 'interval'],
      ['from=2020-07&to=2020-06', 'to'],
    ] as const) {
      const problem = await get<{ errors: { name: string }[] }>(`/v1/events/volume?${query}`, 400);
      expect(
        problem.errors.map((e) => e.name),
        query,
      ).toEqual([name]);
    }
  });
});
