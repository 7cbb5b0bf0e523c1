import { and, eq, getTableColumns, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import { type SQLiteColumn, unionAll } from 'drizzle-orm/sqlite-core';
import { type Db, readMeta } from '../db/open.js';
import { Bindings, jsonList, ShapeCache } from '../db/prepared.js';
import { actorTimeline, eventDocuments, eventEvidence, eventParticipants, events } from '../db/schema.js';
import { shiftDay } from '../domain/dates.js';
import { groupBy } from '../domain/group-by.js';
import { toFtsQuery } from '../domain/search.js';
import type { Event, EventDetail } from '../schemas/events.js';
import type { ClaimRepository } from './claims.js';
import { keyset, type Page, type PageRequest, toPage } from './keyset.js';
import type { QuoteRepository } from './quotes.js';

export interface TimelineFilters {
  /** Inclusive first day, already resolved from YYYY / YYYY-MM / YYYY-MM-DD. */
  from?: string | undefined;
  to?: string | undefined;
  dateMatch: 'overlap' | 'within';
  actors?: string[] | undefined;
  actorMatch: 'any' | 'all';
  types?: string[] | undefined;
  sources?: string[] | undefined;
  status?: string | undefined;
  /** Full-text search in title, summary and evidence; input is plain words (see domain/search). */
  q?: string | undefined;
  /** For an actor's own timeline: the actor must take part, whatever `actors` says. */
  requiredActor?: string | undefined;
}

/** The keyset of the timeline: start, then end, then id (SPEC §3). */
export const TIMELINE_CURSOR_SHAPE = ['string', 'string', 'string'] as const;
const TIMELINE_KEY = [events.start, events.end, events.id];
const ACTOR_TIMELINE_KEY = [actorTimeline.start, actorTimeline.end, actorTimeline.eventId];

/** An event's row, with the rowid its document is kept under (schema.ts, eventDocuments). */
const EVENT_FIELDS = { ...getTableColumns(events), rowid: sql<number>`${events}.rowid` };
type EventRow = typeof events.$inferSelect & { rowid: number };

/** The compact arrays of an event document (schema.ts). */
type ParticipantEntry = [role: string, id: string, name: string, kind: string];
type EvidenceEntry = [source: string, start: number, end: number, text: string];

/**
 * The columns a timeline is sorted and filtered on: the events table's, or actor_timeline's, whose
 * rows can then be rejected before their event is looked up.
 */
interface TimelineColumns {
  start: SQLiteColumn;
  end: SQLiteColumn;
  id: SQLiteColumn;
  type: SQLiteColumn;
}

const EVENT_COLUMNS: TimelineColumns = {
  start: events.start,
  end: events.end,
  id: events.id,
  type: events.type,
};
const ACTOR_TIMELINE_COLUMNS: TimelineColumns = {
  start: actorTimeline.start,
  end: actorTimeline.end,
  id: actorTimeline.eventId,
  type: actorTimeline.type,
};

/**
 * The one actor whose own timeline can drive the query, if any: the actor of /actors/{id}/events,
 * or a lone `actor` filter. Reading actor_timeline in order then costs O(page) however many events
 * the actor has, where filtering the whole timeline by participation would not.
 */
function anchorActor(f: TimelineFilters): string | undefined {
  if (f.requiredActor) return f.requiredActor;
  const distinct = new Set(f.actors ?? []);
  if (distinct.size === 1 || (f.actorMatch === 'all' && distinct.size > 0)) return [...distinct][0];
  return undefined;
}

/**
 * The date terms of a timeline, described on `b` (db/prepared.ts). `maxEventDays` (the longest
 * event of the dataset) bounds how far before `from` an overlapping event can start, which turns
 * "ends after `from`" into an index range on `start` instead of a scan from the beginning of time.
 */
function dateConditions(f: TimelineFilters, b: Bindings, c: TimelineColumns, maxEventDays?: number): SQL[] {
  const where: SQL[] = [];
  if (f.dateMatch === 'within') {
    if (f.from) where.push(gte(c.start, b.bind('fromStart', f.from)));
    if (f.to) where.push(lte(c.end, b.bind('toEnd', f.to)));
  } else {
    if (f.from) {
      where.push(gte(c.end, b.bind('fromEnd', f.from)));
      if (maxEventDays !== undefined)
        where.push(gte(c.start, b.bind('fromLowerBound', shiftDay(f.from, -maxEventDays))));
    }
    if (f.to) where.push(lte(c.start, b.bind('toStart', f.to)));
  }
  return where;
}

/**
 * The other terms of a timeline: type, status, source, actors and words. Full-text search is the
 * caller's to short-cut: a `q` without words matches nothing and needs no query.
 */
function filterConditions(f: TimelineFilters, b: Bindings, c: TimelineColumns, anchor?: string): SQL[] {
  const where: SQL[] = [];
  if (f.types?.length) where.push(b.anyOf(c.type, 'type', f.types));
  if (f.status) where.push(eq(events.status, b.bind('status', f.status)));
  if (f.sources?.length)
    where.push(
      inArray(
        events.id,
        sql`(SELECT ${eventEvidence.eventId} FROM ${eventEvidence} WHERE ${b.anyOf(eventEvidence.sourceId, 'source', f.sources)})`,
      ),
    );
  if (f.actors?.length) {
    if (f.actorMatch === 'all') {
      // The anchor actor is the query's driving table already; each of the others must take part.
      const others = [...new Set(f.actors)].filter((id) => id !== anchor);
      if (others.length > 0)
        where.push(
          sql`(SELECT count(DISTINCT ${eventParticipants.actorId}) FROM ${eventParticipants} WHERE ${eventParticipants.eventId} = ${events.id} AND ${eventParticipants.actorId} IN ${b.bindList('allActors', others)}) = ${b.bind('allActorsCount', others.length)}`,
        );
    }
    // Any of several: the set of their events, which the planner may drive from or probe.
    else if (!anchor || f.requiredActor)
      where.push(
        inArray(
          events.id,
          sql`(SELECT ${actorTimeline.eventId} FROM ${actorTimeline} WHERE ${b.anyOf(actorTimeline.actorId, 'anyActor', f.actors)})`,
        ),
      );
  }
  if (f.q !== undefined) {
    where.push(
      sql`${events}.rowid IN (SELECT rowid FROM event_search WHERE event_search MATCH ${b.bind('match', toFtsQuery(f.q))})`,
    );
  }
  return where;
}

/**
 * Where each precision's index range on `start` begins and ends for an overlap query from `from`:
 * an event of a precision whose longest event lasts `d` days starts no earlier than `from - d`. On a
 * page after a cursor, the cursor's start tightens the bound on the side the page moves to, so that
 * each range begins at the cursor rather than being read from its start and filtered.
 */
export function precisionRanges(
  from: string,
  to: string | undefined,
  longest: ReadonlyMap<string, number>,
  { order, after }: Pick<PageRequest, 'order' | 'after'>,
): { lower: Map<string, string>; upper: string | undefined } {
  const cursorStart = typeof after?.[0] === 'string' ? after[0] : undefined;
  const later = (a: string, b: string | undefined) => (b !== undefined && b > a ? b : a);
  const lower = new Map(
    [...longest].map(([precision, days]) => {
      const bound = shiftDay(from, -days);
      return [precision, order === 'asc' ? later(bound, cursorStart) : bound];
    }),
  );
  let upper = to;
  if (order === 'desc' && cursorStart !== undefined)
    upper = upper === undefined || cursorStart < upper ? cursorStart : upper;
  return { lower, upper };
}

export function createEventRepository(db: Db, claims: ClaimRepository, quotes: QuoteRepository) {
  // The longest event of each precision, in days, and the longest of all.
  const longest = new Map(
    Object.entries(
      JSON.parse(readMeta(db.$client, 'max_event_days_by_precision') ?? '{}') as Record<string, number>,
    ),
  );
  const maxEventDays = longest.size > 0 ? Math.max(...longest.values()) : undefined;

  // A page's participants and evidence: one document per event, the page's rowids as one list.
  const documentsOf = db
    .select()
    .from(eventDocuments)
    .where(inArray(eventDocuments.eventRowid, jsonList(sql.placeholder('rowids'))))
    .prepare();
  const byId = db
    .select(EVENT_FIELDS)
    .from(events)
    .where(eq(events.id, sql.placeholder('id')))
    .prepare();
  const lists = new ShapeCache<{ all(values: Record<string, unknown>): EventRow[] }>();

  function hydrate(rows: EventRow[]): Event[] {
    if (rows.length === 0) return [];
    const documents = new Map(
      documentsOf.all({ rowids: JSON.stringify(rows.map((r) => r.rowid)) }).map((d) => [d.eventRowid, d]),
    );
    return rows.map((r) => {
      const document = documents.get(r.rowid);
      if (!document) throw new Error(`event ${r.id} has no document: the database needs a new seed`);
      const bySource = groupBy(JSON.parse(document.evidence) as EvidenceEntry[], ([source]) => source);
      const participants = (JSON.parse(document.participants) as ParticipantEntry[]).map(
        ([role, id, name, kind]) => ({
          actor: { id, name, kind: kind as Event['participants'][number]['actor']['kind'] },
          role: role as Event['participants'][number]['role'],
        }),
      );
      return {
        id: r.id,
        title: r.title,
        summary: r.summary,
        type: r.type as Event['type'],
        date: {
          start: r.start,
          end: r.end,
          precision: r.precision as Event['date']['precision'],
          edtf: r.edtf,
          approximate: r.approximate,
          phrase: r.phrase,
          source: r.dateSourceId,
        },
        location: r.location,
        status: r.status as Event['status'],
        participants,
        sources: [...bySource].map(([source, spans]) => ({
          source,
          evidence: spans.map(([, start, end, text]) => ({ source, start, end, text })),
        })),
      };
    });
  }

  /**
   * An overlap query from `from`, read as one ordered index range per precision and merged in order
   * (SQLite's MERGE (UNION ALL)), so that the page costs O(page) rather than a scan of everything
   * that starts within the dataset's longest event before `from` (docs/benchmarks.md).
   */
  function overlapByPrecision(
    filters: TimelineFilters,
    from: string,
    request: PageRequest,
    b: Bindings,
    longestDays: ReadonlyMap<string, number>,
  ): EventRow[] {
    const ranges = precisionRanges(from, filters.to, longestDays, request);
    const endsAfter = gte(events.end, b.bind('fromEnd', from));
    const upper = ranges.upper === undefined ? undefined : lte(events.start, b.bind('upper', ranges.upper));
    const others = filterConditions(filters, b, EVENT_COLUMNS);
    const page = keyset(TIMELINE_KEY, request, b);
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

  /** The page's rows: the query is built and prepared once per shape, then only run. */
  function timelineRows(filters: TimelineFilters, request: PageRequest): EventRow[] {
    const anchor = anchorActor(filters);
    const b = new Bindings();
    if (anchor) {
      const columns = ACTOR_TIMELINE_COLUMNS;
      const driver = eq(actorTimeline.actorId, b.bind('anchor', anchor));
      const where = [
        ...dateConditions(filters, b, columns, maxEventDays),
        ...filterConditions(filters, b, columns, anchor),
      ];
      const page = keyset(ACTOR_TIMELINE_KEY, request, b);
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
    if (longest.size > 1 && filters.dateMatch === 'overlap' && filters.from)
      return overlapByPrecision(filters, filters.from, request, b, longest);
    const where = [
      ...dateConditions(filters, b, EVENT_COLUMNS, maxEventDays),
      ...filterConditions(filters, b, EVENT_COLUMNS),
    ];
    const page = keyset(TIMELINE_KEY, request, b);
    const query = lists.get(b.shape, () =>
      page.of(db.select(EVENT_FIELDS).from(events).$dynamic(), ...where).prepare(),
    );
    return query.all(b.values);
  }

  return {
    list(filters: TimelineFilters, request: PageRequest): Page<Event> {
      // Input without a single word ("*", "--") matches nothing rather than everything.
      if (filters.q !== undefined && toFtsQuery(filters.q) === undefined)
        return { items: [], nextKey: undefined };
      const rows = timelineRows(filters, request);
      return toPage(rows, request.limit, (r) => [r.start, r.end, r.id], hydrate);
    },

    findById(id: string): EventDetail | undefined {
      const row = byId.get({ id });
      if (!row) return undefined;
      const [event] = hydrate([row]);
      if (!event) return undefined;
      const eventClaims = claims.listByEvent(id);
      const disputes = new Map<string, EventDetail['disputes'][number]>();
      for (const c of eventClaims) {
        if (c.status !== 'contested') continue;
        const key = JSON.stringify([c.property, c.about]);
        const dispute = disputes.get(key) ?? { property: c.property, about: c.about, claims: [] };
        dispute.claims.push(c);
        disputes.set(key, dispute);
      }
      return {
        ...event,
        claims: eventClaims,
        disputes: [...disputes.values()],
        quotes: quotes.listByEvent(id),
      };
    },

    exists(id: string): boolean {
      return byId.get({ id }) !== undefined;
    },
  };
}

export type EventRepository = ReturnType<typeof createEventRepository>;
