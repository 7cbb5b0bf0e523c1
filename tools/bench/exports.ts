/**
 * `npm run bench:exports -- --database FILE [--rounds N] [--no-build]`: the exports
 * on a whole timeline. For NDJSON and CSV of every event: events per second (the count read from the
 * database), and how far the server's RSS grows during the export over its RSS before (sampled every
 * 100 ms). Then a client that leaves after the first megabyte: the server's CPU time over the next
 * two seconds (from /proc), which is near zero only if the export stopped reading. Medians of rounds.
 */
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { rssMiB, waitUntilAnswering } from '../child-server.js';
import { buildUnless, median, startServer, machine } from './harness.js';

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    rounds: { type: 'string', default: '3' },
    'no-build': { type: 'boolean', default: false },
  },
});
if (!values.database) {
  console.error('usage: npx tsx tools/bench/exports.ts --database FILE [--rounds N] [--no-build]');
  process.exit(2);
}
const database = values.database;
const ROUNDS = Number(values.rounds);

/** CPU seconds (user + system) the process has used, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Reads a whole export; the server's RSS is sampled while it streams. */
function readAll(
  url: string,
  pid: number,
): Promise<{ seconds: number; bytes: number; peakGrowthMiB: number }> {
  const before = rssMiB(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(pid))), 100);
  const began = performance.now();
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      if (res.statusCode !== 200) reject(new Error(`${url}: ${res.statusCode}`));
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => {
        clearInterval(sampler);
        resolve({ seconds: (performance.now() - began) / 1000, bytes, peakGrowthMiB: peak - before });
      });
    }).on('error', reject);
  });
}

/** Leaves after the first megabyte; the server's CPU seconds in the two seconds after. */
function leaveEarly(url: string, pid: number): Promise<{ received: number; cpuAfter: number }> {
  return new Promise((resolve, reject) => {
    const request = get(url, (res) => {
      let received = 0;
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (received < 2 ** 20 || request.destroyed) return;
        request.destroy();
        setTimeout(() => {
          const start = cpuSeconds(pid);
          setTimeout(() => resolve({ received, cpuAfter: cpuSeconds(pid) - start }), 2000);
        }, 200);
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') reject(error);
    });
  });
}

async function main() {
  buildUnless(values['no-build']);
  const events = new Database(database, { readonly: true })
    .prepare('SELECT count(*) FROM events')
    .pluck()
    .get() as number;
  const { child, base } = startServer(database, false);
  const pid = child.pid as number;
  try {
    // Readiness, not liveness: start-up work on a large corpus sheds the first requests (503).
    await waitUntilAnswering(`${base}/readyz`, child, 120_000);
    const rows: string[] = [];
    for (const format of ['ndjson', 'csv']) {
      const rounds = [];
      for (let r = 0; r < ROUNDS; r++) rounds.push(await readAll(`${base}/v1/events?format=${format}`, pid));
      const seconds = median(rounds.map((x) => x.seconds));
      rows.push(
        `| ${format} | ${events} | ${(median(rounds.map((x) => x.bytes)) / 2 ** 20).toFixed(0)} | ${seconds.toFixed(1)} | ${(events / seconds).toFixed(0)} | ${Math.max(...rounds.map((x) => x.peakGrowthMiB)).toFixed(0)} |`,
      );
      console.error(`measured ${format}`);
    }
    const early = [];
    for (let r = 0; r < ROUNDS; r++) early.push(await leaveEarly(`${base}/v1/events?format=ndjson`, pid));
    const healthy = await fetch(`${base}/healthz`);
    console.log(
      [
        `database: ${database} (${events} events); response cache off; ${ROUNDS} rounds, medians (RSS growth: the largest)`,
        `machine: ${machine()}; server RSS at the end ${Math.round(rssMiB(pid))} MiB`,
        '',
        '| export | events | MiB | seconds | events/s | RSS growth MiB (max) |',
        '| --- | --- | --- | --- | --- | --- |',
        ...rows,
        '',
        `a client leaving after ${(median(early.map((e) => e.received)) / 2 ** 20).toFixed(1)} MiB: server CPU in the 2 s after: ${early.map((e) => `${(e.cpuAfter * 1000).toFixed(0)} ms`).join(', ')}; /healthz then ${healthy.status}`,
      ].join('\n'),
    );
  } finally {
    child.kill('SIGTERM');
  }
}

await main();
