import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { type BetterSQLite3Database, drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { META, readRecorded } from './meta.js';
import * as schema from './schema.js';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Same depth from src/db and dist/db, so this resolves in development and in the build. */
const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));

/** The migrations this code expects, by tag; a database built with others must be re-seeded. */
export function expectedMigrations(): string[] {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as {
    entries: { tag: string }[];
  };
  return journal.entries.map((e) => e.tag);
}

/** Creates a new database file and brings it to the current schema (used by the seed). */
export function createDatabase(file: string): Db {
  const client = new Database(file);
  try {
    client.pragma('journal_mode = DELETE');
    client.pragma('foreign_keys = ON');
    const db = drizzle({ client, schema });
    migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return db;
  } catch (error) {
    client.close();
    throw error;
  }
}

/** The dataset version a database file records, checking nothing else of it; undefined if none. */
export function recordedVersion(file: string): string | undefined {
  let client: Database.Database | undefined;
  try {
    client = new Database(file, { readonly: true, fileMustExist: true });
    return readRecorded(client, META.datasetVersion);
  } catch {
    return undefined;
  } finally {
    client?.close();
  }
}

export class DatabaseUnusableError extends Error {
  override name = 'DatabaseUnusableError';
}

export interface ReadOptions {
  /**
   * The bound of SQLite's own cache of database pages for this connection; SQLite's default (16
   * MiB in better-sqlite3's build) when absent. The pages a request reads that are not in it come
   * from the operating system's file cache, one system call each.
   */
  pageCacheBytes?: number;
}

/**
 * Opens the dataset read-only for the server. The HTTP API never writes (SPEC §1), and SQLite
 * enforces it: any write through this connection fails with SQLITE_READONLY.
 */
export function openReadOnly(file: string, { pageCacheBytes }: ReadOptions = {}): Db {
  let client: Database.Database;
  try {
    client = new Database(file, { readonly: true, fileMustExist: true });
    client.pragma('query_only = ON');
    // A negative cache_size is a bound in KiB rather than in pages.
    if (pageCacheBytes !== undefined) client.pragma(`cache_size = ${-Math.ceil(pageCacheBytes / 1024)}`);
    if (readRecorded(client, META.datasetVersion) === undefined) throw new Error('it has no dataset version');
    const applied = client.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
    const expected = expectedMigrations().length;
    if (applied !== expected)
      throw new Error(`it was built with ${applied} migrations where this version has ${expected}`);
  } catch (error) {
    throw new DatabaseUnusableError(
      `cannot use the database at ${file}: ${(error as Error).message}. Rebuild it with "npm run seed -- --database ${file}".`,
    );
  }
  return drizzle({ client, schema });
}
