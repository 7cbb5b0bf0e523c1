/**
 * `npm run bench:targets -- --database FILE [--seconds N] [--rounds N]`: the latency targets of
 * the aggregate operations (issue 12), one client at a time, response cache off: for each class a
 * pool of real URLs drawn from the database, asked in turn; the p99 of each round, its median over
 * the rounds, and its ratio to the target. Builds dist/ first unless `--no-build`.
 */
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { rssMiB, waitUntilAnswering } from '../child-server.js';
import { buildUnless, type Figures, load, medianFigures, startServer, machine } from './harness.js';

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    'no-build': { type: 'boolean', default: false },
  },
});
if (!values.database) {
  console.error('usage: npm run bench:targets -- --database FILE [--seconds N] [--rounds N]');
  process.exit(2);
}
const database = values.database;
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);

/** A deterministic shuffle of rows by an integer expression: the same URLs on every run. */
const SHUFFLE = (integer: string) => `((${integer}) * 2654435761) % 4294967291`;

/** Per class: its target p99 (ms) and a pool of real URLs. */
function classes(file: string): { name: string; target: number; urls: string[] }[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const column = (sql: string) => db.prepare(sql).pluck().all() as string[];
  try {
    const years = column(
      `SELECT y FROM (SELECT DISTINCT substr(start, 1, 4) AS y FROM events WHERE precision = 'day') ORDER BY ${SHUFFLE('CAST(y AS INTEGER)')} LIMIT 20`,
    );
    const actors = column(
      'SELECT actor_id FROM actor_event_counts GROUP BY actor_id ORDER BY sum(events) DESC LIMIT 20',
    );
    // The busiest actors without a facet slice of their own (seed/facet-counts.ts): the most a
    // counted actor facet costs.
    const counted = column(
      'SELECT actor_id FROM actor_event_counts GROUP BY actor_id ORDER BY sum(events) DESC, actor_id LIMIT 20 OFFSET 256',
    );
    const types = column('SELECT DISTINCT type FROM events ORDER BY type');
    // Pairs of sources that tell some events both, over the month one of them was published in.
    const pairs = db
      .prepare(
        `SELECT a.source_id AS a, b.source_id AS b, substr(s.published, 1, 7) AS month
           FROM event_evidence a JOIN event_evidence b ON b.event_id = a.event_id AND b.source_id > a.source_id
           JOIN sources s ON s.id = a.source_id
          WHERE a.rowid % 97 = 0 GROUP BY a.source_id, b.source_id LIMIT 20`,
      )
      .all() as { a: string; b: string; month: string }[];
    const facets = 'facets=type,status,source,actor,precision';
    const pick = <T>(list: T[], i: number) => list[i % list.length] as T;
    return [
      {
        name: 'volume by month over one year',
        target: 20,
        urls: years.map((y) => `/v1/events/volume?from=${y}&to=${y}&interval=month`),
      },
      {
        name: 'facets, unfiltered',
        target: 20,
        urls: ['/v1/events?limit=1', '/v1/events?order=desc&limit=1'].map(
          (u) => `${u}&${facets}&count=exact`,
        ),
      },
      {
        name: 'volume by month over one year, one actor',
        target: 100,
        urls: years.map(
          (y, i) => `/v1/events/volume?from=${y}&to=${y}&interval=month&actor=${pick(actors, i)}`,
        ),
      },
      {
        name: 'volume by month over one year, one type',
        target: 100,
        urls: years.map(
          (y, i) => `/v1/events/volume?from=${y}&to=${y}&interval=month&type=${pick(types, i)}`,
        ),
      },
      {
        name: 'facets, one actor',
        target: 100,
        urls: actors.map((a) => `/v1/events?actor=${a}&limit=1&${facets}&count=exact`),
      },
      {
        name: 'facets, one actor outside the busiest 256',
        target: 100,
        urls: counted.map((a) => `/v1/events?actor=${a}&limit=1&${facets}&count=exact`),
      },
      {
        name: 'facets, one type',
        target: 100,
        urls: types.map((t) => `/v1/events?type=${t}&limit=1&${facets}&count=exact`),
      },
      {
        name: 'compare two sources over one month',
        target: 50,
        urls: pairs.map((p) => `/v1/compare?source=${p.a}&source=${p.b}&from=${p.month}&to=${p.month}`),
      },
    ];
  } finally {
    db.close();
  }
}

/** A latency as the load tool measures it, in whole milliseconds: under one is `< 1`. */
const ms = (value: number) => (value < 1 ? '< 1' : value.toFixed(0));

async function main() {
  buildUnless(values['no-build']);
  const pools = classes(database);
  const { child, base } = startServer(database, false);
  try {
    await waitUntilAnswering(`${base}/healthz`, child, 120_000);
    for (const { urls } of pools)
      for (const url of urls) {
        const res = await fetch(`${base}${url}`);
        if (!res.ok) throw new Error(`${url}: ${res.status}`);
      }
    const rows: string[] = [];
    for (const { name, target, urls } of pools) {
      if (urls.length === 0) continue;
      await load(base, urls, 1, 1); // warm
      const rounds: Figures[] = [];
      for (let r = 0; r < ROUNDS; r++) rounds.push(await load(base, urls, SECONDS, 1));
      const f = medianFigures(rounds);
      const p99s = rounds.map((r) => r.p99);
      rows.push(
        `| ${name} | ${urls.length} | ${f.rps.toFixed(0)} | ${ms(f.p50)} | ${ms(f.p99)} (${ms(Math.min(...p99s))}–${ms(Math.max(...p99s))}) | ${target} | ${f.p99 < 1 ? `< ${(1 / target).toFixed(2)}` : (f.p99 / target).toFixed(2)} | ${f.errors} |`,
      );
      console.error(`measured ${name}`);
    }
    const events = new Database(database, { readonly: true })
      .prepare('SELECT count(*) FROM events')
      .pluck()
      .get();
    console.log(
      [
        `database: ${database} (${events} events); response cache off; one client; ${SECONDS} s a round, ${ROUNDS} rounds (medians; p99 range in brackets)`,
        `machine: ${machine()}; server RSS at the end ${Math.round(rssMiB(child.pid as number))} MiB`,
        '',
        '| class | URLs | req/s | p50 ms | p99 ms | target p99 ms | p99 / target | errors |',
        '| --- | --- | --- | --- | --- | --- | --- | --- |',
        ...rows,
      ].join('\n'),
    );
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
