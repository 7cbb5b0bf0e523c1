/**
 * Soak test: the production server as a child process on a freshly seeded database, driven by 64
 * connections for SOAK_SECONDS (default 60) across every endpoint class, with the rate limit off.
 * Reports requests, errors, non-2xx answers, latency percentiles and the server's resident memory,
 * and exits 1 when any request failed or memory grew past the leak threshold below.
 *
 *   npm run soak                      # 60 s
 *   SOAK_SECONDS=10 npm run soak      # a quick look
 *   SOAK_SERVER=tsx npm run soak      # run src/ with tsx even when dist/ is current
 *
 * It builds nothing: it runs dist/server.js (what the container runs) when `npm run build` has
 * produced one newer than every file in src/, and src/server.ts through tsx otherwise.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { DEFAULT_SEEDS_DIR } from '../src/seed/defaults.js';
import { rssMiB, waitUntilAnswering } from './child-server.js';
import { seed } from '../src/seed/load.js';
import { DUMPS } from '../src/features/dumps/beside.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const CONNECTIONS = 64;
/** Memory is compared from the end of this warm-up (V8 sizes its heap to the load first). */
const WARM_UP_S = Math.min(10, Math.max(2, Math.round(SECONDS * 0.15)));

/**
 * Leak threshold on RSS growth from the end of the warm-up to the end of the run. Under steady load
 * a healthy Node process still moves by tens of MB: V8 grows old space between major collections
 * and returns freed pages to the OS lazily, and socket and log buffers come and go with the
 * connections (a 60 s run on a 2-core box swung between 175 and 208 MB after warm-up and ended
 * 19 MB below where it started). 64 MB is about twice that swing. Its sensitivity depends on the
 * request count: at the ~40 000 requests of that run it catches a leak of ~1.6 KB a request, and a
 * faster machine catches smaller ones; the per-request figure printed below says how sensitive a
 * given run was.
 */
const RSS_GROWTH_LIMIT_MB = 64;

function fail(message: string): never {
  console.error(`soak: ${message}`);
  process.exit(1);
}

