import { aspectStatus } from '../../domain/comparison.js';
import { groupBy } from '../../domain/group-by.js';
import type { Claim } from './item.js';

export interface Aspect {
  property: Claim['property'];
  about: string | null;
  status: Claim['status'];
  claims: Claim[];
}

/**
 * Claims grouped by aspect (one property, and what it is about), in the order they come, with the
 * verdict on each aspect as a whole. `minSources` leaves out the aspects fewer sources speak to.
 */
export function aspectsOf(claims: readonly Claim[], minSources = 1): Aspect[] {
  const byAspect = groupBy(claims, (c) => JSON.stringify([c.property, c.about]));
  return [...byAspect.values()].flatMap((group) => {
    const [first] = group;
    if (!first || new Set(group.map((c) => c.source)).size < minSources) return [];
    return [
      {
        property: first.property,
        about: first.about,
        status: aspectStatus(group.map((c) => c.status)),
        claims: group,
      },
    ];
  });
}
