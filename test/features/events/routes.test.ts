import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Event } from '../../../src/features/events/item.js';
import { useSeededApp, walk } from '../../helpers.js';

const ctx = useSeededApp();
const get = (url: string) => request(ctx.app.server).get(url);

describe('GET /v1/events', () => {
  it('returns the timeline sorted by start, then end, then id', async () => {
    const res = await get('/v1/events?limit=200').expect(200);
    const keys = res.body.data.map((e: Event) => [e.date.start, e.date.end, e.id].join('|'));
    expect(keys.length).toBeGreaterThanOrEqual(20);
    expect(keys).toEqual([...keys].sort());
    expect(res.body.page).toEqual({ limit: 200, next_cursor: null });
  });

  it('walked two events a page, equals the whole timeline, in both orders', async () => {
    for (const order of ['asc', 'desc']) {
      const whole = (await get(`/v1/events?order=${order}&limit=200`).expect(200)).body.data;
      expect(await walk(ctx, `/v1/events?order=${order}`, 2)).toEqual(whole);
    }
  });

  it('includes month-precision events that overlap the range; date_match=within excludes them', async () => {
    const all: Event[] = (await get('/v1/events?limit=200').expect(200)).body.data;
    const month = all.find((e) => e.date.precision === 'month' && e.date.start < e.date.end);
    expect(month, 'the seed has a month-precision event').toBeDefined();
    if (!month) return;
    // A one-day range on the month's last day overlaps the month, but cannot contain it.
    const day = month.date.end;
    const overlap = (await get(`/v1/events?from=${day}&to=${day}&limit=200`).expect(200)).body.data;
    const within = (await get(`/v1/events?from=${day}&to=${day}&date_match=within&limit=200`).expect(200))
      .body.data;
    expect(overlap.map((e: Event) => e.id)).toContain(month.id);
    expect(within.map((e: Event) => e.id)).not.toContain(month.id);
    for (const e of within as Event[]) expect(e.date.start >= day && e.date.end <= day).toBe(true);
    for (const e of overlap as Event[]) expect(e.date.start <= day && e.date.end >= day).toBe(true);
  });

  it('reads partial dates as whole periods: from=2018&to=2018 is all of 2018', async () => {
    const res = await get('/v1/events?from=2018&to=2018&limit=200').expect(200);
    expect(res.body.data.length).toBeGreaterThan(0);
    for (const e of res.body.data as Event[])
      expect(e.date.start <= '2018-12-31' && e.date.end >= '2018-01-01').toBe(true);
  });

  it('filters by actor (any of several, or all of them), type, source and status', async () => {
    const kim: Event[] = (await get('/v1/events?actor=kim-jong-un&limit=200').expect(200)).body.data;
    expect(kim.length).toBeGreaterThan(0);
    for (const e of kim) expect(e.participants.map((p) => p.actor.id)).toContain('kim-jong-un');

    const either: Event[] = (
      await get('/v1/events?actor=kim-jong-un&actor=moon-jae-in&limit=200').expect(200)
    ).body.data;
    const both: Event[] = (
      await get('/v1/events?actor=kim-jong-un&actor=moon-jae-in&actor_match=all&limit=200').expect(200)
    ).body.data;
    expect(either.length).toBeGreaterThan(kim.length);
    expect(both.length).toBeGreaterThan(0);
    expect(both.length).toBeLessThan(either.length);
    for (const e of both)
      expect(e.participants.map((p) => p.actor.id)).toEqual(
        expect.arrayContaining(['kim-jong-un', 'moon-jae-in']),
      );

    const threats: Event[] = (await get('/v1/events?type=threat&limit=200').expect(200)).body.data;
    expect(threats.length).toBeGreaterThan(0);
    for (const e of threats) expect(e.type).toBe('threat');

    const nyt: Event[] = (await get('/v1/events?source=nyt-2020-06-24&limit=200').expect(200)).body.data;
    const nki: Event[] = (await get('/v1/events?source=nki-2020-06-24&limit=200').expect(200)).body.data;
    for (const e of nyt) expect(e.sources.map((s) => s.source)).toContain('nyt-2020-06-24');
    const all: Event[] = (await get('/v1/events?limit=200').expect(200)).body.data;
    expect(nyt.length).toBeLessThan(all.length);
    expect(new Set([...nyt, ...nki].map((e) => e.id)).size).toBe(all.length);

    const contested: Event[] = (await get('/v1/events?status=contested&limit=200').expect(200)).body.data;
    expect(contested.length).toBeGreaterThan(0);
    for (const e of contested) expect(e.status).toBe('contested');
  });

  it('answers 400 problem+json for bad dates, unknown parameters, bad limits and bad cursors', async () => {
    const cases: [string, string][] = [
      ['/v1/events?from=2020-13', 'from'],
      ['/v1/events?to=2020-02-30', 'to'],
      ['/v1/events?from=2020-06-24&to=2020-06-01', 'to'],
      ['/v1/events?actr=kim-jong-un', 'actr'],
      ['/v1/events?limit=0', 'limit'],
      ['/v1/events?limit=201', 'limit'],
      ['/v1/events?cursor=garbage', 'cursor'],
      ['/v1/events?date_match=inside', 'date_match'],
    ];
    for (const [url, name] of cases) {
      const res = await get(url).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        instance: url,
      });
      expect(
        res.body.errors.map((e: { name: string }) => e.name),
        url,
      ).toContain(name);
    }
  });

  it('refuses a cursor from the other order', async () => {
    const asc = (await get('/v1/events?limit=1').expect(200)).body.page.next_cursor;
    await get(`/v1/events?order=desc&cursor=${asc}`).expect(400);
  });
});

