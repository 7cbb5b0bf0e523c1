import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatIssue, SeedError } from '../../src/ingest/issues.js';
import { seed } from '../../src/ingest/load.js';
import { copySeeds, DEFAULT_SEEDS_DIR, tempDir } from '../helpers.js';

const run = promisify(execFile);
const FILE_A = '000_4b06048074e592c0.json';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit annotation JSON freely
type Json = any;

/** Copies the seeds, lets `edit` break file A, and returns the seeds folder. */
function brokenSeeds(edit: (a: Json) => void): string {
  const seeds = copySeeds(tempDir());
  const file = path.join(seeds, FILE_A);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  edit(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
  return seeds;
}

async function seedErrors(seeds: string, target: string): Promise<string[]> {
  try {
    await seed(seeds, target);
  } catch (error) {
    if (error instanceof SeedError) return error.issues.map(formatIssue);
    throw error;
  }
  throw new Error('the seed was expected to fail');
}

describe('npm run seed', () => {
  const dir = tempDir();
  const target = path.join(dir, 'parallax.db');
  let original: Buffer;

  beforeAll(async () => {
    await seed(DEFAULT_SEEDS_DIR, target);
    original = readFileSync(target);
  });

  it('is idempotent: seeding again gives the same dataset version', async () => {
    const first = await seed(DEFAULT_SEEDS_DIR, path.join(dir, 'again-1.db'));
    const second = await seed(DEFAULT_SEEDS_DIR, path.join(dir, 'again-2.db'));
    expect(second.datasetVersion).toBe(first.datasetVersion);
    expect(second.counts).toEqual(first.counts);
  });

  const faults: [string, (a: Json) => void, RegExp][] = [
    [
      'a wrong span',
      (a) => {
        a.events[0].evidence[0] = 'words that appear nowhere in the article';
      },
      /000_4b06048074e592c0\.json: events\[0\]\.evidence\[0\]: "words that appear nowhere in the article" does not occur/,
    ],
    [
      'an ambiguous span',
      (a) => {
        a.events[0].evidence[0] = 'North Korea';
      },
      /000_4b06048074e592c0\.json: events\[0\]\.evidence\[0\]: "North Korea" is ambiguous: it occurs \d+ times/,
    ],
    [
      'an unknown actor',
      (a) => {
        a.events[0].participants.push({ actor: 'no-such-actor', role: 'agent' });
      },
      /000_4b06048074e592c0\.json: events\[0\]\.participants\[\d+\]\.actor: unknown actor "no-such-actor"/,
    ],
    [
      'a malformed date',
      (a) => {
        a.events[0].date = { phrase: a.events[0].evidence[0], value: '2020-13-45', reason: 'test' };
      },
      /000_4b06048074e592c0\.json: events\[0\]\.date\.value: "2020-13-45" is not a valid date/,
    ],
    [
      'a date phrase the resolver does not know',
      (a) => {
        a.events[0].date = { phrase: a.events[0].evidence[0] };
      },
      /000_4b06048074e592c0\.json: events\[0\]\.date\.phrase: ".*" is not a date phrase the resolver knows/,
    ],
    [
      'a field of the wrong type',
      (a) => {
        a.quotes[0].kind = 'paraphrase';
      },
      /000_4b06048074e592c0\.json: quotes\[0\]\.kind: /,
    ],
  ];

  for (const [fault, edit, message] of faults) {
    it(`fails on ${fault} with file: json.path: message, leaving the database byte-identical`, async () => {
      const errors = await seedErrors(brokenSeeds(edit), target);
      expect(errors.join('\n')).toMatch(message);
      expect(readFileSync(target).equals(original)).toBe(true);
    });
  }

  it('reports every problem in one run, not just the first', async () => {
    const seeds = brokenSeeds((a) => {
      a.events[0].evidence[0] = 'nowhere one';
      a.events[1].evidence[0] = 'nowhere two';
    });
    const errors = await seedErrors(seeds, target);
    expect(errors.filter((e) => e.includes('does not occur'))).toHaveLength(2);
  });

  it('exits non-zero from the command line and prints one line per problem', async () => {
    const seeds = brokenSeeds((a) => {
      a.events[0].evidence[0] = 'nowhere at all';
    });
    const result = await run('npx', [
      'tsx',
      'src/ingest/cli.ts',
      '--seeds',
      seeds,
      '--database',
      target,
    ]).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /000_4b06048074e592c0\.json: events\[0\]\.evidence\[0\]: "nowhere at all" does not occur/,
    );
    expect(readFileSync(target).equals(original)).toBe(true);
  });
});
