import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { casesIn, runCase } from '../../tools/propose/cases.js';
import { ROOT } from '../seed/seed-helpers.js';

/**
 * The drafts the proposer writes for every fixture article and seed (each held out from its own
 * folder), byte for byte. A change to the proposer shows here as a diff of drafts to read; when it is
 * meant, `UPDATE_GOLDEN=1 npx vitest run test/propose/golden.test.ts` rewrites them, and
 * `npm run bench:propose` says whether the change helped.
 */

const FIXTURES = path.join(ROOT, 'test/propose/fixtures');
const GOLDEN = path.join(ROOT, 'test/propose/golden');
const folders = [
  ['seeds', path.join(ROOT, 'seeds')],
  ...readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => [d.name, path.join(FIXTURES, d.name)]),
] as const;
const cases = folders.flatMap(([name, dir]) =>
  casesIn(dir).map((c) => ({ name: `${name}/${c.file}`, ...c })),
);

describe('golden drafts', () => {
  it.each(cases)('$name', async (c) => {
    const json = `${JSON.stringify((await runCase(c)).draft, null, 2)}\n`;
    const golden = path.join(GOLDEN, c.name);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) {
      mkdirSync(path.dirname(golden), { recursive: true });
      writeFileSync(golden, json);
      if (process.env.UPDATE_GOLDEN !== '1')
        throw new Error(`${golden} was missing and has been written; run again`);
    }
    expect(json).toBe(readFileSync(golden, 'utf8'));
  });

  it('are deterministic: the same input gives the same bytes', async () => {
    const [first] = cases;
    if (!first) throw new Error('no cases');
    const a = JSON.stringify((await runCase(first)).draft);
    const b = JSON.stringify((await runCase(first)).draft);
    expect(b).toBe(a);
  });
});
