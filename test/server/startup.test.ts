import { copyFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { exitWithin, seededDatabase, spawnServer } from './process.js';

/**
 * A server that cannot serve must say why in one line and exit 1 — no stack trace for an operator
 * to dig through, no half-started process that a supervisor keeps alive (or restarts in a loop
 * printing traces).
 */

let dir: string;
let seeded: string;
beforeAll(async () => {
  ({ dir, file: seeded } = await seededDatabase());
});

async function startupFailure(env: Record<string, string>) {
  const server = spawnServer(env);
  const exit = await exitWithin(server, 15_000);
  const stderr = server.stderr().trim();
  return { exit, stderr, listened: server.lines.some((l) => String(l.json?.msg).includes('listening')) };
}

function expectOneClearLine(stderr: string, ...fragments: RegExp[]) {
  expect(stderr.split('\n'), stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
  for (const fragment of fragments) expect(stderr).toMatch(fragment);
}

describe.concurrent('start-up failures', () => {
  it('a DATABASE_PATH whose folder cannot be created: one line naming the path, exit 1', async () => {
    const blocker = path.join(dir, 'a-file');
    writeFileSync(blocker, 'not a folder');
    const target = path.join(blocker, 'data', 'parallax.db');
    const { exit, stderr, listened } = await startupFailure({ DATABASE_PATH: target });
    expect(exit).toEqual({ code: 1, signal: null });
    expect(listened).toBe(false);
    expectOneClearLine(stderr, new RegExp(target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), /ENOTDIR/);
  });

  it('a corrupt database file (random bytes): one line saying so and how to fix it, exit 1', async () => {
    const file = path.join(dir, 'corrupt.db');
    writeFileSync(file, randomBytes(64 * 1024));
    const { exit, stderr, listened } = await startupFailure({ DATABASE_PATH: file });
    expect(exit).toEqual({ code: 1, signal: null });
    expect(listened).toBe(false);
    expectOneClearLine(
      stderr,
      /^DATABASE_PATH: cannot use the database at .*corrupt\.db/,
      /not a database/,
      /npm run seed -- --database .*corrupt\.db/,
    );
  });

  it('a database without a dataset version: one line saying so, exit 1', async () => {
    const file = path.join(dir, 'unversioned.db');
    copyFileSync(seeded, file);
    const db = new Database(file);
    db.prepare("DELETE FROM meta WHERE key = 'dataset_version'").run();
    db.close();
    const { exit, stderr, listened } = await startupFailure({ DATABASE_PATH: file });
    expect(exit).toEqual({ code: 1, signal: null });
    expect(listened).toBe(false);
    expectOneClearLine(stderr, /cannot use the database at .*unversioned\.db/, /no dataset version/);
  });
});
