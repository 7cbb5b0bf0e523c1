import { eq, type SQL, sql } from 'drizzle-orm';
import { actorSearch, rowidMatches, toFtsQuery } from '../../db/fts.js';
import { EMPTY_PAGE, keyset, keysetList, listKey, toPage } from '../../db/keyset.js';
import type { Db } from '../../db/open.js';
import type { Stored } from '../../db/items.js';
import { actorProfiles, actors } from '../../db/schema.js';
import { Bindings, ShapeCache } from '../../db/shapes.js';
import { type ActorRow, prepareActors } from './projection.js';
import type { ActorProfile } from './item.js';
import type { ActorFilters } from './schema.js';

/** Actors by id. */
const ACTOR_KEY = listKey<ActorRow>([actors.id, (r) => r.id]);

export function createActorRepository(db: Db) {
  const toActors = prepareActors(db);
  const byId = db
    .select()
    .from(actors)
    .where(eq(actors.id, sql.placeholder('id')))
    .prepare();
  const storedProfile = db
    .select({ json: actorProfiles.json })
    .from(actors)
    .innerJoin(actorProfiles, eq(actorProfiles.actorRowid, sql`${actors}.rowid`))
    .where(eq(actors.id, sql.placeholder('id')))
    .prepare();
  const lists = new ShapeCache<{ all(values: Record<string, unknown>): ActorRow[] }>();

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

    /** An actor's profile, as the seed stored it. */
    findProfile(id: string): Stored<ActorProfile> | undefined {
      return storedProfile.get({ id })?.json;
    },
  };
}

export type ActorRepository = ReturnType<typeof createActorRepository>;
