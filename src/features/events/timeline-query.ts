import { and, asc, desc, eq, gte, lte, type SQL } from 'drizzle-orm';
import {
  type SelectedFields,
  type SQLiteSelect,
  type SubqueryWithSelection,
  unionAll,
} from 'drizzle-orm/sqlite-core';
import { keyset, type PageRequest } from '../../db/keyset.js';
import { META, longestEvents, readRecorded } from '../../db/meta.js';
import type { Db } from '../../db/open.js';
import { actorTimeline, eventItems, events } from '../../db/schema.js';
import { Bindings, ShapeCache } from '../../db/shapes.js';
import { ACTOR_TIMELINE_COLUMNS, EVENT_COLUMNS, type TimelineColumns } from './columns.js';
import { filterConditions, type TimelineFilters } from './filters.js';
import {
  CONTESTED_RANGE,
  eventsPerDay,
  planTimeline,
  type TimelinePlan,
  type TimelineStats,
} from './plan.js';
import { AGREED, CONTESTED, dateConditions, dateMatches } from './timeline.js';

/** A timeline row as a stored page reads it: the event's sort key and its item's JSON. */
export interface StoredRow {
  start: string;
  end: string;
  id: string;
  /** Null only in a database whose seed did not store items (src/seed/items.ts). */
  json: string | null;
}

/**
 * A plan as SQL: each arm is the conditions of one index range of the driving table (actor_timeline
 * for an actor's plan, else events), ANDed.
 */
export interface TimelineArms {
  /** Driven by actor_timeline (joined to events) rather than by the events table. */
  anchored: boolean;
  arms: SQL[][];
  /** The driving table's columns: its sort key (start, end, id), the event's rowid … */
  columns: TimelineColumns;
}

/** The conditions of each index range `plan` reads, with every filter's terms. */
export function armsOf(plan: TimelinePlan, filters: TimelineFilters, b: Bindings): TimelineArms {
  switch (plan.strategy) {
    case 'actor': {
      const c = ACTOR_TIMELINE_COLUMNS;
      const where = [
        eq(actorTimeline.actorId, b.bind('anchor', plan.actor)),
        ...dateConditions(filters, b, c, plan.maxEventDays),
        ...filterConditions(filters, b, c, plan.actor),
      ];
      return { anchored: true, arms: [where], columns: c };
    }
    case 'merged':
      return { anchored: false, arms: mergedArms(plan, filters, b), columns: EVENT_COLUMNS };
    case 'range': {
      const where = [
        ...dateConditions(filters, b, EVENT_COLUMNS, plan.maxEventDays),
        ...filterConditions(filters, b, EVENT_COLUMNS),
      ];
      return { anchored: false, arms: [where], columns: EVENT_COLUMNS };
    }
  }
}

/**
 * A range from `from`, read as one ordered index range per precision (SQLite merges them in order,
 * MERGE (UNION ALL)), so a page costs O(page) rather than a scan of everything that starts within
 * the dataset's longest event before `from` (docs/benchmarks.md). Events whose dates are contested
 * are one more range of their own (events_contested_timeline): a hull over two sources' dates can
 * be twice its precision's longest, and would otherwise make its precision's range read that much
 * further back for every query.
 */
