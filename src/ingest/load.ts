import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { createDatabase, expectedMigrations } from '../db/open.js';
import * as t from '../db/schema.js';
import type { SeedIssue } from './issues.js';
import { SeedError } from './issues.js';
import { readSeeds } from './read.js';
import { type Dataset, resolveDataset } from './resolve.js';

/** Bump when the loader changes what it derives from the same seeds (it is part of the version). */
export const LOADER_VERSION = 1;

/** SQLite allows 32766 bound variables per statement; stay well below with wide rows. */
const BATCH_ROWS = 500;

export interface SeedResult {
  datasetVersion: string;
  counts: Record<keyof Dataset, number>;
}

/** The dataset version: a content hash of the seeds, the schema and the loader. */
export function datasetVersion(contentHash: string): string {
  const digest = createHash('sha256')
    .update(`${contentHash}\0${expectedMigrations().join(',')}\0loader-${LOADER_VERSION}`)
    .digest('hex');
  return digest.slice(0, 16);
}

/** Reads, validates and resolves the seeds; throws a SeedError listing every problem. */
export async function prepareSeeds(seedsDir: string): Promise<{ dataset: Dataset; version: string }> {
  const read = await readSeeds(seedsDir);
  const resolved = resolveDataset(read.files);
  const issues = [...read.issues, ...resolved.issues];
  if (issues.length > 0) throw new SeedError(issues);
  return { dataset: resolved.dataset, version: datasetVersion(read.contentHash) };
}

/**
 * Builds the database beside the target and swaps it in with an atomic rename, so readers see the
 * old dataset or the new one, never half of one, and a failure leaves the old file byte-identical.
 */
export function writeDatabase(target: string, dataset: Dataset, version: string): void {
  const dir = path.dirname(path.resolve(target));
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    rmSync(temp, { force: true });
    const db = createDatabase(temp);
    try {
      db.$client.transaction(() => {
        const insert = <T extends SQLiteTable>(table: T, rows: T['$inferInsert'][]) => {
          for (let i = 0; i < rows.length; i += BATCH_ROWS)
            db.insert(table)
              .values(rows.slice(i, i + BATCH_ROWS))
              .run();
        };
        insert(t.sources, dataset.sources);
        insert(t.actors, dataset.actors);
        insert(t.actorAliases, dataset.actorAliases);
        insert(t.actorRoles, dataset.actorRoles);
        insert(t.actorRelations, dataset.actorRelations);
        insert(t.events, dataset.events);
        insert(t.eventParticipants, dataset.eventParticipants);
        insert(t.eventEvidence, dataset.eventEvidence);
        insert(t.claims, dataset.claims);
        insert(t.quotes, dataset.quotes);
        fillSearchIndexes(db.$client, dataset);
        db.insert(t.meta).values({ key: 'dataset_version', value: version }).run();
      })();
      db.$client.pragma('optimize');
    } finally {
      db.$client.close();
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    if (error instanceof SeedError) throw error;
    const issue: SeedIssue = {
      file: target,
      path: '$',
      message: `cannot write the database: ${(error as Error).message}`,
    };
    throw new SeedError([issue]);
  }
}

/** The FTS5 tables of migration 0001: what `q` searches. */
function fillSearchIndexes(client: Database.Database, ds: Dataset): void {
  const aliases = groupBy(
    ds.actorAliases,
    (a) => a.actorId,
    (a) => a.alias,
  );
  const insertActor = client.prepare('INSERT INTO actor_search (actor_id, names) VALUES (?, ?)');
  for (const a of ds.actors) insertActor.run(a.id, [a.name, ...new Set(aliases.get(a.id))].join(' | '));
  const evidence = groupBy(
    ds.eventEvidence,
    (e) => e.eventId,
    (e) => e.text,
  );
  const insertEvent = client.prepare(
    'INSERT INTO event_search (event_id, title, summary, evidence) VALUES (?, ?, ?, ?)',
  );
  for (const e of ds.events)
    insertEvent.run(e.id, e.title, e.summary, (evidence.get(e.id) ?? []).join(' | '));
  const insertQuote = client.prepare('INSERT INTO quote_search (quote_id, text) VALUES (?, ?)');
  for (const q of ds.quotes) insertQuote.run(q.id, q.text);
}

function groupBy<T, V>(rows: readonly T[], key: (row: T) => string, value: (row: T) => V): Map<string, V[]> {
  const groups = new Map<string, V[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(value(row));
    else groups.set(k, [value(row)]);
  }
  return groups;
}

export async function seed(seedsDir: string, target: string): Promise<SeedResult> {
  const { dataset, version } = await prepareSeeds(seedsDir);
  writeDatabase(target, dataset, version);
  const counts = Object.fromEntries(
    Object.entries(dataset).map(([k, rows]) => [k, rows.length]),
  ) as SeedResult['counts'];
  return { datasetVersion: version, counts };
}
