import { and, eq, getTableColumns, gte, inArray, lte, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/sqlite-core';
import { EVIDENCE, PARTICIPANT } from '../../db/documents.js';
import { toFtsQuery } from '../../db/fts.js';
import { EMPTY_PAGE, keyset, keysetList, type PageRequest, toPage } from '../../db/keyset.js';
import { type Db, readMeta } from '../../db/open.js';
import { actorTimeline, eventDocuments, events } from '../../db/schema.js';
import { Bindings, jsonList, ShapeCache } from '../../db/shapes.js';
import { groupBy } from '../../domain/group-by.js';
import type { ClaimRepository } from '../claims/repository.js';
import type { QuoteRepository } from '../quotes/repository.js';
import type { Event, EventDetail, TimelineFilters } from './schema.js';
import {
  ACTOR_TIMELINE_COLUMNS,
  anchorActor,
  dateConditions,
  EVENT_COLUMNS,
  filterConditions,
  precisionRanges,
  TIMELINE_KEY,
} from './timeline.js';

/** An event's row, with the rowid its document is kept under (db/documents.ts). */
const EVENT_FIELDS = { ...getTableColumns(events), rowid: sql<number>`${events}.rowid` };
type EventRow = typeof events.$inferSelect & { rowid: number };

/** The longest event of each precision, in days, as the seed recorded it. */
function longestEvents(db: Db): Map<string, number> {
  const recorded = readMeta(db.$client, 'max_event_days_by_precision') ?? '{}';
  return new Map(Object.entries(JSON.parse(recorded) as Record<string, number>));
}

export function createEventRepository(db: Db, claims: ClaimRepository, quotes: QuoteRepository) {
  const longest = longestEvents(db);
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
      const bySource = groupBy(EVIDENCE.decodeAll(document.evidence), (e) => e.source);
      return {
        id: r.id,
        title: r.title,
        summary: r.summary,
        type: r.type,
        date: {
          start: r.start,
          end: r.end,
          precision: r.precision,
          edtf: r.edtf,
          approximate: r.approximate,
          phrase: r.phrase,
          source: r.dateSourceId,
        },
        location: r.location,
        status: r.status,
        participants: PARTICIPANT.decodeAll(document.participants).map(({ role, id, name, kind }) => ({
          actor: { id, name, kind },
          role,
        })),
        sources: [...bySource].map(([source, spans]) => ({
          source,
          evidence: spans.map(({ start, end, text }) => ({ source, start, end, text })),
        })),
      };
    });
  }

  /**
   * An overlap query from `from`, read as one ordered index range per precision and merged in order
   * (SQLite's MERGE (UNION ALL)), so that the page costs O(page) rather than a scan of everything
   * that starts within the dataset's longest event before `from` (docs/benchmarks.md).
   */
  function overlapByPrecision(filters: TimelineFilters, from: string, request: PageRequest, b: Bindings) {
    const ranges = precisionRanges(from, filters.to, longest, request);
    const endsAfter = gte(events.end, b.bind('fromEnd', from));
    const upper = ranges.upper === undefined ? undefined : lte(events.start, b.bind('upper', ranges.upper));
    const others = filterConditions(filters, b, EVENT_COLUMNS);
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

  /** The page's rows: the query is built and prepared once per shape, then only run. */
  function timelineRows(filters: TimelineFilters, request: PageRequest): EventRow[] {
    const anchor = anchorActor(filters);
    const b = new Bindings();
    if (anchor) return anchoredRows(filters, anchor, request, b);
    if (longest.size > 1 && filters.date_match === 'overlap' && filters.from)
      return overlapByPrecision(filters, filters.from, request, b);
    const where = [
      ...dateConditions(filters, b, EVENT_COLUMNS, maxEventDays),
      ...filterConditions(filters, b, EVENT_COLUMNS),
    ];
    const page = keyset(EVENT_COLUMNS.key, request, b);
    const query = lists.get(b.shape, () =>
      page.of(db.select(EVENT_FIELDS).from(events).$dynamic(), ...where).prepare(),
    );
    return query.all(b.values);
  }

  return {
    /** The timeline: events in date order under the filters of SPEC §4. */
    list: keysetList(TIMELINE_KEY, (filters: TimelineFilters, request) => {
      // Input without a single word ("*", "--") matches nothing rather than everything.
      if (filters.q !== undefined && toFtsQuery(filters.q) === undefined) return EMPTY_PAGE;
      return toPage(timelineRows(filters, request), request.limit, TIMELINE_KEY, hydrate);
    }),

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
  };
}

export type EventRepository = ReturnType<typeof createEventRepository>;
