import { and, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { actors, eventEvidence, eventParticipants, events } from '../db/schema.js';
import { toFtsQuery } from '../domain/search.js';
import type { Event, EventDetail } from '../schemas/events.js';
import type { ClaimRepository } from './claims.js';
import { keysetAfter, keysetOrderBy, type Page, type PageRequest, toPage } from './keyset.js';
import type { QuoteRepository } from './quotes.js';

export interface TimelineFilters {
  /** Inclusive first day, already resolved from YYYY / YYYY-MM / YYYY-MM-DD. */
  from?: string | undefined;
  to?: string | undefined;
  dateMatch: 'overlap' | 'within';
  actors?: string[] | undefined;
  actorMatch: 'any' | 'all';
  types?: string[] | undefined;
  sources?: string[] | undefined;
  status?: string | undefined;
  /** Full-text search in title, summary and evidence; input is plain words (see domain/search). */
  q?: string | undefined;
  /** For an actor's own timeline: the actor must take part, whatever `actors` says. */
  requiredActor?: string | undefined;
}

/** The keyset of the timeline: start, then end, then id (SPEC §3). */
export const TIMELINE_CURSOR_SHAPE = ['string', 'string', 'string'] as const;
const TIMELINE_KEY = [events.start, events.end, events.id];

type EventRow = typeof events.$inferSelect;

export function timelineConditions(f: TimelineFilters): SQL[] {
  const where: SQL[] = [];
  if (f.dateMatch === 'within') {
    if (f.from) where.push(gte(events.start, f.from));
    if (f.to) where.push(lte(events.end, f.to));
  } else {
    if (f.from) where.push(gte(events.end, f.from));
    if (f.to) where.push(lte(events.start, f.to));
  }
  if (f.types?.length) where.push(inArray(events.type, f.types));
  if (f.status) where.push(eq(events.status, f.status));
  if (f.sources?.length)
    where.push(
      inArray(
        events.id,
        sql`(SELECT ${eventEvidence.eventId} FROM ${eventEvidence} WHERE ${inArray(eventEvidence.sourceId, f.sources)})`,
      ),
    );
  const takesPart = (actorIds: string[]) =>
    sql`(SELECT ${eventParticipants.eventId} FROM ${eventParticipants} WHERE ${inArray(eventParticipants.actorId, actorIds)})`;
  if (f.actors?.length) {
    if (f.actorMatch === 'all')
      for (const a of new Set(f.actors)) where.push(inArray(events.id, takesPart([a])));
    else where.push(inArray(events.id, takesPart(f.actors)));
  }
  if (f.requiredActor) where.push(inArray(events.id, takesPart([f.requiredActor])));
  if (f.q !== undefined) {
    const match = toFtsQuery(f.q);
    // Input without a single word ("*", "--") can match nothing rather than everything.
    where.push(
      match === undefined
        ? sql`0`
        : inArray(events.id, sql`(SELECT event_id FROM event_search WHERE event_search MATCH ${match})`),
    );
  }
  return where;
}

export function createEventRepository(db: Db, claims: ClaimRepository, quotes: QuoteRepository) {
  function hydrate(rows: EventRow[]): Event[] {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const participants = db
      .select({
        eventId: eventParticipants.eventId,
        role: eventParticipants.role,
        id: actors.id,
        name: actors.name,
        kind: actors.kind,
      })
      .from(eventParticipants)
      .innerJoin(actors, eq(actors.id, eventParticipants.actorId))
      .where(inArray(eventParticipants.eventId, ids))
      .orderBy(eventParticipants.eventId, eventParticipants.role, actors.id)
      .all();
    const evidence = db
      .select()
      .from(eventEvidence)
      .where(inArray(eventEvidence.eventId, ids))
      .orderBy(eventEvidence.eventId, eventEvidence.sourceId, eventEvidence.start)
      .all();
    return rows.map((r) => {
      const bySource = new Map<string, Event['sources'][number]>();
      for (const e of evidence) {
        if (e.eventId !== r.id) continue;
        let entry = bySource.get(e.sourceId);
        if (!entry) {
          entry = { source: e.sourceId, evidence: [] };
          bySource.set(e.sourceId, entry);
        }
        entry.evidence.push({ source: e.sourceId, start: e.start, end: e.end, text: e.text });
      }
      return {
        id: r.id,
        title: r.title,
        summary: r.summary,
        type: r.type as Event['type'],
        date: {
          start: r.start,
          end: r.end,
          precision: r.precision as Event['date']['precision'],
          edtf: r.edtf,
          approximate: r.approximate,
          phrase: r.phrase,
          source: r.dateSourceId,
        },
        location: r.location,
        status: r.status as Event['status'],
        participants: participants
          .filter((p) => p.eventId === r.id)
          .map((p) => ({
            actor: { id: p.id, name: p.name, kind: p.kind },
            role: p.role as Event['participants'][number]['role'],
          })),
        sources: [...bySource.values()],
      };
    });
  }

  return {
    list(filters: TimelineFilters, request: PageRequest): Page<Event> {
      const rows = db
        .select()
        .from(events)
        .where(and(...timelineConditions(filters), keysetAfter(TIMELINE_KEY, request)))
        .orderBy(...keysetOrderBy(TIMELINE_KEY, request.order))
        .limit(request.limit + 1)
        .all();
      return toPage(rows, request.limit, (r) => [r.start, r.end, r.id], hydrate);
    },

    findById(id: string): EventDetail | undefined {
      const row = db.select().from(events).where(eq(events.id, id)).get();
      if (!row) return undefined;
      const [event] = hydrate([row]);
      if (!event) return undefined;
      const eventClaims = claims.listByEvent(id);
      const disputes = new Map<string, EventDetail['disputes'][number]>();
      for (const c of eventClaims) {
        if (c.status !== 'contested') continue;
        const key = JSON.stringify([c.property, c.about]);
        const dispute = disputes.get(key) ?? { property: c.property, about: c.about, claims: [] };
        dispute.claims.push(c);
        disputes.set(key, dispute);
      }
      return {
        ...event,
        claims: eventClaims,
        disputes: [...disputes.values()],
        quotes: quotes.listByEvent(id),
      };
    },

    exists(id: string): boolean {
      return (
        db
          .select({ one: sql`1` })
          .from(events)
          .where(eq(events.id, id))
          .get() !== undefined
      );
    },
  };
}

export type EventRepository = ReturnType<typeof createEventRepository>;
