import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { actors, claims } from '../db/schema.js';
import { judgeClaims } from '../domain/claim-status.js';
import type { Claim } from '../schemas/claims.js';

import { keysetAfter, keysetOrderBy, type Page, type PageRequest, toPage } from './keyset.js';

type ClaimRow = typeof claims.$inferSelect;

export interface ClaimFilters {
  event?: string | undefined;
  source?: string | undefined;
  property?: string | undefined;
  status?: string | undefined;
}

export const CLAIM_CURSOR_SHAPE = ['string'] as const;
const CLAIM_KEY = [claims.id];

export function createClaimRepository(db: Db) {
  /** The actors claims are attributed to, in one query for a whole page. */
  const actorRefs = (ids: (string | null)[]) => {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map<string, { id: string; name: string; kind: string }>();
    const rows = db
      .select({ id: actors.id, name: actors.name, kind: actors.kind })
      .from(actors)
      .where(inArray(actors.id, wanted))
      .all();
    return new Map(rows.map((a) => [a.id, a]));
  };

  /** Rivals and supporters come from the same pure judgement the seed used for the status. */
  function toClaims(rows: ClaimRow[]): Claim[] {
    if (rows.length === 0) return [];
    const eventIds = [...new Set(rows.map((r) => r.eventId))];
    const related = db.select().from(claims).where(inArray(claims.eventId, eventIds)).all();
    const verdicts = judgeClaims(related);
    const attributed = actorRefs(rows.map((r) => r.attributedActorId));
    return rows.map((r) => {
      const verdict = verdicts.get(r.id);
      const value = r.property === 'date' ? { ...(r.value as object), source: r.sourceId } : r.value;
      return {
        id: r.id,
        event: r.eventId,
        source: r.sourceId,
        property: r.property,
        about: r.about,
        value: value as Claim['value'],
        attributed_to:
          r.attributedActorId === null && r.attributedDescription === null
            ? null
            : {
                actor: (r.attributedActorId && attributed.get(r.attributedActorId)) || null,
                description: r.attributedDescription,
              },
        evidence: { source: r.sourceId, start: r.start, end: r.end, text: r.text },
        status: r.status as Claim['status'],
        rivals: verdict?.rivals ?? [],
        supporters: verdict?.supporters ?? [],
      };
    });
  }

  return {
    list(filters: ClaimFilters, request: PageRequest): Page<Claim> {
      const where: SQL[] = [];
      if (filters.event) where.push(eq(claims.eventId, filters.event));
      if (filters.source) where.push(eq(claims.sourceId, filters.source));
      if (filters.property) where.push(eq(claims.property, filters.property));
      if (filters.status) where.push(eq(claims.status, filters.status));
      const rows = db
        .select()
        .from(claims)
        .where(and(...where, keysetAfter(CLAIM_KEY, request)))
        .orderBy(...keysetOrderBy(CLAIM_KEY, request.order))
        .limit(request.limit + 1)
        .all();
      return toPage(rows, request.limit, (r) => [r.id], toClaims);
    },

    listByEvent(eventId: string): Claim[] {
      return toClaims(
        db
          .select()
          .from(claims)
          .where(eq(claims.eventId, eventId))
          .orderBy(asc(claims.property), asc(claims.about), asc(claims.sourceId))
          .all(),
      );
    },
    findById(id: string): Claim | undefined {
      return toClaims(db.select().from(claims).where(eq(claims.id, id)).all())[0];
    },
    toClaims,
  };
}

export type ClaimRepository = ReturnType<typeof createClaimRepository>;
