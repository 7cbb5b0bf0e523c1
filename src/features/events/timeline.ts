import { and, gte, lte, type SQL, sql } from 'drizzle-orm';
import type { PageRequest } from '../../db/keyset.js';
import { contestedDates, events } from '../../db/schema.js';
import type { Bindings } from '../../db/shapes.js';
import { shiftDay } from '../../domain/dates.js';
import type { TimelineColumns } from './columns.js';
import type { TimelineFilters } from './filters.js';

/**
 * The timeline's date range as SQL (SPEC §3), which the planner reads into index ranges
 * (timeline-query.ts); the other filters' terms are declared with them in filters.ts. Each term is
 * described on a `Bindings` (db/shapes.ts), so a query is prepared once per shape.
 */

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
