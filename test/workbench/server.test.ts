import { existsSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { copySeeds, tempDir } from '../helpers.js';
import { buildWorkbench, formatted } from '../../src/workbench/app.js';
import { SeedsFolder } from '../../src/workbench/files.js';
import { SourceText } from '../../src/domain/spans.js';

/**
 * The workbench's server as an attacker and a careless client meet it: every write goes through
 * the revision check and the atomic rename, nothing outside the seeds folder is reachable, and no
 * request without the token, from another site or naming another host is answered.
 */

const HOST = '127.0.0.1:4400';
const TOKEN = 'a-token-for-the-tests-only';
const NKI = '000_4b06048074e592c0.json';
const NYT = '004_69448d2627b4ef18.json';

let app: FastifyInstance;
let seeds: string;
let outside: string;
const parent = tempDir();

beforeEach(async () => {
  const dir = path.join(parent, `run-${Math.random().toString(36).slice(2)}`);
  seeds = copySeeds(dir);
  outside = path.join(dir, 'outside.json');
  writeFileSync(outside, '{"secret": true}\n');
  app = await buildWorkbench({ seeds: await SeedsFolder.open(seeds), token: TOKEN, hosts: [HOST] });
});
afterAll(async () => app?.close());

/** A request as the workbench's own page makes it. */
function call(options: InjectOptions & { headers?: Record<string, string> }) {
  return app.inject({
    ...options,
    headers: { host: HOST, 'x-workbench-token': TOKEN, 'sec-fetch-site': 'same-origin', ...options.headers },
  });
}

async function opened(name: string) {
  const response = await call({ method: 'GET', url: `/api/files/${name}` });
  expect(response.statusCode).toBe(200);
  return response.json() as { revision: string; document: Record<string, unknown>; spans: unknown[] };
}

function save(name: string, document: unknown, revision: string | undefined) {
  return call({
    method: 'PUT',
    url: `/api/files/${encodeURIComponent(name)}`,
    payload: { document },
    headers: revision === undefined ? {} : { 'if-match': `"${revision}"` },
  });
}

function expectProblem(
  response: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  status: number,
) {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/u);
  const body = response.json() as { status: number; detail: string };
  expect(body.status).toBe(status);
  expect(body.detail).not.toBe('');
  return body;
}

const onDisk = (name: string) => readFileSync(path.join(seeds, name), 'utf8');

describe('reading', () => {
  it('lists the annotation files and opens one with its text, spans and no problem', async () => {
    const list = await call({ method: 'GET', url: '/api/files' });
    expect(list.json()).toEqual({ files: [NKI, NYT] });
    const file = await opened(NKI);
    expect(file.document).toEqual(JSON.parse(onDisk(NKI)));
    expect(file.spans.length).toBeGreaterThan(50);
    const body = (await call({ method: 'GET', url: `/api/files/${NKI}` })).json();
    expect(body.issues).toEqual([]);
    expect(body.text).toBe(readFileSync(path.join(seeds, '000_4b06048074e592c0.txt'), 'utf8'));
  });

  it('answers 422 for a file that is not JSON, with where it breaks', async () => {
    writeFileSync(path.join(seeds, 'broken.json'), '{"source": ');
    writeFileSync(path.join(seeds, 'broken.txt'), 'text');
    expect(expectProblem(await call({ method: 'GET', url: '/api/files/broken.json' }), 422).detail).toMatch(
      /not JSON/u,
    );
  });
});

