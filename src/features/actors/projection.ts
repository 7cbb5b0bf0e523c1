import { asc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/open.js';
import {
  actorAliases,
  actorEventCounts,
  actorQuoteCounts,
  actorRelations,
  actorRoles,
  type actors,
  sources,
} from '../../db/schema.js';
import { jsonList } from '../../db/shapes.js';
import { groupBy } from '../../domain/group-by.js';
import type { Actor, ActorProfile } from './item.js';
import { prepareActorRefs } from './refs.js';

export type ActorRow = typeof actors.$inferSelect;

/** Actors from their rows, in order, each with its aliases: what the actor list serves. */
export function prepareActors(db: Db): (rows: ActorRow[]) => Actor[] {
  const aliasesOf = db
    .selectDistinct({ actorId: actorAliases.actorId, alias: actorAliases.alias })
    .from(actorAliases)
    .where(inArray(actorAliases.actorId, jsonList(sql.placeholder('ids'))))
    .orderBy(asc(actorAliases.actorId), asc(actorAliases.alias))
    .prepare();
  return (rows) => {
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
  };
}

/**
 * An actor's profile, which the seed alone builds (src/seed/items.ts); the API serves the JSON it
 * stored. What a profile adds to the actor: roles and relations with their evidence, counts of
 * events (by type) and quotes, and the dates of the first and last events. The counts come from
 * tables derived at seed time, so a profile costs the same for an actor in three events as for one
 * in a hundred thousand.
 */
export function prepareProfiles(db: Db): (actor: Actor) => ActorProfile {
  const refs = prepareActorRefs(db);
  const { rolesOf, relationsOf, spanText, countsOf, mentionsOf, quoteCountOf } = prepareProfileReads(db);

  /** The evidence of a role or relation: its span with the words it covers. */
  const evidence = (r: { sourceId: string; start: number; end: number }) => ({
    source: r.sourceId,
    start: r.start,
    end: r.end,
    text: spanText.get({ source: r.sourceId, start: r.start, length: r.end - r.start })?.text ?? '',
  });

  return profileOf;

  function profileOf(actor: Actor): ActorProfile {
    const roles = rolesOf.all({ id: actor.id });
    const relations = relationsOf.all({ id: actor.id });
    const others = refs([
      ...roles.flatMap((r) => (r.ofActorId ? [r.ofActorId] : [])),
      ...relations.map((r) => (r.subjectId === actor.id ? r.objectId : r.subjectId)),
    ]);
    const byType = countsOf.all({ id: actor.id });
    return {
      ...actor,
      roles: roles.map((r) => ({
        title: r.title,
        of: r.ofActorId ? (others.get(r.ofActorId) ?? null) : null,
        evidence: evidence(r),
      })),
      relations: relations.flatMap((r) => {
        const outgoing = r.subjectId === actor.id;
        const other = others.get(outgoing ? r.objectId : r.subjectId);
        if (!other) return [];
        const direction = outgoing ? ('outgoing' as const) : ('incoming' as const);
        return [{ type: r.type, direction, actor: other, evidence: evidence(r) }];
      }),
      counts: {
        events: byType.reduce((sum, t) => sum + t.n, 0),
        quotes: quoteCountOf.get({ id: actor.id })?.n ?? 0,
        events_by_type: Object.fromEntries(byType.map((t) => [t.type, t.n])),
      },
      mentions: mentions(mentionsOf.all({ id: actor.id })),
      first_event_date: byType.reduce<string | null>(
        (m, r) => (m === null || r.first < m ? r.first : m),
        null,
      ),
      last_event_date: byType.reduce<string | null>((m, r) => (m === null || r.last > m ? r.last : m), null),
    };
  }
}

/** A profile's fixed queries, prepared once. */
function prepareProfileReads(db: Db) {
  const id = sql.placeholder('id');
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
  const mentionsOf = db
    .select({
      source: actorAliases.sourceId,
      name: actorAliases.alias,
      start: actorAliases.start,
      end: actorAliases.end,
    })
    .from(actorAliases)
    .where(eq(actorAliases.actorId, id))
    .orderBy(asc(actorAliases.sourceId), asc(actorAliases.start))
    .prepare();
  const quoteCountOf = db
    .select({ n: actorQuoteCounts.quotes })
    .from(actorQuoteCounts)
    .where(eq(actorQuoteCounts.actorId, id))
    .prepare();

  return { rolesOf, relationsOf, spanText, countsOf, mentionsOf, quoteCountOf };
}

/**
 * How each source names the actor: its names in the order they first appear, each with how many
 * times it does and where (every occurrence the annotation gives, as evidence).
 */
function mentions(
  rows: { source: string; name: string; start: number; end: number }[],
): ActorProfile['mentions'] {
  return [...groupBy(rows, (r) => r.source)].map(([source, inSource]) => ({
    source,
    names: [...groupBy(inSource, (r) => r.name)].map(([name, at]) => ({
      name,
      count: at.length,
      evidence: at.map(({ start, end }) => ({ source, start, end, text: name })),
    })),
  }));
}
