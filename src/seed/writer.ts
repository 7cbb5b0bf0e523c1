import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type SQLiteColumn, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { META } from '../db/meta.js';
import { createDatabase } from '../db/open.js';
import { mayBeRunning, ownerTag, parseOwner } from '../owner.js';
import * as schema from '../db/schema.js';
import { renderActorProfiles, renderEventItems, renderQuoteItems } from './items.js';
import { DERIVED_SQL } from './derived.js';
import { deriveFacetCounts } from './facet-counts.js';
import { DATASET_TABLES, type DatasetItem, type DatasetRow, type DatasetTable } from '../db/dataset.js';

/**
 * The one way a dataset reaches disk, for the annotated seeds and the synthetic corpus alike: rows
 * are streamed into a new database file beside the target inside one transaction, the derived
 * tables (search indexes, the per-actor timeline) are computed from them in SQL, and the finished
 * file replaces the target with an atomic rename. Readers see the old dataset or the new one; a
 * failure leaves the target untouched. Memory stays bounded: nothing is held but the statements.
 */

/** Rows go in by statements of this many, which costs SQLite and the driver far less per row. */
const ROWS_PER_STATEMENT = 64;

interface Insert {
  add(row: Record<string, unknown>): void;
  flush(): void;
}

/** Buffered INSERTs for a drizzle table, mapping values as drizzle would (JSON, booleans). */
function prepareInsert(client: Database.Database, table: SQLiteTable): Insert {
  const columns = Object.entries(getTableColumns(table)) as [string, SQLiteColumn][];
  const names = columns.map(([, c]) => `"${c.name}"`).join(', ');
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const statement = (rows: number) =>
    client.prepare(
      `INSERT INTO "${getTableConfig(table).name}" (${names}) VALUES ${Array(rows).fill(tuple).join(', ')}`,
    );
  const many = statement(ROWS_PER_STATEMENT);
  const one = statement(1);
  let values: unknown[] = [];
  let rows = 0;
  return {
    add(row) {
      for (const [key, column] of columns) {
        // A column the seed fills in later (reading_rank) holds its declared default until then.
        const value = row[key] === undefined && column.hasDefault ? column.default : row[key];
        values.push(value === undefined || value === null ? null : column.mapToDriverValue(value));
      }
      if (++rows === ROWS_PER_STATEMENT) {
        many.run(values);
        values = [];
        rows = 0;
      }
    },
    flush() {
      for (let i = 0; i < rows; i++) one.run(values.slice(i * columns.length, (i + 1) * columns.length));
      values = [];
      rows = 0;
    },
  };
}

/**
 * Renames the finished file over the target while holding the target's write lock, so that a seed
 * never replaces a database another connection is writing (it fails with "database is locked" and
 * changes nothing), and a crashed writer's leftover journal is rolled back into the old file rather
 * than replayed into the new one. Readers keep the snapshot they have open. A target that is not a
 * usable SQLite file (truncated, overwritten, not a database at all) has nothing to protect: it is
 * replaced, with any journal beside it, and the reason is returned for the seed to say.
 */
