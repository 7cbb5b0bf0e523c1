import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareSeeds } from '../../src/seed/load.js';
import { SeedError, formatIssue } from '../../src/seed/issues.js';
import { tempDir } from '../helpers.js';
import { FILE_A, editJson, issueLine, runSeedCli, seedsWith, type Json } from '../seed/seed-helpers.js';

/** The seed and the `review` marks of a draft: refused unless previewed, never under --strict. */

const mark = { state: 'proposed', confidence: 0.5, rule: 'speaker.quote-verb-name', because: 'a test' };

/** File A with a mark on one actor, one event, one event's date, one claim and one quote. */
function marked(a: Json): void {
  a.actors[1].review = mark;
  a.events[0].review = { ...mark, candidates: [{ id: 'cmc-video-meeting', score: 0.42 }] };
  a.events[2].date.review = mark;
  a.claims[0].review = mark;
  a.quotes[3].review = mark;
}

async function problems(seeds: string, options: Parameters<typeof prepareSeeds>[1]): Promise<string[]> {
  try {
    await prepareSeeds(seeds, options);
    return [];
  } catch (error) {
    if (error instanceof SeedError) return error.issues.map(formatIssue);
    throw error;
  }
}

describe('review marks', () => {
  const parent = tempDir();

  it('refuses every proposed item, one line each, in file order', async () => {
    const seeds = seedsWith(parent, (s) => editJson(s, FILE_A, marked));
    const lines = await problems(seeds, {});
    const paths = ['actors[1]', 'events[0]', 'events[2].date', 'claims[0]', 'quotes[3]'];
    expect(lines).toHaveLength(paths.length);
    paths.forEach((p, i) => expect(lines[i]).toMatch(issueLine(FILE_A, p, 'proposed, not reviewed')));
  });

  it('loads them for a preview with allowProposed, and never under strict', async () => {
    const seeds = seedsWith(parent, (s) => editJson(s, FILE_A, marked));
    const { dataset } = await prepareSeeds(seeds, { allowProposed: true });
    expect(dataset.sources).toHaveLength(2);
    const strict = await problems(seeds, { strict: true, allowProposed: true });
    expect(strict.filter((l) => l.endsWith('proposed, not reviewed'))).toHaveLength(5);
  });

  it('checks the mark itself: a state other than proposed, a confidence above 1, a stray key', async () => {
    const seeds = seedsWith(parent, (s) =>
      editJson(s, FILE_A, (a) => {
        a.actors[0].review = { ...mark, state: 'reviewed' };
        a.events[0].review = { ...mark, confidence: 1.5 };
        a.quotes[0].review = { ...mark, by: 'me' };
      }),
    );
    const lines = await problems(seeds, { allowProposed: true });
    expect(lines.some((l) => /actors\[0\]\.review\.state: /u.test(l))).toBe(true);
    expect(lines.some((l) => /events\[0\]\.review\.confidence: /u.test(l))).toBe(true);
    expect(lines.some((l) => /quotes\[0\]\.review: .*by/u.test(l))).toBe(true);
  });

  it('the command: refuses, previews with --allow-proposed, and --strict ignores it', async () => {
    const seeds = seedsWith(parent, (s) => editJson(s, FILE_A, marked));
    const target = path.join(parent, 'draft.db');
    const refused = await runSeedCli(['--seeds', seeds, '--database', target]);
    expect(refused.code).toBe(1);
    expect(refused.stderr.split('\n').filter((l) => l.endsWith(': proposed, not reviewed'))).toHaveLength(5);
    const check = await runSeedCli(['--check', '--allow-proposed', '--seeds', seeds]);
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^seeds are valid: 2 sources/mu);
    const preview = await runSeedCli(['--allow-proposed', '--seeds', seeds, '--database', target]);
    expect(preview.code).toBe(0);
    const strict = await runSeedCli(['--check', '--strict', '--allow-proposed', '--seeds', seeds]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/--strict never accepts proposed items/u);
  });
});
