import type Database from 'better-sqlite3';
import { type Facet, FACET_VALUES } from '../domain/vocabulary.js';

/**
 * facet_counts: for slices of the events, how many of the slice's events have each value of each
 * facet, ranked, the top FACET_VALUES + 1 kept (a facet shows FACET_VALUES and says whether there
 * are more). Slices: every event (`''`), each type's (`type:<type>`), and each of the busiest
 * actors' (`actor:<id>`), whose facets would otherwise count tens of thousands of events per
 * request; a quieter actor's are counted when asked (features/events/aggregates.ts).
 *
 * One pass over the events, each with its distinct actors and sources, tallied in memory: the same
 * counts as a GROUP BY per slice and facet, which took 50 s of the 1M-event build where this takes
 * a few (docs/benchmarks.md).
 */

/** How many of the busiest actors get a slice of their own. */
const ACTOR_SLICES = 256;

const KEPT = FACET_VALUES + 1;

type Tally = Map<Facet, Map<string, number>>;

export function deriveFacetCounts(client: Database.Database): void {
  const busiest = new Set(
    client
      .prepare(
        `SELECT actor_id FROM actor_event_counts GROUP BY actor_id ORDER BY sum(events) DESC, actor_id LIMIT ?`,
      )
      .pluck()
      .all(ACTOR_SLICES) as string[],
  );
  const slices = new Map<string, Tally>();
  const tallyOf = (slice: string) => {
    let tally = slices.get(slice);
    if (!tally) slices.set(slice, (tally = new Map()));
    return tally;
  };
  const everyEvent = tallyOf('');
  const rows = client
    .prepare(
      `SELECT e.type, e.status, e.precision,
         (SELECT json_group_array(DISTINCT actor_id) FROM event_participants WHERE event_id = e.id),
         (SELECT json_group_array(DISTINCT source_id) FROM event_evidence WHERE event_id = e.id)
       FROM events e`,
    )
    .raw()
    .iterate() as IterableIterator<[string, string, string, string, string]>;
  for (const [type, status, precision, actorsJson, sourcesJson] of rows) {
    const values: Record<Facet, readonly string[]> = {
      type: [type],
      status: [status],
      precision: [precision],
      actor: JSON.parse(actorsJson) as string[],
      source: JSON.parse(sourcesJson) as string[],
    };
    count(everyEvent, values);
    count(tallyOf(`type:${type}`), values);
    for (const actor of values.actor) if (busiest.has(actor)) count(tallyOf(`actor:${actor}`), values);
  }
  const insert = client.prepare(
    'INSERT INTO facet_counts (slice, facet, rank, value, events) VALUES (?, ?, ?, ?, ?)',
  );
  for (const [slice, tally] of slices)
    for (const [facet, counts] of tally)
      top(counts).forEach(([value, events], i) => insert.run(slice, facet, i + 1, value, events));
}

function count(tally: Tally, values: Record<Facet, readonly string[]>): void {
  for (const facet of Object.keys(values) as Facet[]) {
    let counts = tally.get(facet);
    if (!counts) tally.set(facet, (counts = new Map()));
    for (const value of values[facet]) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
}

/** The most frequent values, ties by value as SQLite orders them (ids and enums are ASCII). */
function top(counts: ReadonlyMap<string, number>): [string, number][] {
  return [...counts].sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0)).slice(0, KEPT);
}
