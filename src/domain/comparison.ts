import { type DateInterval, overlaps } from './dates.js';
import { groupBy } from './group-by.js';
import type { ClaimProperty, ClaimStatus, EventStatus } from './vocabulary.js';

type Interval = Pick<DateInterval, 'start' | 'end'>;

/**
 * Comparing what sources say (SPEC §2). Claims are compared by aspect: one property (and qualifier)
 * of one event. Facts are compared by value and precision; characterisations by their words. Pure:
 * the seed judges every claim with these functions, and the API explains its verdicts with them.
 */

/** A date as a source claims it: the interval, with the phrase it comes from or the reason for it. */
export type ClaimedDate = DateInterval & { phrase: string | null; reason: string | null };

/** A normalised value: a count, a string (place, actor id, characterisation), or a date. */
export type ClaimValue = number | string | ClaimedDate;

export interface ComparableClaim {
  id: string;
  eventId: string;
  sourceId: string;
  property: string;
  about: string | null;
  value: ClaimValue;
  /** A count given as approximate ("around 20"). */
  approximate?: boolean;
}

/** How two values stand: the same, fitting together, unable to both be true, or framed differently. */
export type Agreement = 'same' | 'compatible' | 'conflict' | 'differs';

/** How far an approximate count reaches either side: a quarter of it, at least one. */
export function countTolerance(n: number): number {
  return Math.max(1, Math.round(Math.abs(n) * 0.25));
}

