import * as d3 from 'd3';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { timeScale } from '../../page/chart.js';
import { toDay } from '../../page/days.js';
import { buildLanes } from '../../page/lane-model.js';
import { barLabel, foldLane, laneNote, layoutLane, packRows } from '../../page/lane-layout.js';
import { claim, event, outletOf } from './fixtures.js';

/**
 * The lanes in pixels (page/lane-layout.js): where bars and their labels go on a time scale, the
 * rows that keep them apart, and what a bar and a lane's head say. The scale is the page's own,
 * over d3 from node_modules (the page has it as a global).
 */

beforeAll(() => {
  vi.stubGlobal('d3', d3);
});

const JUNE = { from: '2020-06-01', to: '2020-06-30' };
/** 980 px of drawing for 30 days, from x = 10. */
const WIDTH = 1000;
const PER_DAY = 980 / 30;
const LONG = 'Kim Jong-un suspends the military action plans against the South';

/** One NYT lane of these events, laid out over June, every bar in the lane's own band. */
function lay(events: ReturnType<typeof event>[], band: (id: string) => 0 | 1 | 2 = () => 1) {
  const lane = buildLanes(events, outletOf).lanes[0];
  if (!lane) throw new Error('no lane');
  const laid = layoutLane(lane, 0, timeScale(JUNE, WIDTH), (bar) => band(bar.event.id));
  return { laid, byId: (id: string) => laid.placed.findIndex((p) => p.bar.event.id === id) };
}

describe('a lane in pixels', () => {
  it('draws a bar as wide as its date, from the day it starts', () => {
    const { laid } = lay([
      event('day', [claim('nyt-1', '2020-06-10', '2020-06-10', 'single_source')]),
      event('month', [claim('nyt-1', '2020-06-01', '2020-06-30', 'single_source')]),
    ]);
    const [month, day] = laid.placed;
    expect(month?.x0).toBeCloseTo(10);
    expect(month?.width).toBeCloseTo(980);
    expect(day?.x0).toBeCloseTo(10 + 9 * PER_DAY);
    expect(day?.width).toBeCloseTo(PER_DAY);
    expect([day?.clippedStart, day?.clippedEnd]).toEqual([false, false]);
  });

  it('folds to one row without labels, or two when a long bar would hide the short ones', () => {
    const days = [10, 11, 12].map((d) =>
      event(`d${d}`, [claim('nyt-1', `2020-06-${d}`, `2020-06-${d}`, 'single_source')]),
    );
    const short = foldLane(lay(days).laid, 980);
    expect(short.rows).toEqual([0, 0, 0]);
    expect(short.count).toBe(1);
    expect(short.placed.map((p) => p.label)).toEqual(['', '', '']);
    const month = event('month', [claim('nyt-1', '2020-06-01', '2020-06-30', 'single_source')]);
    const { laid } = lay([month, ...days]);
    const withMonth = foldLane(laid, 980);
    expect(withMonth.count).toBe(2);
    expect(withMonth.rows).toEqual(laid.placed.map((p) => (p.bar.event.id === 'month' ? 1 : 0)));
    // The bars stay where the date puts them.
    expect(withMonth.placed.map((p) => [p.x0, p.width])).toEqual(laid.placed.map((p) => [p.x0, p.width]));
  });

  it('cuts a date that runs past the window at its edges, and says so', () => {
    const { laid } = lay([event('may', [claim('nyt-1', '2020-05-15', '2020-06-05', 'single_source')])]);
    const [bar] = laid.placed;
    expect(bar?.x0).toBeCloseTo(10);
    expect(bar?.width).toBeCloseTo(5 * PER_DAY);
    expect([bar?.clippedStart, bar?.clippedEnd]).toEqual([true, false]);
  });

  it('labels a wide bar inside, a narrow one after it, and one at the right edge before it', () => {
    const { laid, byId } = lay([
      event('month', [claim('nyt-1', '2020-06-01', '2020-06-30', 'single_source')], undefined, 'Demolition'),
      event('early', [claim('nyt-1', '2020-06-02', '2020-06-02', 'single_source')], undefined, LONG),
      event('late', [claim('nyt-1', '2020-06-30', '2020-06-30', 'single_source')], undefined, LONG),
    ]);
    const [month, early, late] = ['month', 'early', 'late'].map((id) => laid.placed[byId(id)]);
    expect([month?.labelX, month?.label]).toEqual([5, 'Demolition']);
    expect(early?.labelX).toBeCloseTo((early?.width ?? 0) + 4);
    expect(late?.labelX).toBeLessThan(0);
    // Cut at a word, never longer than the room beside the bar.
    for (const label of [early?.label, late?.label]) {
      expect(label?.endsWith('…')).toBe(true);
      expect(LONG.startsWith(label?.slice(0, -1) ?? 'x')).toBe(true);
    }
  });

  it('keeps a bar of a day visible however wide the window', () => {
    const lane = buildLanes(
      [event('day', [claim('nyt-1', '2020-06-10', '2020-06-10', 'single_source')])],
      outletOf,
    ).lanes[0];
    if (!lane) throw new Error('no lane');
    const [bar] = layoutLane(
      lane,
      0,
      timeScale({ from: '2000-01-01', to: '2020-12-31' }, WIDTH),
      () => 1,
    ).placed;
    expect(bar?.width).toBe(4);
  });

  it('puts bars and labels that would overlap in different rows', () => {
    const { laid, byId } = lay([
      event('month', [claim('nyt-1', '2020-06-01', '2020-06-30', 'single_source')]),
      event('a', [claim('nyt-1', '2020-06-05', '2020-06-05', 'single_source')], undefined, LONG),
      event('b', [claim('nyt-1', '2020-06-06', '2020-06-06', 'single_source')], undefined, LONG),
      event('c', [claim('nyt-1', '2020-06-28', '2020-06-28', 'single_source')], undefined, 'C'),
    ]);
    const row = (id: string) => laid.rows[byId(id)];
    expect([row('month'), row('a'), row('b'), row('c')]).toEqual([0, 1, 2, 1]);
    expect(laid.count).toBe(3);
  });

  it('puts events told in the lane above first, latest nearest to it, and those told below last', () => {
    const days = {
      up1: '2020-06-03',
      up2: '2020-06-20',
      own: '2020-06-10',
      down1: '2020-06-05',
      down2: '2020-06-25',
    };
    const bands: Record<string, 0 | 1 | 2> = { up1: 0, up2: 0, own: 1, down1: 2, down2: 2 };
    const { laid, byId } = lay(
      Object.entries(days).map(([id, day]) =>
        event(id, [claim('nyt-1', day, day, 'contested')], undefined, 'E'),
      ),
      (id) => bands[id] ?? 1,
    );
    const rows = Object.fromEntries(Object.keys(days).map((id) => [id, laid.rows[byId(id)]]));
    expect(rows).toEqual({ up2: 0, up1: 1, own: 2, down1: 3, down2: 4 });
    expect(laid.count).toBe(5);
  });
});

