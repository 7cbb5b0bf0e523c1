import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { getter, useSeededApp } from '../helpers.js';

const ctx = useSeededApp();
const get = getter(ctx);

const EVERY_GET = [
  '/v1/sources',
  '/v1/sources/nyt-2020-06-24',
  '/v1/sources/nyt-2020-06-24/text',
  '/v1/events?from=2020-06',
  '/v1/events/cmc-suspends-military-action-plans',
  '/v1/actors?q=kim',
  '/v1/actors/kim-jong-un',
  '/v1/actors/kim-jong-un/events',
  '/v1/actors/kim-jong-un/quotes',
  '/v1/quotes',
  '/v1/quotes/nyt-2020-06-24-q5',
  '/v1/claims?status=contested',
  '/v1/claims/nki-2020-06-24.cmc-suspends-military-action-plans.date',
];

describe('caching', () => {
  it('gives every GET an ETag and Cache-Control, and answers If-None-Match with an empty 304', async () => {
    for (const url of EVERY_GET) {
      const first = await get(url).expect(200);
      const etag: string = first.headers.etag ?? '';
      expect(etag, url).toMatch(/^"[0-9a-f]{16}-[A-Za-z0-9_-]+"$/);
      expect(first.headers['cache-control']).toBe('public, max-age=60');
      expect(first.headers.vary).toMatch(/Accept/);

      const again = await get(url).expect(200);
      expect(again.headers.etag, 'the same request, the same tag').toBe(etag);

      for (const header of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
        const cached = await get(url).set('If-None-Match', header).expect(304);
        expect(cached.text, `${url} ${header}`).toBe('');
        expect(cached.headers.etag).toBe(etag);
        expect(cached.headers['cache-control']).toBe('public, max-age=60');
        expect(
          cached.headers['content-type'],
          `${url} ${header}: a 304 has no body to describe`,
        ).toBeUndefined();
      }
      await get(url).set('If-None-Match', '"something-else"').expect(200);
    }
  });

  it('gives different requests different tags', async () => {
    const tags = new Set<string | undefined>();
    for (const url of EVERY_GET) tags.add((await get(url).expect(200)).headers.etag);
    tags.add((await get('/v1/quotes?limit=1').expect(200)).headers.etag);
    expect(tags.size).toBe(EVERY_GET.length + 1);
  });

  it('never turns an error into a 304, even for If-None-Match: *', async () => {
    const res = await get('/v1/events/no-such-event').set('If-None-Match', '*').expect(404);
    expect(res.headers.etag).toBeUndefined();
    expect(res.headers['cache-control']).toBeUndefined();
    await get('/v1/events?limit=0').set('If-None-Match', '*').expect(400);
  });

  it('keeps the probes out of caches', async () => {
    for (const url of ['/healthz', '/readyz']) {
      const res = await get(url).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.etag).toBeUndefined();
    }
  });
});

describe('CORS', () => {
  it('allows GET from any origin and exposes the paging and caching headers', async () => {
    const res = await get('/v1/events?limit=1').set('Origin', 'https://example.org').expect(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['access-control-expose-headers']).toMatch(/ETag/);
    expect(res.headers['access-control-expose-headers']).toMatch(/Link/);
  });

  it('answers a preflight for GET, and does not offer writes', async () => {
    const res = await request(ctx.app.server)
      .options('/v1/events')
      .set('Origin', 'https://example.org')
      .set('Access-Control-Request-Method', 'GET')
      .expect(204);
    expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
    await request(ctx.app.server)
      .post('/v1/events')
      .send({})
      .expect(405)
      .expect('allow', 'GET, HEAD, OPTIONS');
    await request(ctx.app.server).delete('/v1/events/x').expect(405).expect('allow', 'GET, HEAD, OPTIONS');
  });
});

describe('content negotiation', () => {
  it('serves JSON to clients that accept it, in any of the usual ways', async () => {
    for (const accept of ['application/json', '*/*', 'application/*', 'text/html, application/json;q=0.5']) {
      const res = await get('/v1/sources').set('Accept', accept).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
    }
  });

  it('answers 406 problem+json when Accept allows nothing the operation produces', async () => {
    for (const [url, accept] of <[string, string][]>[
      ['/v1/events', 'application/xml'],
      ['/v1/events/korean-war-begins', 'text/csv'],
      ['/v1/actors/kim-jong-un', 'application/xml'],
      ['/v1/sources/nyt-2020-06-24/text', 'application/json'],
    ]) {
      const res = await get(url).set('Accept', accept).expect(406);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 406, title: 'Not Acceptable' });
    }
    const text = await get('/v1/sources/nyt-2020-06-24/text').set('Accept', 'text/plain').expect(200);
    expect(text.headers['content-type']).toBe('text/plain; charset=utf-8');
  });

  it('tags representations by Accept, so a cache never serves one for the other', async () => {
    const a = (await get('/v1/sources').set('Accept', 'application/json').expect(200)).headers.etag;
    const b = (await get('/v1/sources').set('Accept', '*/*').expect(200)).headers.etag;
    expect(a).not.toBe(b);
  });
});

describe('errors', () => {
  it('answers unknown query parameters with 400 on every operation, not only lists', async () => {
    for (const url of [...EVERY_GET, '/healthz', '/readyz']) {
      const sep = url.includes('?') ? '&' : '?';
      const res = await get(`${url}${sep}bogus=1`).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toContainEqual(expect.objectContaining({ in: 'query', name: 'bogus' }));
    }
  });

  it('answers unknown routes and methods with problem+json 404', async () => {
    const res = await get('/v2/events').expect(404);
    expect(res.body).toMatchObject({ status: 404, title: 'Not Found', instance: '/v2/events' });
  });

  it('never shows a stack trace, whatever the input', async () => {
    for (const url of [
      `/v1/events/${'x'.repeat(300)}`,
      '/v1/events?from=%00',
      '/v1/events?cursor=%FF%FE',
      '/v1/actors?q=%E0%A4%A',
      `/v1/quotes?q=${'a '.repeat(150)}`,
    ]) {
      const res = await get(url);
      expect(res.status, url).toBeLessThan(500);
      expect(JSON.stringify(res.body)).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
  });
});

describe('security headers', () => {
  it('sets helmet’s headers on the API, with a strict CSP', async () => {
    const res = await get('/v1/sources').expect(200);
    const csp = res.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
  });

  it('gives /docs a same-origin CSP (the browser test shows the UI works under it)', async () => {
    const res = await get('/docs/').expect(200);
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
