import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { openReadOnly } from '../../../src/db/open.js';
import { dumpsDirOf, readManifest } from '../../../src/features/dumps/manifest.js';
import { SeedError } from '../../../src/seed/issues.js';
import { seed } from '../../../src/seed/load.js';
import { DEFAULT_SEEDS_DIR, tempDir } from '../../helpers.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the dumps the seed builds', () => {
  const dir = tempDir();

  it('writes every resource as NDJSON and CSV, and the database, each as its export and its digest say', async () => {
    const file = path.join(dir, 'parallax.db');
    const { datasetVersion } = await seed(DEFAULT_SEEDS_DIR, file);
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
        const bytes = readFileSync(
          entry.format === 'sqlite' ? file : path.join(dumpsDirOf(file), datasetVersion, entry.name),
        );
        expect(bytes.length, entry.name).toBe(entry.size);
        expect(sha256(bytes), entry.name).toBe(entry.sha256);
        if (entry.format === 'sqlite') continue;
        const exported = await app.inject(`/v1/${entry.resource}?format=${entry.format}`);
        expect(exported.rawPayload.equals(bytes), `${entry.name} is the export of the whole list`).toBe(true);
      }
    } finally {
      await app.close();
      db.$client.close();
    }
  });

  it('keeps only the current version’s dumps, and a failed build leaves the old database and dumps', async () => {
    const file = path.join(dir, 'again.db');
    const { datasetVersion } = await seed(DEFAULT_SEEDS_DIR, file);
    const root = dumpsDirOf(file);
    // A stale version from an earlier seed goes once a new one is swapped in.
    writeFileSync(path.join(root, 'stale'), '');
    await seed(DEFAULT_SEEDS_DIR, file);
    expect(readdirSync(root)).toEqual([datasetVersion]);

    const before = readFileSync(file);
    // A dumps folder that cannot be written: the seed fails, and nothing is swapped.
    rmSync(root, { recursive: true });
    writeFileSync(root, 'not a folder');
    await expect(seed(DEFAULT_SEEDS_DIR, file)).rejects.toBeInstanceOf(SeedError);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('again.db') && f !== 'again.db')).toEqual([]);
    expect(existsSync(root)).toBe(true);
  });
});
