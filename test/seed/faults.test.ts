import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openReadOnly } from '../../src/db/open.js';
import { findJsonSyntaxError } from '../../src/seed/json-syntax.js';
import { seed } from '../../src/seed/load.js';
import { DEFAULT_SEEDS_DIR, tempDir } from '../helpers.js';
import {
  editJson,
  FILE_A,
  FILE_B,
  issueLine,
  type Json,
  escapeRegExp,
  leftovers,
  ROOT,
  runSeedCli,
  seedErrors,
  seedsWith,
  sha256,
  TEXT_A,
} from './seed-helpers.js';

/**
 * Every way the seed can fail, each checked for (a) the exact `file: json.path: message` lines it
 * prints, nothing more, (b) a non-zero exit where the command line is what matters, and (c) the
 * existing database left byte-identical (sha256 before and after) with no temp file beside it.
 */

const SOURCE_A = 'nki-2020-06-24';
const EVENT_0 = 'cmc-suspends-military-action-plans'; // events[0] of file A, events[1] of file B
const B_ONLY_EVENT = 'communication-lines-cut';

interface Fault {
  name: string;
  /** Breaks a copy of the seeds in place. */
  breakSeeds: (seeds: string) => void;
  /** Every line the seed must print, in order: no more (no follow-on noise), no fewer. */
  lines: RegExp[];
}

const inA = (edit: (a: Json) => void) => (seeds: string) => editJson(seeds, FILE_A, edit);
const inB = (edit: (b: Json) => void) => (seeds: string) => editJson(seeds, FILE_B, edit);
const explicitDate = (value: string) =>
  inA((a) => {
    a.events[0].date = { value, reason: 'test', evidence: a.events[0].evidence[0] };
  });

/** How many events and actors file A lists: a duplicate appended to it lands at this index. */
const A_COUNTS = (() => {
  const a = JSON.parse(readFileSync(path.join(DEFAULT_SEEDS_DIR, FILE_A), 'utf8')) as Json;
  return {
    events: a.events.length as number,
    actors: a.actors.length as number,
    claims: a.claims.length as number,
  };
})();

/** Guards a hard-coded claim index likewise. */
function expectClaim(file: Json, index: number, property: string): void {
  if (file.claims[index]?.property !== property)
    throw new Error(`the seeds changed: expected a ${property} claim at claims[${index}]`);
}

/** Guards a hard-coded index against the seeds being reordered, so a failure says why. */
function expectId(list: { id: string }[], index: number, id: string): void {
  if (list[index]?.id !== id) throw new Error(`the seeds changed: expected "${id}" at index ${index}`);
}

