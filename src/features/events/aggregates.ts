import { and, asc, count, countDistinct, desc, eq, inArray, lte, max, min, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { META, readRecorded } from '../../db/meta.js';
import type { Db } from '../../db/open.js';
import { eventEvidence, eventParticipants, events, facetCounts } from '../../db/schema.js';
import { Bindings, ShapeCache } from '../../db/shapes.js';
import { type Facet, FACET_VALUES } from '../../domain/vocabulary.js';
import { isUnfiltered, sliceOf, type TimelineFilters } from './filters.js';
import type { Timeline } from './timeline-query.js';

/**
 * Counts over a timeline's whole filtered set, not a page (SPEC §4.1): the total, the facets, and
 * the dated rows volumes are tallied from. With no filter, or only one actor or one type, the total
 * and facets are read from counts the seed derived (facet_counts; volumes: volume_counts); otherwise
 * each is one aggregate over the index ranges the timeline's plan reads
 * (features/events/timeline-query.ts), prepared once per shape.
 */

export interface FacetCounts {
  values: { value: string; count: number }[];
  truncated: boolean;
}

/** The column a facet groups by, and the table (besides the matched events) it needs. */
const FACET_COLUMNS: Record<Facet, { column: SQLiteColumn; join?: 'evidence' | 'participants' }> = {
  type: { column: events.type },
  status: { column: events.status },
  precision: { column: events.precision },
  source: { column: eventEvidence.sourceId, join: 'evidence' },
  actor: { column: eventParticipants.actorId, join: 'participants' },
};

type Runnable<R> = { all(values: Record<string, unknown>): R[] };

export function prepareAggregates(db: Db, timeline: Timeline) {
  const queries = new ShapeCache<Runnable<unknown>>();
  const everyEvent = recordedExtent(db);
  const { slices, topOf } = prepareDerivedFacets(db);
  /** The slice whose counts the seed derived that the filters select, if any. */
  const derivedSlice = (filters: TimelineFilters) => {
    const slice = sliceOf(filters);
    return slice !== undefined && slices.has(slice) ? slice : undefined;
  };

  /** Runs the aggregate `build` makes over the matched events, prepared once per `name` and shape. */
  function run<R>(name: string, build: (b: Bindings) => { prepare(): unknown }): R[] {
    const b = new Bindings();
    const query = build(b);
    return queries.get(`${name}|${b.shape}`, () => query.prepare() as Runnable<unknown>).all(b.values) as R[];
  }

  function facet(filters: TimelineFilters, name: Facet): FacetCounts {
    const slice = derivedSlice(filters);
    const rows =
      slice !== undefined
        ? topOf(slice, name)
        : run<{ value: string; count: number }>(`facet:${name}`, (b) =>
            facetQuery(db, timeline, filters, b, name),
          );
    return { values: rows.slice(0, FACET_VALUES), truncated: rows.length > FACET_VALUES };
  }

  return {
    /** How many events the filters select. */
    count(filters: TimelineFilters): number {
      const slice = derivedSlice(filters);
      if (slice !== undefined) return topOf(slice, 'status').reduce((sum, r) => sum + r.count, 0);
      const [row] = run<{ n: number }>('count', (b) =>
        db.select({ n: count() }).from(timeline.matching(filters, b, { id: events.id })),
      );
      return row?.n ?? 0;
    },

    /** The counts of each value of `names` over the events the filters select. */
    facets(filters: TimelineFilters, names: readonly Facet[]): Partial<Record<Facet, FacetCounts>> {
      return Object.fromEntries(names.map((name) => [name, facet(filters, name)]));
    },

    /** The first and last day of the events the filters select (undefined when none). */
    extent(filters: TimelineFilters): { start: string; end: string } | undefined {
      if (isUnfiltered(filters)) return everyEvent;
      const [row] = run<{ start: string | null; end: string | null }>('extent', (b) => {
        const m = timeline.matching(filters, b, { start: events.start, end: events.end });
        return db.select({ start: min(m.start), end: max(m.end) }).from(m);
      });
      return row?.start && row.end ? { start: row.start, end: row.end } : undefined;
    },

    /** Which of `sources` report each event the filters select: one row per event and source. */
    reporting(filters: TimelineFilters, sources: readonly string[]): { id: string; source: string }[] {
      return run('reporting', (b) => reportingQuery(db, timeline, filters, b, sources));
    },

    /** The dates of the events the filters select, each with its value of `by` (a source: once per source). */
    dated(
      filters: TimelineFilters,
      by: Facet | undefined,
    ): { start: string; end: string; value: string | null }[] {
      return run(`dated:${by ?? ''}`, (b) => datedQuery(db, timeline, filters, b, by));
    },
  };
}

/** The slices the seed derived facets of, and a facet's top values over one (facet_counts). */
function prepareDerivedFacets(db: Db) {
  const slices = new Set(
    db
      .selectDistinct({ slice: facetCounts.slice })
      .from(facetCounts)
      .all()
      .map((r) => r.slice),
  );
  const query = db
    .select({ value: facetCounts.value, count: facetCounts.events })
    .from(facetCounts)
    .where(
      and(
        eq(facetCounts.slice, sql.placeholder('slice')),
        eq(facetCounts.facet, sql.placeholder('facet')),
        lte(facetCounts.rank, FACET_VALUES + 1),
      ),
    )
    .orderBy(asc(facetCounts.rank))
    .prepare();
  return { slices, topOf: (slice: string, facet: Facet) => query.all({ slice, facet }) };
}

/** The first and last day of every event, as the seed recorded them. */
function recordedExtent(db: Db): { start: string; end: string } | undefined {
  const extent = readRecorded(db.$client, META.eventsExtent);
  return extent?.start && extent.end ? { start: extent.start, end: extent.end } : undefined;
}

/** The top values of a facet over the matched events: one GROUP BY, joined where the facet needs it. */
function facetQuery(db: Db, timeline: Timeline, filters: TimelineFilters, b: Bindings, name: Facet) {
  const { column, join } = FACET_COLUMNS[name];
  if (!join) {
    const m = timeline.matching(filters, b, { value: column });
    return db
      .select({ value: m.value, count: count() })
      .from(m)
      .groupBy(m.value)
      .orderBy(desc(count()), asc(m.value))
      .limit(FACET_VALUES + 1);
  }
  const m = timeline.matching(filters, b, { id: events.id });
  const table = join === 'evidence' ? eventEvidence : eventParticipants;
  const n = countDistinct(table.eventId);
  return db
    .select({ value: column, count: n })
    .from(m)
    .innerJoin(table, eq(table.eventId, m.id))
    .groupBy(column)
    .orderBy(desc(n), asc(column))
    .limit(FACET_VALUES + 1);
}

/** One row per matched event and each of `sources` that reports it. */
function reportingQuery(
  db: Db,
  timeline: Timeline,
  filters: TimelineFilters,
  b: Bindings,
  sources: readonly string[],
) {
  const m = timeline.matching(filters, b, { id: events.id });
  return db
    .selectDistinct({ id: m.id, source: eventEvidence.sourceId })
    .from(m)
    .innerJoin(
      eventEvidence,
      and(
        eq(eventEvidence.eventId, m.id),
        inArray(eventEvidence.sourceId, b.bindList('reporting', [...sources])),
      ),
    );
}

/** The dates of the matched events, each with its value of `by` (a source or actor: once per one). */
function datedQuery(
  db: Db,
  timeline: Timeline,
  filters: TimelineFilters,
  b: Bindings,
  by: Facet | undefined,
) {
  if (by === 'source' || by === 'actor') {
    const m = timeline.matching(filters, b, { id: events.id, start: events.start, end: events.end });
    const table = by === 'source' ? eventEvidence : eventParticipants;
    return db
      .selectDistinct({ id: m.id, start: m.start, end: m.end, value: FACET_COLUMNS[by].column })
      .from(m)
      .innerJoin(table, eq(table.eventId, m.id));
  }
  const value = by ? FACET_COLUMNS[by].column : sql<null>`NULL`.as('value');
  const m = timeline.matching(filters, b, { start: events.start, end: events.end, value });
  return db.select({ start: m.start, end: m.end, value: m.value }).from(m);
}

export type Aggregates = ReturnType<typeof prepareAggregates>;
