import { asc, eq, type SQL, sql } from 'drizzle-orm';
import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';
import { QUOTE } from '../../db/documents.js';
import { matches, quoteSearch, toFtsQuery } from '../../db/fts.js';
import { EMPTY_PAGE, keyset, keysetList, listKey, type Resume, toPage } from '../../db/keyset.js';
import type { Db } from '../../db/open.js';
import { quoteDocuments, quotes } from '../../db/schema.js';
import { Bindings, ShapeCache } from '../../db/shapes.js';
import type { Quote, QuoteFilters } from './schema.js';

/** The quote search index in a FROM clause: its rowid is the quote's reading rank (db/fts.ts). */
const quoteSearchRows = sqliteTable(quoteSearch.name, { rowid: integer('rowid').notNull() });

interface Row {
  sourceId: string;
  ordinal: number;
  document: string;
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

function toQuote(document: string): Quote {
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
  // The reading-order key, for cursors, and the quote's document.
  const fields = { sourceId: quotes.sourceId, ordinal: quotes.ordinal, document: quoteDocuments.document };
  const base = () =>
    db
      .select(fields)
      .from(quotes)
      .innerJoin(quoteDocuments, eq(quoteDocuments.readingRank, quotes.readingRank));
  /** A search: the matches, read from the search index in reading order. */
  const searched = () =>
    db
      .select(fields)
      .from(quoteSearchRows)
      .innerJoin(quotes, eq(quotes.readingRank, quoteSearchRows.rowid))
      .innerJoin(quoteDocuments, eq(quoteDocuments.readingRank, quoteSearchRows.rowid));

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
    list: keysetList(QUOTE_KEY, (filters: QuoteFilters, request) => {
      const b = new Bindings();
      const where: SQL[] = [];
      if (filters.speaker?.length) where.push(b.anyOf(quotes.speakerId, 'speaker', filters.speaker));
      if (filters.source) where.push(eq(quotes.sourceId, b.bind('source', filters.source)));
      if (filters.event) where.push(eq(quotes.eventId, b.bind('event', filters.event)));
      if (filters.kind) where.push(eq(quotes.kind, b.bind('kind', filters.kind)));
      if (filters.subject) where.push(eq(quotes.subjectId, b.bind('subject', filters.subject)));
      let rows: Row[];
      if (filters.q === undefined) {
        const page = keyset(QUOTE_KEY.columns, request, b);
        const query = lists.get(b.shape, () => page.of(base().$dynamic(), ...where).prepare());
        rows = query.all(b.values);
      } else {
        // Input without a single word ("*", "--") matches nothing rather than everything.
        const match = toFtsQuery(filters.q);
        if (match === undefined) return EMPTY_PAGE;
        where.push(matches(quoteSearch, b.bind('match', match)));
        const page = keyset([quoteSearchRows.rowid], request, b, resumeSearch);
        const query = lists.get(b.shape, () => page.of(searched().$dynamic(), ...where).prepare());
        rows = query.all(b.values);
      }
      return toPage(rows, request.limit, QUOTE_KEY, (page) => page.map((r) => toQuote(r.document)));
    }),

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
