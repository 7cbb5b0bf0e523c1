import { eq, sql } from 'drizzle-orm';
import { keyset, keysetList, listKey, toPage } from '../../db/keyset.js';
import type { Db } from '../../db/open.js';
import { sources } from '../../db/schema.js';
import { Bindings, ShapeCache } from '../../db/shapes.js';
import type { Source } from './item.js';

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

/** Sources by id. */
const SOURCE_KEY = listKey<Row>([sources.id, (r) => r.id]);

export function createSourceRepository(db: Db) {
  const id = sql.placeholder('id');
  const byId = db.select(columns).from(sources).where(eq(sources.id, id)).prepare();
  const textOf = db.select({ body: sources.body }).from(sources).where(eq(sources.id, id)).prepare();
  const lists = new ShapeCache<{ all(values: Record<string, unknown>): Row[] }>();
  return {
    /** Sources by id, all of them or those of `filters.id`. */
    list: keysetList(SOURCE_KEY, (filters: { id?: string[] | undefined }, request) => {
      const b = new Bindings();
      const only = filters.id?.length ? b.anyOf(sources.id, 'id', filters.id) : undefined;
      const page = keyset(SOURCE_KEY.columns, request, b);
      const query = lists.get(b.shape, () =>
        page.of(db.select(columns).from(sources).$dynamic(), only).prepare(),
      );
      return toPage(query.all(b.values), request.limit, SOURCE_KEY, (rows) => rows.map(toSource));
    }),
    findById(id: string): Source | undefined {
      const row = byId.get({ id });
      return row ? toSource(row) : undefined;
    },
    text(id: string): string | undefined {
      return textOf.get({ id })?.body;
    },
  };
}

export type SourceRepository = ReturnType<typeof createSourceRepository>;