function normalise(s: string): string {
  return s.normalize('NFKC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('en');
}

/** A place path, broad to narrow: `Korean Peninsula / Demilitarized Zone` → its normalised parts. */
export function placePath(place: string): string[] {
  return place
    .split('/')
    .map(normalise)
    .filter((part) => part !== '');
}

/** Dates: the same interval; intervals that share a day (one within the other, say); or disjoint. */
export function compareDates(a: Interval, b: Interval): Agreement {
  if (a.start === b.start && a.end === b.end) return 'same';
  return overlaps(a, b) ? 'compatible' : 'conflict';
}

/**
 * A date the annotator worked out (a value with its reason, no phrase of the text) is not a source
 * saying the date: beside another source's date it fits at best, it never corroborates.
 */
function isWorkedOut(d: ClaimedDate): boolean {
  return d.phrase === null && d.reason !== null;
}

/** Dates as sources claim them: compared as intervals, but a worked-out date confirms nothing. */
export function compareClaimedDates(a: ClaimedDate, b: ClaimedDate): Agreement {
  const agreement = compareDates(a, b);
  return agreement === 'same' && (isWorkedOut(a) || isWorkedOut(b)) ? 'compatible' : agreement;
}

/** Counts: equal and equally exact; ranges that meet ("around 20" and 22); or apart. */
export function compareCounts(
  a: { value: number; approximate: boolean },
  b: { value: number; approximate: boolean },
): Agreement {
  if (a.value === b.value && a.approximate === b.approximate) return 'same';
  const reach = (c: typeof a) => (c.approximate ? countTolerance(c.value) : 0);
  return Math.abs(a.value - b.value) <= reach(a) + reach(b) ? 'compatible' : 'conflict';
}

/** Places: the same path; one path within the other (Paju is in the DMZ); or elsewhere. */
export function comparePlaces(a: string, b: string): Agreement {
  const [pa, pb] = [placePath(a), placePath(b)];
  const [shorter, longer] = pa.length <= pb.length ? [pa, pb] : [pb, pa];
  if (!shorter.every((part, i) => part === longer[i])) return 'conflict';
  return pa.length === pb.length ? 'same' : 'compatible';
}

/** Whether a property is compared by its words (a characterisation) rather than as a fact. */
export function isCharacterisation(property: string): boolean {
  return !['date', 'count', 'location', 'actor'].includes(property as ClaimProperty);
}

/** Two claims about the same aspect, compared as the aspect's property says. */
export function compareClaims(a: ComparableClaim, b: ComparableClaim): Agreement {
  const [x, y] = [a.value, b.value];
  if (typeof x === 'object' && typeof y === 'object') return compareClaimedDates(x, y);
  if (typeof x === 'number' && typeof y === 'number')
    return compareCounts(
      { value: x, approximate: a.approximate ?? false },
      { value: y, approximate: b.approximate ?? false },
    );
  if (typeof x !== 'string' || typeof y !== 'string') return 'conflict';
  if (a.property === 'location') return comparePlaces(x, y);
  const same = normalise(x) === normalise(y);
  if (same) return 'same';
  return isCharacterisation(a.property) ? 'differs' : 'conflict';
}

/** The key under which claims are compared: one property (and qualifier) of one event. */
function aspectKey(c: Pick<ComparableClaim, 'eventId' | 'property' | 'about'>): string {
  return JSON.stringify([c.eventId, c.property, c.about]);
}

export interface ClaimVerdict {
  status: ClaimStatus;
  /** Claims of other sources that cannot be true together with this one. */
  rivals: string[];
  /** Claims of other sources that say the same. */
  supporters: string[];
  /** Claims of other sources that fit with this one at another precision. */
  compatibleWith: string[];
  /** Claims of other sources that characterise the same aspect differently. */
  differsFrom: string[];
}

/**
 * A claim's status from the other sources' claims about the same aspect, strongest finding first:
 * any conflict makes it contested; else any claim saying the same corroborates it; else it is
 * compatible, or differently characterised, or (no other source) single-source. Several claims of
 * one source never corroborate each other: agreement needs two outlets.
 */
export function judgeClaims(claims: readonly ComparableClaim[]): Map<string, ClaimVerdict> {
  const verdicts = new Map<string, ClaimVerdict>();
  for (const group of groupBy(claims, aspectKey).values())
    for (const claim of group) {
      const verdict: ClaimVerdict = {
        status: 'single_source',
        rivals: [],
        supporters: [],
        compatibleWith: [],
        differsFrom: [],
      };
      for (const other of group) {
        if (other.sourceId === claim.sourceId) continue;
        const agreement = compareClaims(claim, other);
        if (agreement === 'conflict') verdict.rivals.push(other.id);
        else if (agreement === 'same') verdict.supporters.push(other.id);
        else if (agreement === 'compatible') verdict.compatibleWith.push(other.id);
        else verdict.differsFrom.push(other.id);
      }
      verdict.status = statusOf(verdict);
      verdicts.set(claim.id, verdict);
    }
  return verdicts;
}

function statusOf(v: ClaimVerdict): ClaimStatus {
  if (v.rivals.length > 0) return 'contested';
  if (v.supporters.length > 0) return 'corroborated';
  if (v.compatibleWith.length > 0) return 'compatible';
  if (v.differsFrom.length > 0) return 'differing_characterisation';
  return 'single_source';
}

/**
 * The verdict on one aspect as a whole, from its claims' statuses: contested if any claim is; else
 * corroborated when every source says the same; else compatible or differently characterised; or
 * single-source when only one source speaks to it.
 */
export function aspectStatus(statuses: readonly ClaimStatus[]): ClaimStatus {
  const has = (s: ClaimStatus) => statuses.includes(s);
  if (has('contested')) return 'contested';
  if (has('compatible')) return 'compatible';
  if (has('differing_characterisation')) return 'differing_characterisation';
  if (has('corroborated')) return 'corroborated';
  return 'single_source';
}

/**
 * An event is contested when any of its claims is. Told by two or more sources, it is differently
 * characterised when they frame some aspect differently (an event told differently never reads only
 * "corroborated"), and corroborated otherwise. Told by one source, it is single-source.
 */
export function eventStatus(claimStatuses: readonly ClaimStatus[], reportingSources: number): EventStatus {
  if (claimStatuses.includes('contested')) return 'contested';
  if (reportingSources < 2) return 'single_source';
  return claimStatuses.includes('differing_characterisation') ? 'differing_characterisation' : 'corroborated';
}
