import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open.js';
import { actors, quotes } from '../db/schema.js';
import { toFtsQuery } from '../domain/search.js';
import type { Quote } from '../schemas/quotes.js';

import { keysetAfter, keysetOrderBy, type Page, type PageRequest, toPage } from './keyset.js';

export interface QuoteFilters {
  speakers?: string[] | undefined;
  source?: string | undefined;
  event?: string | undefined;
  kind?: string | undefined;
  q?: string | undefined;
}

/** Reading order: by source, then position in its text. */
export const QUOTE_CURSOR_SHAPE = ['string', 'number'] as const;
const QUOTE_KEY = [quotes.sourceId, quotes.ordinal];

const speaker = alias(actors, 'speaker');
const via = alias(actors, 'via');

export function createQuoteRepository(db: Db) {
  const base = () =>
    db
      .select({
        quote: quotes,
        speaker: { id: speaker.id, name: speaker.name, kind: speaker.kind },
        via: { id: via.id, name: via.name, kind: via.kind },
      })
      .from(quotes)
      .leftJoin(speaker, eq(speaker.id, quotes.speakerId))
      .leftJoin(via, eq(via.id, quotes.reportedViaId));

  type Row = ReturnType<ReturnType<typeof base>['all']>[number];
  const toQuote = ({ quote: q, speaker: s, via: v }: Row): Quote => ({
    id: q.id,
    text: q.text,
    speaker: s,
    speaker_description: q.speakerDescription,
    source: q.sourceId,
    span: { start: q.start, end: q.end },
    prefix: q.prefix,
    suffix: q.suffix,
    kind: q.kind as Quote['kind'],
    event: q.eventId,
    reported_via: v,
  });

  return {
    /** Quotes in reading order: by source, then position in the text. */
    list(filters: QuoteFilters, request: PageRequest): Page<Quote> {
      const where: SQL[] = [];
      if (filters.speakers?.length) where.push(inArray(quotes.speakerId, filters.speakers));
      if (filters.source) where.push(eq(quotes.sourceId, filters.source));
      if (filters.event) where.push(eq(quotes.eventId, filters.event));
      if (filters.kind) where.push(eq(quotes.kind, filters.kind));
      if (filters.q !== undefined) {
        const match = toFtsQuery(filters.q);
        where.push(
          match === undefined
            ? sql`0`
            : sql`${quotes}.rowid IN (SELECT rowid FROM quote_search WHERE quote_search MATCH ${match})`,
        );
      }
      const rows = base()
        .where(and(...where, keysetAfter(QUOTE_KEY, request)))
        .orderBy(...keysetOrderBy(QUOTE_KEY, request.order))
        .limit(request.limit + 1)
        .all();
      return toPage(
        rows,
        request.limit,
        (r) => [r.quote.sourceId, r.quote.ordinal],
        (page) => page.map(toQuote),
      );
    },

    listByEvent(eventId: string): Quote[] {
      return base()
        .where(eq(quotes.eventId, eventId))
        .orderBy(asc(quotes.sourceId), asc(quotes.ordinal))
        .all()
        .map(toQuote);
    },
    findById(id: string): Quote | undefined {
      const row = base().where(eq(quotes.id, id)).get();
      return row ? toQuote(row) : undefined;
    },
  };
}

export type QuoteRepository = ReturnType<typeof createQuoteRepository>;
