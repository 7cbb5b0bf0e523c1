import { gt, sql } from 'drizzle-orm';
import { RENDER_BATCH, renderItems } from '../../db/items.js';
import type { Db } from '../../db/open.js';
import { actors } from '../../db/schema.js';
import { createActorRepository } from './repository.js';
import { ActorProfileSchema } from './schema.js';

/**
 * Renders every actor's profile into `actor_profiles` (db/items.ts), through the same code the API
 * used per request; returns how many. Run inside the seed's transaction, after the counts the
 * profiles read are derived.
 */
export function renderActorProfiles(db: Db): number {
  const batch = db
    .select({ rowid: sql<number>`${actors}.rowid`, id: actors.id })
    .from(actors)
    .where(gt(sql`${actors}.rowid`, sql.placeholder('after')))
    .orderBy(sql`${actors}.rowid`)
    .limit(RENDER_BATCH)
    .prepare();
  const repository = createActorRepository(db);
  const insert = db.$client.prepare('INSERT INTO actor_profiles (actor_rowid, json) VALUES (?, ?)');
  return renderItems({
    what: 'actor',
    schemaName: 'ActorProfile',
    schema: ActorProfileSchema,
    batch: (after) => batch.all({ after }),
    keyOf: (row) => row.rowid,
    toItems: (rows) => rows.map((row) => repository.findProfile(row.id)),
    store: (rowid, json) => insert.run(rowid, json),
  });
}
