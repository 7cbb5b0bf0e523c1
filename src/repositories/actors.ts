import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { actorAliases, actorEventCounts, actorRelations, actorRoles, actors, quotes } from '../db/schema.js';
import { toFtsQuery } from '../domain/search.js';
import type { Actor, ActorProfile } from '../schemas/actors.js';
import { keysetAfter, keysetOrderBy, type Page, type PageRequest, toPage } from './keyset.js';

type ActorRow = typeof actors.$inferSelect;

export interface ActorFilters {
  q?: string | undefined;
  kind?: string | undefined;
}

export const ACTOR_CURSOR_SHAPE = ['string'] as const;
const ACTOR_KEY = [actors.id];

export function createActorRepository(db: Db) {
  const refs = (ids: string[]) =>
    new Map(
      db
        .select({ id: actors.id, name: actors.name, kind: actors.kind })
        .from(actors)
        .where(inArray(actors.id, ids.length ? ids : ['']))
        .all()
        .map((a) => [a.id, a]),
    );

  function toActors(rows: ActorRow[]): Actor[] {
    if (rows.length === 0) return [];
    const aliasRows = db
      .selectDistinct({ actorId: actorAliases.actorId, alias: actorAliases.alias })
      .from(actorAliases)
      .where(
        inArray(
          actorAliases.actorId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(actorAliases.actorId), asc(actorAliases.alias))
      .all();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind as Actor['kind'],
      aliases: aliasRows.filter((a) => a.actorId === r.id).map((a) => a.alias),
      description: r.description,
      wikidata: r.wikidata,
    }));
  }

  return {
    /** Undefined `items` means the search had no words to look for. */
    list(filters: ActorFilters, request: PageRequest): Page<Actor> {
      const where: (SQL | undefined)[] = [];
      if (filters.kind) where.push(eq(actors.kind, filters.kind));
      if (filters.q !== undefined) {
        const match = toFtsQuery(filters.q);
        if (match === undefined) return { items: [], nextKey: undefined };
        where.push(
          sql`${actors}.rowid IN (SELECT rowid FROM actor_search WHERE actor_search MATCH ${match})`,
        );
      }
      const rows = db
        .select()
        .from(actors)
        .where(and(...where, keysetAfter(ACTOR_KEY, request)))
        .orderBy(...keysetOrderBy(ACTOR_KEY, request.order))
        .limit(request.limit + 1)
        .all();
      return toPage(rows, request.limit, (r) => [r.id], toActors);
    },

    exists(id: string): boolean {
      return db.select({ id: actors.id }).from(actors).where(eq(actors.id, id)).get() !== undefined;
    },

    findProfile(id: string): ActorProfile | undefined {
      const row = db.select().from(actors).where(eq(actors.id, id)).get();
      if (!row) return undefined;
      const [actor] = toActors([row]);
      if (!actor) return undefined;
      const roles = db
        .select()
        .from(actorRoles)
        .where(eq(actorRoles.actorId, id))
        .orderBy(asc(actorRoles.id))
        .all();
      const relations = db
        .select()
        .from(actorRelations)
        .where(or(eq(actorRelations.subjectId, id), eq(actorRelations.objectId, id)))
        .orderBy(asc(actorRelations.id))
        .all();
      const others = refs([
        ...roles.flatMap((r) => (r.ofActorId ? [r.ofActorId] : [])),
        ...relations.map((r) => (r.subjectId === id ? r.objectId : r.subjectId)),
      ]);
      const spanOf = (r: { sourceId: string; start: number; end: number }) => ({
        source: r.sourceId,
        start: r.start,
        end: r.end,
      });
      const text = (sourceId: string, start: number, end: number) =>
        db.get<{ t: string }>(
          sql`SELECT substr(body, ${start + 1}, ${end - start}) AS t FROM sources WHERE id = ${sourceId}`,
        )?.t ?? '';
      // Precomputed at seed time (actor_event_counts): constant cost however busy the actor.
      const byType = db
        .select({
          type: actorEventCounts.type,
          n: actorEventCounts.events,
          first: actorEventCounts.firstStart,
          last: actorEventCounts.lastEnd,
        })
        .from(actorEventCounts)
        .where(eq(actorEventCounts.actorId, id))
        .all();
      const range = {
        first: byType.reduce<string | null>((m, r) => (m === null || r.first < m ? r.first : m), null),
        last: byType.reduce<string | null>((m, r) => (m === null || r.last > m ? r.last : m), null),
      };
      const quoteCount =
        db
          .select({ n: sql<number>`count(*)` })
          .from(quotes)
          .where(eq(quotes.speakerId, id))
          .get()?.n ?? 0;
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
              type: r.type as ActorProfile['relations'][number]['type'],
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