const FAULTS: Fault[] = [
  // --- the file cannot be read as an annotation ---
  {
    name: 'malformed JSON (a missing comma)',
    breakSeeds: (seeds) => {
      const file = path.join(seeds, FILE_A);
      const pretty = JSON.stringify(JSON.parse(readFileSync(file, 'utf8')), null, 2);
      // Line 3 is `    "id": "nki-2020-06-24",`; without its comma line 4 starts too early.
      writeFileSync(file, pretty.replace(`"id": "${SOURCE_A}",`, `"id": "${SOURCE_A}"`));
    },
    lines: [
      issueLine(
        FILE_A,
        '$',
        'not valid JSON at line 4, column 5: expected "," or "}" after the property value, found "\\""',
      ),
    ],
  },
  {
    name: 'malformed JSON (a trailing comma on the last line)',
    breakSeeds: (seeds) => {
      const file = path.join(seeds, FILE_A);
      const pretty = JSON.stringify(JSON.parse(readFileSync(file, 'utf8')), null, 2);
      writeFileSync(file, pretty.replace(/\n}$/, ',\n}'));
    },
    lines: [issueLine(FILE_A, '$', /not valid JSON at line \d{3,}, column 1: trailing comma before "}"/)],
  },
  {
    name: 'an empty annotation file',
    breakSeeds: (seeds) => writeFileSync(path.join(seeds, FILE_A), ''),
    lines: [
      issueLine(
        FILE_A,
        '$',
        'not valid JSON at line 1, column 1: expected a value, found the end of the file',
      ),
    ],
  },
  {
    name: 'an annotation file that cannot be read (a folder named *.json)',
    breakSeeds: (seeds) => mkdirSync(path.join(seeds, 'zzz.json')),
    lines: [issueLine('zzz.json', '$', /cannot read the annotation file: EISDIR: .*/)],
  },
  {
    name: 'a field of the wrong type',
    breakSeeds: inA((a) => {
      a.quotes[0].kind = 'paraphrase';
    }),
    lines: [issueLine(FILE_A, 'quotes[0].kind', /Invalid option: expected one of "full"\|"fragment"/)],
  },

  // --- the text the annotation indexes into ---
  {
    name: 'a missing text file (an annotation without its .txt)',
    breakSeeds: (seeds) => rmSync(path.join(seeds, TEXT_A)),
    lines: [issueLine(FILE_A, 'source.text', `the text file ${TEXT_A} is missing beside ${FILE_A}`)],
  },
  {
    name: 'a text file that cannot be read (a folder in its place)',
    breakSeeds: (seeds) => {
      rmSync(path.join(seeds, TEXT_A));
      mkdirSync(path.join(seeds, TEXT_A));
    },
    lines: [
      issueLine(FILE_A, 'source.text', /cannot read the text file 000_4b06048074e592c0\.txt: EISDIR: .*/),
    ],
  },

  // --- evidence and references (spans, actors, events) ---
  {
    name: 'a span not found',
    breakSeeds: inA((a) => {
      a.events[0].evidence[0] = 'words that appear nowhere in the article';
    }),
    lines: [
      issueLine(
        FILE_A,
        'events[0].evidence[0]',
        `"words that appear nowhere in the article" does not occur in the text of ${TEXT_A}`,
      ),
    ],
  },
  {
    name: 'an ambiguous span',
    breakSeeds: inA((a) => {
      a.events[0].evidence[0] = 'North Korea';
    }),
    lines: [issueLine(FILE_A, 'events[0].evidence[0]', /"North Korea" is ambiguous: it occurs \d+ times.*/)],
  },
  {
    name: 'an unknown actor',
    breakSeeds: inA((a) => {
      a.events[0].participants[0].actor = 'no-such-actor';
    }),
    lines: [
      issueLine(
        FILE_A,
        'events[0].participants[0].actor',
        'unknown actor "no-such-actor": no annotation file defines it',
      ),
    ],
  },
  {
    name: 'a claim on an unknown event',
    breakSeeds: inA((a) => {
      a.claims[0].event = 'no-such-event';
    }),
    lines: [
      issueLine(FILE_A, 'claims[0].event', `unknown event "no-such-event": list it in this file's events`),
    ],
  },
  {
    name: 'a claim on an event that only another file lists',
    breakSeeds: inA((a) => {
      a.claims[0].event = B_ONLY_EVENT;
    }),
    lines: [
      issueLine(FILE_A, 'claims[0].event', `unknown event "${B_ONLY_EVENT}": list it in this file's events`),
    ],
  },
  {
    name: 'a quote on an unknown event',
    breakSeeds: inA((a) => {
      a.quotes[0].event = 'no-such-event';
    }),
    lines: [
      issueLine(FILE_A, 'quotes[0].event', `unknown event "no-such-event": list it in this file's events`),
    ],
  },

  // --- duplicate ids: repeated in one file is refused; shared across files merges, unless it contradicts ---
  {
    name: 'a duplicate event id in one file',
    breakSeeds: inA((a) => {
      a.events.push(structuredClone(a.events[0]));
    }),
    lines: [
      issueLine(
        FILE_A,
        `events[${A_COUNTS.events}].id`,
        `event "${EVENT_0}" is listed twice in this file (first as events[0])`,
      ),
    ],
  },
  {
    name: 'a duplicate actor id in one file',
    breakSeeds: inA((a) => {
      a.actors.push(structuredClone(a.actors[0]));
    }),
    lines: [
      issueLine(
        FILE_A,
        `actors[${A_COUNTS.actors}].id`,
        'actor "kim-jong-un" is listed twice in this file (first as actors[0])',
      ),
    ],
  },
  {
    name: 'an actor declared in two files with conflicting data',
    breakSeeds: inB((b) => {
      expectId(b.actors, 0, 'kim-jong-un');
      b.actors[0].name = 'Kim Jong Un';
      b.actors[0].kind = 'state';
    }),
    lines: [
      issueLine(
        FILE_B,
        'actors[0].name',
        /"Kim Jong Un" contradicts "Kim Jong-un" given in .*000_4b06048074e592c0\.json; give it once/,
      ),
      issueLine(
        FILE_B,
        'actors[0].kind',
        /"state" contradicts "person" given in .*000_4b06048074e592c0\.json; give it once/,
      ),
    ],
  },
  {
    name: 'an event declared in two files with conflicting data',
    breakSeeds: inB((b) => {
      expectId(b.events, 1, EVENT_0);
      b.events[1].title = 'Another title';
    }),
    lines: [
      issueLine(
        FILE_B,
        'events[1].title',
        /"Another title" contradicts "Kim Jong-un suspends [^"]*" given in .*000_4b06048074e592c0\.json; give it once/,
      ),
    ],
  },
  {
    name: 'a source id used by two files',
    breakSeeds: inB((b) => {
      b.source.id = SOURCE_A;
    }),
    lines: [
      issueLine(
        FILE_B,
        'source.id',
        /source id "nki-2020-06-24" is also used by .*000_4b06048074e592c0\.json/,
      ),
    ],
  },

  // --- dates ---
  {
    name: 'an impossible explicit date (2020-02-30)',
    breakSeeds: explicitDate('2020-02-30'),
    lines: [
      issueLine(FILE_A, 'events[0].date.value', '"2020-02-30" is not a valid date: 2020-02 has no day 30'),
    ],
  },
  {
    name: 'an impossible explicit date (2019-13-01)',
    breakSeeds: explicitDate('2019-13-01'),
    lines: [
      issueLine(FILE_A, 'events[0].date.value', '"2019-13-01" is not a valid date: there is no month 13'),
    ],
  },
  {
    name: 'an explicit interval that ends before it starts',
    breakSeeds: explicitDate('2020-03-05/2020-03-01'),
    lines: [
      issueLine(
        FILE_A,
        'events[0].date.value',
        '"2020-03-05/2020-03-01" is not a valid date: the interval ends before it starts',
      ),
    ],
  },
  {
    name: 'a malformed explicit date',
    breakSeeds: explicitDate('June 2020'),
    lines: [
      issueLine(
        FILE_A,
        'events[0].date.value',
        '"June 2020" is not a valid date: use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD',
      ),
    ],
  },
  // --- what SPEC §2 and §3 ask of dates, claims and quotes ---
  {
    name: 'a reported event whose date ends after its source’s publication',
    breakSeeds: inA((a) => {
      a.events[0].date = {
        value: '2020-06-20/2020-06-30',
        reason: 'test',
        evidence: a.events[0].evidence[0],
      };
    }),
    lines: [
      issueLine(
        FILE_A,
        'events[0].date.value',
        '2020-06-20/2020-06-30 ends after the source\'s publication (2020-06-24), but the event is reported as past: a reported event ends by its source\'s publication; if the article presents it as ahead, mark the event "tense": "planned" or "expected"',
      ),
    ],
  },
  {
    name: 'an explicit date without a reason',
    breakSeeds: inA((a) => {
      a.events[0].date = { value: '2020-06-24', evidence: a.events[0].evidence[0] };
    }),
    lines: [issueLine(FILE_A, 'events[0].date.reason', 'an explicit date needs a reason')],
  },
  {
    name: 'an explicit date without the words it is inferred from',
    breakSeeds: inA((a) => {
      a.events[0].date = { value: '2020-06-24', reason: 'test' };
    }),
    lines: [
      issueLine(FILE_A, 'events[0].date.evidence', 'an explicit date needs the words it is inferred from'),
    ],
  },
  {
    name: 'a date that is both a phrase and an explicit value',
    breakSeeds: inA((a) => {
      a.events[0].date = { ...a.events[0].date, value: '2020-06-24', reason: 'test', evidence: 'test' };
    }),
    lines: [
      issueLine(
        FILE_A,
        'events[0].date.phrase',
        'give either a phrase or an explicit "value", not both (an inferred date has no phrase)',
      ),
    ],
  },
  {
    name: 'a count that is not a number',
    breakSeeds: inA((a) => {
      expectClaim(a, 18, 'count');
      a.claims[18].value = 'twelve million';
    }),
    lines: [issueLine(FILE_A, 'claims[18].value', 'a count is a number')],
  },
  {
    name: 'an approximate value that is not a count',
    breakSeeds: inA((a) => {
      expectClaim(a, 0, 'actor');
      a.claims[0].approximate = true;
    }),
    lines: [issueLine(FILE_A, 'claims[0].approximate', 'only a count is approximate')],
  },
  {
    name: 'a claim naming an actor no file defines',
    breakSeeds: inA((a) => {
      expectClaim(a, 0, 'actor');
      a.claims[0].value = 'no-such-actor';
    }),
    lines: [
      issueLine(FILE_A, 'claims[0].value', 'unknown actor "no-such-actor": no annotation file defines it'),
    ],
  },
  {
    name: 'a fact a source states twice',
    breakSeeds: inA((a) => {
      expectClaim(a, 18, 'count');
      a.claims.push({ ...a.claims[18], value: 11000000, evidence: '3,000 balloons' });
    }),
    lines: [
      issueLine(
        FILE_A,
        `claims[${A_COUNTS.claims}]`,
        'duplicate claim "nki-2020-06-24.north-announces-leaflets-and-balloons.count.leaflets": a source states a fact once; give it an "about" to tell it apart',
      ),
    ],
  },
  {
    name: 'an inferred attribution without its reason',
    breakSeeds: inA((a) => {
      a.quotes[0].attribution = 'inferred';
    }),
    lines: [issueLine(FILE_A, 'quotes[0].attribution_reason', 'an inferred attribution needs its reason')],
  },
  {
    name: 'a date phrase the resolver does not know',
    breakSeeds: inA((a) => {
      a.events[0].date = { phrase: a.events[0].evidence[0] };
    }),
    lines: [issueLine(FILE_A, 'events[0].date.phrase', /".*" is not a date phrase the resolver knows .*/)],
  },
  {
    name: 'an impossible publication date (2020-02-30)',
    breakSeeds: inA((a) => {
      a.source.published = '2020-02-30';
    }),
    lines: [
      issueLine(
        FILE_A,
        'source.published',
        'must be a real calendar date, as YYYY-MM-DD or an ISO date-time with offset',
      ),
    ],
  },
];

