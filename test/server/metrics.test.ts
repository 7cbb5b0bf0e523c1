import { beforeAll, describe, expect, it } from 'vitest';
import { sample } from '../metrics-scrape.js';
import {
  exitWithin,
  getFresh,
  LISTENING,
  seededDatabase,
  startServer,
  twoWorkersListening,
} from './process.js';

/**
 * METRICS_PORT with real processes: the scrape is on its own port, never the API's; a lone server
 * answers for itself, and with WORKERS=2 the primary answers for both workers at once (their
 * counts summed, each counted as serving the dataset), and counts a worker it had to replace.
 */

type Server = Awaited<ReturnType<typeof startServer>>;

let file: string;
let version: string;
beforeAll(async () => {
  ({ file, version } = await seededDatabase());
});

const METRICS_AT = 'metrics at ';

/** Starts the server with METRICS_PORT=0; its API and its metrics URLs. */
async function start(env: Record<string, string>): Promise<{ server: Server; metricsUrl: string }> {
  const server = await startServer({ DATABASE_PATH: file, METRICS_PORT: '0', RATE_LIMIT_MAX: '0', ...env });
  const line = await server.waitForLine((j) => String(j.msg).startsWith(METRICS_AT));
  return { server, metricsUrl: String(line.msg).slice(METRICS_AT.length) };
}

const scrape = async (url: string) => {
  const res = await getFresh(url);
  expect(res.status).toBe(200);
  expect(res.type).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.body;
};
const requests = (text: string, operation: string, status_class: string) =>
  sample(text, 'parallax_http_requests_total', { operation, status_class });

describe('METRICS_PORT, one process', () => {
  it('answers GET /metrics on its own port, and the API port has none', async () => {
    const { server, metricsUrl } = await start({});
    expect(new URL(metricsUrl).port).not.toBe(String(server.port));
    const before = await scrape(metricsUrl);

    expect((await getFresh(`${server.url}/v1/sources`)).status).toBe(200); // a miss, kept
    expect((await getFresh(`${server.url}/v1/sources`)).status).toBe(200); // a hit
    expect((await getFresh(`${server.url}/v1/events?limit=0`)).status).toBe(400);
    expect((await getFresh(`${server.url}/metrics`)).status).toBe(404);
    expect((await getFresh(metricsUrl.replace('/metrics', '/other'))).status).toBe(404);

    const after = await scrape(metricsUrl);
    const moved = (read: (t: string) => number) => read(after) - read(before);
    expect(moved((t) => requests(t, 'listSources', '2xx'))).toBe(2);
    expect(moved((t) => requests(t, 'listEvents', '4xx'))).toBe(1);
    expect(moved((t) => sample(t, 'parallax_response_cache_hits_total'))).toBe(1);
    expect(moved((t) => sample(t, 'parallax_response_cache_misses_total'))).toBe(2);
    expect(sample(after, 'parallax_dataset_info', { version })).toBe(1);
    // The process's own metrics, from prom-client.
    expect(sample(after, 'process_resident_memory_bytes')).toBeGreaterThan(0);

    server.child.kill('SIGTERM');
    expect(await exitWithin(server, 15_000)).toEqual({ code: 0, signal: null });
  });
});

describe('METRICS_PORT with WORKERS=2', () => {
  it('sums both workers in one scrape, and counts a worker replaced', async () => {
    const { server, metricsUrl } = await start({ WORKERS: '2' });
    const [first, second] = await twoWorkersListening(server);
    const before = await scrape(metricsUrl);
    expect(sample(before, 'parallax_dataset_info', { version })).toBe(2);

    const N = 20;
    for (let i = 0; i < N; i++) expect((await getFresh(`${server.url}/v1/actors?limit=1`)).status).toBe(200);
    const answeredBy = new Set(
      server.lines.filter((l) => l.json?.msg === 'request completed').map((l) => l.json?.pid),
    );
    expect(answeredBy.size, 'both workers answered').toBe(2);
    const after = await scrape(metricsUrl);
    expect(requests(after, 'listActors', '2xx') - requests(before, 'listActors', '2xx')).toBe(N);
    expect(sample(after, 'parallax_worker_restarts_total')).toBe(0);

    const victim = second;
    process.kill(victim, 'SIGKILL');
    await server.waitForLine(
      (j) => String(j.msg).startsWith(LISTENING) && j.pid !== first && j.pid !== victim,
    );
    const replaced = await scrape(metricsUrl);
    expect(sample(replaced, 'parallax_worker_restarts_total')).toBe(1);
    expect(sample(replaced, 'parallax_dataset_info', { version })).toBe(2);

    server.child.kill('SIGTERM');
    expect(await exitWithin(server, 15_000)).toEqual({ code: 0, signal: null });
  });
});
