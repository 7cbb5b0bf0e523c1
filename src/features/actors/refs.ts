import { inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/open.js';
import { actors } from '../../db/schema.js';
import { jsonList } from '../../db/shapes.js';
import type { ActorKind } from '../../domain/vocabulary.js';

export interface ActorRef {
  id: string;
  name: string;
  kind: ActorKind;
}

/**
 * References to actors ({ id, name, kind }) by id, for a whole page in one query: the roles and
 * relations of a profile, the actors claims are attributed to. Absent (null) ids are skipped.
 */
export function prepareActorRefs(db: Db): (ids: readonly (string | null)[]) => Map<string, ActorRef> {
  const query = db
    .select({ id: actors.id, name: actors.name, kind: actors.kind })
    .from(actors)
    .where(inArray(actors.id, jsonList(sql.placeholder('ids'))))
    .prepare();
  return (ids) => {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    return new Map(query.all({ ids: JSON.stringify(wanted) }).map((a) => [a.id, a]));
  };
}
