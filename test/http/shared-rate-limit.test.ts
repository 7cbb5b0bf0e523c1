import { describe, expect, it } from 'vitest';
import { WindowCounts } from '../../src/http/shared-rate-limit.js';

describe('the shared rate limit’s windows', () => {
  it('counts a key’s requests in a fixed window, then starts a new one', () => {
    const counts = new WindowCounts();
    const cases: [key: string, atMs: number, current: number, ttl: number][] = [
      ['a', 0, 1, 1000],
      ['a', 10, 2, 990],
      ['b', 20, 1, 1000],
      ['a', 999, 3, 1],
      ['a', 1000, 1, 1000], // the window of 1000 ms that began at 0 is over
      ['a', 1500, 2, 500],
      ['b', 1500, 1, 1000],
    ];
    for (const [key, at, current, ttl] of cases)
      expect(counts.hit(key, 1000, at), `${key} at ${at} ms`).toEqual({ current, ttl });
  });

  it('forgets the least recently counted keys beyond its capacity', () => {
    const counts = new WindowCounts(2);
    counts.hit('a', 1000, 0);
    counts.hit('b', 1000, 0);
    counts.hit('a', 1000, 1); // a is now the most recent
    counts.hit('c', 1000, 2); // b goes
    expect(counts.hit('a', 1000, 3).current).toBe(3);
    expect(counts.hit('b', 1000, 3).current).toBe(1);
  });
});
