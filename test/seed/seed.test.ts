import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../../src/seed/load.js';
import { DatasetWriter } from '../../src/seed/writer.js';
import { generateSynthetic } from '../../tools/synthetic/generate.js';
import { DEFAULT_SEEDS_DIR, tempDir } from '../helpers.js';
import { brokenSeeds, runSeedCli, seedErrors, sha256 } from './seed-helpers.js';

// One test per kind of broken seed or unwritable target lives in faults.test.ts.

describe('npm run seed', () => {
  const dir = tempDir();
  const target = path.join(dir, 'parallax.db');
  let original: string;

  beforeAll(async () => {
    await seed(DEFAULT_SEEDS_DIR, target);
    original = sha256(target);
  });

  it('is idempotent: seeding again gives the same dataset version', async () => {
    const first = await seed(DEFAULT_SEEDS_DIR, path.join(dir, 'again-1.db'));
    const second = await seed(DEFAULT_SEEDS_DIR, path.join(dir, 'again-2.db'));
    expect(second.datasetVersion).toBe(first.datasetVersion);
    expect(second.counts).toEqual(first.counts);
  });

  it('reports every problem in one run, not just the first', async () => {
    const seeds = brokenSeeds(dir, (a) => {
      a.events[0].evidence[0] = 'nowhere one';
      a.events[1].evidence[0] = 'nowhere two';
    });
    const errors = await seedErrors(seeds, target);
    expect(errors.filter((e) => e.includes('does not occur'))).toHaveLength(2);
  });

  it('exits non-zero from the command line and prints one line per problem', async () => {
    const seeds = brokenSeeds(dir, (a) => {
      a.events[0].evidence[0] = 'nowhere at all';
    });
    const result = await runSeedCli(['--seeds', seeds, '--database', target]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /000_4b06048074e592c0\.json: events\[0\]\.evidence\[0\]: "nowhere at all" does not occur/,
    );
    expect(sha256(target)).toBe(original);
  });
});

describe('a commit of the dataset writer', () => {
  it('says how long each of its steps took, for `seed:synthetic -- --timings`', () => {
    const writer = DatasetWriter.open(path.join(tempDir(), 'timed.db'));
    for (const item of generateSynthetic({ events: 200, seed: 3 })) writer.insertItem(item);
    const steps = new Map<string, number>();
    writer.commit('timed', { onStep: (step, ms) => steps.set(step, (steps.get(step) ?? 0) + ms) });
    // The indexes by name, the derived tables by what they fill, the items, the end of the file.
    for (const step of ['index events_timeline', 'actor_timeline', 'search_terms', 'event items', 'sync'])
      expect(steps.get(step), step).toBeGreaterThanOrEqual(0);
    expect([...steps.values()].every((ms) => Number.isFinite(ms) && ms >= 0)).toBe(true);
  });
});
