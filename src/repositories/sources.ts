import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { sources } from '../db/schema.js';
import type { Source } from '../schemas/sources.js';
import { keysetAfter, keysetOrderBy, type Page, type PageRequest, toPage } from './keyset.js';

type SourceRow = Omit<typeof sources.$inferSelect, 'body'>;

const columns = {
  id: sources.id,
  title: sources.title,
  outlet: sources.outlet,
  authors: sources.authors,
  published: sources.published,
  timezone: sources.timezone,
  dateline: sources.dateline,
  language: sources.language,
  url: sources.url,
  textFile: sources.textFile,
  // SQLite's length() counts the characters (code points) of TEXT, the unit of spans. The
  // subqueries name their tables explicitly: drizzle leaves columns unqualified, and an unqualified
  // "id" inside them would bind to the inner table instead of sources.
  characters: sql<number>`length(${sources.body})`,
  events: sql<number>`(SELECT count(DISTINCT ee.event_id) FROM event_evidence ee WHERE ee.source_id = sources.id)`,
  actors: sql<number>`(SELECT count(DISTINCT aa.actor_id) FROM actor_aliases aa WHERE aa.source_id = sources.id)`,
  claims: sql<number>`(SELECT count(*) FROM claims c WHERE c.source_id = sources.id)`,
  quotes: sql<number>`(SELECT count(*) FROM quotes q WHERE q.source_id = sources.id)`,
};

type Row = SourceRow & { characters: number; events: number; actors: number; claims: number; quotes: number };

const toSource = (r: Row): Source => ({
  id: r.id,
  title: r.title,
  outlet: r.outlet,
  authors: r.authors,
  published: r.published,
  timezone: r.timezone,
  dateline: r.dateline,
  language: r.language,
  url: r.url,
  counts: {
    events: r.events,
    actors: r.actors,
    claims: r.claims,
    quotes: r.quotes,
    characters: r.characters,
  },
});

export const SOURCE_CURSOR_SHAPE = ['string'] as const;
const SOURCE_KEY = [sources.id];

export function createSourceRepository(db: Db) {
  return {
    list(request: PageRequest): Page<Source> {
      const rows = db
        .select(columns)
        .from(sources)
        .where(keysetAfter(SOURCE_KEY, request))
        .orderBy(...keysetOrderBy(SOURCE_KEY, request.order))
        .limit(request.limit + 1)
        .all();
      return toPage(
        rows,
        request.limit,
        (r) => [r.id],
        (page) => page.map(toSource),
      );
    },
    findById(id: string): Source | undefined {
      const row = db.select(columns).from(sources).where(eq(sources.id, id)).get();
      return row ? toSource(row) : undefined;
    },
    text(id: string): string | undefined {
      return db.select({ body: sources.body }).from(sources).where(eq(sources.id, id)).get()?.body;
    },
  };
}

export type SourceRepository = ReturnType<typeof createSourceRepository>;
