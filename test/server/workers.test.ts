import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RESTART_LIMIT, restartingTooOften, workerCount, workerExitCode } from '../../src/workers.js';
import {
  exitWithin,
  getFresh,
  LISTENING,
  seededDatabase,
  spawnServer,
  startServer,
  twoWorkersListening,
} from './process.js';

/**
 * WORKERS=2 with real processes: two workers answer on one port; the rate limit is one for both (a
 * client gets its limit, not twice it); a worker that dies is replaced; SIGTERM drains every worker
 * and the primary exits 0; a worker that cannot start stops them all with exit 1.
 */

type Server = Awaited<ReturnType<typeof startServer>>;

let dir: string;
let file: string;
beforeAll(async () => {
  ({ dir, file } = await seededDatabase());
});

/** Starts the cluster and waits until both workers listen; their pids. */
async function startWorkers(env: Record<string, string>): Promise<{ server: Server; workers: number[] }> {
  const server = await startServer({ DATABASE_PATH: file, WORKERS: '2', ...env });
  return { server, workers: await twoWorkersListening(server) };
}

/** One GET on a new connection (so the cluster may hand it to either worker); its status. */
const status = async (url: string) => (await getFresh(url)).status;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('WORKERS=2', () => {
  it('answers from both workers, with one rate limit across them', async () => {
    const { server, workers } = await startWorkers({ RATE_LIMIT_MAX: '10', RATE_LIMIT_WINDOW: '1 hour' });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push(await status(`${server.url}/v1/sources`));
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    const answeredBy = new Set(
      server.lines.filter((l) => l.json?.msg === 'request completed').map((l) => Number(l.json?.pid)),
    );
    expect([...answeredBy].sort()).toEqual([...workers].sort());
    server.child.kill('SIGTERM');
    expect(await exitWithin(server, 15_000)).toEqual({ code: 0, signal: null });
  });

  it('replaces a worker that dies, and drains every worker on SIGTERM', async () => {
    const { server, workers } = await startWorkers({ RATE_LIMIT_MAX: '0' });
    const [victim, survivor] = workers as [number, number];
    process.kill(victim, 'SIGKILL');
    await server.waitForLine((j) => j.msg === 'a worker exited; starting another' && j.worker === victim);
    const replacement = await server.waitForLine(
      (j) => String(j.msg).startsWith(LISTENING) && j.pid !== victim && j.pid !== survivor,
    );
    for (let i = 0; i < 10; i++) expect(await status(`${server.url}/v1/events?limit=1`)).toBe(200);

    server.child.kill('SIGTERM');
    expect(await exitWithin(server, 15_000)).toEqual({ code: 0, signal: null });
    expect([survivor, Number(replacement.pid)].filter(alive)).toEqual([]);
  });

  it('stops, exit 1, when a worker cannot start', async () => {
    const corrupt = path.join(dir, 'corrupt.db');
    writeFileSync(corrupt, randomBytes(64 * 1024));
    const server = spawnServer({ DATABASE_PATH: corrupt, WORKERS: '2' });
    expect(await exitWithin(server, 30_000)).toEqual({ code: 1, signal: null });
    expect(server.stderr()).toMatch(/DATABASE_PATH: cannot use the database/);
    expect(server.lines.some((l) => l.json?.msg === 'a worker failed to start; stopping')).toBe(true);
  });
});

describe('workers that keep dying', () => {
  it('stop the cluster, exit 1, instead of being replaced for ever', async () => {
    const server = await startServer({ DATABASE_PATH: file, WORKERS: '2' });
    const killed = new Set<number>();
    // Each worker is killed as soon as it listens: a crash that comes back with every replacement.
    for (let i = 0; i < 10 && server.child.exitCode === null; i++) {
      const line = await server
        .waitForLine((j) => String(j.msg).startsWith(LISTENING) && !killed.has(Number(j.pid)), 20_000)
        .catch(() => undefined);
      if (!line) break;
      killed.add(Number(line.pid));
      process.kill(Number(line.pid), 'SIGKILL');
    }
    expect(await exitWithin(server, 30_000)).toEqual({ code: 1, signal: null });
    expect(server.lines.some((l) => l.json?.msg === 'workers keep dying; stopping')).toBe(true);
    // The limit for two workers: four replacements; the fifth death stops them (a sixth worker, started
    // before the primary heard of the fifth death, may be killed too).
    expect(killed.size).toBeGreaterThan(Math.max(3, RESTART_LIMIT.perWorker * 2));
  });

  it.each([
    ['no deaths', [], 2, false],
    ['as many as the limit', [1, 2, 3, 4], 2, false],
    ['one more than the limit', [1, 2, 3, 4, 5], 2, true],
    ['old deaths forgotten', [-70_000, -65_000, 1, 2, 3], 2, false],
    ['at least three for one worker', [1, 2, 3], 1, false],
    ['four for one worker', [1, 2, 3, 4], 1, true],
  ] as const)('restart limit: %s', (_, deaths, count, stops) => {
    expect(restartingTooOften([...deaths], 10, count)).toBe(stops);
  });
});

describe('WORKERS=auto', () => {
  it('starts one worker per CPU the process may use', async () => {
    const cores = workerCount('auto');
    const server = await startServer({ DATABASE_PATH: file, WORKERS: 'auto' });
    if (cores > 1) await server.waitForLine((j) => j.msg === `starting ${cores} workers`);
    // Every worker listening before the SIGTERM (one that is still starting dies of it).
    const listening = new Set<unknown>();
    await server.waitForLine((j) => {
      if (String(j.msg).startsWith(LISTENING)) listening.add(j.pid);
      return listening.size === cores;
    });
    expect(await status(`${server.url}/healthz`)).toBe(200);
    server.child.kill('SIGTERM');
    expect(await exitWithin(server, 15_000)).toEqual({ code: 0, signal: null });
  });
});

describe("a stopped worker's exit", () => {
  it.each([
    [0, null, 0],
    [1, null, 1],
    [null, 'SIGTERM', 0],
    [null, 'SIGKILL', 1],
    [null, null, 1],
  ] as const)('code %s, signal %s → %s', (code, signal, expected) => {
    expect(workerExitCode(code, signal, 'SIGTERM')).toBe(expected);
  });
});
