import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { recordedVersion } from '../../src/db/open.js';
import { DEFAULT_SEEDS_DIR } from '../../src/seed/defaults.js';
import { seed, seedsVersion, staleNotice } from '../../src/seed/load.js';
import { retitledSeeds, tempDir } from '../helpers.js';

/**
 * Whether a database was built from the seeds as they are now (`npm start` says so when not): the
 * version the seeds would make, read and hashed without a seed, against the one the file records.
 */

describe('a database built from other seeds', () => {
  const dir = tempDir();

  it('is told apart from one built from these seeds, without seeding them again', async () => {
    const file = path.join(dir, 'parallax.db');
    const built = await seed(DEFAULT_SEEDS_DIR, file);
    expect(recordedVersion(file)).toBe(built.datasetVersion);
    expect(await seedsVersion(DEFAULT_SEEDS_DIR)).toBe(built.datasetVersion);
    expect(staleNotice(file, 'seeds/', recordedVersion(file), built.datasetVersion)).toBeNull();

    const changed = retitledSeeds(dir, 'A title the record did not have');
    const expected = await seedsVersion(changed);
    expect(expected).not.toBe(built.datasetVersion);
    expect(staleNotice(file, 'seeds/', recordedVersion(file), expected)).toBe(
      `${file} was built from other seeds than seeds/ (dataset ${built.datasetVersion}; the seeds make ${expected}): serving it as it is; "npm run seed" rebuilds it`,
    );
  });

  it('says nothing when there are no seeds to compare with, and reads no version from a non-database', async () => {
    expect(await seedsVersion(path.join(dir, 'nowhere'))).toBeNull();
    expect(staleNotice('x.db', 'seeds/', 'abc', null)).toBeNull();
    expect(recordedVersion(path.join(dir, 'missing.db'))).toBeUndefined();
  });
});
