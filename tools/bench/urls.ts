/** The URLs the benchmarks request: real ones, drawn from the database they run against. */
import Database from 'better-sqlite3';
import { TIMELINE_KEY } from '../../src/features/events/columns.js';
import { cursorFor } from '../../src/http/pagination.js';

/** A deterministic shuffle of rows by an integer expression: the same URLs on every run. */
const SHUFFLE = (integer: string) => `((${integer}) * 2654435761) % 4294967291`;

/** Per endpoint class, a pool of real URLs drawn from the database itself. */
export function urlPools(file: string, pool: number): Record<string, string[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const column = (sql: string, ...params: unknown[]) =>
      db
        .prepare(sql)
        .pluck()
        .all(...params) as string[];
    const events = (db.prepare('SELECT count(*) FROM events').pluck().get() as number) || 1;
    const months = column(
      `SELECT m FROM (SELECT DISTINCT substr(start, 1, 7) AS m FROM events WHERE precision = 'day') ORDER BY ${SHUFFLE("CAST(replace(m, '-', '') AS INTEGER)")} LIMIT ?`,
      pool,
    );
    // Busy actors first: the heavy end of the distribution is the hard case for a timeline.
    const actors = column(
      'SELECT actor_id FROM actor_event_counts GROUP BY actor_id ORDER BY sum(events) DESC LIMIT ?',
      pool,
    );
    const eventIds = column(`SELECT id FROM events ORDER BY ${SHUFFLE('rowid')} LIMIT ?`, pool);
    const words = [
      ...new Set(
        column(`SELECT text FROM quotes ORDER BY ${SHUFFLE('rowid')} LIMIT ?`, pool)
          .flatMap((t) => t.toLowerCase().match(/[a-z]{4,}/g) ?? [])
          .slice(0, pool),
      ),
    ];
    // Cursors deep into the timeline: from the middle onwards.
    const deep = (
      db
        .prepare('SELECT start, "end", id FROM events ORDER BY start, "end", id LIMIT ? OFFSET ?')
        .all(pool, Math.floor(events / 2)) as { start: string; end: string; id: string }[]
    ).map((r) => cursorFor('events', 'asc', TIMELINE_KEY.of(r)));
    return {
      'date-range timeline': months.map((m) => `/v1/events?from=${m}&to=${m}`),
      'actor timeline': actors.map((a) => `/v1/actors/${a}/events`),
      'actor profile': actors.map((a) => `/v1/actors/${a}`),
      'event detail': eventIds.map((id) => `/v1/events/${id}`),
      'quote search': words.map((w) => `/v1/quotes?q=${w}`),
      'deep cursor page': deep.map((c) => `/v1/events?cursor=${c}`),
    };
  } finally {
    db.close();
  }
}
