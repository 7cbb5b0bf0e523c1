import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SEEDS_DIR } from '../../src/seed/defaults.js';
import { exitWithin, seededDatabase, startServer } from './process.js';

/**
 * deploy/haproxy.cfg in front of real replicas on loopback: Debian's HAProxy and the production
 * server as child processes. One replica is killed under load and no client sees a failure; a
 * replica serving another dataset version gets no traffic until it serves the expected one.
 *
 * Nothing here measures time: every phase waits (bounded, generously) for a state HAProxy reports
 * on its stats page or for a number of answered requests. `.ci/run` installs HAProxy; elsewhere,
 * without it, this file is skipped — in CI a missing HAProxy is a failure.
 */

const HAPROXY = process.env.HAPROXY_PATH ?? '/usr/sbin/haproxy';
const available = existsSync(HAPROXY);
if (!available && process.env.CI) throw new Error(`CI needs HAProxy at ${HAPROXY} for the failover test`);

const ROOT = path.resolve(import.meta.dirname, '../..');
const CONFIG = path.join(ROOT, 'deploy/haproxy.cfg');
const SITE = path.join(ROOT, 'deploy/site.example.cfg');

/** Small answers from several routes: a replica killed mid-request is most likely mid-query. */
const URLS = [
  '/v1/events?limit=5',
  '/v1/actors?limit=5',
  '/v1/actors/kim-jong-un',
  '/v1/sources',
  '/v1/quotes?limit=5',
];
const CLIENTS = 4;
const REQUEST_TIMEOUT_MS = 15_000;
/** Waits for a state; generous, as the box may be busy. Only a hang reaches it. */
const STATE_TIMEOUT_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A port nobody listens on now (the kernel's pick; it may be taken again before use, rarely). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The replicas' environment: per-client limits and load shedding off, as they depend on speed. */
function replicaEnv(database: string, port = 0): Record<string, string> {
  return {
    DATABASE_PATH: database,
    PORT: String(port),
    TRUST_PROXY: '127.0.0.1',
    RATE_LIMIT_MAX: '0',
    MAX_EVENT_LOOP_DELAY_MS: '0',
  };
}

type Replica = Awaited<ReturnType<typeof startServer>>;

/** URLs of the client requests (not HAProxy's /readyz checks) a replica has logged. */
function clientRequests(replica: Replica): string[] {
  return replica.lines
    .flatMap((l) => (l.json?.msg === 'incoming request' ? [l.json] : []))
    .map((j) => String((j.req as { url?: string } | undefined)?.url))
    .filter((url) => url !== '/readyz');
}

interface ServerState {
  /** `UP`, `DOWN`, or a transition such as `UP 1/3`. */
  status: string;
  /** Outcome of the last check, e.g. `L7OK`, `L7RSP` (content mismatch), `L4CON` (refused). */
  check: string;
  /** Requests sent to it so far. */
  total: number;
}

/** HAProxy in the foreground (-db) with deploy/haproxy.cfg, and its stats page as data. */
class Balancer {
  readonly url: string;
  private output = '';
  private readonly child: ChildProcess;

  constructor(
    env: Record<string, string>,
    readonly port: number,
    private readonly statsPort: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.child = spawn(HAPROXY, ['-db', '-f', CONFIG], {
      env: {
        PATH: process.env.PATH,
        PARALLAX_LISTEN: `127.0.0.1:${port}`,
        PARALLAX_STATS_LISTEN: `127.0.0.1:${statsPort}`,
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => (this.output += chunk.toString('utf8'));
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
  }

  /** Its log and alerts, last lines first-hand, for failure messages. */
  tail(lines = 40): string {
    return this.output.split('\n').slice(-lines).join('\n');
  }

  /** The state of each server of the `replicas` backend, by name, from `/stats;csv`. */
  async servers(): Promise<Map<string, ServerState>> {
    const response = await fetch(`http://127.0.0.1:${this.statsPort}/stats;csv`, {
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const [header = '', ...rows] = (await response.text()).trim().split('\n');
    const columns = header.replace(/^# /, '').split(',');
    const at = (name: string) => columns.indexOf(name);
    const states = new Map<string, ServerState>();
    for (const row of rows.map((r) => r.split(','))) {
      if (row[at('pxname')] !== 'replicas' || row[at('svname')] === 'BACKEND') continue;
      states.set(row[at('svname')] ?? '', {
        status: row[at('status')] ?? '',
        check: row[at('check_status')] ?? '',
        total: Number(row[at('stot')]),
      });
    }
    return states;
  }

  /** Polls the stats page until `ok` holds; fails with HAProxy's output if it exits or never does. */
  async waitFor(what: string, ok: (servers: Map<string, ServerState>) => boolean): Promise<void> {
    const deadline = performance.now() + STATE_TIMEOUT_MS;
    let last = 'no stats yet';
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`HAProxy exited:\n${this.tail()}`);
      try {
        const servers = await this.servers();
        if (ok(servers)) return;
        last = JSON.stringify([...servers]);
      } catch (error) {
        last = (error as Error).message; // not listening yet
      }
      if (performance.now() > deadline)
        throw new Error(`HAProxy never reported ${what}; last: ${last}\n${this.tail()}`);
      await sleep(100);
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }
}

const balancers: Balancer[] = [];
afterAll(async () => {
  await Promise.all(balancers.map((p) => p.stop()));
});

async function startProxy(replicas: Replica[], version: string): Promise<Balancer> {
  const env: Record<string, string> = { PARALLAX_DATASET_VERSION: version };
  replicas.forEach((r, i) => (env[`PARALLAX_REPLICA_${i + 1}`] = `127.0.0.1:${r.port}`));
  const proxy = new Balancer(env, await freePort(), await freePort());
  balancers.push(proxy);
  return proxy;
}

interface Outcome {
  url: string;
  status: number;
  etag: string | null;
  error?: string;
}

/**
 * CLIENTS concurrent loops of GETs through the proxy, each with its own timeout, until stopped.
 * Every outcome is kept, failures included, in the order they finished.
 */
class Load {
  readonly outcomes: Outcome[] = [];
  private running = true;
  private readonly loops: Promise<void>[];
  private readonly waiters = new Set<() => void>();

  constructor(private readonly base: string) {
    this.loops = Array.from({ length: CLIENTS }, (_, client) => this.loop(client));
  }

  private async loop(client: number): Promise<void> {
    for (let i = client; this.running; i++) {
      const url = URLS[i % URLS.length] ?? '/';
      this.outcomes.push(await this.get(url));
      for (const wake of [...this.waiters]) wake();
    }
  }

  private async get(url: string): Promise<Outcome> {
    try {
      const response = await fetch(this.base + url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      await response.arrayBuffer();
      return { url, status: response.status, etag: response.headers.get('etag') };
    } catch (error) {
      return { url, status: 0, etag: null, error: String((error as Error).cause ?? error) };
    }
  }

  /** Resolves once `count` more requests than now have finished (bounded by the request timeout). */
  more(count: number): Promise<void> {
    const target = this.outcomes.length + count;
    return new Promise((resolve) => {
      const check = () => {
        if (this.outcomes.length < target) return;
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }

  async stop(): Promise<Outcome[]> {
    this.running = false;
    await Promise.all(this.loops);
    return this.outcomes;
  }
}

const failures = (outcomes: Outcome[]) => outcomes.filter((o) => o.status !== 200);
const bothUp = (s: Map<string, ServerState>) => s.get('r1')?.status === 'UP' && s.get('r2')?.status === 'UP';

/**
 * A database from a copy of the seeds whose bytes, not meaning, differ: the version hashes the
 * files' bytes. The copy is only needed while seeding.
 */
async function otherVersionDatabase(): Promise<{ dir: string; file: string; version: string }> {
  const seeds = mkdtempSync(path.join(tmpdir(), 'parallax-seeds-'));
  try {
    cpSync(DEFAULT_SEEDS_DIR, seeds, { recursive: true });
    const annotation = readdirSync(seeds).find((name) => name.endsWith('.json'));
    if (!annotation) throw new Error(`no annotation in ${DEFAULT_SEEDS_DIR}`);
    appendFileSync(path.join(seeds, annotation), '\n');
    return await seededDatabase(seeds);
  } finally {
    rmSync(seeds, { recursive: true, force: true });
  }
}

let expected: { dir: string; file: string; version: string };
let other: { dir: string; file: string; version: string };
beforeAll(async () => {
  if (!available) return;
  expected = await seededDatabase();
  other = await otherVersionDatabase();
});
// Removed here: the cleanup seededDatabase() registers is not run when it is called from a hook.
afterAll(() => {
  for (const db of [expected, other]) if (db) rmSync(db.dir, { recursive: true, force: true });
});

describe.skipIf(!available)('replicas behind HAProxy (deploy/haproxy.cfg)', () => {
  it('keeps answering 200 to every request when a replica is killed under load', async () => {
    const replicas = await Promise.all([
      startServer(replicaEnv(expected.file)),
      startServer(replicaEnv(expected.file)),
    ]);
    const [victim, survivor] = replicas as [Replica, Replica];
    const proxy = await startProxy(replicas, expected.version);
    await proxy.waitFor('both replicas up', bothUp);

    const load = new Load(proxy.url);
    try {
      // Both replicas take traffic before the kill…
      await load.more(100);
      await proxy.waitFor(
        'traffic on both replicas',
        (s) => (s.get('r1')?.total ?? 0) > 0 && (s.get('r2')?.total ?? 0) > 0,
      );
      victim.child.kill('SIGKILL');
      const killedAt = load.outcomes.length;
      // …requests keep being answered while HAProxy notices, and after it has.
      await load.more(50);
      await proxy.waitFor('the killed replica down', (s) => s.get('r1')?.status === 'DOWN');
      const downAt = load.outcomes.length;
      await load.more(100);

      const outcomes = await load.stop();
      expect(failures(outcomes), proxy.tail()).toEqual([]);
      expect(outcomes.length - killedAt).toBeGreaterThanOrEqual(150);
      expect(outcomes.length - downAt).toBeGreaterThanOrEqual(100);
      expect(await victim.exited).toEqual({ code: null, signal: 'SIGKILL' });
      expect(clientRequests(survivor).length).toBeGreaterThan(0);
    } finally {
      await load.stop();
      await proxy.stop();
    }
  }, 120_000);

  it('sends no traffic to a replica serving another dataset version until it serves the expected one', async () => {
    expect(other.version).not.toBe(expected.version);
    const good = await startServer(replicaEnv(expected.file));
    const stale = await startServer(replicaEnv(other.file));
    const proxy = await startProxy([good, stale], expected.version);
    // At start HAProxy counts every server up until its first check: wait for the verdicts.
    await proxy.waitFor('r1 up and r2 (other version) down', (s) => {
      const r2 = s.get('r2');
      return s.get('r1')?.status === 'UP' && r2?.status === 'DOWN' && r2.check === 'L7RSP';
    });
    // What the stale replica answered before the first check reached it is not the point here.
    const staleBefore = clientRequests(stale).length;

    const load = new Load(proxy.url);
    await load.more(100);
    const outcomes = await load.stop();
    expect(failures(outcomes), proxy.tail()).toEqual([]);
    for (const { etag } of outcomes) expect(etag).toMatch(new RegExp(`^"${expected.version}-`));
    const ready = (await (await fetch(`${proxy.url}/readyz`)).json()) as { dataset_version: string };
    expect(ready.dataset_version).toBe(expected.version);
    expect(clientRequests(stale).length).toBe(staleBefore);

    // One request id from the edge to the replica's log: the client's, or else HAProxy's.
    const own = await fetch(`${proxy.url}/v1/sources`, { headers: { 'x-request-id': 'through-haproxy' } });
    expect(own.headers.get('x-request-id')).toBe('through-haproxy');
    const made = (await fetch(`${proxy.url}/v1/sources`)).headers.get('x-request-id') ?? '';
    expect(made).toMatch(/^[0-9A-F]{20,}$/);
    expect(await good.waitForLine((j) => j.reqId === made && j.msg === 'request completed')).toBeDefined();

    // The same address, now serving the expected dataset: back in rotation.
    stale.child.kill('SIGTERM');
    expect((await exitWithin(stale, STATE_TIMEOUT_MS)).code).toBe(0);
    const fixed = await startServer(replicaEnv(expected.file, stale.port));
    await proxy.waitFor('r2 up again', bothUp);
    const after = new Load(proxy.url);
    await after.more(100);
    expect(failures(await after.stop()), proxy.tail()).toEqual([]);
    expect(clientRequests(fixed).length).toBeGreaterThan(0);
    await proxy.stop();
  }, 120_000);
});

describe.skipIf(!available)('deploy/haproxy.cfg', () => {
  /** `haproxy -c` (parse and validate only) on `files`, with `env` as the whole environment. */
  const check = (files: string[], env: Record<string, string> = {}) =>
    spawnSync(HAPROXY, ['-c', ...files.flatMap((f) => ['-f', f])], {
      env: { PATH: process.env.PATH, ...env },
      encoding: 'utf8',
    });

  it('is valid with the example site file, and with every optional part turned on', () => {
    const site = check([SITE, CONFIG]);
    expect(site.status, site.stdout + site.stderr).toBe(0);
    const all = check([CONFIG], {
      PARALLAX_DATASET_VERSION: '0123456789abcdef',
      PARALLAX_DATASET_VERSION_NEXT: 'fedcba9876543210',
      PARALLAX_REPLICA_1: '127.0.0.1:3001',
      PARALLAX_REPLICA_2: '127.0.0.1:3002',
      PARALLAX_REPLICA_3: '127.0.0.1:3003',
      PARALLAX_REPLICA_4: '127.0.0.1:3004',
      PARALLAX_RATE_LIMIT: '600',
    });
    expect(all.status, all.stdout + all.stderr).toBe(0);
  });

  it('refuses to start without the expected dataset version, which would let any replica in', () => {
    const result = check([CONFIG], { PARALLAX_REPLICA_1: '127.0.0.1:3001' });
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toContain('PARALLAX_DATASET_VERSION must be set');
  });
});
