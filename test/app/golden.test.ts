import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../helpers.js';

/**
 * The guard of every reshaping: a fixed set of requests across every operation, each recorded with
 * its status, the headers a client acts on and its body. A change that means to alter what the API
 * answers re-records them (`UPDATE_GOLDEN=1 npx vitest run test/app/golden.test.ts`) and the diff of
 * `golden.json` shows exactly what moved; any other change must leave them identical.
 */

const RECORDINGS = new URL('./golden.json', import.meta.url);
const HEADERS = [
  'content-type',
  'etag',
  'cache-control',
  'link',
  'vary',
  'retry-after',
  'content-disposition',
] as const;

interface Step {
  method?: 'GET' | 'HEAD';
  url: string;
  headers?: Record<string, string>;
  /** Follow `next_cursor` this many times, recording each page. */
  follow?: number;
  /** Send the ETag of the 200 back in `If-None-Match` and record the 304 too. */
  revalidate?: boolean;
  /** Headers not to record: a file's validators change with its modification time. */
  unstable?: (typeof HEADERS)[number][];
}

const STEPS: Step[] = [
  // Sources
  { url: '/v1/sources' },
  { url: '/v1/sources?order=desc' },
  { url: '/v1/sources?limit=1', follow: 1 },
  { url: '/v1/sources/nyt-2020-06-24' },
  { url: '/v1/sources/nki-2020-06-24/text', revalidate: true },
  { method: 'HEAD', url: '/v1/sources/nki-2020-06-24/text' },
  { url: '/v1/sources/no-such-source' },
  { url: '/v1/sources/no-such-source/text' },
  { url: '/v1/sources/nyt-2020-06-24/text', headers: { accept: 'application/json' } },
  // The timeline and its filters
  { url: '/v1/events', revalidate: true },
  { method: 'HEAD', url: '/v1/events' },
  { url: '/v1/events?order=desc' },
  { url: '/v1/events?limit=4', follow: 2 },
  { url: '/v1/events?limit=4&order=desc', follow: 1 },
  { url: '/v1/events?from=2020-06' },
  { url: '/v1/events?to=2019' },
  { url: '/v1/events?from=2020-06-15&to=2020-06-24' },
  { url: '/v1/events?from=2020-06-23&to=2020-06-23' },
  { url: '/v1/events?from=2020-06-23&to=2020-06-23&date_match=within' },
  { url: '/v1/events?from=2020&to=2020&date_match=within&order=desc' },
  { url: '/v1/events?from=2020-06-25' },
  { url: '/v1/events?actor=kim-jong-un' },
  { url: '/v1/events?actor=kim-jong-un&actor=kim-yo-jong' },
  { url: '/v1/events?actor=north-korea&actor=south-korea&actor_match=all' },
  { url: '/v1/events?type=threat' },
  { url: '/v1/events?type=threat&type=decision&from=2020-06' },
  { url: '/v1/events?source=nyt-2020-06-24' },
  { url: '/v1/events?source=nyt-2020-06-24&source=nki-2020-06-24&limit=3', follow: 1 },
  { url: '/v1/events?status=contested' },
  { url: '/v1/events?status=corroborated&order=desc' },
  { url: '/v1/events?q=leaflets' },
  { url: '/v1/events?q=*' },
  { url: '/v1/events?actor=kim-jong-un&type=decision&from=2020-06&to=2020-06' },
  { url: '/v1/events/cmc-suspends-military-action-plans', revalidate: true },
  { url: '/v1/events/korean-war-begins', headers: { 'if-none-match': '*' } },
  { url: '/v1/events/no-such-event' },
  // Facets, totals, volume and comparison
  { url: '/v1/events?facets=type,status,source,actor,precision&count=exact&limit=2' },
  { url: '/v1/events?from=2020-06&to=2020-06&facets=source&count=exact&limit=1', follow: 1 },
  { url: '/v1/actors/kim-jong-un/events?facets=type&count=exact&limit=2' },
  { url: '/v1/events/volume?from=2020-06&to=2020-06&interval=week', revalidate: true },
  { url: '/v1/events/volume?interval=year&by=status' },
  { url: '/v1/events/volume?from=2020-06&to=2020-06&interval=day&by=source&actor=north-korea' },
  { url: '/v1/compare?source=nki-2020-06-24&source=nyt-2020-06-24&limit=3', follow: 1 },
  {
    url: '/v1/compare?source=nyt-2020-06-24&source=nki-2020-06-24&source_match=all&from=2020-06-23&to=2020-06-24',
  },
  { url: '/v1/events/volume?interval=day' },
  { url: '/v1/compare?source=nki-2020-06-24' },
  { url: '/v1/events?facets=colour' },
  // Representations, exports and dumps
  { url: '/v1/events?from=2020-06-23&to=2020-06-24&format=ndjson&fields=id,title,date' },
  { url: '/v1/actors/kim-yo-jong/quotes?format=csv' },
  { url: '/v1/events?from=2020-06-23&to=2020-06-24&format=timelinejs' },
  { url: '/v1/claims/nyt-2020-06-24.cmc-suspends-military-action-plans.date?format=jsonld' },
  { url: '/v1/sources', headers: { accept: 'application/ld+json' } },
  { url: '/v1/events?fields=id,nope' },
  { url: '/ns/v1', revalidate: true },
  { url: '/v1/dumps', revalidate: true },
  { url: '/v1/dumps/no-such-file' },
  { url: '/v1/dumps/sources.csv', unstable: ['etag'] },
  { url: '/v1/dumps/sources.csv', headers: { range: 'bytes=0-99' }, unstable: ['etag'] },
  // Actors
  { url: '/v1/actors' },
  { url: '/v1/actors?kind=person&order=desc' },
  { url: '/v1/actors?q=kim%20jong%20un' },
  { url: '/v1/actors?limit=5', follow: 1 },
  { url: '/v1/actors/kim-jong-un', revalidate: true },
  { url: '/v1/actors/kim-yo-jong' },
  { url: '/v1/actors/nobody' },
  { url: '/v1/actors/kim-jong-un/events' },
  { url: '/v1/actors/kim-jong-un/events?order=desc&limit=2', follow: 1 },
  { url: '/v1/actors/north-korea/events?from=2020-06&type=threat' },
  { url: '/v1/actors/nobody/events' },
  { url: '/v1/actors/kim-jong-un/quotes' },
  { url: '/v1/actors/kcna/quotes' },
  { url: '/v1/actors/kim-yo-jong/quotes?kind=fragment' },
  { url: '/v1/actors/nobody/quotes' },
  // Quotes
  { url: '/v1/quotes' },
  { url: '/v1/quotes?order=desc&limit=3', follow: 1 },
  { url: '/v1/quotes?speaker=leif-eric-easley&speaker=kim-yo-jong' },
  { url: '/v1/quotes?source=nyt-2020-06-24&kind=full' },
  { url: '/v1/quotes?event=cmc-suspends-military-action-plans' },
  { url: '/v1/quotes?q=took%20stock' },
  { url: '/v1/quotes?q=seoul&order=desc&limit=1', follow: 1 },
  { url: '/v1/quotes/nyt-2020-06-24-q1', revalidate: true },
  { url: '/v1/quotes/nki-2020-06-24-q99' },
  // Claims
  { url: '/v1/claims' },
  { url: '/v1/claims?limit=5&order=desc', follow: 1 },
  { url: '/v1/claims?event=cmc-suspends-military-action-plans' },
  { url: '/v1/claims?source=nki-2020-06-24&property=count' },
  { url: '/v1/claims?status=contested' },
  { url: '/v1/claims?property=date&status=corroborated' },
  { url: '/v1/claims/nki-2020-06-24.cmc-suspends-military-action-plans.date', revalidate: true },
  { url: '/v1/claims/nope' },
  // Probes
  { url: '/healthz' },
  { method: 'HEAD', url: '/healthz' },
  { url: '/readyz' },
  // Bad input: 400
  { url: '/v1/events?from=2020-13' },
  { url: '/v1/events?from=2020-06-24&to=2020-06-01' },
  { url: '/v1/events?actr=kim-jong-un' },
  { url: '/v1/events?limit=0' },
  { url: '/v1/events?limit=201' },
  { url: '/v1/events?cursor=not-a-cursor' },
  { url: '/v1/events?type=picnic' },
  { url: '/v1/events?date_match=sometimes' },
  { url: '/v1/actors?kind=robot' },
  { url: '/v1/quotes?kind=half' },
  { url: '/v1/claims?status=maybe' },
  { url: '/v1/claims?property=Date' },
  { url: '/v1/sources/nyt-2020-06-24?x=1' },
  { url: '/healthz?x=1' },
  { url: `/v1/events/${'x'.repeat(201)}` },
  { url: '/v1/actors/%E0%A4%A' },
  // Unknown routes and content negotiation
  { url: '/v2/events' },
  { url: '/v1/events', headers: { accept: 'text/csv' } },
  { url: '/v1/events/korean-war-begins', headers: { accept: 'application/xml' } },
  { url: '/v1/sources/nki-2020-06-24/text', headers: { accept: 'text/html' } },
  { url: '/v1/events?limit=1', headers: { accept: 'application/*' } },
];