describe('seed faults: each is reported as file: json.path: message and changes nothing', () => {
  const dir = tempDir('parallax-faults-');
  const target = path.join(dir, 'parallax.db');
  let original: string;
  let counts: Record<string, number>;

  beforeAll(async () => {
    counts = (await seed(DEFAULT_SEEDS_DIR, target)).counts;
    original = sha256(target);
  });

  for (const fault of FAULTS) {
    it(`fails on ${fault.name}`, async () => {
      const lines = await seedErrors(seedsWith(dir, fault.breakSeeds), target);
      expect(lines).toHaveLength(fault.lines.length);
      fault.lines.forEach((pattern, i) => expect(lines[i]).toMatch(pattern));
      expect(sha256(target)).toBe(original);
      expect(leftovers(target)).toEqual([]);
    });
  }

  it('accepts what is legal: a planned or expected event dated after its source’s publication', async () => {
    const seeds = seedsWith(
      dir,
      inA((a) => {
        a.events[0].tense = 'planned';
        a.events[0].date = {
          value: '2020-06-20/2020-06-30',
          reason: 'test',
          evidence: a.events[0].evidence[0],
        };
      }),
    );
    const result = await seed(seeds, path.join(dir, 'planned.db'));
    expect(result.counts).toEqual(counts);
  });

  it('accepts what is legal: an actor repeated in another file with identical data', async () => {
    // The positive control for the refusals above: merging by id is the format, not a fault.
    const seeds = seedsWith(
      dir,
      inB((b) => {
        expectId(b.actors, 0, 'kim-jong-un');
        b.actors[0].name = 'Kim Jong-un';
        b.actors[0].kind = 'person';
      }),
    );
    const result = await seed(seeds, path.join(dir, 'legal.db'));
    expect(result.counts).toEqual(counts);
  });

  // The command line is what people and CI run: the faults that used to crash or mislead, through it.
  const CLI_FAULTS = [
    'malformed JSON (a missing comma)',
    'a missing text file (an annotation without its .txt)',
    'an impossible publication date (2020-02-30)',
  ];
  for (const name of CLI_FAULTS) {
    it(`exits 1 from the command line on ${name}, one line per problem and no stack trace`, async () => {
      const fault = FAULTS.find((f) => f.name === name);
      if (!fault) throw new Error(`no fault named ${name}`);
      const result = await runSeedCli(['--seeds', seedsWith(dir, fault.breakSeeds), '--database', target]);
      expect(result.code).toBe(1);
      const stderr = result.stderr.trimEnd().split('\n');
      expect(stderr).toHaveLength(fault.lines.length + 1);
      fault.lines.forEach((pattern, i) => expect(stderr[i]).toMatch(pattern));
      expect(stderr.at(-1)).toBe(
        `seed failed: ${fault.lines.length} problem(s); the database was not changed`,
      );
      expect(result.stdout).toBe('');
      expect(sha256(target)).toBe(original);
      expect(leftovers(target)).toEqual([]);
    });
  }

  it('exits 2 with the usage on an unknown option, without a stack trace', async () => {
    const result = await runSeedCli(['--databse', target]);
    expect(result.code).toBe(2);
    // Newer Node versions add a hint to the message; its start is what matters.
    expect(result.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^Unknown option '--databse'/),
      'usage: npm run seed [-- --check] [--strict] [--allow-proposed] [--seeds DIR] [--database FILE]',
    ]);
    expect(sha256(target)).toBe(original);
  });
});

