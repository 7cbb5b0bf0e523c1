import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open.js';
import { actors, quotes } from '../db/schema.js';
import type { CursorKey } from '../domain/cursor.js';
import { toFtsQuery } from '../domain/search.js';
import type { Quote } from '../schemas/quotes.js';

import type { Page } from './events.js';

export interface QuoteFilters {
  speakers?: string[] | undefined;
  source?: string | undefined;
  event?: string | undefined;
  kind?: string | undefined;
  q?: string | undefined;
}

export const QUOTE_CURSOR_SHAPE = ['string', 'number'] as const;

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
    list(filters: QuoteFilters, limit: number, after?: CursorKey): Page<Quote> {
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
            : inArray(quotes.id, sql`(SELECT quote_id FROM quote_search WHERE quote_search MATCH ${match})`),
        );
      }
      if (after) where.push(sql`(${quotes.sourceId}, ${quotes.ordinal}) > (${after[0]}, ${after[1]})`);
      const rows = base()
        .where(and(...where))
        .orderBy(asc(quotes.sourceId), asc(quotes.ordinal))
        .limit(limit + 1)
        .all();
      const more = rows.length > limit;
      const page = rows.slice(0, limit);
      const last = page.at(-1)?.quote;
      return { items: page.map(toQuote), nextKey: more && last ? [last.sourceId, last.ordinal] : undefined };
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
