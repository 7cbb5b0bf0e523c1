import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open.js';
import { Bindings, ShapeCache } from '../db/prepared.js';
import { actors, quotes } from '../db/schema.js';
import { toFtsQuery } from '../domain/search.js';
import type { Quote } from '../schemas/quotes.js';

import { keyset, type Page, type PageRequest, toPage } from './keyset.js';

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

  const ofEvent = base()
    .where(eq(quotes.eventId, sql.placeholder('event')))
    .orderBy(asc(quotes.sourceId), asc(quotes.ordinal))
    .prepare();
  const byId = base()
    .where(eq(quotes.id, sql.placeholder('id')))
    .prepare();
  const lists = new ShapeCache<{ all(values: Record<string, unknown>): Row[] }>();

  return {
    /** Quotes in reading order: by source, then position in the text. */
    list(filters: QuoteFilters, request: PageRequest): Page<Quote> {
      const b = new Bindings();
      const where: SQL[] = [];
      if (filters.speakers?.length) where.push(b.anyOf(quotes.speakerId, 'speaker', filters.speakers));
      if (filters.source) where.push(eq(quotes.sourceId, b.bind('source', filters.source)));
      if (filters.event) where.push(eq(quotes.eventId, b.bind('event', filters.event)));
      if (filters.kind) where.push(eq(quotes.kind, b.bind('kind', filters.kind)));
      if (filters.q !== undefined) {
        // Input without a single word ("*", "--") matches nothing rather than everything.
        const match = toFtsQuery(filters.q);
        if (match === undefined) return { items: [], nextKey: undefined };
        where.push(
          sql`${quotes}.rowid IN (SELECT rowid FROM quote_search WHERE quote_search MATCH ${b.bind('match', match)})`,
        );
      }
      const page = keyset(QUOTE_KEY, request, b);
      const query = lists.get(b.shape, () =>
        base()
          .where(and(...where, page.after))
          .orderBy(...page.orderBy)
          .limit(page.limit)
          .prepare(),
      );
      return toPage(
        query.all(b.values),
        request.limit,
        (r) => [r.quote.sourceId, r.quote.ordinal],
        (rows) => rows.map(toQuote),
      );
    },

    listByEvent(event: string): Quote[] {
      return ofEvent.all({ event }).map(toQuote);
    },
    findById(id: string): Quote | undefined {
      const row = byId.get({ id });
      return row ? toQuote(row) : undefined;
    },
  };
}

export type QuoteRepository = ReturnType<typeof createQuoteRepository>;
