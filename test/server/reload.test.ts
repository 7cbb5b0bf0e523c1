import { renameSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { seed } from '../../src/seed/load.js';
import { RETITLED_EVENT, retitledSeeds } from '../helpers.js';
import { seededDatabase, startServer } from './process.js';

/**
 * A new dataset without a restart, with real processes: while clients keep asking, the seed swaps
 * a new database in under the running server, which notices, switches between requests and logs
 * it; not one request fails, and the version, the ETags and the data follow. A file that is not a
 * usable database is refused and the old dataset kept. SIGHUP asks for the same check.
 */

type Server = Awaited<ReturnType<typeof startServer>>;

const EVENT = RETITLED_EVENT;
const RETITLED = 'The military action plans are suspended (re-annotated)';

let dir: string;
let file: string;
/** A copy of the seeds with one event retitled: another dataset version. */
let otherSeeds: string;
beforeAll(async () => {
  ({ dir, file } = await seededDatabase());
  otherSeeds = retitledSeeds(dir, RETITLED);
});

async function versionOf(server: Server): Promise<string> {
  const res = await fetch(`${server.url}/readyz`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { dataset_version: string }).dataset_version;
}

/** Clients asking in a loop until stopped; every answer that is not a 200 is kept. */
function keepAsking(server: Server, clients = 4) {
  const urls = ['/v1/events?limit=5', `/v1/events/${EVENT}`, '/v1/actors/kim-jong-un', '/readyz'];
  const failures: string[] = [];
  let answered = 0;
  let running = true;
  const loops = Array.from({ length: clients }, async (_, c) => {
    for (let i = c; running; i++) {
      const url = urls[i % urls.length] ?? '/healthz';
      try {
        const res = await fetch(`${server.url}${url}`, { signal: AbortSignal.timeout(10_000) });
        await res.arrayBuffer();
        if (res.status !== 200) failures.push(`${url}: ${res.status}`);
      } catch (error) {
        failures.push(`${url}: ${(error as Error).message}`);
      }
      answered++;
    }
  });
  return {
    failures,
    answered: () => answered,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** Waits (bounded) until at least `n` more requests have been answered. */
async function untilAnswered(load: ReturnType<typeof keepAsking>, n: number, timeoutMs = 20_000) {
  const target = load.answered() + n;
  const deadline = Date.now() + timeoutMs;
  while (load.answered() < target) {
    if (Date.now() > deadline) throw new Error(`fewer than ${n} requests answered in ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('a new dataset under a running server', () => {
  it('is served after the seed swaps it in, with no failed request across the switch', async () => {
    const server = await startServer({ DATABASE_PATH: file, RATE_LIMIT_MAX: '0' });
    const before = await versionOf(server);
    const load = keepAsking(server);
    await untilAnswered(load, 50);

    const { datasetVersion } = await seed(otherSeeds, file);
    expect(datasetVersion).not.toBe(before);
    const switched = await server.waitForLine((j) => j.msg === 'dataset switched', 20_000);
    await untilAnswered(load, 50);
    await load.stop();

    expect(load.failures).toEqual([]);
    expect(switched).toMatchObject({ from: before, to: datasetVersion, reason: 'the database file changed' });
    // The requests the old dataset finished after the switch: at most one per client.
    expect(switched.drained).toBeGreaterThanOrEqual(0);
    expect(switched.drained).toBeLessThanOrEqual(4);
    expect(await versionOf(server)).toBe(datasetVersion);
    const event = await fetch(`${server.url}/v1/events/${EVENT}`);
    expect(event.headers.get('etag')).toMatch(new RegExp(`^"${datasetVersion}-`));
    expect(((await event.json()) as { title: string }).title).toBe(RETITLED);
    server.child.kill('SIGTERM');
  });

  it('is refused when it is not a usable database, and the old one is kept', async () => {
    const { file: good } = await seededDatabase();
    const server = await startServer({ DATABASE_PATH: good, RATE_LIMIT_MAX: '0' });
    const before = await versionOf(server);
    const load = keepAsking(server, 2);
    await untilAnswered(load, 20);

    // What a botched copy leaves: a file that is no SQLite database, renamed in as the seed would.
    const broken = `${good}.incoming`;
    writeFileSync(broken, 'not a database\n'.repeat(100));
    renameSync(broken, good);
    const refused = await server.waitForLine(
      (j) => j.msg === 'new dataset refused; still serving the old one',
    );
    await untilAnswered(load, 20);
    await load.stop();

    expect(load.failures).toEqual([]);
    expect(refused).toMatchObject({ version: before, path: good });
    expect(JSON.stringify(refused.err)).toMatch(/cannot use the database/);
    expect(await versionOf(server)).toBe(before);
    server.child.kill('SIGTERM');
  });

  it('is looked for on SIGHUP; the same dataset is left as it is', async () => {
    const server = await startServer({ DATABASE_PATH: file, RATE_LIMIT_MAX: '0' });
    const version = await versionOf(server);
    server.child.kill('SIGHUP');
    const unchanged = await server.waitForLine((j) => j.msg === 'dataset unchanged');
    expect(unchanged).toMatchObject({ reason: 'SIGHUP', version });
    expect(await versionOf(server)).toBe(version);
    server.child.kill('SIGTERM');
  });
});
