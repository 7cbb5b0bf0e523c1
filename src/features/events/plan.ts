import type { PageRequest } from '../../db/keyset.js';
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
}

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

const maxOf = (days: ReadonlyMap<string, number>) => (days.size > 0 ? Math.max(...days.values()) : undefined);

/**
 * The plan of a timeline: anchored on one actor where one drives it (a lone `actor`, any of
 * `actor_match=all`, or the actor of /actors/{id}/events); merged per range where a range from
 * `from` would otherwise read back as far as the dataset's longest event for every query; else one
 * range. A `precision` filter keeps only its precisions' ranges.
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
  if (precisions.size > 1 && ranges.size > 1 && filters.from) {
    const { lower, upper } = precisionRanges(filters.from, filters.to, ranges, request);
    return { strategy: 'merged', from: filters.from, lower, upper };
  }
  return { strategy: 'range', maxEventDays: maxOf(precisions) ?? maxOf(stats.longest) };
}
