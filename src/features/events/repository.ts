import { eq, sql } from 'drizzle-orm';
import { toFtsQuery } from '../../db/fts.js';
import { EMPTY_PAGE, keysetList, type PageRequest, toPage } from '../../db/keyset.js';
import { spliceObject } from '../../db/items.js';
import type { Db } from '../../db/open.js';
import { eventItems, events } from '../../db/schema.js';
import { aspectsOf } from '../claims/aspects.js';
import type { ClaimRepository } from '../claims/repository.js';
import type { QuoteRepository } from '../quotes/repository.js';
import type { Facet } from '../../domain/vocabulary.js';
import { prepareAggregates } from './aggregates.js';
import { TIMELINE_KEY, type TimelineKeyRow } from './columns.js';
import type { TimelineFilters } from './filters.js';
import { prepareHydration } from './hydrate.js';
import { storedItems } from './prepared.js';
import { type EventDetail, JudgedAdditionsSchema } from './schema.js';
import { EVENT_FIELDS, prepareTimeline } from './timeline-query.js';
import { prepareVolume } from './volume.js';

export function createEventRepository(db: Db, claims: ClaimRepository, quotes: QuoteRepository) {
  const hydrate = prepareHydration(db);
  const timeline = prepareTimeline(db);
  const aggregates = prepareAggregates(db, timeline);
  const volume = prepareVolume(db, aggregates);
  const byId = db
    .select(EVENT_FIELDS)
    .from(events)
    .where(eq(events.id, sql.placeholder('id')))
    .prepare();
  const storedById = db
    .select({ json: eventItems.json })
    .from(events)
    .innerJoin(eventItems, eq(eventItems.eventRowid, sql`${events}.rowid`))
    .where(eq(events.id, sql.placeholder('id')))
    .prepare();

  /** The timeline's pages, each read as `rows` and made items by `read`. */
  const timelineOf = <R extends TimelineKeyRow, T>(
    rows: (filters: TimelineFilters, request: PageRequest) => R[],
    read: (rows: R[]) => T[],
  ) =>
    keysetList(TIMELINE_KEY, (filters: TimelineFilters, request) => {
      // Input without a single word ("*", "--") matches nothing rather than everything.
      if (filters.q !== undefined && toFtsQuery(filters.q) === undefined) return EMPTY_PAGE;
      return toPage(rows(filters, request), request.limit, TIMELINE_KEY, read);
    });

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
    /** The timeline: events in date order under the filters of SPEC §4. */
    list: timelineOf(timeline.rows, hydrate),

    /** The same pages, each item its JSON as stored by the seed (features/events/prepared.ts). */
    listJson: timelineOf(timeline.items, storedItems),

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

    findById(id: string): EventDetail | undefined {
      const row = byId.get({ id });
      if (!row) return undefined;
      const [event] = hydrate([row]);
      return event && { ...event, ...judgedOf(id), quotes: quotes.listByEvent(id) };
    },

    /**
     * The same detail as JSON: the event's stored item (features/events/prepared.ts), then what is
     * judged per request, checked against its part of the schema, then the event's stored quote
     * items, each spliced after the keys before it.
     */
    findDetailJson(id: string): string | undefined {
      const item = storedById.get({ id });
      if (!item) return undefined;
      const judged = JSON.stringify(JudgedAdditionsSchema.parse(judgedOf(id)));
      const quoted = `{"quotes":[${quotes.listByEventJson(id).join(',')}]}`;
      return spliceObject(spliceObject(item.json, judged), quoted);
    },
  };
}

export type EventRepository = ReturnType<typeof createEventRepository>;
