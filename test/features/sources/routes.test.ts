import { readFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEEDS_DIR, useSeededApp } from '../../helpers.js';

const ctx = useSeededApp();
const get = (url: string) => request(ctx.app.server).get(url);

describe('GET /v1/sources', () => {
  it('lists both articles with their metadata and counts', async () => {
    const res = await get('/v1/sources').expect(200);
    expect(res.body.data.map((s: { id: string }) => s.id)).toEqual(['nki-2020-06-24', 'nyt-2020-06-24']);
    const nyt = res.body.data[1];
    expect(nyt).toMatchObject({
      outlet: 'The New York Times',
      authors: ['Choe Sang-Hun'],
      published: '2020-06-24',
      timezone: 'Asia/Seoul',
    });
    expect(nyt.counts.events).toBeGreaterThan(0);
    expect(nyt.counts.quotes).toBeGreaterThan(0);
  });

  it('serves the exact text, byte for byte, as text/plain', async () => {
    const res = await get('/v1/sources/nyt-2020-06-24/text').expect(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.text).toBe(readFileSync(path.join(DEFAULT_SEEDS_DIR, '004_69448d2627b4ef18.txt'), 'utf8'));
    const source = (await get('/v1/sources/nyt-2020-06-24').expect(200)).body;
    expect(source.counts.characters).toBe(Array.from(res.text).length);
  });

  it('answers 404 for an unknown source', async () => {
    await get('/v1/sources/nope').expect(404);
    await get('/v1/sources/nope/text').expect(404);
  });
});

describe('GET /healthz and /readyz', () => {
  it('report liveness and the dataset version', async () => {
    await get('/healthz').expect(200, { status: 'ok' });
    const ready = await get('/readyz').expect(200);
    expect(ready.body).toEqual({ status: 'ready', dataset_version: expect.stringMatching(/^[0-9a-f]{16}$/) });
  });
});
