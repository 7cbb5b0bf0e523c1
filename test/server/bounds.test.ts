import { describe, expect, it } from 'vitest';
import { MAX_REPEATS } from '../../src/http/querystring.js';
import { getter, useSeededApp } from '../helpers.js';

/** Bounds on what one request may ask for. */

const ctx = useSeededApp();
const get = getter(ctx);

describe('repeatable parameters', () => {
  const repeat = (name: string, n: number) =>
    Array.from({ length: n }, (_, i) => `${name}=${i === 0 ? 'kim-jong-un' : `nobody-${i}`}`).join('&');

  it(`accept up to ${MAX_REPEATS} values`, async () => {
    const res = await get(`/v1/events?${repeat('actor', MAX_REPEATS)}`).expect(200);
    expect(res.body.data.length).toBeGreaterThan(0);
  });

  it.each([
    ['/v1/events', 'actor'],
    ['/v1/events', 'type'],
    ['/v1/actors/kim-jong-un/events', 'source'],
    ['/v1/quotes', 'speaker'],
  ])(`%s: %s given ${MAX_REPEATS + 1} times is a 400 naming it`, async (path, name) => {
    const res = await get(`${path}?${repeat(name, MAX_REPEATS + 1)}`).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([
      { in: 'query', name, message: `may be given at most ${MAX_REPEATS} times` },
    ]);
  });
});
