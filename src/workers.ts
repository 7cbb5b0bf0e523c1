import cluster, { type Worker } from 'node:cluster';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { serveRateCounts } from './http/shared-rate-limit.js';
import type { PrimaryMetrics } from './metrics.js';

/**
 * WORKERS > 1: this process forks that many workers, each a whole server (src/server.ts `serve`)
 * on the one port, which the cluster hands connections to in turn. The database is read-only and
 * opened by each worker; what must be one for all is kept here: the rate limit's counts
 * (http/shared-rate-limit.ts). Each worker keeps its own response cache and switches datasets on
 * its own (it watches the file; SIGHUP is passed on). SIGTERM and SIGINT are passed on too: each
 * worker drains as a single server does, and this process exits when the last has, with the worst
 * exit code. A worker that dies while serving is replaced; one that dies before it ever listened
 * (a bad database, a port in use) stops them all, since its successors would die the same way, and
 * so do workers that keep dying after they listened (RESTART_LIMIT), rather than fork forever.
 */
export function runWorkers(
  count: number,
  { logging, metrics }: { logging: boolean; metrics?: PrimaryMetrics },
): void {
  const log = (msg: string, fields: object = {}) => {
    if (logging)
      console.log(JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, ...fields, msg }));
  };
  const alive = new Set<Worker>();
  const listened = new WeakSet<Worker>();
  let stopping = false;
  let exitCode = 0;
  /** When workers that had listened died, for the restart limit. */
  const deaths: number[] = [];

  const fork = () => {
    const worker = cluster.fork();
    alive.add(worker);
    worker.once('listening', () => listened.add(worker));
  };
  const signalAll = (signal: NodeJS.Signals) => {
    for (const worker of alive) worker.process.kill(signal);
  };
  const stop = (signal: NodeJS.Signals, code = 0) => {
    exitCode = Math.max(exitCode, code);
    if (stopping) return;
    stopping = true;
    log('stopping the workers', { signal });
    // With none left to wait for (the last one has just died), no exit event will come.
    if (alive.size === 0) process.exit(exitCode);
    signalAll('SIGTERM');
  };

  cluster.on('exit', (worker, code, signal) => {
    alive.delete(worker);
    if (stopping) {
      exitCode = Math.max(exitCode, workerExitCode(code, signal, 'SIGTERM'));
      if (alive.size === 0) process.exit(exitCode);
      return;
    }
    if (!listened.has(worker)) {
      log('a worker failed to start; stopping', { worker: worker.process.pid, code, signal });
      return stop('SIGTERM', 1);
    }
    const now = Date.now();
    deaths.push(now);
    if (restartingTooOften(deaths, now, count)) {
      log('workers keep dying; stopping', { deaths: deaths.length, code, signal });
      return stop('SIGTERM', 1);
    }
    log('a worker exited; starting another', { worker: worker.process.pid, code, signal });
    metrics?.workerRestarts.inc();
    fork();
  });
  serveRateCounts();
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGHUP', () => signalAll('SIGHUP'));
  log(`starting ${count} workers`);
  for (let i = 0; i < count; i++) fork();
}

/** How many workers `WORKERS` asks for: a number as it is; `auto`, one per CPU this process may use. */
export function workerCount(workers: number | 'auto'): number {
  return workers === 'auto' ? coresFromQuota(readCpuMax(), availableParallelism()) : workers;
}

/**
 * The CPUs a process may use: the scheduler's count, bounded by a cgroup v2 CPU quota (`cpu.max`,
 * "quota period" or "max period"), which is how a container's `--cpus` limits it while the
 * scheduler still reports every CPU of the host. A fraction rounds down, to at least one.
 */
export function coresFromQuota(cpuMax: string | undefined, parallelism: number): number {
  const [quota, period] = cpuMax?.trim().split(/\s+/) ?? [];
  const cores = Number(quota) / Number(period);
  if (quota === 'max' || !Number.isFinite(cores) || cores <= 0) return parallelism;
  return Math.max(1, Math.min(parallelism, Math.floor(cores)));
}

function readCpuMax(): string | undefined {
  try {
    return readFileSync('/sys/fs/cgroup/cpu.max', 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * A stopped worker's exit as the primary's exit code: its own code, or, killed by a signal, 0 if it
 * was the signal the primary sent (a worker still starting has no handler yet and dies of it).
 */
export function workerExitCode(code: number | null, signal: string | null, sent: NodeJS.Signals): number {
  if (code !== null) return code;
  return signal === sent ? 0 : 1;
}

/** Workers that listened may die and be replaced this many times per worker within the window. */
export const RESTART_LIMIT = { perWorker: 2, windowMs: 60_000 };

/**
 * Whether the deaths (their times, oldest first; pruned here to the window) are more than the
 * limit allows `count` workers: a crash that comes back with every replacement.
 */
export function restartingTooOften(deaths: number[], now: number, count: number): boolean {
  while (deaths.length > 0 && now - (deaths[0] as number) > RESTART_LIMIT.windowMs) deaths.shift();
  return deaths.length > Math.max(3, RESTART_LIMIT.perWorker * count);
}