function swapIn(temp: string, target: string): string | undefined {
  if (!existsSync(target) || !statSync(target).isFile()) {
    renameSync(temp, target);
    return undefined;
  }
  let old: Database.Database | undefined;
  try {
    old = new Database(target, { fileMustExist: true, timeout: 2000 });
    // SQLite reads the header here, and compares the size it records with the file's.
    old.exec('BEGIN IMMEDIATE');
  } catch (error) {
    old?.close();
    if (!isUnusable(error)) throw error;
    for (const suffix of ['-journal', '-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
    renameSync(temp, target);
    return (error as Error).message;
  }
  try {
    renameSync(temp, target);
    old.exec('ROLLBACK');
  } finally {
    old.close();
  }
  return undefined;
}

/** SQLite's answers for a file that is not a database it can read. */
function isUnusable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB');
}

/**
 * Removes what an earlier writer of `name` left in `dir` when its process died before it could
 * (killed, out of memory, the machine down): a full-size unfinished database and its journal.
 * Files of a writer still running, or of another host, are left alone.
 */
function removeLeftovers(dir: string, name: string): void {
  const prefix = `.${name}~`;
  for (const file of readdirSync(dir)) {
    if (!file.startsWith(prefix)) continue;
    const match = /^([^~]+)~(\d+)\.tmp(?:-journal)?$/.exec(file.slice(prefix.length));
    const owner = parseOwner(match?.[1], match?.[2]);
    if (owner && (owner.pid === process.pid || !mayBeRunning(owner)))
      rmSync(path.join(dir, file), { force: true });
  }
}

export class DatasetWriter {
  private readonly inserts = new Map<DatasetTable, Insert>();
  private done = false;

  private constructor(
    private readonly client: Database.Database,
    private readonly temp: string,
    private readonly target: string,
    /** The secondary indexes, dropped while rows stream in and built once, sorted, at commit. */
    private readonly deferredIndexes: string[],
  ) {}

  /** Starts a new database beside `target`; nothing is visible at `target` until `commit`. */
  static open(target: string): DatasetWriter {
    const dir = path.dirname(path.resolve(target));
    mkdirSync(dir, { recursive: true });
    const temp = path.join(dir, `.${path.basename(target)}~${ownerTag()}.tmp`);
    removeLeftovers(dir, path.basename(target));
    let client: Database.Database | undefined;
    try {
      client = createDatabase(temp).$client;
      // The file is private until the rename and deleted on any failure, so the build may skip
      // the rollback journal and per-statement syncs; it is synced once, whole, before the rename.
      client.pragma('journal_mode = OFF');
      client.pragma('synchronous = OFF');
      client.pragma('cache_size = -262144'); // 256 MiB
      client.pragma('temp_store = MEMORY');
      // Checked once, over the tables of rows, before commit (PRAGMA foreign_key_check), not per row.
      client.pragma('foreign_keys = OFF');
      client.exec('BEGIN');
      const indexes = client
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
        .all() as { name: string; sql: string }[];
      for (const { name } of indexes) client.exec(`DROP INDEX "${name}"`);
      return new DatasetWriter(
        client,
        temp,
        target,
        indexes.map((i) => i.sql),
      );
    } catch (error) {
      client?.close();
      rmSync(temp, { force: true });
      throw error;
    }
  }

  insert<K extends DatasetTable>(table: K, row: DatasetRow<K>): void {
    let insert = this.inserts.get(table);
    if (!insert) {
      insert = prepareInsert(this.client, DATASET_TABLES[table]);
      this.inserts.set(table, insert);
    }
    insert.add(row as Record<string, unknown>);
  }

  insertAll<K extends DatasetTable>(table: K, rows: Iterable<DatasetRow<K>>): void {
    for (const row of rows) this.insert(table, row);
  }

  /** A row of any table, as a stream of rows (the synthetic corpus) carries it. */
  insertItem(item: DatasetItem): void {
    this.insert<DatasetTable>(item.table, item.row);
  }

  /**
   * Fills the derived tables, checks integrity, records the version, and swaps the file in.
   * `beforeSwap` gets the finished file before it replaces the target (the seed builds the dumps
   * from it); if it throws, nothing is swapped.
   */
  commit(
    datasetVersion: string,
    { beforeSwap, onStep }: { beforeSwap?: (finished: string) => void; onStep?: StepTimer } = {},
  ): CommitResult {
    if (this.done) throw new Error('the dataset writer is already closed');
    const step = timedSteps(onStep);
    try {
      step('the last rows', () => {
        for (const insert of this.inserts.values()) insert.flush();
      });
      for (const statement of this.deferredIndexes)
        step(stepOf(statement), () => this.client.exec(statement));
      for (const statement of DERIVED_SQL) step(stepOf(statement), () => this.client.exec(statement));
      step('facet counts', () => deriveFacetCounts(this.client));
      const db = drizzle({ client: this.client, schema });
      step('event items', () => renderEventItems(db));
      step('quote items', () => renderQuoteItems(db));
      step('actor profiles', () => renderActorProfiles(db));
      step('foreign keys', () => checkReferences(this.client));
      this.client
        .prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
        .run(META.datasetVersion.key, datasetVersion);
      step('commit', () => this.client.exec('COMMIT'));
      // Statistics for the query planner; sampled, which is plenty to choose between indexes.
      step('statistics', () => {
        this.client.pragma('analysis_limit = 1000');
        this.client.exec('ANALYZE');
        this.client.pragma('optimize');
      });
      this.client.close();
      this.done = true;
      step('sync', () => syncFile(this.temp));
      beforeSwap?.(this.temp);
      return { replacedUnusable: swapIn(this.temp, this.target) };
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  /** Drops the unfinished file; the target is untouched. */
  abort(): void {
    if (this.client.open) this.client.close();
    this.done = true;
    rmSync(this.temp, { force: true });
  }
}

export interface CommitResult {
  /** Why the file at the target was no usable database, when the commit replaced one. */
  replacedUnusable?: string;
}

/** Told how long each step of a commit took, in milliseconds (`npm run seed:synthetic -- --timings`). */
export type StepTimer = (step: string, ms: number) => void;

/** A statement's step: what it creates or fills (`index events_timeline`, `actor_timeline` …). */
function stepOf(statement: string): string {
  const index = /^CREATE (?:UNIQUE )?INDEX [`"]?([\w]+)/i.exec(statement);
  if (index) return `index ${index[1]}`;
  const target =
    /^\s*(?:INSERT INTO|UPDATE|CREATE (?:TEMP |VIRTUAL )?TABLE|DROP TABLE)\s+[`"]?([\w.]+)/i.exec(statement);
  return target ? (target[1] as string) : statement.trim().slice(0, 40);
}

/** Runs each step, telling `onStep` how long it took, whether it finished or threw. */
function timedSteps(onStep: StepTimer | undefined) {
  return <T>(label: string, run: () => T): T => {
    const began = performance.now();
    try {
      return run();
    } finally {
      onStep?.(label, performance.now() - began);
    }
  };
}

/**
 * Throws when a row that came in refers to a missing one. The derived tables are built from them
 * by joins, so their references hold by construction (checking actor_timeline alone took 2 s on 1M
 * events).
 */
function checkReferences(client: Database.Database): void {
  const broken = Object.values(DATASET_TABLES).flatMap(
    (table) =>
      client.pragma(`foreign_key_check("${getTableConfig(table).name}")`) as {
        table: string;
        parent: string;
      }[],
  );
  const first = broken[0];
  if (first)
    throw new Error(
      `${broken.length} row(s) refer to missing rows (first: ${first.table} → ${first.parent})`,
    );
}

/** Flushes a closed file's bytes to the disk. */
function syncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
