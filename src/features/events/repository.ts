import { eq, sql } from 'drizzle-orm';
import { toFtsQuery } from '../../db/fts.js';
import { EMPTY_PAGE, keysetList, toPage } from '../../db/keyset.js';
import type { Db } from '../../db/open.js';
import { events } from '../../db/schema.js';
import { aspectStatus } from '../../domain/comparison.js';
import { groupBy } from '../../domain/group-by.js';
import type { Claim } from '../claims/schema.js';
import type { ClaimRepository } from '../claims/repository.js';
import type { QuoteRepository } from '../quotes/repository.js';
import { prepareHydration } from './hydrate.js';
import type { EventDetail, TimelineFilters } from './schema.js';
import { EVENT_FIELDS, prepareTimeline } from './timeline-query.js';
import { TIMELINE_KEY } from './timeline.js';

export function createEventRepository(db: Db, claims: ClaimRepository, quotes: QuoteRepository) {
  const hydrate = prepareHydration(db);
  const timeline = prepareTimeline(db);
  const byId = db
    .select(EVENT_FIELDS)
    .from(events)
    .where(eq(events.id, sql.placeholder('id')))
    .prepare();

  return {
    /** The timeline: events in date order under the filters of SPEC §4. */
    list: keysetList(TIMELINE_KEY, (filters: TimelineFilters, request) => {
      // Input without a single word ("*", "--") matches nothing rather than everything.
      if (filters.q !== undefined && toFtsQuery(filters.q) === undefined) return EMPTY_PAGE;
      return toPage(timeline.rows(filters, request), request.limit, TIMELINE_KEY, hydrate);
    }),

    findById(id: string): EventDetail | undefined {
      const row = byId.get({ id });
      if (!row) return undefined;
      const [event] = hydrate([row]);
      if (!event) return undefined;
      const eventClaims = claims.listByEvent(id);
      const aspects = aspectsOf(eventClaims);
      return {
        ...event,
        claims: eventClaims,
        aspects,
        disputes: aspects
          .filter((a) => a.status === 'contested')
          .map(({ property, about, claims }) => ({ property, about, claims })),
        quotes: quotes.listByEvent(id),
      };
    },
  };
}

/** Every aspect two or more sources speak to, its claims side by side, with the verdict on the whole. */
function aspectsOf(claims: Claim[]): EventDetail['aspects'] {
  const byAspect = groupBy(claims, (c) => JSON.stringify([c.property, c.about]));
  return [...byAspect.values()].flatMap((group) => {
    const [first] = group;
    if (!first || new Set(group.map((c) => c.source)).size < 2) return [];
    return [
      {
        property: first.property,
        about: first.about,
        status: aspectStatus(group.map((c) => c.status)),
        claims: group,
      },
    ];
  });
}

export type EventRepository = ReturnType<typeof createEventRepository>;
