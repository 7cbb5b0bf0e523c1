import { copyFileSync, renameSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { type Db, openReadOnly } from '../../src/db/open.js';
import { loadConfig } from '../../src/config.js';
import { LiveDataset } from '../../src/live-dataset.js';
import { tempDir, writeSynthetic } from '../helpers.js';

/** How the server opens a dataset: SQLite's page cache, for the first dataset and every later one. */

const dir = tempDir();
const first = writeSynthetic(dir, 200, 1);
const second = writeSynthetic(dir, 200, 2);
const opened: Db[] = [];
afterAll(() => {
  for (const db of opened) if (db.$client.open) db.$client.close();
});

/** cache_size as SQLite reports it: negative is a bound in KiB. */
const cacheSize = (db: Db) => db.$client.pragma('cache_size', { simple: true }) as number;

describe('a dataset opened for the server', () => {
  it("bounds SQLite's page cache as asked, and leaves SQLite's default otherwise", () => {
    const plain = openReadOnly(first);
    const sized = openReadOnly(first, { pageCacheBytes: 8 * 2 ** 20 });
    const rounded = openReadOnly(first, { pageCacheBytes: 1000 });
    opened.push(plain, sized, rounded);
    expect(cacheSize(sized)).toBe(-8192);
    expect(cacheSize(rounded)).toBe(-1);
    expect(cacheSize(plain)).not.toBe(-8192);
  });

  it('takes SQLITE_CACHE_MB from the environment: 64 MiB unless told', () => {
    expect(loadConfig({}).SQLITE_CACHE_MB).toBe(64);
    expect(loadConfig({ SQLITE_CACHE_MB: '256' }).SQLITE_CACHE_MB).toBe(256);
    expect(() => loadConfig({ SQLITE_CACHE_MB: '-1' })).toThrow(/SQLITE_CACHE_MB/);
  });

  it('keeps its page cache bound across a switch to a new dataset', async () => {
    const served = path.join(dir, 'served.db');
    copyFileSync(first, served);
    const server = createServer();
    const mounted: Db[] = [];
    const live = await LiveDataset.open(
      served,
      server,
      (db, shared) => {
        mounted.push(db);
        return buildApp({ db, server: shared, responseCacheBytes: 0 });
      },
      { pageCacheBytes: 4 * 2 ** 20 },
    );
    try {
      // As the seed does: the new file renamed over the served one.
      copyFileSync(second, `${served}.new`);
      renameSync(`${served}.new`, served);
      await live.reload('test');
      expect(mounted).toHaveLength(2);
      expect(live.app.datasetVersion).toBe('synthetic-200-2');
      expect(cacheSize(mounted[1] as Db)).toBe(-4096);
    } finally {
      await live.shutdown();
    }
  });
});