interface Recording {
  request: string;
  status: number;
  headers: Partial<Record<(typeof HEADERS)[number], string>>;
  body: unknown;
}

const ctx = useSeededApp();

async function record(step: Step, url = step.url, extra: Record<string, string> = {}): Promise<Recording> {
  const method = step.method ?? 'GET';
  const headers = { ...step.headers, ...extra };
  // A fixed request id, so that problem bodies (which carry it) record the same every time.
  const res = await ctx.app.inject({ method, url, headers: { 'x-request-id': 'golden', ...headers } });
  const kept: Recording['headers'] = {};
  for (const name of HEADERS) {
    if (step.unstable?.includes(name)) continue;
    const value = res.headers[name];
    if (value !== undefined) kept[name] = String(value);
  }
  const type = String(res.headers['content-type'] ?? '');
  const json = /^application\/(.+\+)?json/.test(type);
  const body = res.body === '' ? null : json ? JSON.parse(res.body) : res.body;
  const shown = Object.entries(headers).map(([k, v]) => ` [${k}: ${v}]`);
  return { request: `${method} ${url}${shown.join('')}`, status: res.statusCode, headers: kept, body };
}

async function recordAll(): Promise<Recording[]> {
  const recordings: Recording[] = [];
  for (const step of STEPS) {
    const first = await record(step);
    recordings.push(first);
    let page = first;
    for (let i = 0; i < (step.follow ?? 0); i++) {
      const cursor = (page.body as { page?: { next_cursor?: string | null } }).page?.next_cursor;
      if (!cursor) throw new Error(`${step.url}: no page ${i + 2} to follow`);
      page = await record(step, `${step.url}&cursor=${cursor}`);
      recordings.push(page);
    }
    if (step.revalidate) {
      if (!first.headers.etag) throw new Error(`${step.url}: no ETag to revalidate`);
      recordings.push(await record(step, step.url, { 'if-none-match': first.headers.etag }));
    }
  }
  return recordings;
}

