/**
 * `npm run bench:zipf -- --database FILE [--urls N] [--seconds N] [--connections N] [--no-build]`
 *
 * An honest workload: many users asking many different things, some far more often than others.
 * A universe of at least 100,000 distinct real URLs of every endpoint class (drawn from the database,
 * in a fixed shuffle so that classes mix along the ranks), requested with Zipf-distributed
 * popularity (rank r with probability ∝ 1/r) from a fixed seed. Two load generators, autocannon
 * and wrk (Debian's, with a Lua script drawing the same distribution), each against the production
 * server with its response cache on, then autocannon with the cache off; for each, throughput,
 * latency and the response cache's hit rate (the `X-Cache` header of each answer).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { waitUntilAnswering } from '../child-server.js';
import { createRandom, createZipf } from '../random.js';
import { buildUnless, ROOT, startServer, machine } from './harness.js';
import { urlPools } from './urls.js';

const { values } = parseArgs({
  options: {
    database: { type: 'string', default: path.join(ROOT, 'data/parallax.db') },
    urls: { type: 'string', default: '120000' },
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '32' },
    'no-build': { type: 'boolean', default: false },
  },
});
const URLS = Number(values.urls);
const SECONDS = Number(values.seconds);
const CONNECTIONS = Number(values.connections);

/** Every class's URLs, with the date ranges in several shapes, shuffled together, distinct. */
function universe(file: string, size: number): string[] {
  const pools = urlPools(file, Math.ceil(size / 4));
  const months = pools['date-range timeline'] ?? [];
  const ranges = months.flatMap((url) => [url, `${url}&order=desc`, `${url}&limit=10`, `${url}&limit=100`]);
  const all = [...new Set([...ranges, ...Object.values(pools).flat()])];
  const random = createRandom(42);
  for (let i = all.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [all[i], all[j]] = [all[j] as string, all[i] as string];
  }
  return all.slice(0, size);
}

interface Figures {
  tool: string;
  rps: number;
  p50: number;
  p99: number;
  hitRate: number;
  errors: number;
}

async function withAutocannon(base: string, urls: string[], label: string): Promise<Figures> {
  const rank = createZipf(urls.length, 1, createRandom(7));
  let hits = 0;
  let answers = 0;
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        setupRequest: (request) => ({ ...request, path: urls[rank()] as string }),
        onResponse: (_status, _body, _context, headers) => {
          answers++;
          if (headers?.['x-cache'] === 'hit') hits++;
        },
      },
    ],
  });
  return {
    tool: label,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    hitRate: answers > 0 ? hits / answers : 0,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

/** wrk with a Lua script that draws the same distribution over the same URL file. */
function withWrk(base: string, urlFile: string): Figures {
  const script = path.join(path.dirname(urlFile), 'zipf.lua');
  writeFileSync(
    script,
    `local urls, cdf, sum = {}, {}, 0
for line in io.lines("${urlFile}") do urls[#urls + 1] = line; sum = sum + 1 / #urls; cdf[#urls] = sum end
-- Per thread (globals, which done() reads back through thread:get).
hits, answers, id = 0, 0, 0
local threads = {}
function setup(thread) table.insert(threads, thread); thread:set("id", #threads) end
function init(args) math.randomseed(7 + id) end
function request()
  local u, lo, hi = math.random() * sum, 1, #urls
  while lo < hi do local mid = math.floor((lo + hi) / 2); if cdf[mid] < u then lo = mid + 1 else hi = mid end end
  return wrk.format("GET", urls[lo])
end
function response(status, headers, body)
  answers = answers + 1
  if headers["x-cache"] == "hit" then hits = hits + 1 end
end
function done(summary, latency, requests)
  local h, a = 0, 0
  for _, t in ipairs(threads) do h = h + t:get("hits"); a = a + t:get("answers") end
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %f %f %f %f %d\\n", summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, a > 0 and h / a or 0, bad))
end
`,
  );
  const out = execFileSync(
    'wrk',
    ['-t2', `-c${CONNECTIONS}`, `-d${SECONDS}s`, '--timeout', '10s', '-s', script, base],
    { encoding: 'utf8' },
  );
  const [rps, p50, p99, hitRate, errors] = (/RESULT (.*)/.exec(out)?.[1] ?? '').split(' ').map(Number);
  return {
    tool: 'wrk',
    rps: rps ?? 0,
    p50: p50 ?? 0,
    p99: p99 ?? 0,
    hitRate: hitRate ?? 0,
    errors: errors ?? 0,
  };
}

async function run(cache: boolean, urls: string[], urlFile: string): Promise<Figures[]> {
  const { child, base } = startServer(values.database, cache);
  try {
    await waitUntilAnswering(`${base}/readyz`, child, 120_000);
    const label = cache ? 'cache on' : 'cache off';
    const figures = [await withAutocannon(base, urls, `autocannon, ${label}`)];
    if (cache) {
      // A fresh server for wrk, so that it starts from the same empty cache.
      child.kill('SIGTERM');
      const second = startServer(values.database, cache);
      try {
        await waitUntilAnswering(`${second.base}/readyz`, second.child, 120_000);
        figures.push({ ...withWrk(second.base, urlFile), tool: `wrk, ${label}` });
      } finally {
        second.child.kill('SIGTERM');
      }
    }
    return figures;
  } finally {
    child.kill('SIGTERM');
  }
}

async function main() {
  buildUnless(values['no-build']);
  const urls = universe(values.database, URLS);
  if (urls.length < 100_000) console.error(`only ${urls.length} distinct URLs in this database`);
  const dir = mkdtempSync(path.join(tmpdir(), 'parallax-zipf-'));
  const urlFile = path.join(dir, 'urls.txt');
  writeFileSync(urlFile, `${urls.join('\n')}\n`);
  try {
    const rows = [...(await run(true, urls, urlFile)), ...(await run(false, urls, urlFile))];
    console.log(
      [
        `database: ${values.database}; ${urls.length} distinct URLs of every class, Zipf (s = 1) popularity; ${CONNECTIONS} connections, ${SECONDS} s each, a fresh server per row`,
        `machine: ${machine()}`,
        '',
        '| load generator | req/s | p50 ms | p99 ms | cache hit rate | errors |',
        '| --- | --- | --- | --- | --- | --- |',
        ...rows.map(
          (r) =>
            `| ${r.tool} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.hitRate * 100).toFixed(1)} % | ${r.errors} |`,
        ),
      ].join('\n'),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
