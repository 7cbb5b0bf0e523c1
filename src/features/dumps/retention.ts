import { existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mayBeRunning, type Owner, ownerTag, parseOwner } from '../../owner.js';
import { dumpsDirOf } from './manifest.js';

/**
 * How long a dataset version's dumps are kept. A version's files are listed by the apps serving it
 * and downloaded afterwards, possibly from another app (the next dataset, another worker): so they
 * go neither with the swap that replaces the database nor with the app that served them, but when
 * no process serves the version any more and it is not among the newest versions, which covers a
 * client that listed the files just before a swap. Each app serving a version holds a lease on it
 * (a file in the dumps folder naming its host and process, src/owner.ts), so workers and servers
 * sharing a folder see each other; a lease of a process that is gone is ignored and removed.
 */

/** Versions kept besides the leased ones: the newest (being swapped in) and the one before it. */
export const KEPT_VERSIONS = 2;

const LEASES = '.leases';

/** What retention knows of one version's dumps. */
export interface VersionState {
  version: string;
  /** When its dumps were built (or last swapped in again), in ms. */
  builtAt: number;
  /** Whether a live process serves it. */
  leased: boolean;
}

/**
 * The versions whose dumps can go: not leased, not in `keep`, and not among the `kept` newest.
 * Pure; the newest are by build time, ties broken by name so that the answer does not depend on
 * the order the folder was read in.
 */
export function retiredVersions(
  states: readonly VersionState[],
  keep: readonly string[] = [],
  kept = KEPT_VERSIONS,
): string[] {
  const newest = [...states]
    .sort((a, b) => b.builtAt - a.builtAt || a.version.localeCompare(b.version))
    .slice(0, kept)
    .map((s) => s.version);
  return states
    .filter((s) => !s.leased && !keep.includes(s.version) && !newest.includes(s.version))
    .map((s) => s.version)
    .sort();
}

/** A lease's file name: `<version>~<host>~<pid>~<n>` (a process may serve a version twice). */
interface Lease {
  file: string;
  version: string;
  owner: Owner;
}

let leasesTaken = 0;

function parseLease(file: string): Lease | undefined {
  const [version, host, pid, n, ...rest] = file.split('~');
  const owner = parseOwner(host, pid);
  if (!version || !owner || n === undefined || rest.length > 0) return undefined;
  return { file, version, owner };
}

/**
 * Marks `version` of `database`'s dumps as served by this process until the returned release is
 * called. Throws when the dumps folder cannot be written (the caller serves without retention).
 */
export function leaseVersion(database: string, version: string): () => void {
  const dir = path.join(dumpsDirOf(database), LEASES);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${version}~${ownerTag()}~${leasesTaken++}`);
  writeFileSync(file, '');
  return () => rmSync(file, { force: true });
}

/** Marks a version's dumps as new again (the seed swapped the same version in once more). */
export function renewVersion(database: string, version: string): void {
  const now = new Date();
  utimesSync(path.join(dumpsDirOf(database), version), now, now);
}

/**
 * Removes the dumps of retired versions beside `database` (never those in `keep`), the leases of
 * processes that are gone, and build folders a crashed seed left. Returns the versions removed.
 */
export function pruneDumps(database: string, keep: readonly string[] = []): string[] {
  const root = dumpsDirOf(database);
  if (!existsSync(root)) return [];
  const live = new Set<string>();
  for (const lease of readLeases(path.join(root, LEASES)))
    if (mayBeRunning(lease.owner)) live.add(lease.version);
    else rmSync(path.join(root, LEASES, lease.file), { force: true });
  const states: VersionState[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const partial = /^\.[^~]+~([^~]+)~(\d+)\.partial$/.exec(entry.name);
    if (partial) {
      const owner = parseOwner(partial[1], partial[2]);
      if (owner && !mayBeRunning(owner))
        rmSync(path.join(root, entry.name), { recursive: true, force: true });
      continue;
    }
    if (entry.name.startsWith('.')) continue;
    const builtAt = statSync(path.join(root, entry.name)).mtimeMs;
    states.push({ version: entry.name, builtAt, leased: live.has(entry.name) });
  }
  const retired = retiredVersions(states, keep);
  for (const version of retired) rmSync(path.join(root, version), { recursive: true, force: true });
  return retired;
}

function readLeases(dir: string): Lease[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((file) => parseLease(file) ?? []);
}
