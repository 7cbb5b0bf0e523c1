import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { openReadOnly } from '../../../src/db/open.js';
import { dumpsDirOf } from '../../../src/features/dumps/manifest.js';
import { seed } from '../../../src/seed/load.js';
import { DUMPS } from '../../../src/features/dumps/beside.js';
import { DEFAULT_SEEDS_DIR, retitledSeeds, tempDir, useSeededApp, writeSynthetic } from '../../helpers.js';

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
  it('lists none, and leaves nothing beside the database', async () => {
    const file = writeSynthetic(tempDir(), 50, 1);
    const db = openReadOnly(file);
    const app = await buildApp({ db });
    try {
      const list = (await app.inject('/v1/dumps')).json<Listed>();
      expect(list).toEqual({ dataset_version: 'synthetic-50-1', files: [] });
      expect((await app.inject('/v1/dumps/events.csv')).statusCode).toBe(404);
      expect(existsSync(dumpsDirOf(file))).toBe(false);
    } finally {
      await app.close();
      db.$client.close();
    }
  });
});

describe('a download while another dataset is swapped in', () => {
  it('is the bytes of the version it was listed under, at its URL, while that version is kept', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'parallax.db');
    await seed(DEFAULT_SEEDS_DIR, file, { beside: DUMPS });
    const oldDb = openReadOnly(file);
    const oldApp = await buildApp({ db: oldDb });
    const listed = (await oldApp.inject('/v1/dumps')).json<Listed>();
    const database = listed.files.find((f) => f.format === 'sqlite');
    expect(database?.url).toBe(`/v1/dumps/parallax.sqlite?version=${listed.dataset_version}`);

    const { datasetVersion: next } = await seed(retitledSeeds(dir, 'Another title'), file, { beside: DUMPS });
    const newDb = openReadOnly(file);
    const newApp = await buildApp({ db: newDb });
    try {
      // The old app and the new one both answer the old list's URLs with the old bytes.
      for (const app of [oldApp, newApp])
        for (const f of listed.files) {
          const res = await app.inject(f.url);
          expect(res.statusCode, f.url).toBe(200);
          expect(sha256(res.rawPayload), f.url).toBe(f.sha256);
          expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
          expect(res.headers['content-disposition']).toContain(`-${listed.dataset_version}.`);
        }
      const current = await newApp.inject('/v1/dumps/parallax.sqlite');
      expect(current.headers['content-disposition']).toContain(`-${next}.`);
      expect(sha256(current.rawPayload)).not.toBe(database?.sha256);

      // Once nothing serves the old version and two newer ones exist, its URLs say so.
      await oldApp.close();
      oldDb.$client.close();
      await seed(retitledSeeds(dir, 'A third title'), file, { beside: DUMPS });
      const gone = await newApp.inject(database?.url ?? '');
      expect(gone.statusCode).toBe(404);
      expect(gone.json<{ detail: string }>().detail).toBe(
        `the dumps of dataset version "${listed.dataset_version}" are no longer kept; GET /v1/dumps lists those of the version being served`,
      );
      expect((await newApp.inject('/v1/dumps/events.csv?version=..%2F..')).statusCode).toBe(400);
    } finally {
      await newApp.close();
      newDb.$client.close();
    }
  });
});
