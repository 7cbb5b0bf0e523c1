import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { DEFAULT_SEEDS_DIR } from '../../src/seed/defaults.js';
import { seed } from '../../src/seed/load.js';
import { DUMPS } from '../../src/features/dumps/beside.js';

/**
 * The production server as a child process (`node --import tsx src/server.ts`), for what only a
 * real process shows: start-up failures and exit codes, signals, sockets and timeouts. Every child
 * is killed after the file's tests; every wait is bounded.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * A temporary folder with a database freshly seeded from `seedsDir` (the repository's seeds by
 * default), removed after the file's tests; with the dataset version the seed computed.
 */
export async function seededDatabase(
  seedsDir: string = DEFAULT_SEEDS_DIR,
): Promise<{ dir: string; file: string; version: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'parallax-server-'));
  temporary.add(dir);
  const file = path.join(dir, 'parallax.db');
  const { datasetVersion: version } = await seed(seedsDir, file, { beside: DUMPS });
  return { dir, file, version };
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  /** Stdout, line by line: pino's JSON log (parsed when it is JSON). */
  lines: { text: string; json?: Record<string, unknown> }[];
  stderr: () => string;
  exited: Promise<Exit>;
  /** Resolves with the first log line (present or future) matching, or rejects after `timeoutMs`. */
  waitForLine: (
    match: (json: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ) => Promise<Record<string, unknown>>;
}

const children = new Set<ChildProcess>();
/** Registered here rather than per call: an afterAll registered inside a beforeAll never runs. */
const temporary = new Set<string>();
afterAll(() => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
});

/** Starts the server with `env` on top of a clean environment (no PORT etc. leaking from outside). */
export function spawnServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const lines: ServerProcess['lines'] = [];
  const waiters: (() => void)[] = [];
  let partial = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const parts = (partial + chunk).split('\n');
    partial = parts.pop() ?? '';
    for (const text of parts) {
      let json: Record<string, unknown> | undefined;
      try {
        json = JSON.parse(text) as Record<string, unknown>;
      } catch {
        json = undefined;
      }
      lines.push({ text, json });
    }
    for (const w of [...waiters]) w();
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve) =>
    child.on('exit', (code, signal) => {
      for (const w of [...waiters]) w();
      resolve({ code, signal });
    }),
  );

  const waitForLine: ServerProcess['waitForLine'] = (match, timeoutMs = 15_000) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const found = lines.find((l) => l.json && match(l.json));
        if (found?.json) {
          done();
          resolve(found.json);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          done();
          reject(new Error(`server exited before the expected log line; stderr: ${stderr}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no such log line within ${timeoutMs} ms; stderr: ${stderr}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        const i = waiters.indexOf(check);
        if (i >= 0) waiters.splice(i, 1);
      };
      waiters.push(check);
      check();
    });

  return { child, pid: child.pid ?? -1, lines, stderr: () => stderr, exited, waitForLine };
}

/** How a server process (each worker, with WORKERS > 1) says it listens. */
export const LISTENING = 'Server listening at ';

/** Starts the server and waits for its "Server listening" line; returns it with its base URL. */
export async function startServer(
  env: Record<string, string>,
): Promise<ServerProcess & { port: number; url: string }> {
  const server = spawnServer(env);
  const line = await server.waitForLine((j) => String(j.msg).startsWith(LISTENING));
  const port = Number(new URL(String(line.msg).slice(LISTENING.length)).port);
  return { ...server, port, url: `http://127.0.0.1:${port}` };
}

/** Waits until two workers of a WORKERS=2 server listen; their pids. */
export async function twoWorkersListening(server: ServerProcess): Promise<[number, number]> {
  const first = await server.waitForLine((j) => String(j.msg).startsWith(LISTENING));
  const second = await server.waitForLine((j) => String(j.msg).startsWith(LISTENING) && j.pid !== first.pid);
  return [Number(first.pid), Number(second.pid)];
}

/** One GET on a new connection (so the cluster may hand it to either worker): status, type, body. */
export function getFresh(url: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }),
      );
    }).on('error', reject);
  });
}

/** Resolves with the exit, or rejects (and kills the process) if it has not exited after `ms`. */
export async function exitWithin(server: ServerProcess, ms: number): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      server.child.kill('SIGKILL');
      reject(new Error(`server still running after ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([server.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a new TCP connection to the port is accepted (true) or refused (false). */
export function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.setTimeout(2000, () => {
      socket.destroy();
      reject(new Error('connect neither accepted nor refused within 2 s'));
    });
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNREFUSED' ? resolve(false) : reject(error),
    );
  });
}

/** Milliseconds since `start`. */
export const since = (start: number) => performance.now() - start;