describe('JSON syntax errors are located by line and column', () => {
  const cases: [string, string, number, number, string][] = [
    [
      'a missing comma',
      '{\n  "a": 1\n  "b": 2\n}',
      3,
      3,
      'expected "," or "}" after the property value, found "\\""',
    ],
    ['a trailing comma in an array', '[\r\n  1,\r\n  2,\r\n]', 4, 1, 'trailing comma before "]"'],
    ['an unclosed string', '{\n  "a": "never closed\n}', 2, 8, 'this string is not closed on its line'],
    ['a raw tab in a string', '["a\tb"]', 1, 4, 'a string may not contain U+0009 (escape it)'],
    ['a single-quoted name', "{ 'a': 1 }", 1, 3, 'expected a property name in double quotes, found "\'"'],
    ['text after the value', '{}\n{}', 2, 1, 'unexpected "{" after the end of the JSON value'],
    ['a byte-order mark', '\ufeff{}', 1, 1, 'expected a value, found U+FEFF'],
    // Columns count code points, as editors do: the emoji is one column though two UTF-16 units.
    [
      'an error after an astral character',
      '["😀" 1]',
      1,
      6,
      'expected "," or "]" after the array element, found "1"',
    ],
  ];
  for (const [name, raw, line, column, reason] of cases)
    it(`${name}: line ${line}, column ${column}`, () => {
      expect(() => JSON.parse(raw)).toThrow();
      expect(findJsonSyntaxError(raw)).toEqual({ line, column, reason });
    });

  it('finds nothing in valid JSON, the seeds included', () => {
    for (const name of readdirSync(DEFAULT_SEEDS_DIR).filter((n) => n.endsWith('.json')))
      expect(findJsonSyntaxError(readFileSync(path.join(DEFAULT_SEEDS_DIR, name), 'utf8'))).toBeUndefined();
    expect(findJsonSyntaxError('{"a": [true, false, null, -1.5e+3, "\\u00e9\\n"], "b": {}}')).toBeUndefined();
  });
});