describe('golden responses', () => {
  it('answers every recorded request exactly as recorded', async () => {
    const recordings = await recordAll();
    if (process.env.UPDATE_GOLDEN === '1')
      writeFileSync(RECORDINGS, `${JSON.stringify(recordings, null, 2)}\n`);
    const expected = JSON.parse(readFileSync(RECORDINGS, 'utf8')) as Recording[];
    expect(recordings.length).toBeGreaterThanOrEqual(60);
    for (const [i, recording] of recordings.entries())
      expect(recording, recording.request).toEqual(expected[i]);
    expect(recordings.length).toBe(expected.length);
  });

  it('covers every operation of the document and every error kind', async () => {
    const recordings = JSON.parse(readFileSync(RECORDINGS, 'utf8')) as Recording[];
    const statuses = new Set(recordings.map((r) => r.status));
    for (const status of [200, 304, 400, 404, 406]) expect(statuses).toContain(status);
    const document = (await ctx.app.inject({ url: '/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const templates = Object.keys(document.paths).map(
      (p) => new RegExp(`^GET ${p.replace(/\{[^}]+\}/g, '[^/?]+')}(\\?| |$)`),
    );
    for (const template of templates)
      expect(
        recordings.some((r) => r.status === 200 && template.test(r.request)),
        String(template),
      ).toBe(true);
  });
});
