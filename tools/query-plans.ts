import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { buildApp } from '../src/app.js';
import type { Db } from '../src/db/open.js';
import * as schema from '../src/db/schema.js';

/**
 * Runs requests against a database and records, for each, every SQL statement it executed with the
 * plan SQLite chose (EXPLAIN QUERY PLAN). For tests and for `tools/explain.ts`, not the server.
 */

export interface CapturedStatement {
  sql: string;
  plan: string[];
}

export interface CapturedRequest {
  url: string;
  status: number;
  body: unknown;
  statements: CapturedStatement[];
}

/** One app on the database, kept open across requests; `close` releases both. */
export async function openQueryPlanner(file: string) {
  const client = new Database(file, { readonly: true, fileMustExist: true });
  let current: { sql: string; params: unknown[] }[] = [];
  const db = drizzle({
    client,
    schema,
    logger: { logQuery: (sql, params) => current.push({ sql, params }) },
  }) as Db;
  // Every request runs its queries: no answer from the response cache.
  const app = await buildApp({ db, responseCacheBytes: 0 });
  return {
    async capture(url: string): Promise<CapturedRequest> {
      current = [];
      const res = await app.inject({ method: 'GET', url });
      const statements = current.map(({ sql, params }) => ({
        sql,
        plan: (
          client.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as [])) as { detail: string }[]
        ).map((r) => r.detail),
      }));
      return { url, status: res.statusCode, body: res.json(), statements };
    },
    async close(): Promise<void> {
      await app.close();
      client.close();
    },
  };
}

export async function captureQueryPlans(file: string, urls: readonly string[]): Promise<CapturedRequest[]> {
  const planner = await openQueryPlanner(file);
  try {
    const results = [];
    for (const url of urls) results.push(await planner.capture(url));
    return results;
  } finally {
    await planner.close();
  }
}
