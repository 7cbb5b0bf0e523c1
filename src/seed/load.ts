import { createHash } from 'node:crypto';
import { expectedMigrations } from '../db/open.js';
import type { SeedIssue } from './issues.js';
import { SeedError } from './issues.js';
import { readSeeds } from './read.js';
import { DATASET_TABLES, type Dataset, datasetCounts, type DatasetTable } from '../db/dataset.js';
import { resolveDataset } from './resolve/index.js';
import { DatasetWriter } from './writer.js';

/** Bump when the loader changes what it derives from the same seeds (it is part of the version). */
const LOADER_VERSION = 4;

export interface SeedResult {
  datasetVersion: string;
  counts: ReturnType<typeof datasetCounts>;
  /** What a machine can only suspect, printed for the annotator (errors under `strict`). */
  warnings: SeedIssue[];
  /** What the seed did besides the swap that its caller should hear of (`file: message`). */
  notices: string[];
}

/** The dataset version: a content hash of the seeds, the schema and the loader. */
export function datasetVersion(contentHash: string): string {
  const digest = createHash('sha256')
    .update(`${contentHash}\0${expectedMigrations().join(',')}\0loader-${LOADER_VERSION}`)
    .digest('hex');
  return digest.slice(0, 16);
}

/**
 * The dataset version the seeds in `seedsDir` would make as they are now: they are read and hashed,
 * not resolved, so it takes milliseconds. Null when there are none to read.
 */
export async function seedsVersion(seedsDir: string): Promise<string | null> {
  const { files, contentHash } = await readSeeds(seedsDir);
  return files.length > 0 ? datasetVersion(contentHash) : null;
}

/**
 * What `npm start` says of a database it did not build because one was there: nothing when it was
 * built from the seeds as they are, else that it serves an older record and how to rebuild it.
 */
export function staleNotice(
  file: string,
  seedsDir: string,
  recorded: string | undefined,
  expected: string | null,
) {
  if (expected === null || recorded === expected) return null;
  return `${file} was built from other seeds than ${seedsDir} (dataset ${recorded ?? 'unknown'}; the seeds make ${expected}): serving it as it is; "npm run seed" rebuilds it`;
}

/**
 * What is built beside a database from it (the whole-dataset files of `/v1/dumps`): the seed sits
 * below the features, so its callers that serve the dataset hand it in (seed/cli.ts, server.ts).
 */
export interface BesideDatabase {
  /** Builds them from the finished file, before it replaces `target`; a throw fails the seed. */
  build(finished: string, target: string, version: string): void;
  /** Removes those of other versions than `keep` that no server serves any more. */
  prune(target: string, keep: string[]): void;
}

export interface SeedOptions {
  /** Warnings are errors: the seeds must pass every check a machine can make. */
  strict?: boolean;
  /**
   * Items `npm run propose` drafted are loaded as they are (a preview of a draft). Without it, each
   * one is an error; `strict` never accepts them.
   */
  allowProposed?: boolean;
  /** Built beside the database; nothing is without it. */
  beside?: BesideDatabase;
}

/**
 * Reads, validates and resolves the seeds; throws a SeedError listing every problem (and, with
 * `strict`, every warning). The warnings of seeds that load are returned with the dataset.
 */
export async function prepareSeeds(
  seedsDir: string,
  { strict = false, allowProposed = false }: SeedOptions = {},
): Promise<{ dataset: Dataset; version: string; warnings: SeedIssue[] }> {
  const read = await readSeeds(seedsDir);
  const resolved = resolveDataset(read.files);
  const preview = allowProposed && !strict;
  const issues = [...read.issues, ...resolved.issues].filter((i) => !(preview && i.proposed));
  const warnings = issues.filter((i) => i.warning);
  if (issues.length > warnings.length || (strict && warnings.length > 0))
    throw new SeedError(strict ? issues : issues.filter((i) => !i.warning));
  return { dataset: resolved.dataset, version: datasetVersion(read.contentHash), warnings };
}

/**
 * Writes a resolved dataset through the dataset writer (one transaction, atomic swap), so a failure
 * leaves the old file byte-identical. Every failure is reported as a seed problem on the target;
 * what else happened (a target that was no database replaced, old dumps that could not be removed)
 * is returned as notices.
 */
function writeDatabase(
  target: string,
  dataset: Dataset,
  version: string,
  beside: BesideDatabase | undefined,
): string[] {
  const notices: string[] = [];
  let writer: DatasetWriter | undefined;
  try {
    writer = DatasetWriter.open(target);
    for (const table of Object.keys(DATASET_TABLES) as DatasetTable[])
      writer.insertAll(table, dataset[table]);
    const { replacedUnusable } = writer.commit(version, {
      ...(beside ? { beforeSwap: (finished: string) => beside.build(finished, target, version) } : {}),
    });
    if (replacedUnusable)
      notices.push(`${target}: it was not a usable database (${replacedUnusable}); replaced it`);
  } catch (error) {
    writer?.abort();
    const issue: SeedIssue = { file: target, path: '$', message: `cannot write the database: ${why(error)}` };
    throw new SeedError([issue]);
  }
  // The new dataset is in place; old versions' dumps go once no server serves them (retention.ts),
  // and a folder that cannot be tidied is only worth a notice.
  try {
    beside?.prune(target, [version]);
  } catch (error) {
    notices.push(`${target}: old dumps not removed: ${why(error)}`);
  }
  return notices;
}

/** A failure to write, in the words of the person who has to fix it. */
function why(error: unknown): string {
  const { code, message } = error as { code?: string; message: string };
  switch (code) {
    case 'SQLITE_BUSY':
      return `${message}: another connection is writing to it; try again when it has finished`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
    case 'SQLITE_CANTOPEN':
      return `${message}: its folder is not writable`;
    case 'EEXIST':
    case 'ENOTDIR':
      return `${message}: a path above it is a file, not a folder`;
    case 'EISDIR':
      return `${message}: it is a folder`;
    default:
      return message;
  }
}

export async function seed(seedsDir: string, target: string, options: SeedOptions = {}): Promise<SeedResult> {
  const { dataset, version, warnings } = await prepareSeeds(seedsDir, options);
  const notices = writeDatabase(target, dataset, version, options.beside);
  return { datasetVersion: version, counts: datasetCounts(dataset), warnings, notices };
}
