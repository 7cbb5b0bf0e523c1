import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { buildApp } from '../../src/app.js';
import { openReadOnly } from '../../src/db/open.js';
import { type Column, columnsOf, csvHeader, csvRows } from '../../src/http/representations/csv.js';
import { builtInSerialiser, exportStream, serialised } from '../../src/http/representations/respond.js';
import { ACTORS } from '../../src/features/actors/linked-data.js';
import { CLAIMS } from '../../src/features/claims/linked-data.js';
import { COMPARISONS } from '../../src/features/compare/schema.js';
import { EVENTS } from '../../src/features/events/linked-data.js';
import { QUOTES } from '../../src/features/quotes/linked-data.js';
import { SOURCES } from '../../src/features/sources/linked-data.js';
import { getter, type TestContext, tempDir, useSeededApp, walk, writeSynthetic } from '../helpers.js';

/**
 * Every list in every representation (SPEC §4.2): an export streams the whole filtered list, and
 * reads back to what a walk of its JSON pages gives; `fields=` keeps the same fields everywhere.
 */

const FORMULA = /^'[=+\-@\t\r]/;

/** A CSV row read back into an item, by the columns' kinds. */
function fromRow(row: Record<string, string>, columns: readonly Column[]): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const column of columns) {
    const cell = row[column.name] ?? '';
    let value: unknown;
    if (cell === '' && column.nullable) value = null;
    else if (column.kind === 'number') value = Number(cell);
    else if (column.kind === 'boolean') value = cell === 'true';
    else if (column.kind === 'json') value = JSON.parse(cell);
    else value = FORMULA.test(cell) ? cell.slice(1) : cell;
    put(item, column.path, value);
  }
  return item;
}

/** What a CSV row holds of an item: each column's value, absent ones as null. */
function asColumns(item: unknown, columns: readonly Column[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const column of columns) {
    let value: unknown = item;
    for (const key of column.path) value = (value as Record<string, unknown> | null)?.[key];
    put(out, column.path, value ?? null);
  }
  return out;
}

function put(target: Record<string, unknown>, path: readonly string[], value: unknown) {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path.at(-1) as string] = value;
}

const LISTS: { url: string; item: z.ZodObject }[] = [
  { url: '/v1/events', item: EVENTS.item },
  { url: '/v1/events?from=2020-06&type=statement&order=desc', item: EVENTS.item },
  { url: '/v1/actors', item: ACTORS.item },
  { url: '/v1/actors/kim-yo-jong/events', item: EVENTS.item },
  { url: '/v1/actors/kcna/quotes', item: QUOTES.item },
  { url: '/v1/quotes', item: QUOTES.item },
  { url: '/v1/claims', item: CLAIMS.item },
  { url: '/v1/sources', item: SOURCES.item },
  { url: '/v1/compare?source=nki-2020-06-24&source=nyt-2020-06-24', item: COMPARISONS.item },
];

const withQuery = (url: string, query: string) => `${url}${url.includes('?') ? '&' : '?'}${query}`;

