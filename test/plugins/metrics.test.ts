import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { type App, buildApp } from '../../src/app.js';
import { type Db, openReadOnly } from '../../src/db/open.js';
import { createMetrics, type Metrics } from '../../src/metrics.js';
import { useSeededApp } from '../helpers.js';
import { sample } from '../metrics-scrape.js';

/**
 * The metrics of one app, in process, in a registry of the test's own: after a known sequence of
 * requests (misses, hits, 304s, 400s, 404s, 429s, a shed 503) every counter moved by exactly that
 * much; the cache's bytes are what it holds; the dataset served is named while its app is open.
 */

const ctx = useSeededApp();
let db: Db;
let app: App;
let metrics: Metrics;
const scrape = () => metrics.registry.metrics();

beforeAll(async () => {
  db = openReadOnly(ctx.file);
  metrics = createMetrics(new Registry());
  app = await buildApp({
    db,
    metrics,
    limits: { rateLimit: { max: 8, timeWindow: 60 * 60_000 } },
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  db.$client.close();
});

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers });
const requests = (text: string, operation: string, status_class: string) =>
  sample(text, 'parallax_http_requests_total', { operation, status_class });

describe('metrics of a known sequence of requests', () => {
  it('count each answer by operation and status class, and the cache by hit and miss', async () => {
    const before = await scrape();
    const first = await get('/v1/sources'); // a miss, then kept
    await get('/v1/sources'); // a hit
    await get('/v1/sources', { 'if-none-match': String(first.headers.etag) }); // 304, before the cache
    await get('/v1/events?limit=0'); // 400: a miss that is not kept
    await get('/v1/events/nope'); // 404: a miss that is not kept
    await get('/v1/nothing'); // no route
    const after = await scrape();
    const moved = (read: (t: string) => number) => read(after) - read(before);

    expect(moved((t) => requests(t, 'listSources', '2xx'))).toBe(2);
    expect(moved((t) => requests(t, 'listSources', '3xx'))).toBe(1);
    expect(moved((t) => requests(t, 'listEvents', '4xx'))).toBe(1);
    expect(moved((t) => requests(t, 'getEvent', '4xx'))).toBe(1);
    expect(moved((t) => requests(t, 'unmatched', '4xx'))).toBe(1);
    expect(moved((t) => sample(t, 'parallax_response_cache_hits_total'))).toBe(1);
    expect(moved((t) => sample(t, 'parallax_response_cache_misses_total'))).toBe(3);
    expect(
      moved((t) => sample(t, 'parallax_http_request_duration_seconds_count', { operation: 'listSources' })),
    ).toBe(3);
    expect(sample(after, 'parallax_response_cache_bytes')).toBe(first.rawPayload.length);
    expect(sample(after, 'parallax_dataset_info', { version: app.datasetVersion })).toBe(1);
    expect(
      sample(after, 'parallax_dataset_build_timestamp_seconds', { version: app.datasetVersion }),
    ).toBeGreaterThan(1.7e9);
  });

  it('count 429s of the rate limit', async () => {
    const before = await scrape();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await get('/v1/actors?limit=1')).statusCode);
    const limited = statuses.filter((s) => s === 429).length;
    expect(limited).toBeGreaterThan(0);
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    expect(moved('parallax_rate_limited_total', { operation: 'listActors' })).toBe(limited);
    expect(moved('parallax_http_requests_total', { operation: 'listActors', status_class: '4xx' })).toBe(
      limited,
    );
  });

  it('count 503s of shedding', async () => {
    const own = createMetrics(new Registry());
    const pressed = await buildApp({
      db,
      metrics: own,
      limits: { pressure: { maxEventLoopDelay: 200, sampleInterval: 100 } },
    });
    await pressed.ready();
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // Whether a request is shed depends on how busy the machine is, so the test counts what each
    // request got and requires the counters to agree, rather than expecting a status at a time.
    const statuses: number[] = [];
    const send = async () => {
      const { statusCode } = await pressed.inject('/v1/claims?limit=1');
      statuses.push(statusCode);
      return statusCode;
    };
    const seen = (status: number) => statuses.filter((s) => s === status).length;
    try {
      // Calm: once the loop idles, a request is served.
      for (let i = 0; i < 100 && (await send()) !== 200; i++) await sleep(50);
      // Overload: stall the event loop past the threshold until a request is shed.
      for (let i = 0; i < 50 && (await send()) !== 503; i++) {
        const until = performance.now() + 400;
        while (performance.now() < until);
        await sleep(1);
      }
      expect(seen(200), 'no request was served').toBeGreaterThan(0);
      expect(seen(503), 'no request was shed').toBeGreaterThan(0);
      expect(seen(200) + seen(503)).toBe(statuses.length);
      const text = await own.registry.metrics();
      expect(sample(text, 'parallax_shed_total', { operation: 'listClaims' })).toBe(seen(503));
      expect(requests(text, 'listClaims', '5xx')).toBe(seen(503));
      expect(requests(text, 'listClaims', '2xx')).toBe(seen(200));
    } finally {
      await pressed.close();
    }
  });
});

describe('an app that closes', () => {
  it('no longer names its dataset, and gives back its cache bytes', async () => {
    const own = createMetrics(new Registry());
    const other = await buildApp({ db, metrics: own });
    await other.inject('/v1/sources');
    expect(sample(await own.registry.metrics(), 'parallax_response_cache_bytes')).toBeGreaterThan(0);
    await other.close();
    const text = await own.registry.metrics();
    expect(sample(text, 'parallax_response_cache_bytes')).toBe(0);
    expect(text).not.toContain(`version="${other.datasetVersion}"`);
  });

  it('counts what a full cache evicts', async () => {
    const own = createMetrics(new Registry());
    // 64 KiB: a page of two events (a few KiB) is kept, and 28 of them do not all fit.
    const small = await buildApp({ db, metrics: own, responseCacheBytes: 64 * 1024 });
    try {
      let sent = 0;
      for (let day = 1; day <= 28; day++) {
        const res = await small.inject(`/v1/events?limit=2&from=2020-06-${String(day).padStart(2, '0')}`);
        if (res.rawPayload.length <= 8 * 1024) sent += res.rawPayload.length;
      }
      expect(sent, 'the pages would overflow the cache').toBeGreaterThan(64 * 1024);
      const text = await own.registry.metrics();
      const held = sample(text, 'parallax_response_cache_bytes');
      expect(sample(text, 'parallax_response_cache_evictions_total')).toBeGreaterThan(0);
      expect(held).toBeLessThanOrEqual(64 * 1024);
      expect(held).toBeGreaterThan(0);
    } finally {
      await small.close();
    }
  });
});
