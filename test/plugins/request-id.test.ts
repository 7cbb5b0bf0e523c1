import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/app.js';
import { type Db, openReadOnly } from '../../src/db/open.js';
import { requestIdOf } from '../../src/plugins/request-id.js';
import { useSeededApp } from '../helpers.js';

/**
 * Request ids: a well-formed `X-Request-Id` is kept, anything else replaced by a UUID; the id is
 * sent back on every answer (cache hits, 304s and problems included), is in every problem body,
 * and on every log line of the request.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestIdOf', () => {
  const of = (header?: string) =>
    requestIdOf({ headers: header === undefined ? {} : { 'x-request-id': header } } as never);
  it.each([
    ['a UUID', '0b7c6a52-3f1e-4d0a-9a51-0c4a1f2e7d11'],
    ['a proxy’s hex id', 'C0A8000A:D8A2_0A00000B:0BB8_6571E3A4_0004:1F2C'],
    ['a trace id', '4bf92f3577b34da6a3ce929d0e0e4736'],
  ])('keeps %s', (_name, id) => expect(of(id)).toBe(id));
  it.each([
    ['none', undefined],
    ['an empty one', ''],
    ['one with spaces', 'my request'],
    ['one too long', 'a'.repeat(129)],
    ['one with quotes', 'a"b'],
    ['one starting with a dash', '-x'],
  ])('replaces %s with a UUID', (_name, id) => expect(of(id)).toMatch(UUID));
});

describe('X-Request-Id', () => {
  const ctx = useSeededApp();
  const inject = (url: string, headers: Record<string, string> = {}) => ctx.app.inject({ url, headers });

  it('is echoed when well-formed, made when not, and differs per request', async () => {
    expect((await inject('/v1/events?limit=1', { 'x-request-id': 'abc-123' })).headers['x-request-id']).toBe(
      'abc-123',
    );
    const made = await Promise.all([
      inject('/v1/events?limit=1'),
      inject('/v1/events?limit=1', { 'x-request-id': 'no good' }),
    ]);
    const ids = made.map((r) => String(r.headers['x-request-id']));
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(2);
  });

  it('is on cache hits, 304s and every problem, and in the problem body', async () => {
    const first = await inject('/v1/sources', { 'x-request-id': 'first' });
    const hit = await inject('/v1/sources', { 'x-request-id': 'second' });
    expect(hit.headers['x-cache']).toBe('hit');
    expect(hit.headers['x-request-id']).toBe('second');
    const notModified = await inject('/v1/sources', {
      'x-request-id': 'third',
      'if-none-match': String(first.headers.etag),
    });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.headers['x-request-id']).toBe('third');
    for (const [url, status] of [
      ['/v1/events/nope', 404],
      ['/v1/events?limit=0', 400],
      ['/v1/%E0%A4%A', 400],
    ] as const) {
      const res = await inject(url, { 'x-request-id': `problem-${status}` });
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['x-request-id'], url).toBe(`problem-${status}`);
      expect(res.json<{ request_id: string }>().request_id, url).toBe(`problem-${status}`);
    }
  });
});

describe('the log', () => {
  let app: App;
  let db: Db;
  const lines: Record<string, unknown>[] = [];
  const ctx = useSeededApp();
  beforeAll(async () => {
    db = openReadOnly(ctx.file);
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    app = await buildApp({ db, logger: { level: 'info', stream } });
  });
  afterAll(async () => {
    await app.close();
    db.$client.close();
  });

  it('carries the id on every line of the request', async () => {
    await app.inject({ url: '/v1/events/nope', headers: { 'x-request-id': 'logged-1' } });
    const mine = lines.filter((l) => l.reqId === 'logged-1');
    expect(mine.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
    // No line of that request without it.
    expect(
      lines.filter((l) => JSON.stringify(l).includes('/v1/events/nope') && l.reqId !== 'logged-1'),
    ).toEqual([]);
  });
});