describe('GET /v1/events/{id}', () => {
  it('shows participants, evidence by source, claims and quotes', async () => {
    const all: Event[] = (await get('/v1/events?limit=200').expect(200)).body.data;
    const shared = all.find((e) => e.sources.length === 2);
    expect(shared, 'some event is told by both sources').toBeDefined();
    const res = await get(`/v1/events/${shared?.id}`).expect(200);
    expect(res.body.sources.map((s: { source: string }) => s.source).sort()).toEqual([
      'nki-2020-06-24',
      'nyt-2020-06-24',
    ]);
    expect(res.body.claims.length).toBeGreaterThan(0);
    expect(Array.isArray(res.body.quotes)).toBe(true);
  });

  it('puts contested date claims side by side, each naming its rival', async () => {
    const contested: Event[] = (await get('/v1/events?status=contested&limit=200').expect(200)).body.data;
    const detail = (await get(`/v1/events/${contested[0]?.id}`).expect(200)).body;
    const dispute = detail.disputes[0];
    expect(dispute.claims.length).toBeGreaterThanOrEqual(2);
    const [a, b] = dispute.claims;
    expect(a.source).not.toBe(b.source);
    expect(a.rivals).toContain(b.id);
    expect(b.rivals).toContain(a.id);
    expect(a.status).toBe('contested');
  });

  it('answers 404 problem+json for an unknown id', async () => {
    const res = await get('/v1/events/no-such-event').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      status: 404,
      title: 'Not Found',
      detail: 'no event with id "no-such-event"',
    });
  });
});

describe('GET /v1/events?precision&source_match', () => {
  it('keeps events dated at a precision or finer', async () => {
    const all = (await get('/v1/events?limit=200').expect(200)).body.data as Event[];
    const rank = ['day', 'week', 'month', 'year'];
    for (const precision of rank) {
      const kept = (await get(`/v1/events?precision=${precision}&limit=200`).expect(200)).body
        .data as Event[];
      expect(kept.map((e) => e.id)).toEqual(
        all.filter((e) => rank.indexOf(e.date.precision) <= rank.indexOf(precision)).map((e) => e.id),
      );
      const june = (
        await get(`/v1/events?precision=${precision}&from=2020-06&to=2020-06&limit=200`).expect(200)
      ).body.data as Event[];
      for (const e of june)
        expect(rank.indexOf(e.date.precision)).toBeLessThanOrEqual(rank.indexOf(precision));
    }
    await get('/v1/events?precision=decade').expect(400);
  });

  it('tells what all the sources report from what only one of them does', async () => {
    const ids = async (query: string) =>
      ((await get(`/v1/events?limit=200&${query}`).expect(200)).body.data as Event[]).map((e) => e.id);
    const both = 'source=nki-2020-06-24&source=nyt-2020-06-24';
    const any = await ids(both);
    const all = await ids(`${both}&source_match=all`);
    const one = await ids(`${both}&source_match=one`);
    expect(all).toHaveLength(11);
    expect(all.length + one.length).toBe(any.length);
    expect(all.filter((id) => one.includes(id))).toEqual([]);
    const nki = await ids('source=nki-2020-06-24');
    const nyt = await ids('source=nyt-2020-06-24');
    expect(all).toEqual(nki.filter((id) => nyt.includes(id)));
    // With one source, `all` is that source's events.
    expect(await ids('source=nki-2020-06-24&source_match=all')).toEqual(nki);
  });
});
