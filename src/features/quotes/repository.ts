import { asc, eq, type SQL, sql } from 'drizzle-orm';
import { integer, type SQLiteSelect, sqliteTable } from 'drizzle-orm/sqlite-core';
import { QUOTE } from '../../db/documents.js';
import { matches, prepareTermsOf, quoteSearch, toFtsQuery } from '../../db/fts.js';
import { EMPTY_PAGE, keyset, keysetList, listKey, type Resume, toPage } from '../../db/keyset.js';
import type { Db } from '../../db/open.js';
import { quoteDocuments, quoteItems, quotes } from '../../db/schema.js';
import { Bindings, ShapeCache } from '../../db/shapes.js';
import type { Quote, QuoteFilters } from './schema.js';

/** The quote search index in a FROM clause: its rowid is the quote's reading rank (db/fts.ts). */
const quoteSearchRows = sqliteTable(quoteSearch.name, { rowid: integer('rowid').notNull() });

/** A quote as a list reads it: its reading-order key, and its document or its stored item. */
interface Row {
  sourceId: string;
  ordinal: number;
  body: string;
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

/** An actor of the quote, if it has one: the foreign key guarantees its name and kind then. */
const actorRef = <K>(id: string | null, name: string | null, kind: K | null) =>
  id === null ? null : { id, name: name as string, kind: kind as K };

/** A quote's document (db/documents.ts, QUOTE) as the API's object. */
export function toQuote(document: string): Quote {
  const q = QUOTE.decode(document);
  return {
    id: q.id,
    text: q.text,
    speaker: actorRef(q.speakerId, q.speakerName, q.speakerKind),
    speaker_description: q.speakerDescription,
    source: q.source,
    span: { start: q.start, end: q.end },
    prefix: q.prefix,
    suffix: q.suffix,
    kind: q.kind,
    event: q.event,
    reported_via: actorRef(q.viaId, q.viaName, q.viaKind),
    subject: actorRef(q.subjectId, q.subjectName, q.subjectKind),
    attribution: q.attribution,
    attribution_reason: q.attributionReason,
  };
}

export function createQuoteRepository(db: Db) {
  // The reading-order key, for cursors, and the quote's document, or its item as the seed stored it.
  const key = { sourceId: quotes.sourceId, ordinal: quotes.ordinal };
  const bodies = {
    document: { table: quoteDocuments, fields: { ...key, body: quoteDocuments.document } },
    stored: { table: quoteItems, fields: { ...key, body: quoteItems.json } },
  };
  const withBody = ({ table, fields }: (typeof bodies)[keyof typeof bodies]) =>
    db.select(fields).from(quotes).innerJoin(table, eq(table.readingRank, quotes.readingRank));
  /** Typed loosely, as drizzle cannot follow a choice of joined table; `Row` types the rows. */
  const base = (stored: boolean) =>
    withBody(stored ? bodies.stored : bodies.document).$dynamic() as unknown as SQLiteSelect;
  /** A search: the matches, read from the search index in reading order. */
  const searched = (stored: boolean) => {
    const { table, fields } = stored ? bodies.stored : bodies.document;
    return db
      .select(fields)
      .from(quoteSearchRows)
      .innerJoin(quotes, eq(quotes.readingRank, quoteSearchRows.rowid))
      .innerJoin(table, eq(table.readingRank, quoteSearchRows.rowid))
      .$dynamic() as unknown as SQLiteSelect;
  };

  /** An event's quotes in reading order, each with `body`. */
  const ofEventWith = (body: (typeof bodies)[keyof typeof bodies]) =>
    withBody(body)
      .where(eq(quotes.eventId, sql.placeholder('event')))
      .orderBy(asc(quotes.sourceId), asc(quotes.ordinal))
      .prepare();
  const ofEvent = ofEventWith(bodies.document);
  const storedOfEvent = ofEventWith(bodies.stored);
  const byId = withBody(bodies.document)
    .where(eq(quotes.id, sql.placeholder('id')))
    .prepare();
  const lists = new ShapeCache<{ all(values: Record<string, unknown>): Row[] }>();
  const quoteTerms = prepareTermsOf(db, quoteSearch);

  /** Pages of quotes in reading order, each row made an item by `read`. */
  const listOf = <T>(stored: boolean, read: (rows: Row[]) => T[]) =>
    keysetList(QUOTE_KEY, (filters: QuoteFilters, request) => {
      const b = new Bindings();
      if (stored) b.flag('stored');
      const where: SQL[] = [];
      if (filters.speaker?.length) where.push(b.anyOf(quotes.speakerId, 'speaker', filters.speaker));
      if (filters.source) where.push(eq(quotes.sourceId, b.bind('source', filters.source)));
      if (filters.event) where.push(eq(quotes.eventId, b.bind('event', filters.event)));
      if (filters.kind) where.push(eq(quotes.kind, b.bind('kind', filters.kind)));
      if (filters.subject) where.push(eq(quotes.subjectId, b.bind('subject', filters.subject)));
      let query: { all(values: Record<string, unknown>): Row[] };
      if (filters.q === undefined) {
        const page = keyset(QUOTE_KEY.columns, request, b);
        query = lists.get(
          b.shape,
          () => page.of(base(stored), ...where).prepare() as unknown as typeof query,
        );
      } else {
        // Input without a single word ("*", "--") matches nothing rather than everything.
        const match = toFtsQuery(filters.q, quoteTerms);
        if (match === undefined) return EMPTY_PAGE;
        where.push(matches(quoteSearch, b.bind('match', match)));
        const page = keyset([quoteSearchRows.rowid], request, b, resumeSearch);
        query = lists.get(
          b.shape,
          () => page.of(searched(stored), ...where).prepare() as unknown as typeof query,
        );
      }
      return toPage(query.all(b.values), request.limit, QUOTE_KEY, read);
    });

  return {
    /** Quotes in reading order: by source, then position in the text. */
    list: listOf(false, (rows) => rows.map((r) => toQuote(r.body))),

    /** The same pages, each item its JSON as stored by the seed (features/quotes/prepared.ts). */
    listJson: listOf(true, (rows) => rows.map((r) => r.body)),

    listByEvent(event: string): Quote[] {
      return ofEvent.all({ event }).map((r) => toQuote(r.body));
    },
    /** The same quotes, each its JSON as stored by the seed. */
    listByEventJson(event: string): string[] {
      return storedOfEvent.all({ event }).map((r) => r.body);
    },
    findById(id: string): Quote | undefined {
      const row = byId.get({ id });
      return row ? toQuote(row.body) : undefined;
    },
  };
}

export type QuoteRepository = ReturnType<typeof createQuoteRepository>;
