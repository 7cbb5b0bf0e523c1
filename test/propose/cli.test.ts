import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { type CliResult, FILE_A, ROOT, runSeedCli, TEXT_A } from '../seed/seed-helpers.js';

/** The propose command as a newcomer runs it: bad inputs get one line, a good one a valid draft. */

function propose(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/propose/cli.ts', ...args],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 },
      (error, stdout, stderr) => {
        resolve({
          code: error === null ? 0 : typeof error.code === 'number' ? error.code : null,
          stdout,
          stderr,
        });
      },
    );
  });
}

const NYT_TEXT = path.join(ROOT, 'seeds', '004_69448d2627b4ef18.txt');
const META = ['--outlet', 'The New York Times', '--published', '2020-06-24', '--timezone', 'Asia/Seoul'];

/** A seeds folder holding only the NKI article: the record a new NYT article joins. */
function record(parent: string, name: string): string {
  const seeds = path.join(parent, name);
  mkdirSync(seeds);
  for (const f of [FILE_A, TEXT_A]) copyFileSync(path.join(ROOT, 'seeds', f), path.join(seeds, f));
  return seeds;
}

function expectOneLine(result: CliResult, message: RegExp): void {
  expect(result.code).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/^\s+at /mu);
}

describe('npm run propose', () => {
  const parent = tempDir();

  it('drafts a new article beside the record: the text copied byte for byte, the draft valid but unreviewed', async () => {
    const seeds = record(parent, 'ok');
    const result = await propose([NYT_TEXT, '--id', 'nyt-2020-06-24', ...META, '--seeds', seeds]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^wrote .*004_69448d2627b4ef18\.json in \d+ ms: \d+ actors, \d+ events \(\d+ linked to the record\), \d+ claims, \d+ quotes; \d+ items to review$/mu,
    );
    expect(result.stdout).toMatch(/^least confident first:$/mu);
    expect(readFileSync(path.join(seeds, '004_69448d2627b4ef18.txt')).equals(readFileSync(NYT_TEXT))).toBe(
      true,
    );
    const draft = JSON.parse(readFileSync(path.join(seeds, '004_69448d2627b4ef18.json'), 'utf8'));
    expect(draft.source).toMatchObject({
      id: 'nyt-2020-06-24',
      outlet: 'The New York Times',
      timezone: 'Asia/Seoul',
    });
    // Kim Jong-un of the record is joined, not created again.
    expect(draft.actors.some((a: { id: string }) => a.id === 'kim-jong-un')).toBe(true);
    // The two seeds lean on each other (a name one gives, a date the other gives), so the record
    // alone has problems of its own; none of them is the draft's.
    const check = await runSeedCli(['--check', '--allow-proposed', '--seeds', seeds]);
    expect(check.stderr).not.toMatch(/004_69448d2627b4ef18\.json: [^:]+: (?!warning)/u);
    const refused = await runSeedCli(['--check', '--seeds', seeds]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/004_69448d2627b4ef18\.json: quotes\[0\]: proposed, not reviewed$/mu);
  });

  it('writes a draft that passes every check but review beside a record that stands alone', async () => {
    const story = path.join(ROOT, 'test/propose/fixtures/wildfire');
    const seeds = path.join(parent, 'wildfire');
    mkdirSync(seeds);
    for (const f of ['valley-courier-2026-08-18.json', 'valley-courier-2026-08-18.txt'])
      copyFileSync(path.join(story, f), path.join(seeds, f));
    const article = path.join(story, 'pacific-newswire-2026-08-18.txt');
    const meta = [
      '--outlet',
      'Pacific Newswire',
      '--published',
      '2026-08-19T05:30:00Z',
      '--timezone',
      'America/Los_Angeles',
    ];
    const result = await propose([article, '--id', 'pacific-newswire-2026-08-18', ...meta, '--seeds', seeds]);
    expect(result.code).toBe(0);
    const check = await runSeedCli(['--check', '--allow-proposed', '--seeds', seeds]);
    expect(check.stderr.split('\n').filter((l) => l !== '' && !/: warning: |warning\(s\)/u.test(l))).toEqual(
      [],
    );
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^seeds are valid: 2 sources/mu);
  });

  it('refuses to overwrite a draft without --force, and with it writes the same bytes again', async () => {
    const seeds = record(parent, 'again');
    const args = [NYT_TEXT, '--id', 'nyt-2020-06-24', ...META, '--seeds', seeds];
    expect((await propose(args)).code).toBe(0);
    const first = readFileSync(path.join(seeds, '004_69448d2627b4ef18.json'));
    expectOneLine(
      await propose(args),
      /^propose: .*004_69448d2627b4ef18\.json exists; --force replaces it$/u,
    );
    expect((await propose([...args, '--force'])).code).toBe(0);
    expect(readFileSync(path.join(seeds, '004_69448d2627b4ef18.json')).equals(first)).toBe(true);
  });

  it('drafts a 1 MB article', { timeout: 600_000 }, async () => {
    // The wildfire article over and over, each sentence numbered so that every passage has words
    // of its own to be referred to by.
    const one = readFileSync(
      path.join(ROOT, 'test/propose/fixtures/wildfire/valley-courier-2026-08-18.txt'),
      'utf8',
    );
    const copies: string[] = [];
    for (let k = 1, size = 0; size < 1_000_000; k++) {
      const copy = one.replace(/\. /gu, `. [${k}] `);
      copies.push(copy);
      size += Buffer.byteLength(copy) + 1;
    }
    const dir = tempDirIn(parent);
    const article = write(dir, 'long-read.txt', Buffer.from(copies.join('\n')));
    const result = await propose([
      article,
      '--id',
      'long-read',
      '--outlet',
      'Long Reads',
      '--published',
      '2026-08-18',
      '--seeds',
      path.join(dir, 'seeds'),
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const draft = JSON.parse(readFileSync(path.join(dir, 'seeds', 'long-read.json'), 'utf8'));
    expect(draft.quotes.length).toBeGreaterThan(copies.length * 5);
  });

  it('refuses an id another seed uses', async () => {
    const seeds = record(parent, 'taken');
    expectOneLine(
      await propose([NYT_TEXT, '--id', 'nki-2020-06-24', ...META, '--seeds', seeds]),
      /^propose: --id nki-2020-06-24 is already used by .*000_4b06048074e592c0\.json$/u,
    );
    expect(existsSync(path.join(seeds, '004_69448d2627b4ef18.txt'))).toBe(false);
  });

  it.each([
    [
      'a missing file',
      (d: string) => path.join(d, 'nowhere.txt'),
      [],
      /cannot read the article: no such file$/u,
    ],
    [
      'text that is not UTF-8',
      (d: string) =>
        write(d, 'latin1.txt', Buffer.from([0x4b, 0x69, 0x6d, 0xe9, 0x20, 0x73, 0x61, 0x69, 0x64])),
      [],
      /is not UTF-8 text/u,
    ],
    [
      'an empty text',
      (d: string) => write(d, 'empty.txt', Buffer.from(' \n\n ')),
      [],
      /the article is empty$/u,
    ],
    [
      'a date that does not exist',
      () => NYT_TEXT,
      ['--published', '2020-02-30'],
      /--published "2020-02-30" is not a real date/u,
    ],
    [
      'an unknown time zone',
      () => NYT_TEXT,
      ['--timezone', 'Mars/Olympus'],
      /--timezone "Mars\/Olympus" is not an IANA time zone/u,
    ],
    [
      'an id that is not a slug',
      () => NYT_TEXT,
      ['--id', 'NYT 2020'],
      /--id "NYT 2020" must be a lowercase slug/u,
    ],
    ['a missing outlet', () => NYT_TEXT, ['--outlet', ''], /--outlet is required/u],
  ] as const)('refuses %s with one line and exit code 2', async (_, file, extra, message) => {
    const dir = tempDirIn(parent);
    const args = [file(dir), '--id', 'x-2020', ...META, '--seeds', path.join(dir, 'seeds'), ...extra];
    const result = await propose(args);
    expectOneLine(result, new RegExp(`^propose: .*${message.source}`, 'u'));
    expect(existsSync(path.join(dir, 'seeds', 'x-2020.json'))).toBe(false);
  });
});

let made = 0;
function tempDirIn(parent: string): string {
  const dir = path.join(parent, `case-${++made}`);
  mkdirSync(dir);
  return dir;
}

function write(dir: string, name: string, bytes: Buffer): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}
