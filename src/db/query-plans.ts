import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { buildApp } from '../app.js';
import type { Db } from './open.js';
import * as schema from './schema.js';

/**
 * Runs requests against a database and records, for each, every SQL statement it executed with the
 * plan SQLite chose (EXPLAIN QUERY PLAN). For tests and for `scripts/explain.ts`, not the server.
 */

export interface CapturedStatement {
  sql: string;
  plan: string[];
}

export async function captureQueryPlans(
  file: string,
  urls: readonly string[],
): Promise<{ url: string; status: number; body: unknown; statements: CapturedStatement[] }[]> {
  const client = new Database(file, { readonly: true, fileMustExist: true });
  let current: { sql: string; params: unknown[] }[] = [];
  const db = drizzle({
    client,
    schema,
    logger: { logQuery: (sql, params) => current.push({ sql, params }) },
  }) as Db;
  const app = await buildApp({ db });
  try {
    const results = [];
    for (const url of urls) {
      current = [];
      const res = await app.inject({ method: 'GET', url });
      const statements = current.map(({ sql, params }) => ({
        sql,
        plan: (
          client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as [])) as { detail: string }[]
        ).map((r) => r.detail),
      }));
      results.push({ url, status: res.statusCode, body: res.json(), statements });
    }
    return results;
  } finally {
    await app.close();
    client.close();
  }
}
