import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { openReadOnly } from '../../../src/db/open.js';
import { dumpsDirOf, readManifest } from '../../../src/features/dumps/manifest.js';
import { SeedError } from '../../../src/seed/issues.js';
import { seed } from '../../../src/seed/load.js';
import { DUMPS } from '../../../src/features/dumps/beside.js';
import { leaseVersion } from '../../../src/features/dumps/retention.js';
import { DEFAULT_SEEDS_DIR, retitledSeeds, tempDir } from '../../helpers.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the dumps the seed builds', () => {
  const dir = tempDir();

  it('writes every resource as NDJSON and CSV, and the database, each as its export and its digest say', async () => {
    const file = path.join(dir, 'parallax.db');
    const { datasetVersion } = await seed(DEFAULT_SEEDS_DIR, file, { beside: DUMPS });
    const manifest = readManifest(file, datasetVersion);
    expect(manifest?.dataset_version).toBe(datasetVersion);
    const names = manifest?.files.map((f) => f.name) ?? [];
    expect(names).toEqual([
      'events.ndjson',
      'events.csv',
      'actors.ndjson',
      'actors.csv',
      'quotes.ndjson',
      'quotes.csv',
      'claims.ndjson',
      'claims.csv',
      'sources.ndjson',
      'sources.csv',
      'parallax.sqlite',
    ]);
    const db = openReadOnly(file);
    const app = await buildApp({ db });
    try {
      for (const entry of manifest?.files ?? []) {
        const bytes = readFileSync(path.join(dumpsDirOf(file), datasetVersion, entry.name));
        expect(bytes.length, entry.name).toBe(entry.size);
        expect(sha256(bytes), entry.name).toBe(entry.sha256);
        if (entry.format === 'sqlite') {
          expect(bytes.equals(readFileSync(file)), 'the database is the seeded file').toBe(true);
          continue;
        }
        const exported = await app.inject(`/v1/${entry.resource}?format=${entry.format}`);
        expect(exported.rawPayload.equals(bytes), `${entry.name} is the export of the whole list`).toBe(true);
      }
    } finally {
      await app.close();
      db.$client.close();
    }
  });

  it('keeps the newest two versions and any a process serves, and reuses a version’s dumps', async () => {
    const file = path.join(dir, 'again.db');
    const [seeds0, seeds1, seeds2] = [
      DEFAULT_SEEDS_DIR,
      retitledSeeds(dir, 'One'),
      retitledSeeds(dir, 'Two'),
    ];
    const v0 = (await seed(seeds0, file, { beside: DUMPS })).datasetVersion;
    const v1 = (await seed(seeds1, file, { beside: DUMPS })).datasetVersion;
    const root = dumpsDirOf(file);
    const folders = () =>
      readdirSync(root)
        .filter((e) => !e.startsWith('.'))
        .sort();
    expect(folders()).toEqual([v0, v1].sort());
    // A server still serving v0 holds its lease: a third version does not retire it.
    const release = leaseVersion(file, v0);
    const v2 = (await seed(seeds2, file, { beside: DUMPS })).datasetVersion;
    expect(folders()).toEqual([v0, v1, v2].sort());
    release();
    // v0 again: its dumps are kept as they were and count as the newest; v1 goes.
    const database = readFileSync(path.join(root, v0, 'parallax.sqlite'));
    await seed(seeds0, file, { beside: DUMPS });
    expect(folders()).toEqual([v0, v2].sort());
    expect(readFileSync(path.join(root, v0, 'parallax.sqlite')).equals(database)).toBe(true);
    expect(sha256(database)).toBe(readManifest(file, v0)?.files.at(-1)?.sha256);

    const before = readFileSync(file);
    // A dumps folder that cannot be written: the seed fails, and nothing is swapped.
    rmSync(root, { recursive: true });
    writeFileSync(root, 'not a folder');
    await expect(seed(DEFAULT_SEEDS_DIR, file, { beside: DUMPS })).rejects.toBeInstanceOf(SeedError);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('again.db') && f !== 'again.db')).toEqual([]);
    expect(existsSync(root)).toBe(true);
  });

  it('are built only when the caller asks: a seed given nothing beside writes the database alone', async () => {
    const file = path.join(dir, 'alone.db');
    const { datasetVersion } = await seed(DEFAULT_SEEDS_DIR, file);
    expect(existsSync(file)).toBe(true);
    expect(existsSync(dumpsDirOf(file))).toBe(false);
    expect(readManifest(file, datasetVersion)).toBeUndefined();
  });
});
