import { describe, expect, it } from 'vitest';
import { escapeHtml, partialDate, slideDates } from '../../../src/features/events/timelinejs.js';
import { getter, useSeededApp } from '../../helpers.js';

describe('TimelineJS dates', () => {
  it.each([
    ['2020-06-24', 'day', { year: 2020, month: 6, day: 24 }],
    ['2020-06-22', 'week', { year: 2020, month: 6, day: 22 }],
    ['2020-06-01', 'month', { year: 2020, month: 6 }],
    ['2019-01-01', 'year', { year: 2019 }],
  ] as const)('%s at %s precision is %j', (day, precision, expected) => {
    expect(partialDate(day, precision)).toEqual(expected);
  });

  it.each([
    ['2020-06-24', '2020-06-24', 'day', { start_date: { year: 2020, month: 6, day: 24 } }],
    [
      '2020-06-22',
      '2020-06-28',
      'week',
      { start_date: { year: 2020, month: 6, day: 22 }, end_date: { year: 2020, month: 6, day: 28 } },
    ],
    ['2020-06-01', '2020-06-24', 'month', { start_date: { year: 2020, month: 6 } }],
    ['2018-01-01', '2019-02-28', 'year', { start_date: { year: 2018 }, end_date: { year: 2019 } }],
  ] as const)('%s to %s at %s precision spans %j', (start, end, precision, expected) => {
    expect(slideDates(start, end, precision)).toEqual(expected);
  });

  it('escapes what TimelineJS would read as HTML', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });
});

describe('format=timelinejs', () => {
  const ctx = useSeededApp();
  const get = getter(ctx);

  interface Doc {
    title: { text: { headline: string } };
    events: {
      unique_id: string;
      group: string;
      start_date: { year: number; month?: number; day?: number };
      end_date?: object;
      text: { headline: string; text: string };
    }[];
  }

  it('gives each outlet its own group, with its own date of a contested event', async () => {
    const res = await get('/v1/events?format=timelinejs').expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.parallax.timelinejs+json; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="events-[0-9a-f]{16}\.timeline\.json"$/,
    );
    const doc = JSON.parse(res.text) as Doc;
    const events = (await get('/v1/events?limit=200').expect(200)).body.data as { sources: unknown[] }[];
    expect(doc.events).toHaveLength(events.reduce((n, e) => n + e.sources.length, 0));
    expect(new Set(doc.events.map((s) => s.group))).toEqual(
      new Set(['North Korean Insight', 'The New York Times']),
    );
    expect(new Set(doc.events.map((s) => s.unique_id)).size).toBe(doc.events.length);
    const decision = doc.events.filter((s) => s.unique_id.startsWith('cmc-suspends-military-action-plans--'));
    expect(decision.map((s) => [s.group, s.start_date])).toEqual([
      ['North Korean Insight', { year: 2020, month: 6, day: 24 }],
      ['The New York Times', { year: 2020, month: 6, day: 23 }],
    ]);
    // The outlet's own words, escaped for TimelineJS's HTML.
    expect(decision[0]?.text.text).toContain('<blockquote>');
    expect(decision.every((s) => !/<(?!\/?(p|blockquote|small)>)/.test(s.text.text))).toBe(true);
    const coarse = doc.events.find((s) => s.unique_id.startsWith('guam-strike-threat--'));
    expect(coarse?.start_date).toEqual({ year: 2017 });
  });

  it('follows the filters, and an actor’s timeline too; fields= does not apply', async () => {
    const hers = JSON.parse(
      (await get('/v1/actors/kim-yo-jong/events?format=timelinejs').expect(200)).text,
    ) as Doc;
    const listed = (await get('/v1/actors/kim-yo-jong/events?limit=200').expect(200)).body.data as {
      id: string;
    }[];
    expect(new Set(hers.events.map((s) => s.unique_id.split('--')[0]))).toEqual(
      new Set(listed.map((e) => e.id)),
    );
    expect(hers.title.text.headline).toBe('Parallax timeline');
    const res = await get('/v1/events?format=timelinejs&fields=id').expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ name: 'fields' })]);
    const none = JSON.parse(
      (await get('/v1/events?from=1800&to=1801&format=timelinejs').expect(200)).text,
    ) as Doc;
    expect(none.events).toEqual([]);
  });
});
