import { and, eq, gte, inArray, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { eventSearch, rowidMatches, toFtsQuery } from '../../db/fts.js';
import { listKey, type PageRequest } from '../../db/keyset.js';
import {
  actorTimeline,
  contestedDates,
  eventEvidence,
  eventParticipants,
  events,
  sources,
} from '../../db/schema.js';
import type { Bindings } from '../../db/shapes.js';
import { shiftDay } from '../../domain/dates.js';
import { DATE_PRECISIONS, type DatePrecision } from '../../domain/vocabulary.js';
import type { TimelineFilters } from './query.js';

/**
 * The timeline's order and filters as SQL (SPEC §3 and §4), shared by every query over a timeline.
 * Each term is described on a `Bindings` (db/shapes.ts), so a query is prepared once per shape.
 */

/** A timeline row: the event's sort key, whichever table the query is driven from. */
export interface TimelineKeyRow {
  start: string;
  end: string;
  id: string;
}

/** The timeline's order: start, then end, then id (SPEC §3). */
export const TIMELINE_KEY = listKey<TimelineKeyRow>(
  [events.start, (r) => r.start],
  [events.end, (r) => r.end],
  [events.id, (r) => r.id],
);

/**
 * The columns a timeline is sorted and filtered on: the events table's, or actor_timeline's, whose
 * rows can then be rejected before their event is looked up.
 */
export interface TimelineColumns {
  /** The sort key, in order: start, end, id. */
  key: readonly SQLiteColumn[];
  start: SQLiteColumn;
  end: SQLiteColumn;
  type: SQLiteColumn;
  /** The event's rowid, the key of its document and stored item, as this table holds it. */
  rowid: SQL<number>;
}

export const EVENT_COLUMNS: TimelineColumns = {
  key: TIMELINE_KEY.columns,
  start: events.start,
  end: events.end,
  type: events.type,
  rowid: sql<number>`${events}.rowid`,
};

export const ACTOR_TIMELINE_COLUMNS: TimelineColumns = {
  key: [actorTimeline.start, actorTimeline.end, actorTimeline.eventId],
  start: actorTimeline.start,
  end: actorTimeline.end,
  type: actorTimeline.type,
  rowid: sql<number>`${actorTimeline.eventRowid}`,
};

/**
 * The one actor whose own timeline can drive the query, if any: the actor of /actors/{id}/events,
 * or a lone `actor` filter. Reading actor_timeline in order then costs O(page) however many events
 * the actor has, where filtering the whole timeline by participation would not.
 */
export function anchorActor(f: TimelineFilters): string | undefined {
  if (f.requiredActor) return f.requiredActor;
  const distinct = new Set(f.actor ?? []);
  if (distinct.size === 1 || (f.actor_match === 'all' && distinct.size > 0)) return [...distinct][0];
  return undefined;
}

/**
 * The date terms of a timeline (SPEC §3). Every event that a date range can match overlaps it, so
 * the range is read as an overlap: "ends on or after `from`, starts on or before `to`", where
 * `maxEventDays` (the longest event of the dataset) bounds how far before `from` an overlapping event
 * can start, turning "ends after `from`" into an index range on `start`. `dateMatch` then keeps
 * what the query asks for (see `dateMatch`).
 */
export function dateConditions(
  f: TimelineFilters,
  b: Bindings,
  c: TimelineColumns,
  maxEventDays?: number,
): SQL[] {
  const where: SQL[] = [];
  if (f.from) {
    where.push(gte(c.end, b.bind('fromEnd', f.from)));
    if (maxEventDays !== undefined)
      where.push(gte(c.start, b.bind('fromLowerBound', shiftDay(f.from, -maxEventDays))));
  }
  if (f.to) where.push(lte(c.start, b.bind('toStart', f.to)));
  const match = dateMatch(f, b, c);
  return match ? [...where, match] : where;
}

/** An event whose sources' dates are contested (the condition events_contested_timeline holds). */
export const CONTESTED = sql`${events.dateStatus} = 'contested'`;

/** An event whose sources' dates agree (the condition events_agreed_timeline holds, word for word). */
export const AGREED = sql`${events.dateStatus} <> 'contested'`;

/**
 * An event matches a date range by any date a source gives it. Where the sources agree the event's
 * own date stands for all of them; where they are contested it spans them all, and each source's
 * date is checked on its own (a query between a Tuesday and a Thursday claim finds neither), from
 * the dates the seed derived into contested_dates (one covering index lookup per candidate). With
 * `date_match=within`, the date must lie inside the range; by default overlapping it is enough.
 */
export function dateMatch(f: TimelineFilters, b: Bindings, c: TimelineColumns): SQL | undefined {
  return dateMatches(f, b, c)?.any;
}

/**
 * The same test three ways, on the same placeholders: for any event (`any`, which reads its date
 * status), and for events already known to agree or to be contested (a range of
 * events_agreed_timeline or events_contested_timeline), where it needs no column outside the
 * index; `undefined` where every event of the kind matches.
 */
export function dateMatches(
  f: TimelineFilters,
  b: Bindings,
  c: TimelineColumns,
): { any?: SQL; agreed?: SQL; contested?: SQL } | undefined {
  if (!f.from && !f.to) return undefined;
  if (f.byOwnDate) {
    const own = ownDateMatch(f, b, c);
    return { any: own, agreed: own, contested: own };
  }
  const [from, to] = [f.from && b.bind('matchFrom', f.from), f.to && b.bind('matchTo', f.to)];
  const { start, end } = contestedDates;
  const within = f.date_match === 'within';
  b.flag(within ? 'within' : 'overlap');
  const bySource = and(
    from ? gte(within ? start : end, from) : undefined,
    to ? lte(within ? end : start, to) : undefined,
  );
  const anySource = sql`EXISTS (SELECT 1 FROM ${contestedDates} WHERE ${contestedDates.eventRowid} = ${events}.rowid AND ${bySource})`;
  if (!within) return { any: sql`(NOT ${CONTESTED} OR ${anySource})`, contested: anySource };
  const inside = and(from ? gte(c.start, from) : undefined, to ? lte(c.end, to) : undefined);
  return {
    any: sql`(CASE WHEN ${CONTESTED} THEN ${anySource} ELSE ${inside} END)`,
    agreed: inside,
    contested: anySource,
  };
}

/** The range test on the event's own date (overlapping is the index range itself). */
function ownDateMatch(f: TimelineFilters, b: Bindings, c: TimelineColumns): SQL | undefined {
  b.flag('own-date');
  if (f.date_match !== 'within') return undefined;
  return and(
    f.from ? gte(c.start, b.bind('ownFrom', f.from)) : undefined,
    f.to ? lte(c.end, b.bind('ownTo', f.to)) : undefined,
  );
}

/**
 * The other terms of a timeline: type, status, source, actors and words.
 */
export function filterConditions(
  f: TimelineFilters,
  b: Bindings,
  c: TimelineColumns,
  anchor?: string,
): SQL[] {
  const where: SQL[] = [];
  if (f.type?.length) where.push(b.anyOf(c.type, 'type', f.type));
  if (f.status) where.push(eq(events.status, b.bind('status', f.status)));
  if (f.precision) where.push(b.anyOf(events.precision, 'precision', atOrFiner(f.precision)));
  if (f.source?.length) where.push(...sourceConditions(f.source, f, b));
  if (f.published_from || f.published_to) where.push(publishedCondition(f, b));
  if (f.actor?.length) where.push(...actorConditions(f.actor, f, b, anchor));
  if (f.q !== undefined) {
    // Input without a single word ("*", "--") matches nothing rather than everything.
    const match = toFtsQuery(f.q);
    where.push(
      match === undefined ? sql`0` : rowidMatches(eventSearch, sql`${events}.rowid`, b.bind('match', match)),
    );
  }
  return where;
}

/** The precisions at or finer than `precision`: `month` keeps day, week and month. */
export function atOrFiner(precision: DatePrecision): DatePrecision[] {
  return DATE_PRECISIONS.slice(0, DATE_PRECISIONS.indexOf(precision) + 1);
}

/**
 * Events the sources report: any of them (an index lookup per source), or, with `source_match`,
 * all of them or exactly one, counted among the event's evidence.
 */
function sourceConditions(sources: string[], f: TimelineFilters, b: Bindings): SQL[] {
  const reported = inArray(
    events.id,
    sql`(SELECT ${eventEvidence.eventId} FROM ${eventEvidence} WHERE ${b.anyOf(eventEvidence.sourceId, 'source', sources)})`,
  );
  const distinct = [...new Set(sources)];
  if (f.source_match === 'any' || (f.source_match === 'all' && distinct.length === 1)) return [reported];
  const reporting = sql`(SELECT count(DISTINCT ${eventEvidence.sourceId}) FROM ${eventEvidence} WHERE ${eventEvidence.eventId} = ${events.id} AND ${eventEvidence.sourceId} IN ${b.bindList('matchSources', distinct)})`;
  return [
    reported,
    f.source_match === 'all'
      ? sql`${reporting} = ${b.bind('matchSourcesCount', distinct.length)}`
      : sql`${reporting} = 1`,
  ];
}

/**
 * Events some source published in the range reports. `published` is a date or a date-time that
 * begins with its date, so the range is `from` ≤ published < the day after `to`.
 */
function publishedCondition(f: TimelineFilters, b: Bindings): SQL {
  const range = [
    f.published_from ? gte(sources.published, b.bind('publishedFrom', f.published_from)) : undefined,
    f.published_to
      ? lt(sources.published, b.bind('publishedBefore', shiftDay(f.published_to, 1)))
      : undefined,
  ];
  return inArray(
    events.id,
    sql`(SELECT ${eventEvidence.eventId} FROM ${eventEvidence} WHERE ${eventEvidence.sourceId} IN (SELECT ${sources.id} FROM ${sources} WHERE ${and(...range)}))`,
  );
}

function actorConditions(actors: string[], f: TimelineFilters, b: Bindings, anchor?: string): SQL[] {
  if (f.actor_match === 'all') {
    // The anchor actor is the query's driving table already; each of the others must take part.
    const others = [...new Set(actors)].filter((id) => id !== anchor);
    if (others.length === 0) return [];
    return [
      sql`(SELECT count(DISTINCT ${eventParticipants.actorId}) FROM ${eventParticipants} WHERE ${eventParticipants.eventId} = ${events.id} AND ${eventParticipants.actorId} IN ${b.bindList('allActors', others)}) = ${b.bind('allActorsCount', others.length)}`,
    ];
  }
  // Any of several: the set of their events, which the planner may drive from or probe.
  if (anchor && !f.requiredActor) return [];
  return [
    inArray(
      events.id,
      sql`(SELECT ${actorTimeline.eventId} FROM ${actorTimeline} WHERE ${b.anyOf(actorTimeline.actorId, 'anyActor', actors)})`,
    ),
  ];
}

/**
 * Where each range's index range on `start` begins and ends for an overlap query from `from` (a
 * range: a precision, or the contested events): an event of a range whose longest event lasts `d`
 * days starts no earlier than `from - d`. On a page after a cursor, the cursor's start tightens the
 * bound on the side the page moves to, so that each range begins at the cursor rather than being
 * read from its start and filtered.
 */
export function precisionRanges(
  from: string,
  to: string | undefined,
  longest: ReadonlyMap<string, number>,
  { order, after }: Pick<PageRequest, 'order' | 'after'>,
): { lower: Map<string, string>; upper: string | undefined } {
  const cursorStart = typeof after?.[0] === 'string' ? after[0] : undefined;
  const later = (a: string, b: string | undefined) => (b !== undefined && b > a ? b : a);
  const lower = new Map(
    [...longest].map(([precision, days]) => {
      const bound = shiftDay(from, -days);
      return [precision, order === 'asc' ? later(bound, cursorStart) : bound];
    }),
  );
  let upper = to;
  if (order === 'desc' && cursorStart !== undefined)
    upper = upper === undefined || cursorStart < upper ? cursorStart : upper;
  return { lower, upper };
}
