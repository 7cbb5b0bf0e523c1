import { asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { actorSearch, rowidMatches, toFtsQuery } from '../../db/fts.js';
import { EMPTY_PAGE, keyset, keysetList, listKey, toPage } from '../../db/keyset.js';
import type { Db } from '../../db/open.js';
import { actorAliases, actorProfiles, actors } from '../../db/schema.js';
import { Bindings, jsonList, ShapeCache } from '../../db/shapes.js';
import { groupBy } from '../../domain/group-by.js';
import { prepareProfiles } from './profile.js';
import type { Actor, ActorFilters, ActorProfile } from './schema.js';

type ActorRow = typeof actors.$inferSelect;

/** Actors by id. */
const ACTOR_KEY = listKey<ActorRow>([actors.id, (r) => r.id]);

export function createActorRepository(db: Db) {
  const aliasesOf = db
    .selectDistinct({ actorId: actorAliases.actorId, alias: actorAliases.alias })
    .from(actorAliases)
    .where(inArray(actorAliases.actorId, jsonList(sql.placeholder('ids'))))
    .orderBy(asc(actorAliases.actorId), asc(actorAliases.alias))
    .prepare();
  const byId = db
    .select()
    .from(actors)
    .where(eq(actors.id, sql.placeholder('id')))
    .prepare();
  const profileOf = prepareProfiles(db);
  const storedProfile = db
    .select({ json: actorProfiles.json })
    .from(actors)
    .innerJoin(actorProfiles, eq(actorProfiles.actorRowid, sql`${actors}.rowid`))
    .where(eq(actors.id, sql.placeholder('id')))
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
      const [actor] = row ? toActors([row]) : [];
      return actor && profileOf(actor);
    },

    /** The profile as the seed stored it (features/actors/prepared.ts): the JSON `findProfile` gives. */
    findProfileJson(id: string): string | undefined {
      return storedProfile.get({ id })?.json;
    },
  };
}

export type ActorRepository = ReturnType<typeof createActorRepository>;
