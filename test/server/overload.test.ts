import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/app.js';
import { type Db, openReadOnly } from '../../src/db/open.js';
import { DEFAULT_SEEDS_DIR } from '../../src/seed/defaults.js';
import { seed } from '../../src/seed/load.js';

/**
 * Load shedding, in process: the app is built with a low event-loop-delay threshold and a short
 * sample interval, and the test blocks the event loop itself — the same thing an overloaded process
 * experiences, with nothing special in the production code path.
 */

const SAMPLE_MS = 100;
const MAX_DELAY_MS = 50;

let app: App;
let db: Db;
const dir = mkdtempSync(path.join(tmpdir(), 'parallax-overload-'));

beforeAll(async () => {
  const file = path.join(dir, 'parallax.db');
  await seed(DEFAULT_SEEDS_DIR, file);
  db = openReadOnly(file);
  app = await buildApp({
    db,
    limits: { pressure: { maxEventLoopDelay: MAX_DELAY_MS, sampleInterval: SAMPLE_MS } },
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  db?.$client.close();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Busy-waits: nothing else runs in this process meanwhile, as under a CPU-bound overload. */
function blockEventLoop(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/**
 * Sustained overload: 150 ms stalls with a tick between them (as back-to-back CPU-bound work would
 * leave), until the plugin's sampling reports pressure — at most `limitMs`. A single long stall is
 * not enough: Node's delay histogram drops the first interval after each reset, so a stall that
 * starts right after a sample would go unseen.
 */
async function overload(limitMs: number) {
  const until = performance.now() + limitMs;
  while (!app.isUnderPressure() && performance.now() < until) {
    blockEventLoop(150);
    await sleep(1);
  }
}

/** Retries until the measured delay is back under the threshold (a loaded CI box may be slow). */
async function untilHealthy() {
  for (let i = 0; i < 50 && app.isUnderPressure(); i++) await sleep(SAMPLE_MS);
  expect(app.isUnderPressure()).toBe(false);
}

/**
 * A request once the loop is healthy. A busy machine can push the delay over the threshold again
 * between the check and the request, so a shed answer means: wait for health and ask again.
 */
async function servedWhenHealthy(url: string) {
  for (let attempt = 0; attempt < 20; attempt++) {
    await untilHealthy();
    const res = await app.inject(url);
    if (res.statusCode !== 503) return res;
  }
  throw new Error(`${url} was shed 20 times with the loop measured healthy before each`);
}

describe('an overloaded event loop', () => {
  it('sheds requests with 503 problem+json and Retry-After; readiness fails, liveness does not', async () => {
    expect((await servedWhenHealthy('/v1/events?limit=1')).statusCode).toBe(200);

    // The requests go out as soon as the plugin has measured the overload.
    await overload(3000);
    expect(app.memoryUsage().eventLoopDelay).toBeGreaterThan(MAX_DELAY_MS);

    const [shed, ready, live] = await Promise.all([
      app.inject('/v1/events?limit=1'),
      app.inject('/readyz'),
      app.inject('/healthz'),
    ]);
    expect(shed.statusCode).toBe(503);
    expect(shed.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(shed.headers['retry-after']).toMatch(/^[1-9]\d*$/);
    expect(shed.json()).toEqual({
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail: expect.stringMatching(/overloaded/),
      instance: '/v1/events?limit=1',
      request_id: shed.headers['x-request-id'],
    });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBeDefined();
    expect(live.statusCode).toBe(200);
  });

  it('serves again once the loop has recovered', async () => {
    expect((await servedWhenHealthy('/v1/events?limit=1')).statusCode).toBe(200);
    expect((await servedWhenHealthy('/readyz')).json()).toMatchObject({ status: 'ready' });
  });
});
