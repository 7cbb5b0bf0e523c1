import { and, asc, desc, eq, getTableColumns, gte, lte, type SQL } from 'drizzle-orm';
import {
  type SelectedFields,
  type SQLiteSelect,
  type SubqueryWithSelection,
  unionAll,
} from 'drizzle-orm/sqlite-core';
import { keyset, type PageRequest } from '../../db/keyset.js';
import { type Db, readMeta } from '../../db/open.js';
import { actorTimeline, eventItems, events } from '../../db/schema.js';
import { Bindings, ShapeCache } from '../../db/shapes.js';
import type { DatePrecision } from '../../domain/vocabulary.js';
import type { EventRow } from './hydrate.js';
import { ACTOR_TIMELINE_COLUMNS, EVENT_COLUMNS, type TimelineColumns } from './columns.js';
import { atOrFiner, filterConditions, type TimelineFilters } from './filters.js';
import { AGREED, anchorActor, CONTESTED, dateConditions, dateMatches, precisionRanges } from './timeline.js';

/** An event's row, with the rowid its document is kept under. */
export const EVENT_FIELDS = { ...getTableColumns(events), rowid: EVENT_COLUMNS.rowid };

/** A timeline row as a stored page reads it: the event's sort key and its item's JSON. */
export interface StoredRow {
  start: string;
  end: string;
  id: string;
  /** Null only in a database whose seed did not store items (features/events/prepared.ts). */
  json: string | null;
}

/**
 * The longest event of each precision, or (`max_event_days_by_range`) of each range a date query
 * reads: each precision's events whose sources agree, and the contested ones (CONTESTED_RANGE), in
 * days, as the seed recorded it.
 */
function longestEvents(db: Db, key = 'max_event_days_by_precision'): Map<string, number> {
  const recorded = readMeta(db.$client, key) ?? '{}';
  return new Map(Object.entries(JSON.parse(recorded) as Record<string, number>));
}

/** The range of the events whose dates are contested: their hulls span every source's date. */
const CONTESTED_RANGE = 'contested';

/**
 * How a timeline's filters are read in index order: from one actor's own timeline, as one range of
 * the events table per precision merged in order, or as one range. Each arm is the conditions of
 * one index range.
 */
export interface TimelinePlan {
  /** Driven by actor_timeline (joined to events) rather than by the events table. */
  anchored: boolean;
  arms: SQL[][];
  /** The driving table's columns: its sort key (start, end, id), the event's rowid … */
  columns: TimelineColumns;
}

/**
 * A range from `from`, read as one ordered index range per precision (SQLite merges them in order,
 * MERGE (UNION ALL)), so a page costs O(page) rather than a scan of everything that starts within
 * the dataset's longest event before `from` (docs/benchmarks.md). Events whose dates are contested
 * are one more range of their own (events_contested_timeline): a hull over two sources' dates can
 * be twice its precision's longest, and would otherwise make its precision's range read that much
 * further back for every query.
 */
function mergedPlan(
  filters: TimelineFilters,
  from: string,
  b: Bindings,
  ranges: ReadonlyMap<string, number>,
  request: Pick<PageRequest, 'order' | 'after'> = { order: 'asc' },
): TimelinePlan {
  const bounds = precisionRanges(from, filters.to, ranges, request);
  const endsAfter = gte(events.end, b.bind('fromEnd', from));
  const upper = bounds.upper === undefined ? undefined : lte(events.start, b.bind('upper', bounds.upper));
  // Each arm knows whether its events' dates agree, so the date test needs no column outside its
  // index (events_agreed_timeline, events_contested_timeline) unless another filter does.
  const match = dateMatches(filters, b, EVENT_COLUMNS);
  const shared = [endsAfter, upper, ...filterConditions(filters, b, EVENT_COLUMNS)];
  const arms = [...bounds.lower].map(([range, lower], i) =>
    [
      ...(range === CONTESTED_RANGE
        ? [CONTESTED, match?.contested]
        : [eq(events.precision, b.bind(`precision${i}`, range)), AGREED, match?.agreed]),
      gte(events.start, b.bind(`lower${i}`, lower)),
      ...shared,
    ].filter((c): c is SQL => c !== undefined),
  );
  return { anchored: false, arms, columns: EVENT_COLUMNS };
}

/**
 * `fields` of the driving table(s) of a plan, as a dynamic select. Typed loosely: the driving
 * table varies with the plan, which drizzle's builder types cannot follow; the callers give the
 * rows their type back from the same `fields`. From actor_timeline, the event is a left join on
 * its primary key, which every row has (a foreign key): SQLite then leaves the join out of a
 * query that reads no column of the event, such as a page of stored items with no other filter.
 */
function select(db: Db, anchored: boolean, fields: SelectedFields): SQLiteSelect {
  const base = db.select(fields);
  const query = anchored
    ? base.from(actorTimeline).leftJoin(events, eq(events.id, actorTimeline.eventId))
    : base.from(events);
  return query.$dynamic() as unknown as SQLiteSelect;
}

