import { asc, eq, type SQL, sql } from 'drizzle-orm';
import { integer, type SQLiteSelect, sqliteTable } from 'drizzle-orm/sqlite-core';
import { matches, prepareTermsOf, quoteSearch, toFtsQuery } from '../../db/fts.js';
import { EMPTY_PAGE, keyset, keysetList, listKey, type Resume, toPage } from '../../db/keyset.js';
import type { Db } from '../../db/open.js';
import { quoteItems, quotes } from '../../db/schema.js';
import { Bindings, ShapeCache } from '../../db/shapes.js';
import type { Stored } from '../../db/items.js';
import type { Quote } from './item.js';
import type { QuoteFilters } from './schema.js';

/** The quote search index in a FROM clause: its rowid is the quote's reading rank (db/fts.ts). */
const quoteSearchRows = sqliteTable(quoteSearch.name, { rowid: integer('rowid').notNull() });

/** A quote as a list reads it: its reading-order key, and its stored item. */
interface Row {
  sourceId: string;
  ordinal: number;
  json: Stored<Quote>;
}

/** Reading order: by source, then position in its text. */
const QUOTE_KEY = listKey<Row>([quotes.sourceId, (r) => r.sourceId], [quotes.ordinal, (r) => r.ordinal]);

/**
 * How a search resumes: its rows are read in reading_rank order, while a cursor holds (source,
 * ordinal) like every quote list's, so the page resumes at the rank of the first quote after the
 * cursor in reading order.
 */
const resumeSearch: Resume = ([source, ordinal], order) =>
  order === 'asc'
    ? sql`${quoteSearchRows.rowid} >= (SELECT r.reading_rank FROM ${quotes} r WHERE (r.source_id, r.ordinal) > (${source}, ${ordinal}) ORDER BY r.source_id, r.ordinal LIMIT 1)`
    : sql`${quoteSearchRows.rowid} <= (SELECT r.reading_rank FROM ${quotes} r WHERE (r.source_id, r.ordinal) < (${source}, ${ordinal}) ORDER BY r.source_id DESC, r.ordinal DESC LIMIT 1)`;

export function createQuoteRepository(db: Db) {
  // The reading-order key, for cursors, and the quote's item as the seed stored it.
  const fields = { sourceId: quotes.sourceId, ordinal: quotes.ordinal, json: quoteItems.json };
  const withItem = () =>
    db.select(fields).from(quotes).innerJoin(quoteItems, eq(quoteItems.readingRank, quotes.readingRank));
  /** Typed loosely, as the keyset's conditions are added dynamically; `Row` types the rows. */
  const base = () => withItem().$dynamic() as unknown as SQLiteSelect;
  /** A search: the matches, read from the search index in reading order. */
  const searched = () =>
    db
      .select(fields)
      .from(quoteSearchRows)
      .innerJoin(quotes, eq(quotes.readingRank, quoteSearchRows.rowid))
      .innerJoin(quoteItems, eq(quoteItems.readingRank, quoteSearchRows.rowid))
      .$dynamic() as unknown as SQLiteSelect;
  const ofEvent = withItem()
    .where(eq(quotes.eventId, sql.placeholder('event')))
    .orderBy(asc(quotes.sourceId), asc(quotes.ordinal))
    .prepare();
  const byId = withItem()
    .where(eq(quotes.id, sql.placeholder('id')))
    .prepare();
  const lists = new ShapeCache<{ all(values: Record<string, unknown>): Row[] }>();
  const quoteTerms = prepareTermsOf(db, quoteSearch);

  const items = (rows: Row[]) => rows.map((r) => r.json);

  return {
    /** Quotes in reading order (by source, then position in the text), each its stored item. */
    list: keysetList(QUOTE_KEY, (filters: QuoteFilters, request) => {
      const b = new Bindings();
      const where: SQL[] = [];
      if (filters.speaker?.length) where.push(b.anyOf(quotes.speakerId, 'speaker', filters.speaker));
      if (filters.source) where.push(eq(quotes.sourceId, b.bind('source', filters.source)));
      if (filters.event) where.push(eq(quotes.eventId, b.bind('event', filters.event)));
      if (filters.kind) where.push(eq(quotes.kind, b.bind('kind', filters.kind)));
      if (filters.subject) where.push(eq(quotes.subjectId, b.bind('subject', filters.subject)));
      let query: { all(values: Record<string, unknown>): Row[] };
      if (filters.q === undefined) {
        const page = keyset(QUOTE_KEY.columns, request, b);
        query = lists.get(b.shape, () => page.of(base(), ...where).prepare() as unknown as typeof query);
      } else {
        // Input without a single word ("*", "--") matches nothing rather than everything.
        const match = toFtsQuery(filters.q, quoteTerms);
        if (match === undefined) return EMPTY_PAGE;
        where.push(matches(quoteSearch, b.bind('match', match)));
        const page = keyset([quoteSearchRows.rowid], request, b, resumeSearch);
        query = lists.get(b.shape, () => page.of(searched(), ...where).prepare() as unknown as typeof query);
      }
      return toPage(query.all(b.values), request.limit, QUOTE_KEY, items);
    }),

    /** An event's quotes in reading order, each its stored item. */
    listByEvent(event: string): Stored<Quote>[] {
      return items(ofEvent.all({ event }));
    },

    findById(id: string): Stored<Quote> | undefined {
      return byId.get({ id })?.json;
    },
  };
}

export type QuoteRepository = ReturnType<typeof createQuoteRepository>;
