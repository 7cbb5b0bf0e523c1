import type { FACETS } from '../../../src/domain/vocabulary.js';
import type { Event } from '../../../src/features/events/item.js';

/**
 * The facet oracle shared by the facet tests: what values of each facet an event listed has, read
 * from the item itself, and how many events have each value.
 */

export const FACET_VALUES: Record<(typeof FACETS)[number], (e: Event) => string[]> = {
  type: (e) => [e.type],
  status: (e) => [e.status],
  precision: (e) => [e.date.precision],
  source: (e) => e.sources.map((s) => s.source),
  actor: (e) => e.participants.map((p) => p.actor.id),
};

/** How many of `events` have each value (an event counts once per value). */
export function countsOf(events: Event[], valuesOf: (e: Event) => string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) for (const v of new Set(valuesOf(e))) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}