/** Every arm of a plan selecting `fields`, with `extra` (a page's resume condition), merged. */
function merged(db: Db, p: TimelinePlan, fields: SelectedFields, extra?: SQL): SQLiteSelect {
  const [first, second, ...rest] = p.arms.map((arm) =>
    select(db, p.anchored, fields).where(and(...arm, extra)),
  );
  if (!first) throw new Error('a plan has a range');
  return second ? (unionAll(first, second, ...rest) as unknown as SQLiteSelect) : first;
}

/**
 * The events a timeline's filters select, as the plan SQLite reads them: for a page (in key order,
 * O(page) at any depth) and for the aggregates over the whole set (counts, facets, volumes).
 */
export function prepareTimeline(db: Db) {
  const longest = longestEvents(db);
  const byRange = longestEvents(db, 'max_event_days_by_range');
  const maxEventDays = longest.size > 0 ? Math.max(...longest.values()) : undefined;
  const rowPages = new ShapeCache<{ all(values: Record<string, unknown>): EventRow[] }>();
  const itemPages = new ShapeCache<{ all(values: Record<string, unknown>): StoredRow[] }>();

  function plan(
    filters: TimelineFilters,
    b: Bindings,
    request?: Pick<PageRequest, 'order' | 'after'>,
  ): TimelinePlan {
    const anchor = anchorActor(filters);
    if (anchor) {
      const c = ACTOR_TIMELINE_COLUMNS;
      const driver = eq(actorTimeline.actorId, b.bind('anchor', anchor));
      const where = [
        driver,
        ...dateConditions(filters, b, c, maxEventDays),
        ...filterConditions(filters, b, c, anchor),
      ];
      return { anchored: true, arms: [where], columns: c };
    }
    // A precision filter keeps only its precisions' ranges.
    const kept = filters.precision ? atOrFiner(filters.precision) : undefined;
    const precisions = kept
      ? new Map([...longest].filter(([p]) => kept.includes(p as DatePrecision)))
      : longest;
    const ranges = new Map([...byRange].filter(([r]) => r === CONTESTED_RANGE || precisions.has(r)));
    if (precisions.size > 1 && ranges.size > 1 && filters.from)
      return mergedPlan(filters, filters.from, b, ranges, request);
    const longestKept = precisions.size > 0 ? Math.max(...precisions.values()) : maxEventDays;
    const where = [
      ...dateConditions(filters, b, EVENT_COLUMNS, longestKept),
      ...filterConditions(filters, b, EVENT_COLUMNS),
    ];
    return { anchored: false, arms: [where], columns: EVENT_COLUMNS };
  }

  /**
   * A page query of `shapes`, built and prepared once per shape by `build`, then only run. `build`
   * gets the plan and `paged(fields)`: every arm with the page's resume condition, merged in order
   * when several, sorted and limited to the page.
   */
  function page<R>(
    shapes: ShapeCache<{ all(values: Record<string, unknown>): R[] }>,
    filters: TimelineFilters,
    request: PageRequest,
    build: (p: TimelinePlan, paged: (fields: SelectedFields) => SQLiteSelect) => { prepare(): unknown },
  ): R[] {
    const b = new Bindings();
    const p = plan(filters, b, request);
    const keys = keyset(p.columns.key, request, b);
    const query = shapes.get(b.shape, () => {
      const paged = (fields: SelectedFields) =>
        merged(db, p, fields, keys.after)
          .orderBy(...keys.orderBy)
          .limit(keys.limit) as SQLiteSelect;
      return build(p, paged).prepare() as { all(values: Record<string, unknown>): R[] };
    });
    return query.all(b.values);
  }

  return {
    plan,

    /** The rows of one timeline page: each query built and prepared once per shape, then only run. */
    rows(filters: TimelineFilters, request: PageRequest): EventRow[] {
      return page(rowPages, filters, request, (_, paged) => paged(EVENT_FIELDS));
    },

    /**
     * One timeline page as each event's sort key and stored item (features/events/prepared.ts):
     * the page is found on its driving index alone (no event row is read unless a filter needs it)
     * and joined to event_items, in one statement.
     */
    items(filters: TimelineFilters, request: PageRequest): StoredRow[] {
      return page(itemPages, filters, request, (p, paged) => {
        const [start, end, id] = p.columns.key;
        if (!start || !end || !id) throw new Error('a timeline key is start, end, id');
        const keyed = paged({ start, end, id, rowid: p.columns.rowid.as('rowid') }).as('keyed');
        const dir = request.order === 'asc' ? asc : desc;
        return db
          .select({ start: keyed.start, end: keyed.end, id: keyed.id, json: eventItems.json })
          .from(keyed)
          .leftJoin(eventItems, eq(eventItems.eventRowid, keyed.rowid))
          .orderBy(dir(keyed.start), dir(keyed.end), dir(keyed.id));
      });
    },

    /**
     * The events the filters match, with `fields`, as a subquery named `matched` (no order, no
     * page): what counts, facets and volumes aggregate over.
     */
    matching<F extends SelectedFields>(filters: TimelineFilters, b: Bindings, fields: F) {
      return merged(db, plan(filters, b), fields).as('matched') as unknown as SubqueryWithSelection<
        F,
        'matched'
      >;
    },
  };
}

export type Timeline = ReturnType<typeof prepareTimeline>;