function mergedArms(
  plan: TimelinePlan & { strategy: 'merged' },
  filters: TimelineFilters,
  b: Bindings,
): SQL[][] {
  const endsAfter = gte(events.end, b.bind('fromEnd', plan.from));
  const upper = plan.upper === undefined ? undefined : lte(events.start, b.bind('upper', plan.upper));
  // Each arm knows whether its events' dates agree, so the date test needs no column outside its
  // index (events_agreed_timeline, events_contested_timeline) unless another filter does.
  const match = dateMatches(filters, b, EVENT_COLUMNS);
  const shared = [endsAfter, upper, ...filterConditions(filters, b, EVENT_COLUMNS)];
  return [...plan.lower].map(([range, lower], i) =>
    [
      ...(range === CONTESTED_RANGE
        ? [CONTESTED, match?.contested]
        : [eq(events.precision, b.bind(`precision${i}`, range)), AGREED, match?.agreed]),
      gte(events.start, b.bind(`lower${i}`, lower)),
      ...shared,
    ].filter((c): c is SQL => c !== undefined),
  );
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
function merged(db: Db, p: TimelineArms, fields: SelectedFields, extra?: SQL): SQLiteSelect {
  const [first, second, ...rest] = p.arms.map((arm) =>
    select(db, p.anchored, fields).where(and(...arm, extra)),
  );
  if (!first) throw new Error('a plan has a range');
  return second ? (unionAll(first, second, ...rest) as unknown as SQLiteSelect) : first;
}

type Runnable<R> = { all(values: Record<string, unknown>): R[] };

/**
 * A page of `filters`: the plan's arms, each with the page's resume condition, merged in order
 * when several, sorted and limited to the page. `build` makes the statement from the arms and
 * `paged(fields)`; it runs once per shape of `shapes`, and after that the statement only runs.
 */
function runPage<R>(
  db: Db,
  shapes: ShapeCache<Runnable<R>>,
  stats: TimelineStats,
  filters: TimelineFilters,
  request: PageRequest,
  build: (p: TimelineArms, paged: (fields: SelectedFields) => SQLiteSelect) => { prepare(): unknown },
): R[] {
  const b = new Bindings();
  const p = armsOf(planTimeline(filters, stats, request), filters, b);
  const keys = keyset(p.columns.key, request, b);
  const query = shapes.get(b.shape, () => {
    const paged = (fields: SelectedFields) =>
      merged(db, p, fields, keys.after)
        .orderBy(...keys.orderBy)
        .limit(keys.limit) as SQLiteSelect;
    return build(p, paged).prepare() as Runnable<R>;
  });
  return query.all(b.values);
}

/**
 * One timeline page as each event's sort key and stored item (src/seed/items.ts): the
 * page is found on its driving index alone (no event row is read unless a filter needs it) and
 * joined to event_items, in one statement.
 */
function storedPage(db: Db, order: PageRequest['order']) {
  return (p: TimelineArms, paged: (fields: SelectedFields) => SQLiteSelect) => {
    const [start, end, id] = p.columns.key;
    if (!start || !end || !id) throw new Error('a timeline key is start, end, id');
    const keyed = paged({ start, end, id, rowid: p.columns.rowid.as('rowid') }).as('keyed');
    const dir = order === 'asc' ? asc : desc;
    return db
      .select({ start: keyed.start, end: keyed.end, id: keyed.id, json: eventItems.json })
      .from(keyed)
      .leftJoin(eventItems, eq(eventItems.eventRowid, keyed.rowid))
      .orderBy(dir(keyed.start), dir(keyed.end), dir(keyed.id));
  };
}

/**
 * The events a timeline's filters select, as the plan SQLite reads them: for a page (in key order,
 * O(page) at any depth) and for the aggregates over the whole set (counts, facets, volumes).
 */
export function prepareTimeline(db: Db) {
  const stats: TimelineStats = {
    longest: longestEvents(db.$client, META.maxEventDaysByPrecision),
    byRange: longestEvents(db.$client, META.maxEventDaysByRange),
    eventsPerDay: eventsPerDay(readRecorded(db.$client, META.eventsExtent)),
  };
  const itemPages = new ShapeCache<Runnable<StoredRow>>();

  return {
    /**
     * One timeline page as each event's sort key and stored item: each query built and prepared
     * once per shape, then only run.
     */
    items: (filters: TimelineFilters, request: PageRequest): StoredRow[] =>
      runPage(db, itemPages, stats, filters, request, storedPage(db, request.order)),

    /**
     * The events the filters match, with `fields`, as a subquery named `matched` (no order, no
     * page): what counts, facets and volumes aggregate over.
     */
    matching<F extends SelectedFields>(filters: TimelineFilters, b: Bindings, fields: F) {
      const p = armsOf(planTimeline(filters, stats), filters, b);
      return merged(db, p, fields).as('matched') as unknown as SubqueryWithSelection<F, 'matched'>;
    },
  };
}

export type Timeline = ReturnType<typeof prepareTimeline>;
