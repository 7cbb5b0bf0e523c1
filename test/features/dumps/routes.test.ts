import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { openReadOnly } from '../../../src/db/open.js';
import { tempDir, useSeededApp, writeSynthetic } from '../../helpers.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface Listed {
  dataset_version: string;
  files: { name: string; url: string; size: number; sha256: string; media_type: string; format: string }[];
}

describe('GET /v1/dumps and /v1/dumps/{file}', () => {
  const ctx = useSeededApp();
  const inject = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ url, headers });

  it('lists every file of the dataset being served, and serves each with its digest', async () => {
    const list = (await inject('/v1/dumps')).json<Listed>();
    expect(list.dataset_version).toBe(ctx.app.datasetVersion);
    expect(list.files).toHaveLength(11);
    for (const file of list.files) {
      const res = await inject(file.url, { 'accept-encoding': 'br, gzip' });
      expect(res.statusCode, file.name).toBe(200);
      expect(res.headers['content-encoding'], 'sent as it is').toBeUndefined();
      expect(String(res.headers['content-type'])).toBe(
        file.format === 'sqlite' ? 'application/vnd.sqlite3' : `${file.media_type}; charset=utf-8`,
      );
      expect(res.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename="[a-z]+-${list.dataset_version}\\.(ndjson|csv|sqlite)"$`),
      );
      expect(res.rawPayload.length).toBe(file.size);
      expect(sha256(res.rawPayload), file.name).toBe(file.sha256);
    }
  });

  it('answers byte ranges, revalidates, and refuses what the list does not name', async () => {
    const whole = await inject('/v1/dumps/claims.ndjson');
    const part = await inject('/v1/dumps/claims.ndjson', { range: 'bytes=100-199' });
    expect(part.statusCode).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-199/${whole.rawPayload.length}`);
    expect(part.rawPayload.equals(whole.rawPayload.subarray(100, 200))).toBe(true);
    const etag = String(whole.headers.etag);
    expect((await inject('/v1/dumps/claims.ndjson', { 'if-none-match': etag })).statusCode).toBe(304);
    const resumed = await inject('/v1/dumps/claims.ndjson', { range: 'bytes=50-', 'if-range': etag });
    expect(resumed.statusCode).toBe(206);
    const beyond = await inject('/v1/dumps/claims.ndjson', {
      range: `bytes=${whole.rawPayload.length + 10}-`,
    });
    expect(beyond.statusCode).toBe(416);
    expect(beyond.headers['content-type']).toMatch(/^application\/problem\+json/);
    for (const url of ['/v1/dumps/nope.csv', '/v1/dumps/..%2Fparallax.db', '/v1/dumps/manifest.json']) {
      const res = await inject(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const head = await ctx.app.inject({ method: 'HEAD', url: '/v1/dumps/events.csv' });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('a database built without dumps', () => {
  it('lists none', async () => {
    const db = openReadOnly(writeSynthetic(tempDir(), 50, 1));
    const app = await buildApp({ db });
    try {
      const list = (await app.inject('/v1/dumps')).json<Listed>();
      expect(list).toEqual({ dataset_version: 'synthetic-50-1', files: [] });
      expect((await app.inject('/v1/dumps/events.csv')).statusCode).toBe(404);
    } finally {
      await app.close();
      db.$client.close();
    }
  });
});
