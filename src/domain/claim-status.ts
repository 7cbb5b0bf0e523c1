import { overlaps } from './dates.js';
import type { ClaimStatus } from './vocabulary.js';
import { groupBy } from './group-by.js';

/**
 * Claim status (SPEC §2): claims about the same property of the same event are compared across
 * sources. Several claims of one source never corroborate each other: agreement needs two outlets.
 */

/** A normalised value: a count, a string, or a date interval (which may carry its phrase etc.). */
export type ClaimValue = number | string | { start: string; end: string; [detail: string]: unknown };

export interface ComparableClaim {
  id: string;
  eventId: string;
  sourceId: string;
  property: string;
  about: string | null;
  value: ClaimValue;
}

export interface ClaimVerdict {
  status: ClaimStatus;
  /** Claims of other sources whose values cannot be true together with this one. */
  rivals: string[];
  /** Claims of other sources that agree with this one. */
  supporters: string[];
}

/**
 * Two values agree when both can be true. Dates are intervals of uncertainty, so "earlier this
 * month" and "on Tuesday" agree when the day falls in the month; only disjoint intervals disagree.
 */
export function valuesAgree(a: ClaimValue, b: ClaimValue): boolean {
  if (typeof a === 'object' && typeof b === 'object') return overlaps(a, b);
  if (typeof a === 'string' && typeof b === 'string') return normalise(a) === normalise(b);
  return a === b;
}

function normalise(s: string): string {
  return s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

/** The key under which claims are compared: one property (and qualifier) of one event. */
function claimKey(c: Pick<ComparableClaim, 'eventId' | 'property' | 'about'>): string {
  return JSON.stringify([c.eventId, c.property, c.about]);
}

export function judgeClaims(claims: readonly ComparableClaim[]): Map<string, ClaimVerdict> {
  const groups = groupBy(claims, claimKey);
  const verdicts = new Map<string, ClaimVerdict>();
  for (const group of groups.values()) {
    for (const c of group) {
      const others = group.filter((o) => o.sourceId !== c.sourceId);
      const rivals = others.filter((o) => !valuesAgree(c.value, o.value)).map((o) => o.id);
      const supporters = others.filter((o) => valuesAgree(c.value, o.value)).map((o) => o.id);
      const status: ClaimStatus =
        rivals.length > 0 ? 'contested' : supporters.length > 0 ? 'corroborated' : 'single_source';
      verdicts.set(c.id, { status, rivals, supporters });
    }
  }
  return verdicts;
}

/**
 * An event is contested when any of its claims is, corroborated when two or more sources report it
 * (or any claim is corroborated), and single-source otherwise.
 */
export function eventStatus(claimStatuses: readonly ClaimStatus[], reportingSources: number): ClaimStatus {
  if (claimStatuses.includes('contested')) return 'contested';
  if (reportingSources >= 2 || claimStatuses.includes('corroborated')) return 'corroborated';
  return 'single_source';
}
