import { and, eq, getTableColumns, gte, lte, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/sqlite-core';
import { keyset, type PageRequest } from '../../db/keyset.js';
import { type Db, readMeta } from '../../db/open.js';
import { actorTimeline, events } from '../../db/schema.js';
import { Bindings, ShapeCache } from '../../db/shapes.js';
import type { EventRow } from './hydrate.js';
import type { TimelineFilters } from './schema.js';
import {
  ACTOR_TIMELINE_COLUMNS,
  anchorActor,
  dateConditions,
  dateMatch,
  EVENT_COLUMNS,
  filterConditions,
  precisionRanges,
} from './timeline.js';

/** An event's row, with the rowid its document is kept under. */
export const EVENT_FIELDS = { ...getTableColumns(events), rowid: sql<number>`${events}.rowid` };

/** The longest event of each precision, in days, as the seed recorded it. */
function longestEvents(db: Db): Map<string, number> {
  const recorded = readMeta(db.$client, 'max_event_days_by_precision') ?? '{}';
  return new Map(Object.entries(JSON.parse(recorded) as Record<string, number>));
}

/**
 * The rows of one timeline page, by whichever path serves the filters in index order: an actor's
 * own timeline, one range per precision merged, or one range of the events table. Each query is
 * built and prepared once per shape (db/shapes.ts), then only run.
 */
export function prepareTimelineRows(db: Db): (filters: TimelineFilters, request: PageRequest) => EventRow[] {
  const longest = longestEvents(db);
  const maxEventDays = longest.size > 0 ? Math.max(...longest.values()) : undefined;
  const lists = new ShapeCache<{ all(values: Record<string, unknown>): EventRow[] }>();

  /**
   * An overlap query from `from`, read as one ordered index range per precision and merged in order
   * (SQLite's MERGE (UNION ALL)), so that the page costs O(page) rather than a scan of everything
   * that starts within the dataset's longest event before `from` (docs/benchmarks.md).
   */
  function overlapByPrecision(filters: TimelineFilters, from: string, request: PageRequest, b: Bindings) {
    const ranges = precisionRanges(from, filters.to, longest, request);
    const endsAfter = gte(events.end, b.bind('fromEnd', from));
    const upper = ranges.upper === undefined ? undefined : lte(events.start, b.bind('upper', ranges.upper));
    const others = [dateMatch(filters, b, EVENT_COLUMNS), ...filterConditions(filters, b, EVENT_COLUMNS)];
    const page = keyset(EVENT_COLUMNS.key, request, b);
    const arms = [...ranges.lower].map(([precision, lower], i) =>
      and(
        eq(events.precision, b.bind(`precision${i}`, precision)),
        gte(events.start, b.bind(`lower${i}`, lower)),
        endsAfter,
        upper,
        ...others,
        page.after,
      ),
    );
    const query = lists.get(b.shape, () => {
      const [first, second, ...rest] = arms.map((where) => db.select(EVENT_FIELDS).from(events).where(where));
      if (!first || !second) throw new Error('a merge needs two precisions');
      return unionAll(first, second, ...rest)
        .orderBy(...page.orderBy)
        .limit(page.limit)
        .prepare();
    });
    return query.all(b.values);
  }

  /** One actor's events in timeline order, read from actor_timeline (see `anchorActor`). */
  function anchoredRows(filters: TimelineFilters, anchor: string, request: PageRequest, b: Bindings) {
    const columns = ACTOR_TIMELINE_COLUMNS;
    const driver = eq(actorTimeline.actorId, b.bind('anchor', anchor));
    const where = [
      ...dateConditions(filters, b, columns, maxEventDays),
      ...filterConditions(filters, b, columns, anchor),
    ];
    const page = keyset(columns.key, request, b);
    const query = lists.get(b.shape, () =>
      page
        .of(
          db
            .select(EVENT_FIELDS)
            .from(actorTimeline)
            .innerJoin(events, eq(events.id, actorTimeline.eventId))
            .$dynamic(),
          driver,
          ...where,
        )
        .prepare(),
    );
    return query.all(b.values);
  }

  return (filters, request) => {
    const anchor = anchorActor(filters);
    const b = new Bindings();
    if (anchor) return anchoredRows(filters, anchor, request, b);
    if (longest.size > 1 && filters.from) return overlapByPrecision(filters, filters.from, request, b);
    const where = [
      ...dateConditions(filters, b, EVENT_COLUMNS, maxEventDays),
      ...filterConditions(filters, b, EVENT_COLUMNS),
    ];
    const page = keyset(EVENT_COLUMNS.key, request, b);
    const query = lists.get(b.shape, () =>
      page.of(db.select(EVENT_FIELDS).from(events).$dynamic(), ...where).prepare(),
    );
    return query.all(b.values);
  };
}
