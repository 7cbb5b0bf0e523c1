import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatIssue, SeedError } from '../../src/seed/issues.js';
import { seed } from '../../src/seed/load.js';
import { copySeeds } from '../helpers.js';

/** Shared by the seed tests: break a copy of the seeds, run the seed, compare the target's bytes. */

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const FILE_A = '000_4b06048074e592c0.json';
export const TEXT_A = '000_4b06048074e592c0.txt';
export const FILE_B = '004_69448d2627b4ef18.json';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit annotation JSON freely
export type Json = any;

/** Rewrites one annotation file of a seeds folder through `edit` (pretty-printed, 2 spaces). */
export function editJson(seeds: string, name: string, edit: (json: Json) => void): void {
  const file = path.join(seeds, name);
  const json = JSON.parse(readFileSync(file, 'utf8'));
  edit(json);
  writeFileSync(file, JSON.stringify(json, null, 2));
}

/**
 * A fresh copy of the seeds in a new folder under `parent`, changed by `change` (which gets the
 * seeds folder). `parent` comes from `tempDir()` at describe level: tempDir registers its cleanup
 * with afterAll, which inside a running test would never run.
 */
export function seedsWith(parent: string, change: (seeds: string) => void): string {
  const seeds = copySeeds(mkdtempSync(path.join(parent, 'case-')));
  change(seeds);
  return seeds;
}

/** A copy of the seeds whose file A is edited by `edit`. */
export function brokenSeeds(parent: string, edit: (a: Json) => void): string {
  return seedsWith(parent, (seeds) => editJson(seeds, FILE_A, edit));
}

/** Seeds in-process and returns the problems as printed lines; fails the test if the seed succeeds. */
export async function seedErrors(seeds: string, target: string): Promise<string[]> {
  try {
    await seed(seeds, target);
  } catch (error) {
    if (error instanceof SeedError) return error.issues.map(formatIssue);
    throw error;
  }
  throw new Error('the seed was expected to fail');
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Capabilities that let root ignore file permissions. Dropped from the bounding set (util-linux
 * `setpriv`), they are gone from the command it starts: root is then held to a folder's mode bits
 * like any owner, while still reading the project wherever it lives. Switching to another user
 * instead would fail wherever the clone sits in a folder that user cannot enter (root's home, a
 * `mktemp -d` folder), before the command even starts.
 */
const PERMISSION_OVERRIDES = '-dac_override,-dac_read_search,-fowner';

/**
 * Runs the real seed command, `node --import tsx src/seed/cli.ts ARGS`, from the project root.
 * `heedPermissions` makes it obey file permissions even when the tests run as root (see above), for
 * permission tests that root would otherwise pass through.
 */
export function runSeedCli(args: string[], { heedPermissions = false } = {}): Promise<CliResult> {
  const command = [process.execPath, '--import', 'tsx', 'src/seed/cli.ts', ...args];
  const [file, ...argv] =
    heedPermissions && process.getuid?.() === 0
      ? ['setpriv', `--bounding-set=${PERMISSION_OVERRIDES}`, '--', ...command]
      : command;
  return new Promise((resolve) => {
    execFile(file as string, argv, { cwd: ROOT, encoding: 'utf8' }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, stdout, stderr });
    });
  });
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Temp files the writer left beside `target` (it builds `.NAME~HOST~PID.tmp` and renames it in). */
export function leftovers(target: string): string[] {
  const name = path.basename(target);
  return readdirSync(path.dirname(target)).filter((f) => f.startsWith(`.${name}~`));
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An issue line `…/FILE: PATH: MESSAGE`, the message exact (string) or a pattern (RegExp). */
export function issueLine(file: string, jsonPath: string, message: string | RegExp): RegExp {
  const body = typeof message === 'string' ? escapeRegExp(message) : message.source;
  return new RegExp(`^(?:.*[/\\\\])?${escapeRegExp(file)}: ${escapeRegExp(jsonPath)}: ${body}$`);
}
