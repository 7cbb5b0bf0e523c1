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

  it('picks sources by id, in id order, paged like the whole list', async () => {
    const ids = async (query: string) =>
      (await get(`/v1/sources?${query}`).expect(200)).body.data.map((s: { id: string }) => s.id);
    expect(await ids('id=nyt-2020-06-24')).toEqual(['nyt-2020-06-24']);
    expect(await ids('id=nyt-2020-06-24&id=nki-2020-06-24')).toEqual(['nki-2020-06-24', 'nyt-2020-06-24']);
    expect(await ids('id=nyt-2020-06-24&id=nyt-2020-06-24')).toEqual(['nyt-2020-06-24']);
    expect(await ids('id=no-such-source')).toEqual([]);
    const first = (await get('/v1/sources?id=nyt-2020-06-24&id=nki-2020-06-24&limit=1').expect(200)).body;
    expect(first.data.map((s: { id: string }) => s.id)).toEqual(['nki-2020-06-24']);
    const next = `/v1/sources?id=nyt-2020-06-24&id=nki-2020-06-24&limit=1&cursor=${first.page.next_cursor}`;
    expect((await get(next).expect(200)).body.data.map((s: { id: string }) => s.id)).toEqual([
      'nyt-2020-06-24',
    ]);
  });

  it('refuses more ids than one request may look up, naming the parameter', async () => {
    const query = Array.from({ length: 101 }, (_, i) => `id=s${i}`).join('&');
    const res = await get(`/v1/sources?${query}`).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ in: 'query', name: 'id', message: 'may be given at most 100 times' }]);
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
