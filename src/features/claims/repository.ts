import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { keyset, keysetList, listKey, toPage } from '../../db/keyset.js';
import type { Db } from '../../db/open.js';
import { claims } from '../../db/schema.js';
import { Bindings, jsonList, ShapeCache } from '../../db/shapes.js';
import { type ClaimVerdict, judgeClaims } from '../../domain/comparison.js';
import { type ActorRef, prepareActorRefs } from '../actors/refs.js';
import type { Claim } from './item.js';
import type { ClaimFilters } from './schema.js';

type ClaimRow = typeof claims.$inferSelect;

/** Claims by id. */
const CLAIM_KEY = listKey<ClaimRow>([claims.id, (r) => r.id]);

/** The claims' fixed queries, prepared once. */
function prepareClaimReads(db: Db) {
  const ids = jsonList(sql.placeholder('ids'));
  const select = () => db.select().from(claims);
  return {
    ofEvents: select().where(inArray(claims.eventId, ids)).prepare(),
    ofEvent: select()
      .where(eq(claims.eventId, sql.placeholder('event')))
      .orderBy(asc(claims.property), asc(claims.about), asc(claims.sourceId))
      .prepare(),
    byId: select()
      .where(eq(claims.id, sql.placeholder('id')))
      .prepare(),
    ofEventsBySources: select()
      .where(
        and(inArray(claims.eventId, ids), inArray(claims.sourceId, jsonList(sql.placeholder('sources')))),
      )
      .orderBy(asc(claims.eventId), asc(claims.property), asc(claims.about), asc(claims.sourceId))
      .prepare(),
  };
}

/** A claim as the API shows it, with its verdict among the claims it was judged with. */
function toClaim(r: ClaimRow, verdict: ClaimVerdict | undefined, attributed: Map<string, ActorRef>): Claim {
  const value = r.property === 'date' ? { ...(r.value as object), source: r.sourceId } : r.value;
  return {
    id: r.id,
    event: r.eventId,
    source: r.sourceId,
    property: r.property,
    about: r.about,
    value: value as Claim['value'],
    approximate: r.approximate,
    attributed_to:
      r.attributedActorId === null && r.attributedDescription === null
        ? null
        : {
            actor: (r.attributedActorId && attributed.get(r.attributedActorId)) || null,
            description: r.attributedDescription,
          },
    evidence: { source: r.sourceId, start: r.start, end: r.end, text: r.text },
    status: verdict?.status ?? r.status,
    rivals: verdict?.rivals ?? [],
    supporters: verdict?.supporters ?? [],
    compatible_with: verdict?.compatibleWith ?? [],
    differs_from: verdict?.differsFrom ?? [],
  };
}

export function createClaimRepository(db: Db) {
  /** The actors claims are attributed to, in one query for a whole page. */
  const actorRefs = prepareActorRefs(db);
  const reads = prepareClaimReads(db);
  const lists = new ShapeCache<{ all(values: Record<string, unknown>): ClaimRow[] }>();

  /**
   * A claim's status, rivals, supporters … come from the same pure judgement the seed used, among
   * `related` (by default every claim about the same events: every source).
   */
  function toClaims(rows: ClaimRow[], related?: ClaimRow[]): Claim[] {
    if (rows.length === 0) return [];
    const eventIds = [...new Set(rows.map((r) => r.eventId))];
    const verdicts = judgeClaims(related ?? reads.ofEvents.all({ ids: JSON.stringify(eventIds) }));
    const attributed = actorRefs(rows.map((r) => r.attributedActorId));
    return rows.map((r) => toClaim(r, verdicts.get(r.id), attributed));
  }

  return {
    list: keysetList(CLAIM_KEY, (filters: ClaimFilters, request) => {
      const b = new Bindings();
      const where: SQL[] = [];
      if (filters.event) where.push(eq(claims.eventId, b.bind('event', filters.event)));
      if (filters.source) where.push(eq(claims.sourceId, b.bind('source', filters.source)));
      if (filters.property) where.push(eq(claims.property, b.bind('property', filters.property)));
      if (filters.status) where.push(eq(claims.status, b.bind('status', filters.status)));
      if (filters.attributed_to)
        where.push(eq(claims.attributedActorId, b.bind('attributedTo', filters.attributed_to)));
      const page = keyset(CLAIM_KEY.columns, request, b);
      const query = lists.get(b.shape, () =>
        page.of(db.select().from(claims).$dynamic(), ...where).prepare(),
      );
      return toPage(query.all(b.values), request.limit, CLAIM_KEY, toClaims);
    }),

    /**
     * The claims `sources` make about `events`, each judged among those sources alone: how they
     * stand beside each other, whatever other sources say.
     */
    amongSources(events: readonly string[], sources: readonly string[]): Claim[] {
      if (events.length === 0) return [];
      const rows = reads.ofEventsBySources.all({
        ids: JSON.stringify(events),
        sources: JSON.stringify(sources),
      });
      return toClaims(rows, rows);
    },

    /** An event's claims, by property, aspect and source: every claim about it, judged together. */
    listByEvent(event: string): Claim[] {
      const rows = reads.ofEvent.all({ event });
      // They are all the claims the judgement needs, so no second read; in id order, the order
      // `ofEvents` reads them in off claims_event, which orders each verdict's lists (rivals …).
      return toClaims(
        rows,
        [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      );
    },
    findById(id: string): Claim | undefined {
      const row = reads.byId.get({ id });
      return row ? toClaims([row])[0] : undefined;
    },
  };
}

export type ClaimRepository = ReturnType<typeof createClaimRepository>;
