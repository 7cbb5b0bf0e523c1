import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { alias, integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open.js';
import { Bindings, ShapeCache } from '../db/prepared.js';
import { actors, quotes } from '../db/schema.js';
import { toFtsQuery } from '../domain/search.js';
import type { Quote } from '../schemas/quotes.js';

import { keyset, type Page, type PageRequest, type Resume, toPage } from './keyset.js';

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

/**
 * The full-text index of quotes (an FTS5 table, migrations/0001_search.sql), declared for queries
 * only: its rowid is the quote's reading_rank, so matches come out in reading order.
 */
const quoteSearch = sqliteTable('quote_search', { rowid: integer('rowid').notNull() });

/**
 * How a search resumes: its rows are read in reading_rank order, while a cursor holds (source,
 * ordinal) like every quote list's, so the page resumes at the rank of the first quote after the
 * cursor in reading order.
 */
const resumeSearch: Resume = ([source, ordinal], order) =>
  order === 'asc'
    ? sql`${quoteSearch.rowid} >= (SELECT r.reading_rank FROM ${quotes} r WHERE (r.source_id, r.ordinal) > (${source}, ${ordinal}) ORDER BY r.source_id, r.ordinal LIMIT 1)`
    : sql`${quoteSearch.rowid} <= (SELECT r.reading_rank FROM ${quotes} r WHERE (r.source_id, r.ordinal) < (${source}, ${ordinal}) ORDER BY r.source_id DESC, r.ordinal DESC LIMIT 1)`;

const speaker = alias(actors, 'speaker');
const via = alias(actors, 'via');

export function createQuoteRepository(db: Db) {
  const fields = {
    quote: quotes,
    speaker: { id: speaker.id, name: speaker.name, kind: speaker.kind },
    via: { id: via.id, name: via.name, kind: via.kind },
  };
  const base = () =>
    db
      .select(fields)
      .from(quotes)
      .leftJoin(speaker, eq(speaker.id, quotes.speakerId))
      .leftJoin(via, eq(via.id, quotes.reportedViaId));
  /** A search: the matches, read from the search index in reading order. */
  const matches = () =>
    db
      .select(fields)
      .from(quoteSearch)
      .innerJoin(quotes, eq(quotes.readingRank, quoteSearch.rowid))
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
      let rows: Row[];
      if (filters.q === undefined) {
        const page = keyset(QUOTE_KEY, request, b);
        const query = lists.get(b.shape, () =>
          base()
            .where(and(...where, page.after))
            .orderBy(...page.orderBy)
            .limit(page.limit)
            .prepare(),
        );
        rows = query.all(b.values);
      } else {
        // Input without a single word ("*", "--") matches nothing rather than everything.
        const match = toFtsQuery(filters.q);
        if (match === undefined) return { items: [], nextKey: undefined };
        where.push(sql`${quoteSearch} MATCH ${b.bind('match', match)}`);
        const page = keyset([quoteSearch.rowid], request, b, resumeSearch);
        const query = lists.get(b.shape, () =>
          matches()
            .where(and(...where, page.after))
            .orderBy(...page.orderBy)
            .limit(page.limit)
            .prepare(),
        );
        rows = query.all(b.values);
      }
      return toPage(
        rows,
        request.limit,
        (r) => [r.quote.sourceId, r.quote.ordinal],
        (page) => page.map(toQuote),
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