function exportsOf(ctx: TestContext) {
  const get = getter(ctx);
  return {
    async ndjson(url: string) {
      const res = await get(withQuery(url, 'format=ndjson')).expect(200);
      expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
      expect(res.text.endsWith('\n') || res.text === '').toBe(true);
      return res.text
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as unknown);
    },
    async csv(url: string, accept = false) {
      const res = accept
        ? await get(url).set('Accept', 'text/csv').expect(200)
        : await get(withQuery(url, 'format=csv')).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      const rows = parse(res.text, { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
      return { text: res.text, rows, header: res.text.split('\r\n')[0] ?? '' };
    },
  };
}

describe('exports of the seed corpus', () => {
  const ctx = useSeededApp();
  const get = getter(ctx);
  const exports = exportsOf(ctx);

  it('names who took part and the sources in readable cells beside their JSON', async () => {
    const { rows, header } = await exports.csv('/v1/events?q=liaison');
    expect(header).toContain(',participants,participant_names,sources,source_ids');
    const office = rows.find((r) => r.id === 'liaison-office-demolished');
    expect(office?.participant_names).toBe('North Korea (agent); South Korea (target)');
    expect(office?.source_ids).toBe('nki-2020-06-24; nyt-2020-06-24');
    const compare = await exports.csv(
      '/v1/compare?source=nki-2020-06-24&source=nyt-2020-06-24&fields=id,event',
    );
    expect(compare.header).toContain('event.participants,event.participant_names');
  });

  it.each(LISTS)(
    '$url: NDJSON and CSV hold every item a walk of the JSON pages gives',
    async ({ url, item }) => {
      const walked = await walk(ctx, url, 7);
      expect(walked.length).toBeGreaterThan(0);
      expect(await exports.ndjson(url)).toEqual(walked);
      const columns = columnsOf(item);
      const { rows, header, text } = await exports.csv(url);
      expect(header).toBe(columns.map((c) => c.name).join(','));
      // The readable columns are derived from their JSON ones: a row reads back without them.
      const lossless = columns.filter((c) => c.readable === undefined);
      expect(rows.map((row) => fromRow(row, lossless))).toEqual(walked.map((w) => asColumns(w, lossless)));
      // Accept chooses the same representation as format=.
      expect((await exports.csv(url, true)).text).toBe(text);
    },
  );

  it('names the file after the list and the dataset version', async () => {
    const version = ctx.app.datasetVersion;
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    const cases: [string, string][] = [
      ['/v1/events?format=csv', `events-${version}.csv`],
      ['/v1/actors/kim-yo-jong/events?format=ndjson', `actor-kim-yo-jong-events-${version}.ndjson`],
      [
        '/v1/compare?source=nki-2020-06-24&source=nyt-2020-06-24&format=csv',
        `compare-nki-2020-06-24-nyt-2020-06-24-${version}.csv`,
      ],
    ];
    for (const [url, file] of cases)
      expect((await get(url).expect(200)).headers['content-disposition']).toBe(
        `attachment; filename="${file}"`,
      );
    expect((await get('/v1/events').expect(200)).headers['content-disposition']).toBeUndefined();
  });

  it('resumes an export after a cursor, in either order', async () => {
    const first = await get('/v1/events?limit=5&order=desc').expect(200);
    const rest = await exports.ndjson(`/v1/events?order=desc&cursor=${first.body.page.next_cursor}`);
    expect([...first.body.data, ...rest]).toEqual(await walk(ctx, '/v1/events?order=desc', 50));
  });

  it('keeps the same fields in every representation', async () => {
    for (const [url, fields] of <[string, string][]>[
      ['/v1/events?from=2020-06', 'id,date,status'],
      ['/v1/quotes', 'text,speaker,id'],
      ['/v1/claims', 'value,event'],
    ]) {
      const page = (await get(withQuery(url, `fields=${fields}&limit=200`)).expect(200)).body;
      const wanted = fields.split(',');
      for (const item of page.data) expect(Object.keys(item).sort()).toEqual([...wanted].sort());
      expect(await exports.ndjson(withQuery(url, `fields=${fields}`))).toEqual(page.data);
      const { rows, header } = await exports.csv(withQuery(url, `fields=${fields}`));
      const item = url.startsWith('/v1/events')
        ? EVENTS.item
        : url.startsWith('/v1/quotes')
          ? QUOTES.item
          : CLAIMS.item;
      const kept = columnsOf(item).filter((c) => wanted.includes(c.path[0] ?? ''));
      expect(header).toBe(kept.map((c) => c.name).join(','));
      expect(rows.map((r) => fromRow(r, kept))).toEqual(page.data.map((d: unknown) => asColumns(d, kept)));
    }
    const event = (await get('/v1/events/cmc-suspends-military-action-plans?fields=id,aspects').expect(200))
      .body;
    expect(Object.keys(event)).toEqual(['id', 'aspects']);
    expect(event.aspects.length).toBeGreaterThan(0);
  });

  it('answers an unknown field with a 400 naming fields, in every representation', async () => {
    for (const url of [
      '/v1/events?fields=id,titel',
      '/v1/events?fields=titel&format=csv',
      '/v1/quotes/nyt-2020-06-24-q5?fields=nope',
    ]) {
      const res = await get(url).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([expect.objectContaining({ in: 'query', name: 'fields' })]);
    }
    expect((await get('/v1/events?fields=id,titel').expect(400)).body.detail).toContain('"titel"');
  });

  it('chooses by Accept, and says 406 for what no representation is', async () => {
    const ndjson = await get('/v1/sources').set('Accept', 'application/x-ndjson').expect(200);
    expect(ndjson.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const preferred = await get('/v1/sources').set('Accept', 'text/csv;q=0.5, application/json').expect(200);
    expect(preferred.headers['content-type']).toBe('application/json; charset=utf-8');
    await get('/v1/sources').set('Accept', 'application/xml').expect(406);
    await get('/v1/sources?format=xml').expect(400);
    // format= wins over Accept.
    const named = await get('/v1/sources?format=csv').set('Accept', 'application/json').expect(200);
    expect(named.headers['content-type']).toBe('text/csv; charset=utf-8');
  });
});

describe('an export stream', () => {
  /** A list of `pages` pages that counts the queries it answers. */
  function countingPages(pages: number) {
    let queries = 0;
    function* generate() {
      for (let p = 0; p < pages; p++) {
        queries++;
        yield Array.from({ length: 500 }, (_, i) => ({ id: `e${p}-${i}`, title: 'x'.repeat(200) }));
      }
    }
    return { pages: generate(), queries: () => queries };
  }

  it('asks for a page only when the consumer takes one, and stops when it goes away', async () => {
    const list = countingPages(1_000);
    let early: number | undefined;
    const serialiser = builtInSerialiser<{ id: string }>('ndjson', EVENTS.item, ['id', 'title']);
    if (!serialiser) throw new Error('no NDJSON');
    const stream = exportStream(serialised(list.pages, serialiser), (bytes) => (early = bytes));
    const first = await new Promise<Buffer>((resolve) => stream.once('data', resolve));
    expect(first.length).toBeGreaterThan(0);
    stream.pause();
    await new Promise((r) => setTimeout(r, 50));
    // Paused: at most the pages that fill the stream's buffer have been read.
    expect(list.queries()).toBeLessThan(5);
    stream.destroy();
    await new Promise((r) => setTimeout(r, 50));
    expect(early).toBeGreaterThan(0);
    const after = list.queries();
    await new Promise((r) => setTimeout(r, 50));
    expect(list.queries()).toBe(after);
    expect(after).toBeLessThan(5);
  });

  it('lets other work run between pages while a fast reader takes the whole export', async () => {
    const list = countingPages(50);
    const serialiser = builtInSerialiser<{ id: string }>('ndjson', EVENTS.item, ['id']);
    if (!serialiser) throw new Error('no NDJSON');
    const stream = exportStream(serialised(list.pages, serialiser), () => undefined);
    // Another request's work, queued behind the export the way socket I/O is (a macrotask).
    let pagesReadWhenOtherWorkRan: number | undefined;
    setImmediate(() => (pagesReadWhenOtherWorkRan = list.queries()));
    for await (const chunk of stream) expect(chunk).toBeDefined();
    expect(list.queries()).toBe(50);
    expect(pagesReadWhenOtherWorkRan).toBeLessThan(5);
  });

  it('reports no early end when read to the end', async () => {
    const list = countingPages(3);
    let early: number | undefined;
    const serialiser = builtInSerialiser<{ id: string }>('csv', EVENTS.item, ['id']);
    if (!serialiser) throw new Error('no CSV');
    const stream = exportStream(serialised(list.pages, serialiser), (b) => (early = b));
    let text = '';
    for await (const chunk of stream) text += String(chunk);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(1 + 1_500);
    expect(list.queries()).toBe(3);
    expect(early).toBeUndefined();
  });
});

describe('CSV cells', () => {
  it('neutralises what a spreadsheet would run as a formula, and leaves numbers alone', () => {
    const columns = columnsOf(EVENTS.item).filter((c) => ['id', 'title'].includes(c.name));
    const csv = csvRows(
      [
        '=HYPERLINK("http://x")',
        '+1',
        '-1+2',
        '@SUM(A1)',
        '\tx',
        '\rx',
        'plain',
        'a "quoted", line\nbreak',
      ].map((title, i) => ({ id: `e${i}`, title })),
      columns,
    );
    const cells = (parse(csv, { record_delimiter: '\r\n' }) as string[][]).map((row) => row[1]);
    expect(cells).toEqual([
      `'=HYPERLINK("http://x")`,
      "'+1",
      "'-1+2",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      'plain',
      'a "quoted", line\nbreak',
    ]);
    const numbers = csvRows([{ n: -5 }], [{ name: 'n', path: ['n'], kind: 'number', nullable: false }]);
    expect(numbers).toBe('-5\r\n');
  });

  it('quotes a field holding any line break, not only CRLF, so every row stays one record', () => {
    const columns = columnsOf(EVENTS.item).filter((c) => ['id', 'title'].includes(c.name));
    const items = [
      { id: 'e1', title: 'a\nb' },
      { id: 'e2', title: 'a\rb' },
      { id: 'e3', title: 'a b' },
    ];
    expect(csvRows(items, columns)).toBe('e1,"a\nb"\r\ne2,"a\rb"\r\ne3,a b\r\n');
    expect(csvHeader(columns)).toBe('id,title\r\n');
  });
});

describe('exports of a larger corpus', () => {
  const dir = tempDir();
  let app: Awaited<ReturnType<typeof buildApp>>;
  const logs: string[] = [];
  let port = 0;

  beforeAll(async () => {
    const db = openReadOnly(writeSynthetic(dir, 3_000, 3));
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    app = await buildApp({ db, logger: { level: 'info', stream } });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    port = address.port;
    return async () => {
      await app.close();
      db.$client.close();
    };
  });
  afterAll(() => undefined);

  it('streams every event across many internal pages, in order', async () => {
    const res = await supertest(app.server).get('/v1/events?format=ndjson&fields=id').expect(200);
    const ids = res.text
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { id: string }).id);
    expect(ids).toHaveLength(3_000);
    const page = (await supertest(app.server).get('/v1/events?limit=200&fields=id').expect(200)).body;
    expect(ids.slice(0, 200)).toEqual(page.data.map((e: { id: string }) => e.id));
    expect(new Set(ids).size).toBe(3_000);
  });

  it('streams a whole export over HTTP as it is read', async () => {
    const received = await new Promise<number>((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path: '/v1/events?format=csv' }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve(bytes));
      });
      req.on('error', reject);
      req.end();
    });
    expect(received).toBeGreaterThan(1_000_000);
    expect(logs.some((l) => l.includes('export stopped'))).toBe(false);
  });
});
