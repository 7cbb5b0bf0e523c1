import { asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { actorSearch, rowidMatches, toFtsQuery } from '../../db/fts.js';
import { EMPTY_PAGE, keyset, keysetList, listKey, toPage } from '../../db/keyset.js';
import type { Db } from '../../db/open.js';
import {
  actorAliases,
  actorEventCounts,
  actorQuoteCounts,
  actorRelations,
  actorRoles,
  actors,
  sources,
} from '../../db/schema.js';
import { Bindings, jsonList, ShapeCache } from '../../db/shapes.js';
import { groupBy } from '../../domain/group-by.js';
import type { Actor, ActorFilters, ActorProfile } from './schema.js';

type ActorRow = typeof actors.$inferSelect;

/** Actors by id. */
const ACTOR_KEY = listKey<ActorRow>([actors.id, (r) => r.id]);

/**
 * References to actors ({ id, name, kind }) by id, for a whole page in one query: the roles and
 * relations of a profile, the actors claims are attributed to. Absent (null) ids are skipped.
 */
export function prepareActorRefs(db: Db) {
  const query = db
    .select({ id: actors.id, name: actors.name, kind: actors.kind })
    .from(actors)
    .where(inArray(actors.id, jsonList(sql.placeholder('ids'))))
    .prepare();
  return (ids: readonly (string | null)[]): Map<string, { id: string; name: string; kind: string }> => {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    return new Map(query.all({ ids: JSON.stringify(wanted) }).map((a) => [a.id, a]));
  };
}

export function createActorRepository(db: Db) {
  const id = sql.placeholder('id');
  const refs = prepareActorRefs(db);
  const aliasesOf = db
    .selectDistinct({ actorId: actorAliases.actorId, alias: actorAliases.alias })
    .from(actorAliases)
    .where(inArray(actorAliases.actorId, jsonList(sql.placeholder('ids'))))
    .orderBy(asc(actorAliases.actorId), asc(actorAliases.alias))
    .prepare();
  const byId = db.select().from(actors).where(eq(actors.id, id)).prepare();
  const rolesOf = db
    .select()
    .from(actorRoles)
    .where(eq(actorRoles.actorId, id))
    .orderBy(asc(actorRoles.id))
    .prepare();
  const relationsOf = db
    .select()
    .from(actorRelations)
    .where(or(eq(actorRelations.subjectId, id), eq(actorRelations.objectId, id)))
    .orderBy(asc(actorRelations.id))
    .prepare();
  const spanText = db
    .select({
      text: sql<string>`substr(${sources.body}, ${sql.placeholder('start')} + 1, ${sql.placeholder('length')})`,
    })
    .from(sources)
    .where(eq(sources.id, sql.placeholder('source')))
    .prepare();
  // Precomputed at seed time (actor_event_counts): constant cost however busy the actor.
  const countsOf = db
    .select({
      type: actorEventCounts.type,
      n: actorEventCounts.events,
      first: actorEventCounts.firstStart,
      last: actorEventCounts.lastEnd,
    })
    .from(actorEventCounts)
    .where(eq(actorEventCounts.actorId, id))
    .prepare();
  // Precomputed too (actor_quote_counts): counting the quotes of the busiest actor read 11,000 index
  // entries on 1M events.
  const quoteCountOf = db
    .select({ n: actorQuoteCounts.quotes })
    .from(actorQuoteCounts)
    .where(eq(actorQuoteCounts.actorId, id))
    .prepare();
  const lists = new ShapeCache<{ all(values: Record<string, unknown>): ActorRow[] }>();

  function toActors(rows: ActorRow[]): Actor[] {
    if (rows.length === 0) return [];
    const aliases = groupBy(aliasesOf.all({ ids: JSON.stringify(rows.map((r) => r.id)) }), (a) => a.actorId);
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      aliases: (aliases.get(r.id) ?? []).map((a) => a.alias),
      description: r.description,
      wikidata: r.wikidata,
    }));
  }

  return {
    /** A search without a single word to look for matches nothing. */
    list: keysetList(ACTOR_KEY, (filters: ActorFilters, request) => {
      const b = new Bindings();
      const where: SQL[] = [];
      if (filters.kind) where.push(eq(actors.kind, b.bind('kind', filters.kind)));
      if (filters.q !== undefined) {
        const match = toFtsQuery(filters.q);
        if (match === undefined) return EMPTY_PAGE;
        where.push(rowidMatches(actorSearch, sql`${actors}.rowid`, b.bind('match', match)));
      }
      const page = keyset(ACTOR_KEY.columns, request, b);
      const query = lists.get(b.shape, () =>
        page.of(db.select().from(actors).$dynamic(), ...where).prepare(),
      );
      return toPage(query.all(b.values), request.limit, ACTOR_KEY, toActors);
    }),

    exists(id: string): boolean {
      return byId.get({ id }) !== undefined;
    },

    findProfile(id: string): ActorProfile | undefined {
      const row = byId.get({ id });
      if (!row) return undefined;
      const [actor] = toActors([row]);
      if (!actor) return undefined;
      const roles = rolesOf.all({ id });
      const relations = relationsOf.all({ id });
      const others = refs([
        ...roles.flatMap((r) => (r.ofActorId ? [r.ofActorId] : [])),
        ...relations.map((r) => (r.subjectId === id ? r.objectId : r.subjectId)),
      ]);
      const spanOf = (r: { sourceId: string; start: number; end: number }) => ({
        source: r.sourceId,
        start: r.start,
        end: r.end,
      });
      const text = (source: string, start: number, end: number) =>
        spanText.get({ source, start, length: end - start })?.text ?? '';
      const byType = countsOf.all({ id });
      const range = {
        first: byType.reduce<string | null>((m, r) => (m === null || r.first < m ? r.first : m), null),
        last: byType.reduce<string | null>((m, r) => (m === null || r.last > m ? r.last : m), null),
      };
      const quoteCount = quoteCountOf.get({ id })?.n ?? 0;
      return {
        ...actor,
        roles: roles.map((r) => ({
          title: r.title,
          of: r.ofActorId ? (others.get(r.ofActorId) ?? null) : null,
          evidence: { ...spanOf(r), text: text(r.sourceId, r.start, r.end) },
        })),
        relations: relations.flatMap((r) => {
          const outgoing = r.subjectId === id;
          const other = others.get(outgoing ? r.objectId : r.subjectId);
          if (!other) return [];
          return [
            {
              type: r.type,
              direction: outgoing ? ('outgoing' as const) : ('incoming' as const),
              actor: other,
              evidence: { ...spanOf(r), text: text(r.sourceId, r.start, r.end) },
            },
          ];
        }),
        counts: {
          events: byType.reduce((sum, t) => sum + t.n, 0),
          quotes: quoteCount,
          events_by_type: Object.fromEntries(byType.map((t) => [t.type, t.n])),
        },
        first_event_date: range.first,
        last_event_date: range.last,
      };
    },
  };
}

export type ActorRepository = ReturnType<typeof createActorRepository>;