function serverCommand(): { args: string[]; label: string } {
  const dist = path.join(ROOT, 'dist/server.js');
  const newestSource = (dir: string): number =>
    Math.max(
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newestSource(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs,
      ),
    );
  const distIsCurrent = (() => {
    try {
      return statSync(dist).mtimeMs >= newestSource(path.join(ROOT, 'src'));
    } catch {
      return false;
    }
  })();
  const choice = process.env.SOAK_SERVER ?? (distIsCurrent ? 'dist' : 'tsx');
  if (choice === 'dist') {
    if (!distIsCurrent) console.warn('soak: dist/ is older than src/; run `npm run build` for a fair run');
    return { args: [dist], label: 'node dist/server.js' };
  }
  return { args: ['--import', 'tsx', 'src/server.ts'], label: 'node --import tsx src/server.ts' };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The child's RSS in MiB (reported as MB, as the rest of this script does); a failure ends the soak. */
function rssMb(pid: number): number {
  try {
    return rssMiB(pid);
  } catch (error) {
    fail((error as Error).message);
  }
}

interface Page<T> {
  data: T[];
  page: { next_cursor: string | null };
}

/** Real URLs for every endpoint class, read off the running server itself. */
async function endpointUrls(base: string): Promise<string[]> {
  const get = async <T>(url: string): Promise<T> => {
    const res = await fetch(base + url);
    if (!res.ok) fail(`${url} answered ${res.status} while collecting URLs`);
    return (await res.json()) as T;
  };
  const ids = async (url: string, n: number) =>
    (await get<Page<{ id: string }>>(`${url}${url.includes('?') ? '&' : '?'}limit=200`)).data
      .slice(0, n)
      .map((x) => x.id);
  /** The cursors of the deepest pages of a list walked `limit` at a time. */
  const deepPages = async (url: string, limit: number, keep: number) => {
    const urls: string[] = [];
    let cursor: string | null = null;
    do {
      const pageUrl: string = `${url}${url.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      urls.push(pageUrl);
      cursor = (await get<Page<unknown>>(pageUrl)).page.next_cursor;
    } while (cursor);
    return urls.slice(-keep);
  };

  const events = await ids('/v1/events', 10);
  const actors = await ids('/v1/actors', 8);
  const quotes = await get<Page<{ id: string; text: string }>>('/v1/quotes?limit=200');
  const claims = await ids('/v1/claims', 5);
  const sources = await ids('/v1/sources', 5);
  const word = quotes.data[0]?.text.split(/\s+/).find((w) => /^\p{L}{5,}$/u.test(w)) ?? 'situation';
  if (!events.length || !actors.length || !quotes.data.length || !claims.length || !sources.length)
    fail('the dataset is missing a resource class');

  const urls = [
    // Timeline by date, filtered and not.
    '/v1/events',
    '/v1/events?from=2020-06&to=2020-06',
    '/v1/events?from=2020&to=2020-12-31&order=desc&limit=200',
    '/v1/events?status=contested',
    `/v1/events?actor=${actors[0]}&actor=${actors[1] ?? actors[0]}&actor_match=all`,
    '/v1/events?q=military',
    ...events.map((id) => `/v1/events/${id}`),
    // Actors: search, profiles, timelines, quotes.
    '/v1/actors?q=kim%20jong%20un',
    '/v1/actors?kind=person',
    ...actors.flatMap((id) => [`/v1/actors/${id}`, `/v1/actors/${id}/events`, `/v1/actors/${id}/quotes`]),
    // Quotes and quote search.
    `/v1/quotes?q=${encodeURIComponent(word)}`,
    '/v1/quotes?kind=full',
    `/v1/quotes/${quotes.data[0]?.id}`,
    // Claims.
    '/v1/claims',
    '/v1/claims?status=contested',
    ...claims.map((id) => `/v1/claims/${id}`),
    // Sources and their texts.
    '/v1/sources',
    ...sources.flatMap((id) => [`/v1/sources/${id}`, `/v1/sources/${id}/text`]),
    // Deep cursor pages.
    ...(await deepPages('/v1/events', 1, 5)),
    ...(await deepPages(`/v1/actors/${actors[0]}/events`, 1, 3)),
    ...(await deepPages('/v1/claims?order=desc', 2, 3)),
    ...(await deepPages('/v1/quotes', 1, 3)),
    // Operations.
    '/healthz',
    '/readyz',
    '/openapi.json',
  ];
  return urls;
}

async function main() {
  if (!Number.isFinite(SECONDS) || SECONDS < 5) fail('SOAK_SECONDS must be a number ≥ 5');
  const dir = mkdtempSync(path.join(tmpdir(), 'parallax-soak-'));
  const database = path.join(dir, 'parallax.db');
  const logFile = path.join(dir, 'server.log');
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

  const seeded = await seed(DEFAULT_SEEDS_DIR, database, { beside: DUMPS });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const { args, label } = serverCommand();
  // Production logging (info: two lines a request) goes to a file, as it would to a log shipper,
  // so that neither a pipe nor this process's own load can slow the server down.
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_PATH: database,
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      RATE_LIMIT_MAX: '0',
    },
    stdio: ['ignore', log, 'inherit'],
  });
  // Never leave the server behind, however this script ends (listeners run in order: before the rm).
  process.prependListener('exit', () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  await waitUntilAnswering(`${base}/readyz`, child, 30_000).catch((error: Error) => fail(error.message));
  const pid = child.pid ?? fail('no child pid');
  const urls = await endpointUrls(base);
  const rssStart = rssMb(pid);
  console.log(
    `soak: ${label} (pid ${pid}), dataset ${seeded.datasetVersion}, ${urls.length} URLs, ` +
      `${CONNECTIONS} connections for ${SECONDS} s`,
  );

  const samples: { t: number; mb: number }[] = [];
  const started = Date.now();
  const sampler = setInterval(() => samples.push({ t: (Date.now() - started) / 1000, mb: rssMb(pid) }), 1000);
  const result = await autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 10,
    requests: urls.map((url) => ({ method: 'GET', path: url })),
  });
  clearInterval(sampler);
  const rssEnd = rssMb(pid);
  await sleep(2000);
  const rssIdle = rssMb(pid);

  const warm = samples.find((s) => s.t >= WARM_UP_S)?.mb ?? rssStart;
  const peak = Math.max(...samples.map((s) => s.mb), rssEnd);
  const growth = rssEnd - warm;
  const ok = (code: string) => code.startsWith('2') || code === '304';
  const statusCodes = Object.entries(result.statusCodeStats ?? {}).map(
    ([code, s]) => [code, s.count ?? 0] as const,
  );
  const badStatuses = statusCodes.filter(([code]) => !ok(code));
  const bad = badStatuses.reduce((n, [, count]) => n + count, 0);
  const total = result.requests.total;
  const serverErrors = readFileSync(logFile, 'utf8')
    .split('\n')
    .filter((line) => /"level":(50|60)/.test(line)).length;

  const mb = (n: number) => `${n.toFixed(1)} MB`;
  console.log(
    [
      `requests:      ${total} in ${result.duration} s (${Math.round(total / result.duration)}/s), ${result.requests.sent} sent`,
      `errors:        ${result.errors} (timeouts ${result.timeouts}); server error log lines: ${serverErrors}`,
      `non-2xx/304:   ${bad}${badStatuses.length ? ` (${badStatuses.map(([c, n]) => `${c}×${n}`).join(', ')})` : ''}`,
      `status codes:  ${statusCodes.map(([c, n]) => `${c}×${n}`).join(', ')}`,
      `latency:       p50 ${result.latency.p50} ms, p90 ${result.latency.p90} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
      `server RSS:    start ${mb(rssStart)}, after ${WARM_UP_S} s warm-up ${mb(warm)}, end ${mb(rssEnd)} ` +
        `(peak ${mb(peak)}; ${mb(rssIdle)} 2 s after the load)`,
      `RSS drift:     ${growth >= 0 ? '+' : ''}${mb(growth)} from warm-up to end ` +
        `(limit +${RSS_GROWTH_LIMIT_MB} MB; = ${Math.round((Math.max(0, growth) * 1024 * 1024) / Math.max(1, total))} B/request)`,
    ].join('\n'),
  );

  const problems = [
    ...(result.errors > 0 ? [`${result.errors} request errors`] : []),
    ...(bad > 0 ? [`${bad} answers that were neither 2xx nor 304`] : []),
    ...(serverErrors > 0 ? [`${serverErrors} error lines in the server log`] : []),
    ...(growth > RSS_GROWTH_LIMIT_MB ? [`RSS grew ${mb(growth)} (limit ${RSS_GROWTH_LIMIT_MB} MB)`] : []),
    ...(total === 0 ? ['no requests completed'] : []),
  ];
  // The drain after a soak must be as clean as after a quiet day.
  const exited = new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code)),
  );
  child.kill('SIGTERM');
  const exitCode = await exited;
  console.log(`shutdown:      exit code ${exitCode} after SIGTERM`);
  if (exitCode !== 0) problems.push(`the server exited ${exitCode} after SIGTERM`);
  if (problems.length > 0) fail(`FAILED: ${problems.join('; ')}`);
  console.log('soak: passed');
}

await main();
