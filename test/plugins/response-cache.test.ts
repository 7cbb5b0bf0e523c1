import { describe, expect, it } from 'vitest';
import { ResponseCache } from '../../src/plugins/response-cache.js';
import { getter, useSeededApp } from '../helpers.js';

const ctx = useSeededApp();
const get = getter(ctx);

/** The headers a client can see, minus the ones that differ per request by design. */
const comparable = (headers: Record<string, string>) => {
  const { date: _date, 'x-request-id': _id, 'x-cache': _cache, ...rest } = headers;
  return rest;
};

describe('the response cache', () => {
  it('answers a repeated request with the same bytes and the same headers', async () => {
    for (const url of [
      '/v1/events?from=2020-06&limit=2',
      '/v1/actors/kim-jong-un',
      '/v1/quotes?q=insane',
      '/v1/sources/nyt-2020-06-24/text',
    ]) {
      const first = await get(url).expect(200);
      const second = await get(url).expect(200);
      expect(second.text, url).toBe(first.text);
      expect(comparable(second.headers), url).toEqual(comparable(first.headers));
      expect([first.headers['x-cache'], second.headers['x-cache']], url).toEqual(['miss', 'hit']);
    }
  });

  it('keys on Accept as well as the URL', async () => {
    const json = await get('/v1/sources').set('Accept', 'application/json').expect(200);
    const csv = await get('/v1/sources').set('Accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const again = await get('/v1/sources').set('Accept', 'application/json').expect(200);
    expect(again.text).toBe(json.text);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect((await get('/v1/sources').set('Accept', 'text/csv').expect(200)).text).toBe(csv.text);
  });

  it('never caches errors', async () => {
    await get('/v1/events/nope').expect(404);
    const again = await get('/v1/events/nope').expect(404);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});

describe('ResponseCache', () => {
  const entry = (body: string) => ({
    body: Buffer.from(body),
    contentType: 'text/plain',
    link: undefined,
  });

  it('evicts the least recently used entries beyond its bound', () => {
    const cache = new ResponseCache(80);
    cache.set('a', entry('x'.repeat(10)));
    cache.set('b', entry('y'.repeat(10)));
    cache.get('a'); // a is now the most recent
    for (let i = 0; i < 7; i++) cache.set(`c${i}`, entry('z'.repeat(10)));
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.body.toString()).toBe('x'.repeat(10));
    expect(cache.usage.bytes).toBeLessThanOrEqual(80);
  });

  it('does not let one large body flush the rest', () => {
    const cache = new ResponseCache(80);
    cache.set('small', entry('s'));
    cache.set('large', entry('L'.repeat(50)));
    expect(cache.get('large')).toBeUndefined();
    expect(cache.get('small')?.body.toString()).toBe('s');
  });

  it('counts UTF-8 bytes, not characters', () => {
    const cache = new ResponseCache(1000);
    cache.set('k', entry('“é”'));
    expect(cache.usage).toEqual({ entries: 1, bytes: 8 });
  });
});
