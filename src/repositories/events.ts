import { and, eq, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/open.js';
import { actors, actorTimeline, eventEvidence, eventParticipants, events } from '../db/schema.js';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { shiftDay } from '../domain/dates.js';
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
const ACTOR_TIMELINE_KEY = [actorTimeline.start, actorTimeline.end, actorTimeline.eventId];

type EventRow = typeof events.$inferSelect;

/** The columns a timeline is sorted and date-filtered on: the events table's, or actor_timeline's. */
interface TimelineColumns {
  start: SQLiteColumn;
  end: SQLiteColumn;
  id: SQLiteColumn;
}

const EVENT_COLUMNS: TimelineColumns = { start: events.start, end: events.end, id: events.id };
const ACTOR_TIMELINE_COLUMNS: TimelineColumns = {
  start: actorTimeline.start,
  end: actorTimeline.end,
  id: actorTimeline.eventId,
};

/**
 * The one actor whose own timeline can drive the query, if any: the actor of /actors/{id}/events,
 * or a lone `actor` filter. Reading actor_timeline in order then costs O(page) however many events
 * the actor has, where filtering the whole timeline by participation would not.
 */
function anchorActor(f: TimelineFilters): string | undefined {
  if (f.requiredActor) return f.requiredActor;
  const distinct = new Set(f.actors ?? []);
  if (distinct.size === 1 || (f.actorMatch === 'all' && distinct.size > 0)) return [...distinct][0];
  return undefined;
}

/**
 * The WHERE terms of a timeline. `maxEventDays` (the longest event of the dataset) bounds how far
 * before `from` an overlapping event can start, which turns "ends after `from`" into an index range
 * on `start` instead of a scan from the beginning of time.
 */
export function timelineConditions(
  f: TimelineFilters,
  c: TimelineColumns = EVENT_COLUMNS,
  anchor?: string,
  maxEventDays?: number,
): SQL[] {
  const where: SQL[] = [];
  if (f.dateMatch === 'within') {
    if (f.from) where.push(gte(c.start, f.from));
    if (f.to) where.push(lte(c.end, f.to));
  } else {
    if (f.from) {
      where.push(gte(c.end, f.from));
      if (maxEventDays !== undefined) where.push(gte(c.start, shiftDay(f.from, -maxEventDays)));
    }
    if (f.to) where.push(lte(c.start, f.to));
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
  // The anchor actor is the query's driving table already; the others are checked per row.
  const takesPart = (actorIds: string[]) =>
    sql`exists (SELECT 1 FROM ${eventParticipants} WHERE ${eventParticipants.eventId} = ${events.id} AND ${inArray(eventParticipants.actorId, actorIds)})`;
  const others = (ids: string[]) => [...new Set(ids)].filter((id) => id !== anchor);
  if (f.actors?.length) {
    if (f.actorMatch === 'all') for (const a of others(f.actors)) where.push(takesPart([a]));
    // Any of several: the set of their events, which the planner may drive from or probe.
    else if (!anchor || f.requiredActor)
      where.push(
        inArray(
          events.id,
          sql`(SELECT ${actorTimeline.eventId} FROM ${actorTimeline} WHERE ${inArray(actorTimeline.actorId, f.actors)})`,
        ),
      );
  }
  if (f.requiredActor && f.requiredActor !== anchor) where.push(takesPart([f.requiredActor]));
  if (f.q !== undefined) {
    const match = toFtsQuery(f.q);
    // Input without a single word ("*", "--") can match nothing rather than everything.
    where.push(
      match === undefined
        ? sql`0`
        : sql`${events}.rowid IN (SELECT rowid FROM event_search WHERE event_search MATCH ${match})`,
    );
  }
  return where;
}

export function createEventRepository(db: Db, claims: ClaimRepository, quotes: QuoteRepository) {
  const maxDays = db.$client.prepare("SELECT value FROM meta WHERE key = 'max_event_days'").pluck().get();
  const maxEventDays = maxDays === undefined ? undefined : Number(maxDays);

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
      const anchor = anchorActor(filters);
      const rows = anchor
        ? db
            .select({ event: events })
            .from(actorTimeline)
            .innerJoin(events, eq(events.id, actorTimeline.eventId))
            .where(
              and(
                eq(actorTimeline.actorId, anchor),
                ...timelineConditions(filters, ACTOR_TIMELINE_COLUMNS, anchor, maxEventDays),
                keysetAfter(ACTOR_TIMELINE_KEY, request),
              ),
            )
            .orderBy(...keysetOrderBy(ACTOR_TIMELINE_KEY, request.order))
            .limit(request.limit + 1)
            .all()
            .map((r) => r.event)
        : db
            .select()
            .from(events)
            .where(
              and(
                ...timelineConditions(filters, EVENT_COLUMNS, undefined, maxEventDays),
                keysetAfter(TIMELINE_KEY, request),
              ),
            )
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
