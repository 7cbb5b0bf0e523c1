import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  linkSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { openReadOnly } from '../../db/open.js';
import { exportChunks, type ListItems, type Resource } from '../../http/representations/respond.js';
import { MEDIA_TYPES } from '../../http/representations/formats.js';
import { ACTORS } from '../actors/linked-data.js';
import { CLAIMS } from '../claims/linked-data.js';
import { EVENTS } from '../events/linked-data.js';
import { EventListSchema } from '../events/schema.js';
import { TIMELINE_DEFAULTS } from '../events/filters.js';
import { QUOTES } from '../quotes/linked-data.js';
import { QuoteListSchema } from '../quotes/schema.js';
import { createRepositories } from '../repositories.js';
import { SOURCES } from '../sources/linked-data.js';
import {
  DATABASE_DUMP,
  type DumpFile,
  type DumpManifest,
  DUMP_FORMATS,
  dumpsDirOf,
  readManifest,
  SQLITE_MEDIA_TYPE,
  versionDir,
} from './manifest.js';
import { ownerTag } from '../../owner.js';
import { renewVersion } from './retention.js';

/**
 * Whole-dataset files (SPEC §4.2, `GET /v1/dumps`): each resource's whole list as NDJSON and CSV,
 * written with the very serialisers its export uses (so a dump is the export of the unfiltered
 * list), and the SQLite file itself, each with its size and SHA-256. The seed builds them from the
 * finished database before swapping it in, into a folder named by the dataset version beside the
 * database; retention.ts says when a version's folder goes.
 */

/** A list to dump: the items its route answers with, and the filters that select all of them. */
type Dumped = {
  name: string;
  resource: Resource;
  filters: object;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each list has its own filters and items
} & ListItems<any, any>;

/**
 * Writes the dumps of the finished database `file` (not yet at `target`) for `version`, the
 * database among them: a second name for the finished file (a copy where the file system cannot
 * link), so that what `/v1/dumps` serves under this version stays this version's bytes whatever
 * is later swapped in at `target`. A version whose dumps are already complete is kept as it is
 * (its content, hence its files, are the same), only marked as new again.
 */
export function buildDumps(file: string, target: string, version: string): DumpManifest {
  const existing = completeManifest(target, version);
  if (existing) {
    renewVersion(target, version);
    return existing;
  }
  const root = dumpsDirOf(target);
  const partial = path.join(root, `.${version}~${ownerTag()}.partial`);
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  const db = openReadOnly(file);
  try {
    const repos = createRepositories(db);
    const lists: Dumped[] = [
      {
        name: 'events',
        resource: EVENTS,
        list: repos.events.list,
        page: EventListSchema,
        filters: TIMELINE_DEFAULTS,
      },
      { name: 'actors', resource: ACTORS, list: repos.actors.list, filters: {} },
      { name: 'quotes', resource: QUOTES, list: repos.quotes.list, page: QuoteListSchema, filters: {} },
      { name: 'claims', resource: CLAIMS, list: repos.claims.list, filters: {} },
      { name: 'sources', resource: SOURCES, list: repos.sources.list, filters: {} },
    ];
    const files: DumpFile[] = lists.flatMap((dumped) =>
      DUMP_FORMATS.map((format) => writeList(partial, dumped, format)),
    );
    files.push({
      name: DATABASE_DUMP,
      resource: null,
      format: 'sqlite',
      media_type: SQLITE_MEDIA_TYPE,
      ...digestOf(file),
    });
    linkOrCopy(file, path.join(partial, DATABASE_DUMP));
    const manifest: DumpManifest = { dataset_version: version, files };
    writeFileSync(path.join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const final = path.join(root, version);
    rmSync(final, { recursive: true, force: true });
    renameSync(partial, final);
    return manifest;
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    throw error;
  } finally {
    db.$client.close();
  }
}

/** The manifest of `version`'s dumps if every file it lists is there with its size. */
function completeManifest(target: string, version: string): DumpManifest | undefined {
  let manifest: DumpManifest | undefined;
  try {
    manifest = readManifest(target, version);
  } catch {
    return undefined;
  }
  const dir = versionDir(target, version);
  const whole = (f: DumpFile) => {
    const file = path.join(dir, f.name);
    return existsSync(file) && statSync(file).size === f.size;
  };
  return manifest?.files.every(whole) ? manifest : undefined;
}

function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

function writeList(dir: string, dumped: Dumped, format: 'csv' | 'ndjson'): DumpFile {
  const { name, resource, filters } = dumped;
  const fileName = `${name}.${format}`;
  const fd = openSync(path.join(dir, fileName), 'w');
  const hash = createHash('sha256');
  let size = 0;
  const write = (text: string) => {
    if (!text) return;
    const bytes = Buffer.from(text, 'utf8');
    hash.update(bytes);
    size += bytes.length;
    writeSync(fd, bytes);
  };
  try {
    const whole = { name, resource, format, order: 'asc' as const, after: undefined, fields: undefined };
    for (const chunk of exportChunks(dumped, filters, whole)) write(chunk);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return {
    name: fileName,
    resource: name,
    format,
    media_type: MEDIA_TYPES[format],
    size,
    sha256: hash.digest('hex'),
  };
}

/** The size and SHA-256 of a file, read a megabyte at a time. */
export function digestOf(file: string): { size: number; sha256: string } {
  const hash = createHash('sha256');
  const buffer = Buffer.alloc(1 << 20);
  const fd = openSync(file, 'r');
  let size = 0;
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) {
      hash.update(buffer.subarray(0, n));
      size += n;
    }
  } finally {
    closeSync(fd);
  }
  return { size, sha256: hash.digest('hex') };
}