describe('saving', () => {
  it('writes the document as two-space JSON over the revision it was opened at, and a second save needs the new one', async () => {
    const { revision, document } = await opened(NKI);
    // The seed files are already in the form the workbench writes: an unchanged save is byte-identical.
    expect(formatted(document)).toBe(onDisk(NKI));
    const changed = { ...document, source: { ...(document.source as object), title: 'A new title' } };
    const inode = statSync(path.join(seeds, NKI)).ino;
    const first = await save(NKI, changed, revision);
    expect(first.statusCode).toBe(200);
    // A new file renamed over the old one, not the old one rewritten in place (a reader sees either).
    expect(statSync(path.join(seeds, NKI)).ino).not.toBe(inode);
    expect(onDisk(NKI)).toBe(formatted(changed));
    expect(first.json().revision).not.toBe(revision);
    expectProblem(await save(NKI, document, revision), 409);
    expect((await save(NKI, document, first.json().revision)).statusCode).toBe(200);
    expect(onDisk(NKI)).toBe(formatted(document));
    expect(readdirSync(seeds).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a save when the file changed on disk since it was opened, and leaves the change there', async () => {
    const { revision, document } = await opened(NKI);
    const edited = onDisk(NKI).replace('"title": "', '"title": "Edited elsewhere: ');
    writeFileSync(path.join(seeds, NKI), edited);
    const body = expectProblem(await save(NKI, document, revision), 409);
    expect(body.detail).toMatch(/changed on disk since it was opened/u);
    expect(onDisk(NKI)).toBe(edited);
  });

  it('lets one of two saves over the same revision win, and refuses the other', async () => {
    const { revision, document } = await opened(NKI);
    const a = { ...document, source: { ...(document.source as object), title: 'A' } };
    const b = { ...document, source: { ...(document.source as object), title: 'B' } };
    const answers = await Promise.all([save(NKI, a, revision), save(NKI, b, revision)]);
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = answers[0]?.statusCode === 200 ? a : b;
    expect(onDisk(NKI)).toBe(formatted(winner));
  });

  it('needs If-Match (428) and creates no file under a name that does not exist', async () => {
    const { document } = await opened(NKI);
    expectProblem(await save(NKI, document, undefined), 428);
    expectProblem(await save('new.json', document, 'made-up'), 409);
    expect(existsSync(path.join(seeds, 'new.json'))).toBe(false);
  });
});

describe('bad bodies', () => {
  it('answers problem+json for a body that is not JSON, not an object, too large or not an annotation file', async () => {
    const { revision, document } = await opened(NKI);
    const before = onDisk(NKI);
    const raw = (payload: string, type = 'application/json') =>
      call({
        method: 'PUT',
        url: `/api/files/${NKI}`,
        payload,
        headers: { 'content-type': type, 'if-match': `"${revision}"` },
      });
    expectProblem(await raw('{"document": '), 400);
    expectProblem(await raw('"just a string"'), 400);
    expectProblem(await raw('document=1', 'application/x-www-form-urlencoded'), 415);
    expectProblem(await raw(JSON.stringify({ document: { pad: 'x'.repeat(5 * 1024 * 1024) } })), 413);
    const invalid = { ...document, events: [{ id: 'Not A Slug', evidence: [] }] };
    const body = expectProblem(await save(NKI, invalid, revision), 422) as { issues?: string[] };
    expect(body.issues).toContain('events[0].id: must be a lowercase slug such as "kim-jong-un"');
    expect(onDisk(NKI)).toBe(before);
  });

  it('checks a document without writing it: the seed’s problems at their paths', async () => {
    const { document } = await opened(NKI);
    const quotes = (document.quotes as Record<string, unknown>[]).map((q, i) =>
      i === 0 ? { ...q, text: 'words nobody wrote' } : q,
    );
    const response = await call({
      method: 'POST',
      url: `/api/files/${NKI}/check`,
      payload: { document: { ...document, quotes } },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().issues).toContainEqual({
      path: 'quotes[0].text',
      message: '"words nobody wrote" does not occur in the text of 000_4b06048074e592c0.txt',
    });
    expect(onDisk(NKI)).toBe(formatted(document));
  });
});

describe('finishing', () => {
  it('builds the folder with --strict: the seeds pass, a file with a proposed item does not, and says which', async () => {
    const passed = (await call({ method: 'POST', url: '/api/finish', payload: {} })).json();
    expect(passed).toMatchObject({ passed: true, remaining: [] });
    expect(passed.counts.events).toBeGreaterThan(0);
    const { revision, document } = await opened(NKI);
    const review = { state: 'proposed', confidence: 0.5, rule: 'speaker.test', because: 'a test marked it' };
    const quotes = (document.quotes as object[]).map((q, i) => (i === 2 ? { ...q, review } : q));
    expect((await save(NKI, { ...document, quotes }, revision)).statusCode).toBe(200);
    const failed = (await call({ method: 'POST', url: '/api/finish', payload: {} })).json();
    expect(failed.passed).toBe(false);
    expect(failed.remaining).toEqual([`${NKI}: quotes[2]: proposed, not reviewed`]);
  });
});

describe('the seeds folder is the boundary', () => {
  it('reaches no file outside it, by any name', async () => {
    for (const name of [
      '../outside.json',
      '..%2Foutside.json',
      '%2E%2E%2Foutside.json',
      '.hidden.json',
      'sub%2Fa.json',
      'a.js',
      '%00.json',
    ])
      expectProblem(await call({ method: 'GET', url: `/api/files/${name}` }), 404);
    const { document } = await opened(NKI);
    expectProblem(await save('../outside.json', document, 'x'), 404);
    expect(readFileSync(outside, 'utf8')).toBe('{"secret": true}\n');
  });

  it('follows no symbolic link, reading or writing, and lists none', async () => {
    symlinkSync(outside, path.join(seeds, 'link.json'));
    expectProblem(await call({ method: 'GET', url: '/api/files/link.json' }), 404);
    const { document } = await opened(NKI);
    expectProblem(await save('link.json', document, 'x'), 422);
    expect(readFileSync(outside, 'utf8')).toBe('{"secret": true}\n');
    expect((await call({ method: 'GET', url: '/api/files' })).json().files).not.toContain('link.json');
  });

  it('writes annotation files only, never an article', async () => {
    const { document } = await opened(NKI);
    expectProblem(await save('000_4b06048074e592c0.txt', document, 'x'), 422);
  });
});

describe('only its own page may call it', () => {
  const cases: [string, Record<string, string>, number][] = [
    ['no token', { 'x-workbench-token': '' }, 403],
    ['a wrong token', { 'x-workbench-token': `${TOKEN}x` }, 403],
    ['a cross-site request', { 'sec-fetch-site': 'cross-site' }, 403],
    ['a same-site request from another port', { 'sec-fetch-site': 'same-site' }, 403],
    ['another origin', { origin: 'http://evil.example' }, 403],
    ['a rebound host name', { host: 'evil.example:4400' }, 421],
  ];
  it.each(cases)('refuses %s, reading and writing', async (_, headers, status) => {
    const before = onDisk(NKI);
    const { revision, document } = await opened(NKI);
    expectProblem(await call({ method: 'GET', url: `/api/files/${NKI}`, headers }), status);
    const write = await call({
      method: 'PUT',
      url: `/api/files/${NKI}`,
      payload: { document: { ...document, claims: [] } },
      headers: { ...headers, 'if-match': `"${revision}"` },
    });
    expectProblem(write, status);
    expect(onDisk(NKI)).toBe(before);
  });

  it('serves its page with a policy that runs only its own scripts, and no secret in it', async () => {
    const page = await call({ method: 'GET', url: '/', headers: { 'x-workbench-token': '' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/u);
    expect(page.body).not.toContain(TOKEN);
    for (const asset of [
      '/workbench/workbench.js',
      '/workbench/model.js',
      '/dom.js',
      '/spans.js',
      '/style.css',
    ])
      expect((await call({ method: 'GET', url: asset })).statusCode).toBe(200);
  });
});

describe('evidence from a selection', () => {
  // Astral characters first, so that code points and UTF-16 units differ from the start.
  const repeated = 'the same passage, word for word, twice over. '.repeat(6);
  const TEXT = `🇰🇷 Seoul said the North agreed. Pyongyang said the North refused. Kim spoke; later Kim wrote. ${repeated}${repeated}`;

  beforeEach(() => writeFileSync(path.join(seeds, 'made-up.txt'), TEXT));

  /** The reference for the code points of `words` at its `nth` occurrence (UTF-16 index found, then converted). */
  async function refFor(words: string, nth: number) {
    let unit = -1;
    for (let i = 0; i <= nth; i++) unit = TEXT.indexOf(words, unit + 1);
    const start = Array.from(TEXT.slice(0, unit)).length;
    const response = await call({
      method: 'POST',
      url: '/api/files/made-up.json/evidence',
      payload: { start, end: start + Array.from(words).length },
    });
    return { response, start };
  }

  const cases: [string, string, number, unknown][] = [
    ['words that occur once', 'Pyongyang', 0, 'Pyongyang'],
    [
      'recurring words, told apart by the words before them',
      'the North',
      1,
      { text: 'the North', prefix: 'Pyongyang said ' },
    ],
    ['recurring words, the prefix grown to a whole word', 'Kim', 0, { text: 'Kim', prefix: 'refused. ' }],
    ['the second of two, told apart the same way', 'Kim', 1, { text: 'Kim', prefix: 'later ' }],
    ['words after an astral character', 'Seoul', 0, 'Seoul'],
  ];
  it.each(cases)('%s', async (_, words, nth, expected) => {
    const { response, start } = await refFor(words, nth);
    expect(response.statusCode).toBe(200);
    const { ref } = response.json();
    expect(ref).toEqual(expected);
    // The seed reads the reference back to exactly this span.
    const found = new SourceText(TEXT).locate(typeof ref === 'string' ? { text: ref } : ref);
    expect(found).toEqual({ ok: true, span: { start, end: start + Array.from(words).length } });
  });

  it('refuses words no context of 200 characters tells apart, and a selection outside the article', async () => {
    expectProblem((await refFor('word for word', 7)).response, 422);
    const outside = (start: number, end: number) =>
      call({ method: 'POST', url: '/api/files/made-up.json/evidence', payload: { start, end } });
    expectProblem(await outside(5, 10_000_000), 422);
    expectProblem(await outside(5, 5), 422);
    expectProblem(await outside(-1, 5), 400);
  });
});
