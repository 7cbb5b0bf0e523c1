import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { availableParallelism, cpus, totalmem } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';

/** What the benchmarks share: starting a server, loading it with autocannon, medians of rounds. */

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** Builds dist/, which the benchmarks run, unless `--no-build` said it is current. */
export function buildUnless(skip: boolean | undefined): void {
  if (!skip) execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
}

/** The machine a table was measured on, for the line above it. */
export function machine(): string {
  return `${availableParallelism()} × ${cpus()[0]?.model ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

/** `node ARGS` from the project root, with `env` over the environment. */
export function start(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

/** The production server (dist/server.js) on `database`, on a free port, without the rate limit. */
export function startServer(
  database: string,
  cache: boolean,
  env: Record<string, string> = {},
): { child: ChildProcess; base: string } {
  const port = 38_000 + Math.floor(Math.random() * 1000);
  const child = start(['dist/server.js'], {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_PATH: database,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_MAX: '0',
    RESPONSE_CACHE_MB: cache ? '64' : '0',
    ...env,
  });
  return { child, base: `http://127.0.0.1:${port}` };
}

export interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Each figure's median over the rounds (errors are summed: one is one too many). */
export function medianFigures(rounds: Figures[]): Figures {
  return {
    rps: median(rounds.map((f) => f.rps)),
    p50: median(rounds.map((f) => f.p50)),
    p99: median(rounds.map((f) => f.p99)),
    errors: rounds.reduce((sum, f) => sum + f.errors, 0),
  };
}

/** `connections` clients asking for `urls` in turn for `seconds`, no pipelining. */
export async function load(
  base: string,
  urls: string[],
  seconds: number,
  connections: number,
): Promise<Figures> {
  let i = 0;
  const result = await autocannon({
    url: base,
    connections,
    pipelining: 1,
    duration: seconds,
    requests: [
      {
        path: urls[0] as string,
        setupRequest: (request) => ({ ...request, path: urls[i++ % urls.length] as string }),
      },
    ],
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: bad };
}
