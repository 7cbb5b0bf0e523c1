import { asc, eq, type SQL, sql } from 'drizzle-orm';
import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/open.js';
import { Bindings, ShapeCache } from '../db/prepared.js';
import { quoteDocuments, quotes } from '../db/schema.js';
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

/** A quote document's array (schema.ts, quoteDocuments). */
type QuoteEntry = [
  id: string,
  text: string,
  speakerId: string | null,
  speakerName: string | null,
  speakerKind: string | null,
  speakerDescription: string | null,
  source: string,
  start: number,
  end: number,
  prefix: string,
  suffix: string,
  kind: string,
  event: string | null,
  viaId: string | null,
  viaName: string | null,
  viaKind: string | null,
];

type ActorRef = NonNullable<Quote['speaker']>;
/** An actor of the quote, if it has one: the foreign key guarantees its name and kind then. */
const actorRef = (id: string | null, name: string | null, kind: string | null): ActorRef | null =>
  id === null ? null : { id, name: name as string, kind: kind as ActorRef['kind'] };

function toQuote(document: string): Quote {
  const [
    id,
    text,
    speakerId,
    speakerName,
    speakerKind,
    speakerDescription,
    source,
    start,
    end,
    prefix,
    suffix,
    kind,
    event,
    viaId,
    viaName,
    viaKind,
  ] = JSON.parse(document) as QuoteEntry;
  return {
    id,
    text,
    speaker: actorRef(speakerId, speakerName, speakerKind),
    speaker_description: speakerDescription,
    source,
    span: { start, end },
    prefix,
    suffix,
    kind: kind as Quote['kind'],
    event,
    reported_via: actorRef(viaId, viaName, viaKind),
  };
}

export function createQuoteRepository(db: Db) {
  // The reading-order key, for cursors, and the quote's document.
  const fields = { sourceId: quotes.sourceId, ordinal: quotes.ordinal, document: quoteDocuments.document };
  const base = () =>
    db
      .select(fields)
      .from(quotes)
      .innerJoin(quoteDocuments, eq(quoteDocuments.readingRank, quotes.readingRank));
  /** A search: the matches, read from the search index in reading order. */
  const matches = () =>
    db
      .select(fields)
      .from(quoteSearch)
      .innerJoin(quotes, eq(quotes.readingRank, quoteSearch.rowid))
      .innerJoin(quoteDocuments, eq(quoteDocuments.readingRank, quoteSearch.rowid));

  type Row = ReturnType<ReturnType<typeof base>['all']>[number];

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
        const query = lists.get(b.shape, () => page.of(base().$dynamic(), ...where).prepare());
        rows = query.all(b.values);
      } else {
        // Input without a single word ("*", "--") matches nothing rather than everything.
        const match = toFtsQuery(filters.q);
        if (match === undefined) return { items: [], nextKey: undefined };
        where.push(sql`${quoteSearch} MATCH ${b.bind('match', match)}`);
        const page = keyset([quoteSearch.rowid], request, b, resumeSearch);
        const query = lists.get(b.shape, () => page.of(matches().$dynamic(), ...where).prepare());
        rows = query.all(b.values);
      }
      return toPage(
        rows,
        request.limit,
        (r) => [r.sourceId, r.ordinal],
        (page) => page.map((r) => toQuote(r.document)),
      );
    },

    listByEvent(event: string): Quote[] {
      return ofEvent.all({ event }).map((r) => toQuote(r.document));
    },
    findById(id: string): Quote | undefined {
      const row = byId.get({ id });
      return row ? toQuote(row.document) : undefined;
    },
  };
}

export type QuoteRepository = ReturnType<typeof createQuoteRepository>;