// --- the target: an unwritable folder, a locked file ----------------------------------------------

const version = (db: Database.Database) =>
  db.prepare("SELECT value FROM meta WHERE key = 'dataset_version'").pluck().get() as string;
const integrity = (db: Database.Database) => db.pragma('integrity_check', { simple: true });

/** Opens `target` as a new connection would (recovering any hot journal) and checks what it holds. */
function expectIntact(target: string, expected: string) {
  const db = new Database(target);
  try {
    expect(integrity(db)).toBe('ok');
    expect(version(db)).toBe(expected);
  } finally {
    db.close();
  }
}

/**
 * Another process with a write transaction open on `file`: `begin` is BEGIN IMMEDIATE (a RESERVED
 * lock) or BEGIN EXCLUSIVE. A tiny page cache makes the update spill, so, as in any large write,
 * pages already sit in the file and the rollback journal beside it is hot until the holder ends.
 */
const HOLDER = `
const Database = require('better-sqlite3');
const [file, begin] = process.argv.slice(1);
const db = new Database(file);
db.pragma('cache_size = 2');
db.exec(begin);
db.prepare('UPDATE sources SET body = body || ?').run('x'.repeat(20000));
process.stdout.write('ready\\n');
setInterval(() => {}, 1 << 30);
`;

describe('an unwritable or locked target', () => {
  const dir = tempDir('parallax-target-');
  const holders: ChildProcess[] = [];
  /** Valid seeds that give another dataset than seeds/, so a swap shows. */
  let retitled: string;
  let versions: { old: string; new: string };

  beforeAll(async () => {
    retitled = seedsWith(
      dir,
      inA((a) => {
        a.events[0].title = 'A retitled event';
      }),
    );
    const probe = path.join(dir, 'versions');
    mkdirSync(probe);
    versions = {
      old: (await seed(DEFAULT_SEEDS_DIR, path.join(probe, 'old.db'))).datasetVersion,
      new: (await seed(retitled, path.join(probe, 'new.db'))).datasetVersion,
    };
    expect(versions.new).not.toBe(versions.old);
  });

  afterEach(async () => {
    for (const holder of holders.splice(0)) {
      if (holder.exitCode !== null || holder.signalCode !== null) continue;
      holder.kill('SIGKILL');
      await once(holder, 'exit');
    }
  });

  /** A seeded database in a folder of its own. */
  async function seededTarget(name: string): Promise<string> {
    const folder = mkdtempSync(path.join(dir, `${name}-`));
    const target = path.join(folder, 'parallax.db');
    await seed(DEFAULT_SEEDS_DIR, target);
    return target;
  }

  async function startHolder(
    file: string,
    begin: 'BEGIN IMMEDIATE' | 'BEGIN EXCLUSIVE',
  ): Promise<ChildProcess> {
    const holder = spawn(process.execPath, ['-e', HOLDER, file, begin], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    holders.push(holder);
    const ready = new Promise<void>((resolve, reject) => {
      holder.stdout?.once('data', () => resolve());
      holder.once('exit', (code) => reject(new Error(`the lock holder exited early (${code})`)));
    });
    await ready;
    return holder;
  }

  async function crash(holder: ChildProcess): Promise<void> {
    holder.kill('SIGKILL');
    await once(holder, 'exit');
  }

  it('a read-only folder: exits 1, names the target, leaves it byte-identical', async () => {
    const target = await seededTarget('read-only');
    const folder = path.dirname(target);
    const before = sha256(target);
    // root ignores directory permissions: the command runs without the capabilities that let it.
    const heed = { heedPermissions: true };

    // The control: the same user, the same seeds, a writable folder — so the failure below is the
    // folder's doing and not, say, unreadable seeds.
    const writable = mkdtempSync(path.join(dir, 'writable-'));
    const control = await runSeedCli(['--seeds', retitled, '--database', path.join(writable, 'x.db')], heed);
    expect(control.stderr).toBe('');
    expect(control.code).toBe(0);

    chmodSync(folder, 0o555);
    try {
      const result = await runSeedCli(['--seeds', retitled, '--database', target], heed);
      expect(result.code).toBe(1);
      expect(result.stderr.trimEnd().split('\n')).toEqual([
        expect.stringMatching(
          issueLine(
            target,
            '$',
            /cannot write the database: (?:unable to open database file|.*EACCES.*): its folder is not writable/,
          ),
        ),
        'seed failed: 1 problem(s); the database was not changed',
      ]);
      expect(sha256(target)).toBe(before);
      expect(leftovers(target)).toEqual([]);
    } finally {
      chmodSync(folder, 0o755);
    }
  });

  it('a target whose parent is a regular file: names the target, leaves that file byte-identical', async () => {
    // Root-proof, unlike permissions: no user can create a file inside a regular file.
    const notAFolder = path.join(dir, 'not-a-folder');
    writeFileSync(notAFolder, 'a regular file\n');
    const before = sha256(notAFolder);
    const target = path.join(notAFolder, 'parallax.db');
    const lines = await seedErrors(retitled, target);
    expect(lines).toEqual([
      expect.stringMatching(issueLine(target, '$', /cannot write the database: (?:EEXIST|ENOTDIR): .*/)),
    ]);
    expect(sha256(notAFolder)).toBe(before);
  });

  it('a target that is a folder: fails at the swap and leaves no half-written file behind', async () => {
    const target = path.join(mkdtempSync(path.join(dir, 'folder-target-')), 'parallax.db');
    mkdirSync(target);
    writeFileSync(path.join(target, 'keep'), 'kept\n');
    const lines = await seedErrors(retitled, target);
    expect(lines).toEqual([
      expect.stringMatching(issueLine(target, '$', /cannot write the database: EISDIR: .*/)),
    ]);
    expect(readdirSync(target)).toEqual(['keep']);
    // The whole new database was built before the rename failed; it must be gone.
    expect(leftovers(target)).toEqual([]);
  });

  it('a reader in a read transaction: the seed swaps the file in and the reader keeps its snapshot', async () => {
    // Readers (the server) hold only SHARED locks; the rename does not disturb them: they go on
    // reading the old file until they reopen, and new connections see the new dataset, whole.
    const target = await seededTarget('reader');
    const reader = new Database(target, { readonly: true });
    try {
      reader.exec('BEGIN');
      expect(version(reader)).toBe(versions.old);
      const result = await runSeedCli(['--seeds', retitled, '--database', target]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(version(reader)).toBe(versions.old);
      reader.exec('COMMIT');
      expect(version(reader)).toBe(versions.old);
      const fresh = new Database(target, { readonly: true });
      try {
        expect(version(fresh)).toBe(versions.new);
        expect(integrity(fresh)).toBe('ok');
      } finally {
        fresh.close();
      }
    } finally {
      reader.close();
    }
    expect(leftovers(target)).toEqual([]);
  });

  for (const begin of ['BEGIN IMMEDIATE', 'BEGIN EXCLUSIVE'] as const) {
    it(`(premise) a holder after ${begin} keeps other writers out and leaves a hot journal`, async () => {
      // Proves the set-up of the tests below, so that what they show is the seed's doing.
      const target = await seededTarget('premise');
      await startHolder(target, begin);
      const other = new Database(target, { timeout: 0 });
      try {
        expect(() => other.exec('BEGIN IMMEDIATE')).toThrow(/database is locked/);
      } finally {
        other.close();
      }
      expect(readFileSync(`${target}-journal`).length).toBeGreaterThan(0);
    });

    // The swap takes the target's write lock (writer.ts, swapIn): renaming over a file another
    // connection is writing would let that writer's hot journal (named after the target) roll back
    // into the NEW file if it then died, and SQLite would report "database disk image is malformed".
    it(`refuses to replace the target while another connection holds ${begin}`, async () => {
      const target = await seededTarget('locked');
      const holder = await startHolder(target, begin);
      const locked = sha256(target);
      const result = await runSeedCli(['--seeds', retitled, '--database', target]);
      expect(result.code).toBe(1);
      expect(result.stderr.split('\n')[0]).toMatch(
        issueLine(target, '$', /cannot write the database: .*(?:locked|busy|another connection).*/),
      );
      expect(sha256(target)).toBe(locked);
      expect(leftovers(target)).toEqual([]);
      // Why it matters: the holder's journal must still roll back into the file it belongs to.
      await crash(holder);
      expectIntact(target, versions.old);
    });
  }

  it('a seed killed mid-build leaves its unfinished file, which the next seed removes', async () => {
    const target = await seededTarget('crashed-seed');
    const folder = path.dirname(target);
    // A long build (the synthetic corpus goes through the same writer), killed once it has begun.
    const build = spawn(
      process.execPath,
      ['--import', 'tsx', 'tools/synthetic/cli.ts', '--events', '200000', '--database', target],
      { cwd: ROOT, stdio: 'ignore' },
    );
    holders.push(build);
    const unfinished = `.parallax.db~${hostname()}~${build.pid}.tmp`;
    const deadline = Date.now() + 60_000;
    while (!(existsSync(path.join(folder, unfinished)) && statSync(path.join(folder, unfinished)).size > 0)) {
      if (Date.now() > deadline || build.exitCode !== null) throw new Error('the build never began');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await crash(build);
    expect(leftovers(target)).toContain(unfinished);
    // Another writer's file that may be in use: this process's (running), another host's.
    const running = `.parallax.db~${hostname()}~${process.pid}.tmp`;
    const elsewhere = `.parallax.db~another-host~${build.pid}.tmp`;
    for (const name of [running, elsewhere]) writeFileSync(path.join(folder, name), '');

    const result = await runSeedCli(['--seeds', retitled, '--database', target]);
    expect(result.code).toBe(0);
    expect(leftovers(target).sort()).toEqual([running, elsewhere].sort());
    expectIntact(target, versions.new);
  });

  // What the server prints for a file it cannot use must work as printed: the seed replaces a
  // target that is no usable database (there is nothing in it to protect), and says so.
  for (const [damage, spoil] of [
    ['cut short', (target: string) => truncateSync(target, statSync(target).size / 2)],
    ['not SQLite at all', (target: string) => writeFileSync(target, 'not a database\n'.repeat(100))],
  ] as const)
    it(`a target ${damage}: the server's advice, run as printed, replaces it`, async () => {
      const target = await seededTarget('unusable');
      spoil(target);
      writeFileSync(`${target}-journal`, 'a journal of the damaged file');
      const advice = (() => {
        try {
          openReadOnly(target).$client.close();
          return '';
        } catch (error) {
          return (error as Error).message;
        }
      })();
      const printed = /Rebuild it with "npm run seed -- ([^"]+)"/.exec(advice)?.[1];
      expect(printed, advice).toBe(`--database ${target}`);
      const result = await runSeedCli(printed?.split(' ') ?? []);
      expect(result.code).toBe(0);
      expect(result.stderr).toMatch(
        new RegExp(
          `^${escapeRegExp(target)}: it was not a usable database \\((?:database disk image is malformed|file is not a database)\\); replaced it\n$`,
        ),
      );
      expect(existsSync(`${target}-journal`)).toBe(false);
      expectIntact(target, versions.old);
      openReadOnly(target).$client.close();
      expect(leftovers(target)).toEqual([]);
    });

  it('(premise) a writer killed mid-transaction leaves a hot journal that the next open rolls back', async () => {
    const target = await seededTarget('crashed');
    await crash(await startHolder(target, 'BEGIN IMMEDIATE'));
    expect(readFileSync(`${target}-journal`).length).toBeGreaterThan(0);
    expectIntact(target, versions.old);
  });

  // A hot journal left by a writer that crashed before the seed would otherwise stay beside the
  // target and be rolled back into the new database at its next open. Taking the old target's write
  // lock before the rename first recovers the journal into the file it belongs to, and deletes it.
  it('a crashed writer’s hot journal does not corrupt the database seeded after it', async () => {
    const target = await seededTarget('stale-journal');
    await crash(await startHolder(target, 'BEGIN IMMEDIATE'));
    const result = await runSeedCli(['--seeds', retitled, '--database', target]);
    expect(result.code).toBe(0);
    // The dead writer's journal belongs to the old file; beside the new one it is a time bomb.
    expect(existsSync(`${target}-journal`)).toBe(false);
    expectIntact(target, versions.new);
  });
});
