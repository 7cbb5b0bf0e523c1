/**
 * `npm run bench [-- --database FILE] [--seconds N] [--rounds N] [--connections N] [--no-cache]
 *   [--metrics]`
 *
 * Builds the service, starts the production server (node dist/server.js) on the database, and for
 * each endpoint class measures throughput and latency with autocannon (no pipelining), twice: one
 * URL over and over ("repeated"), and a pool of different URLs in turn ("varied"). In the same run
 * it measures the ceiling: a bare Fastify server on this machine answering the same URLs with the
 * same bytes from memory. It prints a table with the ratio of each figure to its ceiling. With
 * several rounds, ours and the ceiling take turns, each figure is the median of its rounds, and
 * the ratio's range across rounds shows how much the machine's noise moved it. With `--metrics`,
 * a second server with METRICS_PORT set (being scraped every second) takes its turn in each round
 * too, and the table adds its figures and their ratio to the first's: what collecting metrics costs.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { rssMiB, waitUntilAnswering } from '../child-server.js';
import {
  buildUnless,
  type Figures,
  load,
  median,
  medianFigures,
  ROOT,
  start,
  startServer,
  machine,
} from './harness.js';
import { urlPools } from './urls.js';

const { values } = parseArgs({
  options: {
    database: { type: 'string', default: path.join(ROOT, 'data/parallax.db') },
    seconds: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '1' },
    connections: { type: 'string', default: '32' },
    pool: { type: 'string', default: '200' },
    'no-build': { type: 'boolean', default: false },
    /** Measure the query path: the server's response cache off. */
    'no-cache': { type: 'boolean', default: false },
    /** Also measure a server collecting metrics, against the one that does not. */
    metrics: { type: 'boolean', default: false },
  },
});
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);
const POOL = Number(values.pool);
const ROUNDS = Number(values.rounds);
for (const [name, value] of Object.entries({
  seconds: SECONDS,
  rounds: ROUNDS,
  connections: CONNECTIONS,
  pool: POOL,
}))
  if (!Number.isInteger(value) || value < 1) {
    console.error(`--${name} must be a whole number ≥ 1`);
    process.exit(2);
  }

async function loadAll(base: string, urls: string[], seconds = SECONDS): Promise<Figures> {
  return load(base, urls, seconds, CONNECTIONS);
}

