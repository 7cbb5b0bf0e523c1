import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { generateSynthetic } from '../../tools/synthetic/generate.js';
import { generateOnThread } from '../../tools/synthetic/thread.js';
import { tempDir } from '../helpers.js';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');

describe('the synthetic corpus', () => {
  it('is the same for the same seed, and another for another seed', () => {
    const a = [...generateSynthetic({ events: 300, seed: 5 })];
    expect([...generateSynthetic({ events: 300, seed: 5 })]).toEqual(a);
    expect([...generateSynthetic({ events: 300, seed: 6 })]).not.toEqual(a);
  });

  it('gives each week one source per outlet, as many outlets as asked for', () => {
    const weeks = new Map<string, string[]>();
    for (const item of generateSynthetic({ events: 200, seed: 2, outlets: 8 }))
      if (item.table === 'sources') {
        const week = item.row.published;
        weeks.set(week, [...(weeks.get(week) ?? []), item.row.outlet]);
      }
    expect(weeks.size).toBe(4);
    for (const outlets of weeks.values()) expect(new Set(outlets).size).toBe(8);
    expect(() => [...generateSynthetic({ events: 10, seed: 2, outlets: 11 })]).toThrow(RangeError);
  });

  it('comes from the generator thread row for row, in order', async () => {
    const options = { events: 1_500, seed: 7 };
    const batches: number[] = [];
    const rows = [];
    for await (const batch of generateOnThread(options, 2)) {
      batches.push(batch.length);
      rows.push(...batch);
    }
    expect(rows).toEqual([...generateSynthetic(options)]);
    expect(batches.length).toBeGreaterThan(1); // several batches: the flow control was exercised
  });

  it('stops the thread when the reader stops early', async () => {
    let read = 0;
    for await (const batch of generateOnThread({ events: 50_000, seed: 1 }, 1)) {
      read += batch.length;
      break;
    }
    expect(read).toBeGreaterThan(0);
  });

  it('is written by `npm run seed:synthetic`, and a bad option is a usage error', async () => {
    const file = path.join(tempDir(), 'synthetic.db');
    const cli = (...args: string[]) =>
      run(process.execPath, ['--import', 'tsx', 'tools/synthetic/cli.ts', ...args], { cwd: ROOT });
    const { stdout } = await cli('--events', '400', '--seed', '3', '--database', file);
    expect(stdout).toMatch(/^wrote .*: .*400 events/);
    const db = new Database(file, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(400);
      expect(db.prepare('SELECT count(*) FROM event_documents').pluck().get()).toBe(400);
    } finally {
      db.close();
    }
    for (const bad of [
      ['--events', 'many'],
      ['--outlets', '1'],
      ['--outlets', '11'],
    ])
      await expect(cli(...bad), bad.join(' ')).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining('usage: seed:synthetic'),
      });
  });
});
