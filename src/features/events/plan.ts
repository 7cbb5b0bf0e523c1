import type { PageRequest } from '../../db/keyset.js';
import { intervalDays } from '../../domain/dates.js';
import type { DatePrecision } from '../../domain/vocabulary.js';
import { atOrFiner, type TimelineFilters } from './filters.js';
import { anchorActor, precisionRanges } from './timeline.js';

/**
 * How a timeline's filters are read in index order, decided from the filters and what the seed
 * recorded of the dataset, before any SQL is built (timeline-query.ts builds it). Pure, so each
 * choice is stated by a table test (test/features/events/plan.test.ts).
 */

/** What the seed recorded of the dataset's events that the plan needs (db/meta.ts). */
export interface TimelineStats {
  /** The longest event of each precision, in days. */
  longest: ReadonlyMap<string, number>;
  /** The longest event of each range a date query reads: each precision's agreeing events, and `contested`. */
  byRange: ReadonlyMap<string, number>;
  /**
   * How many events start on a day, on average over the dataset's extent (absent when the seed did
   * not record its count): how many a range reads before `from` for each day it reaches back.
   */
  eventsPerDay?: number;
}

/**
 * Up to how many index entries a single range may read before `from` (the dataset's density times
 * its longest event) and still cost less than merged ranges, each of which costs about 20 µs however
 * little it finds. Measured on synthetic datasets of 1,000 to 100,000 events (docs/benchmarks.md,
 * session 13): one range was cheaper at an estimated 500 entries read back (20,000 events), dearer
 * at 1,260 (50,000); the seed corpus reads back 2.
 */
export const ONE_RANGE_READ_BACK = 500;

/** The range of the events whose dates are contested: their hulls span every source's date. */
export const CONTESTED_RANGE = 'contested';

export type TimelinePlan =
  /** One actor's own timeline (actor_timeline in order), however many events the actor has. */
  | { strategy: 'actor'; actor: string; maxEventDays: number | undefined }
  /**
   * From `from`, one ordered index range per range of `lower` (each precision's agreeing events,
   * the contested ones), merged in order; each begins at its own bound, and all end at `upper`.
   */
  | { strategy: 'merged'; from: string; lower: Map<string, string>; upper: string | undefined }
  /** One range of the events table, read back `maxEventDays` before `from` (if any). */
  | { strategy: 'range'; maxEventDays: number | undefined };

/** The dataset's events per day over its extent, from what the seed recorded (db/meta.ts). */
export function eventsPerDay(
  extent: { start: string | null; end: string | null; events?: number } | undefined,
): number | undefined {
  if (extent?.events === undefined) return undefined;
  if (!extent.start || !extent.end) return 0;
  return extent.events / intervalDays({ start: extent.start, end: extent.end });
}

const maxOf = (days: ReadonlyMap<string, number>) => (days.size > 0 ? Math.max(...days.values()) : undefined);

/**
 * The plan of a timeline: anchored on one actor where one drives it (a lone `actor`, any of
 * `actor_match=all`, or the actor of /actors/{id}/events); merged per range where a range from
 * `from` would otherwise read back as far as the dataset's longest event for every query, past more
 * events than merging costs; else one range. A `precision` filter keeps only its precisions' ranges.
 */
export function planTimeline(
  filters: TimelineFilters,
  stats: TimelineStats,
  request: Pick<PageRequest, 'order' | 'after'> = { order: 'asc' },
): TimelinePlan {
  const actor = anchorActor(filters);
  if (actor) return { strategy: 'actor', actor, maxEventDays: maxOf(stats.longest) };
  const kept = filters.precision ? atOrFiner(filters.precision) : undefined;
  const precisions = kept
    ? new Map([...stats.longest].filter(([p]) => kept.includes(p as DatePrecision)))
    : stats.longest;
  const ranges = new Map([...stats.byRange].filter(([r]) => r === CONTESTED_RANGE || precisions.has(r)));
  const readBack = (stats.eventsPerDay ?? Infinity) * (maxOf(precisions) ?? 0);
  if (precisions.size > 1 && ranges.size > 1 && filters.from && readBack > ONE_RANGE_READ_BACK) {
    const { lower, upper } = precisionRanges(filters.from, filters.to, ranges, request);
    return { strategy: 'merged', from: filters.from, lower, upper };
  }
  return { strategy: 'range', maxEventDays: maxOf(precisions) ?? maxOf(stats.longest) };
}