async function main() {
  buildUnless(values['no-build']);
  const pools = urlPools(values.database, POOL);
  const { child: api, base: apiBase } = startServer(values.database, !values['no-cache']);
  const ceilingPort = Number(new URL(apiBase).port) + 1;
  const metricsPort = ceilingPort + 1;
  const measured = values.metrics
    ? startServer(values.database, !values['no-cache'], { METRICS_PORT: String(metricsPort) })
    : undefined;
  const scraper = measured ? scrapeEverySecond(`http://127.0.0.1:${metricsPort}/metrics`) : undefined;
  const ceiling = start(['--import', 'tsx', path.join(ROOT, 'tools/bench/ceiling.ts')], {
    PORT: String(ceilingPort),
  });
  try {
    await waitUntilAnswering(`${apiBase}/healthz`, api, 60_000);
    if (measured) await waitUntilAnswering(`${measured.base}/healthz`, measured.child, 60_000);
    // The ceiling serves exactly the bytes the API answers for every URL of the pools.
    // The same bytes on the wire: body and headers (Node adds Date, Connection and Keep-Alive to both).
    const responses: Record<string, { headers: Record<string, string>; body: string }> = {};
    const perRequest = ['date', 'connection', 'keep-alive', 'content-length'];
    for (const url of Object.values(pools).flat()) {
      const res = await fetch(`${apiBase}${url}`);
      if (!res.ok) throw new Error(`${url}: ${res.status}`);
      const headers = Object.fromEntries([...res.headers].filter(([name]) => !perRequest.includes(name)));
      responses[url] = { headers, body: await res.text() };
    }
    const ceilingBase = `http://127.0.0.1:${ceilingPort}`;
    await waitUntilAnswering(`${ceilingBase}/healthz`, ceiling, 60_000);
    const loaded = await fetch(`${ceilingBase}/__load`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(responses),
    });
    if (!loaded.ok) throw new Error(`the ceiling server refused the responses: ${loaded.status}`);

    // Warm both servers on every URL first (JIT, SQLite's page cache), so that the first class
    // measured is not also the one that pays for a cold process.
    const everyUrl = Object.values(pools).flat();
    await loadAll(apiBase, everyUrl, 2);
    if (measured) await loadAll(measured.base, everyUrl, 2);
    await loadAll(ceilingBase, everyUrl, 2);
    const rssStart = Math.round(rssMiB(api.pid as number));
    const rows: string[][] = [];
    for (const [name, urls] of Object.entries(pools)) {
      if (urls.length === 0) continue;
      const bytes = Math.round(
        urls.reduce((sum, u) => sum + Buffer.byteLength(responses[u]?.body ?? ''), 0) / urls.length,
      );
      for (const [mode, pool] of [
        ['repeated', urls.slice(0, 1)],
        ['varied', urls],
      ] as const) {
        const rounds: { ours: Figures; bare: Figures; metered?: Figures }[] = [];
        for (let r = 0; r < ROUNDS; r++)
          rounds.push({
            ours: await loadAll(apiBase, pool),
            metered: measured && (await loadAll(measured.base, pool)),
            bare: await loadAll(ceilingBase, pool),
          });
        const ours = medianFigures(rounds.map((r) => r.ours));
        const bare = medianFigures(rounds.map((r) => r.bare));
        rows.push([
          name,
          mode,
          String(bytes),
          ours.rps.toFixed(0),
          ours.p50.toFixed(1),
          ours.p99.toFixed(1),
          bare.rps.toFixed(0),
          bare.p99.toFixed(1),
          ratioCell(rounds.map((r) => r.ours.rps / r.bare.rps)),
          `${ours.errors}/${bare.errors}`,
          ...(measured ? meteredColumns(rounds) : []),
        ]);
        console.error(`measured ${name} (${mode})`);
      }
    }
    const rssEnd = Math.round(rssMiB(api.pid as number));
    const header = [
      'endpoint class',
      'requests',
      'bytes',
      'req/s',
      'p50 ms',
      'p99 ms',
      'ceiling req/s',
      'ceiling p99 ms',
      'ratio',
      'errors (ours/ceiling)',
      ...(measured ? ['with metrics req/s', 'with metrics p99 ms', 'with/without metrics'] : []),
    ];
    const table = [header, header.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
    const events = new Database(values.database, { readonly: true }).prepare('SELECT count(*) FROM events');
    console.log(
      [
        `database: ${values.database} (${events.pluck().get()} events)`,
        `machine: ${machine()}`,
        `autocannon: ${CONNECTIONS} connections, no pipelining, ${SECONDS} s per measurement, ${ROUNDS} round(s) (medians; ratio range in brackets); response cache ${values['no-cache'] ? 'off' : 'on'}`,
        `server RSS: ${rssStart} MiB after warm-up, ${rssEnd} MiB at the end`,
        '',
        table,
      ].join('\n'),
    );
  } finally {
    if (scraper) clearInterval(scraper);
    measured?.child.kill('SIGTERM');
    api.kill('SIGTERM');
    ceiling.kill('SIGTERM');
  }
}

/** The figures of the server collecting metrics, and the ratio of its req/s to the other's. */
function meteredColumns(rounds: { ours: Figures; metered?: Figures }[]): string[] {
  const metered = medianFigures(rounds.map((r) => r.metered as Figures));
  const ratios = rounds.map((r) => (r.metered as Figures).rps / r.ours.rps);
  return [metered.rps.toFixed(0), metered.p99.toFixed(1), ratioCell(ratios)];
}

/** A ratio's median over the rounds, with its range when there are several. */
function ratioCell(ratios: number[]): string {
  const spread = ROUNDS > 1 ? ` (${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)})` : '';
  return `${median(ratios).toFixed(2)}${spread}`;
}

/** A scrape a second, as Prometheus would do every 15 s, so that its cost shows. */
function scrapeEverySecond(url: string): NodeJS.Timeout {
  return setInterval(() => {
    fetch(url).then(
      (res) => res.arrayBuffer(),
      () => undefined, // not listening yet
    );
  }, 1000);
}

await main();