describe('rows', () => {
  it('puts each item in the first row where it fits, keeping a gap', () => {
    const items = [
      { left: 0, right: 100 },
      { left: 50, right: 80 },
      { left: 104, right: 200 },
      { left: 110, right: 120 },
      { left: 81, right: 90 },
    ];
    expect(packRows(items, 4)).toEqual({ rows: [0, 1, 0, 1, 2], count: 3 });
    expect(packRows([], 4)).toEqual({ rows: [], count: 0 });
  });
});

describe('what bars and lanes say', () => {
  const dated = event(
    'decision',
    [claim('nki-1', '2020-06-24', '2020-06-24', 'contested', { phrase: 'on Wednesday' })],
    undefined,
    'Kim Jong-un suspends the plans',
  );

  it('reads a bar as the event, the outlet’s date, its words and the verdict', () => {
    const [bar] = buildLanes([dated], outletOf).lanes[0]?.bars ?? [];
    expect(bar && barLabel(bar)).toBe(
      'Kim Jong-un suspends the plans. North Korean Insight: Wed, 24 Jun 2020 (to the day, “on Wednesday”); date contested.',
    );
  });

  it('reads an undated bar as the date the other outlets give', () => {
    const undated = event(
      'demolition',
      [claim('nyt-1', '2020-06-16', '2020-06-16', 'single_source')],
      ['nki-1', 'nyt-1'],
    );
    const nki = buildLanes([undated], outletOf).lanes.find((l) => l.outlet === 'North Korean Insight');
    const [bar] = nki?.bars ?? [];
    expect(bar && barLabel(bar)).toBe(
      'demolition. North Korean Insight reports it without a date of its own; other outlets date it Tue, 16 Jun 2020.',
    );
    expect(bar?.start).toBe(toDay('2020-06-16'));
  });

  it('heads a lane with its article, or how many, and its events, within the room it has', () => {
    const [lane] = buildLanes([dated], outletOf).lanes;
    if (!lane) throw new Error('no lane');
    const article = {
      title: 'Kim Jong Un suspends military action plans against South',
      published: '2020-06-24',
    };
    expect(laneNote(lane, { article, articles: 1, published: [] }, 200)).toBe(
      '“Kim Jong Un suspends military action plans against South”, 24 Jun 2020 · 1 event',
    );
    const short = laneNote(lane, { article, articles: 1, published: [] }, 40);
    expect(short).toBe('“Kim Jong Un…”, 24 Jun 2020 · 1 event');
    expect(short.length).toBeLessThanOrEqual(40);
    expect(laneNote(lane, { article: null, articles: 3, published: [] }, 40)).toBe('3 articles · 1 event');
    expect(laneNote(lane, { article: null, articles: 3, published: [] }, 40, true)).toBe(
      '3 articles · 1 event, folded',
    );
  });
});
