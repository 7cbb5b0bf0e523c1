import { parseStored } from '../../db/items.js';
import { keysetList } from '../../db/keyset.js';
import { groupBy } from '../../domain/group-by.js';
import { CLAIM_STATUSES, type ClaimStatus } from '../../domain/vocabulary.js';
import { aspectsOf } from '../claims/aspects.js';
import type { Claim } from '../claims/item.js';
import type { ClaimRepository } from '../claims/repository.js';
import type { TimelineFilters } from '../events/filters.js';
import type { EventRepository } from '../events/repository.js';
import { TIMELINE_KEY } from '../events/columns.js';

/**
 * What two or more sources report, side by side (SPEC §4.1): the timeline of the events any of them
 * reports, each with which of them do and every aspect they speak to, judged among them alone; and
 * over the whole comparison, what they share, what only one reports, and how the shared aspects
 * stand. The sources are `filters.source`; `source_match` narrows to the shared (`all`) or the
 * exclusive (`one`) events.
 */
export function createCompareRepository(events: EventRepository, claims: ClaimRepository) {
  return {
    list: keysetList(TIMELINE_KEY, (filters: TimelineFilters & { source: string[] }, request) => {
      const page = events.list(filters, request);
      const listed = page.items.map(parseStored);
      const byEvent = groupBy(
        claims.amongSources(
          listed.map((e) => e.id),
          filters.source,
        ),
        (c) => c.event,
      );
      return {
        ...page,
        items: listed.map((event) => {
          const reportedBy = filters.source.filter((s) => event.sources.some((r) => r.source === s));
          return {
            id: event.id,
            event,
            reported_by: reportedBy,
            shared: reportedBy.length === filters.source.length,
            aspects: aspectsOf(byEvent.get(event.id) ?? []),
          };
        }),
      };
    }),

    summary(filters: TimelineFilters & { source: string[] }) {
      const reporting = groupBy(events.reporting(filters, filters.source), (r) => r.id);
      const shared = [...reporting]
        .filter(([, rows]) => rows.length === filters.source.length)
        .map(([id]) => id);
      const only = filters.source.map((source) => ({
        source,
        events: [...reporting.values()].filter((rows) => rows.length === 1 && rows[0]?.source === source)
          .length,
      }));
      const aspects = verdictCounts(claims.amongSources(shared, filters.source));
      // Each pair judged between its two sources alone, as if only they were compared: what the
      // comparison of those two would count.
      const pairs = sourcePairs(filters.source).map(([a, b]) => {
        const both = [...reporting]
          .filter(([, rows]) => rows.some((r) => r.source === a) && rows.some((r) => r.source === b))
          .map(([id]) => id);
        const counted =
          filters.source.length === 2 ? aspects : verdictCounts(claims.amongSources(both, [a, b]));
        return { sources: [a, b], shared: both.length, aspects: counted };
      });
      return { events: reporting.size, shared: shared.length, only, aspects, pairs };
    },
  };
}

/** Every pair of the sources, each once, in the order given: (a, b), (a, c) … (b, c) … */
export function sourcePairs<T>(sources: readonly T[]): [T, T][] {
  return sources.flatMap((a, i) => sources.slice(i + 1).map((b): [T, T] => [a, b]));
}

/** The aspects of these claims (grouped by event), counted by verdict. */
function verdictCounts(told: readonly Claim[]): Record<ClaimStatus, number> {
  const counts = Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as Record<ClaimStatus, number>;
  for (const claimsOfEvent of groupBy(told, (c) => c.event).values())
    for (const aspect of aspectsOf(claimsOfEvent)) counts[aspect.status]++;
  return counts;
}

export type CompareRepository = ReturnType<typeof createCompareRepository>;
