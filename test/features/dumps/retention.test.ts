import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpsDirOf } from '../../../src/features/dumps/manifest.js';
import {
  leaseVersion,
  pruneDumps,
  retiredVersions,
  type VersionState,
} from '../../../src/features/dumps/retention.js';
import { tempDir } from '../../helpers.js';

const state = (version: string, builtAt: number, leased = false): VersionState => ({
  version,
  builtAt,
  leased,
});

describe('retiredVersions', () => {
  it.each<[string, VersionState[], string[], string[]]>([
    ['none', [], [], []],
    ['the newest two stay', [state('a', 1), state('b', 2)], [], []],
    ['older ones go', [state('a', 1), state('b', 2), state('c', 3), state('d', 4)], [], ['a', 'b']],
    ['a leased one stays', [state('a', 1, true), state('b', 2), state('c', 3), state('d', 4)], [], ['b']],
    ['one asked to be kept stays', [state('a', 1), state('b', 2), state('c', 3)], ['a'], []],
    ['ties by name, not by reading order', [state('b', 1), state('a', 1), state('c', 1)], [], ['c']],
  ])('%s', (_name, states, keep, retired) => {
    expect(retiredVersions(states, keep)).toEqual(retired);
  });
});

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('pruneDumps', () => {
  it('removes retired versions, leases of processes that are gone, and a crashed build’s folder', () => {
    const database = path.join(tempDir(), 'parallax.db');
    const root = dumpsDirOf(database);
    const leases = path.join(root, '.leases');
    ['v1', 'v2', 'v3', 'v4', 'v5'].forEach((version, i) => {
      mkdirSync(path.join(root, version), { recursive: true });
      utimesSync(path.join(root, version), 1000 + i, 1000 + i);
    });
    const dead = deadPid();
    const release = leaseVersion(database, 'v1');
    mkdirSync(leases, { recursive: true });
    writeFileSync(path.join(leases, `v2~${hostname()}~${dead}~0`), '');
    writeFileSync(path.join(leases, `v3~another-host~${dead}~0`), '');
    mkdirSync(path.join(root, `.v6~${hostname()}~${dead}.partial`));
    mkdirSync(path.join(root, `.v7~${hostname()}~${process.pid}.partial`));

    expect(pruneDumps(database)).toEqual(['v2']);
    expect(readdirSync(root).sort()).toEqual([
      '.leases',
      `.v7~${hostname()}~${process.pid}.partial`,
      'v1',
      'v3',
      'v4',
      'v5',
    ]);
    expect(existsSync(path.join(leases, `v2~${hostname()}~${dead}~0`))).toBe(false);
    release();
    expect(pruneDumps(database, ['v3'])).toEqual(['v1']);
    expect(pruneDumps(path.join(tempDir(), 'none.db'))).toEqual([]);
  });
});
