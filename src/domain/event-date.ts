import { aspectStatus } from './comparison.js';
import { type DateInterval, intervalDays, parseExplicitDate } from './dates.js';
import type { ClaimStatus } from './vocabulary.js';

/**
 * An event's own date, from the dates its sources give (SPEC §3). Where the sources agree, or only
 * differ in precision, the event lies where all of them allow: the narrowest date, which every other
 * contains. Where they cannot all be true, none is picked: the event spans every date a source gives,
 * says it is contested, and a date query for any of those dates finds it.
 */

/** One source's date of an event, with its status beside the other sources' dates. */
export interface SourceDate {
  sourceId: string;
  interval: DateInterval;
  phrase: string | null;
  reason: string | null;
  status: ClaimStatus;
}

export interface EventDate extends DateInterval {
  phrase: string | null;
  reason: string | null;
  /** The source whose date this is; null when it is no single source's (contested, or an overlap). */
  source: string | null;
  status: ClaimStatus;
}

export function eventDate(dates: readonly SourceDate[]): EventDate | undefined {
  if (dates.length === 0) return undefined;
  const status = aspectStatus(dates.map((d) => d.status));
  const approximate = dates.some((d) => d.interval.approximate);
  const starts = dates.map((d) => d.interval.start).sort();
  const ends = dates.map((d) => d.interval.end).sort();
  if (status === 'contested') {
    const hull = spanning(starts[0] as string, ends.at(-1) as string);
    return {
      ...hull,
      approximate,
      phrase: null,
      reason: 'the sources give dates that cannot all be true',
      source: null,
      status,
    };
  }
  // Agreeing dates all contain their intersection; the narrowest that equals it is the event's.
  const [start, end] = [starts.at(-1) as string, ends[0] as string];
  const narrowest = [...dates]
    .filter((d) => d.interval.start === start && d.interval.end === end)
    .sort(
      (a, b) => intervalDays(a.interval) - intervalDays(b.interval) || a.sourceId.localeCompare(b.sourceId),
    )[0];
  if (narrowest)
    return {
      ...narrowest.interval,
      approximate: narrowest.interval.approximate,
      phrase: narrowest.phrase,
      reason: narrowest.reason,
      source: narrowest.sourceId,
      status,
    };
  return {
    ...spanning(start, end),
    approximate,
    phrase: null,
    reason: 'the days that every source’s date allows',
    source: null,
    status,
  };
}

function spanning(start: string, end: string): DateInterval {
  const interval = parseExplicitDate(start === end ? start : `${start}/${end}`);
  if (!interval) throw new RangeError(`not an interval: ${start} … ${end}`);
  return interval;
}
