import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../helpers.js';

/** Large answers compressed when the client accepts it, each coding its own representation. */

const ctx = useSeededApp();
const inject = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ url, headers });

const DECODE = { br: brotliDecompressSync, gzip: gunzipSync } as const;

describe('compression', () => {
  it.each(['/v1/events', '/v1/events?format=csv', '/v1/claims?format=ndjson', '/openapi.json'])(
    '%s: Brotli and gzip decode to the identity bytes',
    async (url) => {
      const identity = await inject(url);
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(identity.rawPayload.length).toBeGreaterThan(1024);
      for (const coding of ['br', 'gzip'] as const) {
        const res = await inject(url, { 'accept-encoding': coding });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-encoding']).toBe(coding);
        expect(String(res.headers.vary)).toMatch(/accept-encoding/i);
        expect(res.rawPayload.length).toBeLessThan(identity.rawPayload.length / 2);
        expect(DECODE[coding](res.rawPayload).equals(identity.rawPayload)).toBe(true);
      }
    },
  );

  it('prefers Brotli, honours q-values, and sends small answers as they are', async () => {
    expect(
      (await inject('/v1/events', { 'accept-encoding': 'gzip, deflate, br' })).headers['content-encoding'],
    ).toBe('br');
    expect(
      (await inject('/v1/events', { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding'],
    ).toBe('gzip');
    expect(
      (await inject('/v1/events', { 'accept-encoding': 'identity' })).headers['content-encoding'],
    ).toBeUndefined();
    const small = await inject('/v1/sources/nyt-2020-06-24', { 'accept-encoding': 'br' });
    expect(small.rawPayload.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
  });

  it('tags each coding differently, and revalidates each against its own tag', async () => {
    const tags = new Set<string>();
    for (const coding of ['br', 'gzip', 'identity', '']) {
      const headers: Record<string, string> = coding ? { 'accept-encoding': coding } : {};
      const res = await inject('/v1/events', headers);
      const etag = String(res.headers.etag);
      tags.add(etag);
      expect((await inject('/v1/events', { ...headers, 'if-none-match': etag })).statusCode).toBe(304);
    }
    expect(tags.size).toBe(4);
    const br = String((await inject('/v1/events', { 'accept-encoding': 'br' })).headers.etag);
    expect((await inject('/v1/events', { 'accept-encoding': 'gzip', 'if-none-match': br })).statusCode).toBe(
      200,
    );
  });

  it('compresses a cached answer as it compressed the first', async () => {
    const first = await inject('/v1/quotes?limit=30', { 'accept-encoding': 'gzip' });
    const again = await inject('/v1/quotes?limit=30', { 'accept-encoding': 'gzip' });
    expect(again.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(again.rawPayload).equals(gunzipSync(first.rawPayload))).toBe(true);
    const plain = await inject('/v1/quotes?limit=30');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(gunzipSync(first.rawPayload))).toBe(true);
  });
});
