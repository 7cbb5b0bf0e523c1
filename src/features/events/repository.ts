import { eq, sql } from 'drizzle-orm';
import { toFtsQuery } from '../../db/fts.js';
import { EMPTY_PAGE, keysetList, toPage } from '../../db/keyset.js';
import { type Stored, spliceObject } from '../../db/items.js';
import type { Db } from '../../db/open.js';
import { eventItems, events } from '../../db/schema.js';
import { aspectsOf } from '../claims/aspects.js';
import type { ClaimRepository } from '../claims/repository.js';
import type { QuoteRepository } from '../quotes/repository.js';
import type { Facet } from '../../domain/vocabulary.js';
import { prepareAggregates } from './aggregates.js';
import { TIMELINE_KEY } from './columns.js';
import type { TimelineFilters } from './filters.js';
import { type Event } from './item.js';
import { type EventDetail, JudgedAdditionsSchema } from './schema.js';
import { prepareTimeline, type StoredRow } from './timeline-query.js';
import { prepareVolume } from './volume.js';

export function createEventRepository(db: Db, claims: ClaimRepository, quotes: QuoteRepository) {
  const timeline = prepareTimeline(db);
  const aggregates = prepareAggregates(db, timeline);
  const volume = prepareVolume(db, aggregates);
  const storedById = db
    .select({ json: eventItems.json })
    .from(events)
    .innerJoin(eventItems, eq(eventItems.eventRowid, sql`${events}.rowid`))
    .where(eq(events.id, sql.placeholder('id')))
    .prepare();

  /** What a detail adds to the event, judged per request: its claims, the aspects compared, disputes. */
  function judgedOf(id: string) {
    const eventClaims = claims.listByEvent(id);
    // Every aspect two or more sources speak to, side by side.
    const aspects = aspectsOf(eventClaims, 2);
    return {
      claims: eventClaims,
      aspects,
      disputes: aspects
        .filter((a) => a.status === 'contested')
        .map(({ property, about, claims }) => ({ property, about, claims })),
    };
  }

  return {
    /** The timeline: events in date order under the filters of SPEC §4, each its stored item. */
    list: keysetList(TIMELINE_KEY, (filters: TimelineFilters, request) => {
      // Input without a single word ("*", "--") matches nothing rather than everything.
      if (filters.q !== undefined && toFtsQuery(filters.q) === undefined) return EMPTY_PAGE;
      return toPage(timeline.items(filters, request), request.limit, TIMELINE_KEY, storedItems);
    }),

    /** On request, the facets and the total of the whole filtered timeline, to go beside a page. */
    aggregate(filters: TimelineFilters, facets: readonly Facet[], total: boolean) {
      return {
        ...(facets.length > 0 ? { facets: aggregates.facets(filters, facets) } : {}),
        ...(total ? { total: aggregates.count(filters) } : {}),
      };
    },

    /** How many events per period (features/events/volume.ts). */
    volume,

    /** Which of `sources` report each event the filters select. */
    reporting: aggregates.reporting,

    /**
     * An event in detail: its stored item, then what is judged per request, checked against its
     * part of the schema, then its quotes' stored items, each spliced after the keys before it.
     */
    findById(id: string): Stored<EventDetail> | undefined {
      const item = storedById.get({ id });
      if (!item) return undefined;
      const judged = JSON.stringify(JudgedAdditionsSchema.parse(judgedOf(id)));
      const quoted = `{"quotes":[${quotes.listByEvent(id).join(',')}]}`;
      return spliceObject(spliceObject(item.json, judged), quoted);
    },
  };
}

/** Timeline rows → their stored items, in order; an event without one means the seed is out of date. */
function storedItems(rows: StoredRow[]): Stored<Event>[] {
  return rows.map((r) => {
    if (r.json === null) throw new Error(`event ${r.id} has no stored item: the database needs a new seed`);
    return r.json;
  });
}

export type EventRepository = ReturnType<typeof createEventRepository>;
