import { isoWeek, parseExplicitDate, shiftDay } from './dates.js';
import type { DatePrecision } from './vocabulary.js';

/**
 * Calendar periods for counting events over time (SPEC §4.1, volume): days, ISO weeks, months and
 * years. An event is counted in a period only when its date lies wholly inside it; an event whose
 * date is coarser than the period, or runs across two, is never forced into one: it is counted apart,
 * under the smallest coarser period that holds it, so that the totals stay honest.
 */

export const INTERVALS = ['day', 'week', 'month', 'year'] as const satisfies readonly DatePrecision[];
export type Interval = (typeof INTERVALS)[number];

export interface Period {
  /** `2020-06-23`, `2020-W26`, `2020-06` or `2020`. */
  key: string;
  start: string;
  end: string;
}

interface Dated {
  start: string;
  end: string;
}

/** The period of `unit` that contains `day`. */
export function periodOf(unit: Interval, day: string): Period {
  switch (unit) {
    case 'day':
      return { key: day, start: day, end: day };
    case 'week': {
      const { year, week, start, end } = isoWeek(day);
      return { key: `${year}-W${String(week).padStart(2, '0')}`, start, end };
    }
    case 'month':
    case 'year': {
      const key = unit === 'month' ? day.slice(0, 7) : day.slice(0, 4);
      const interval = parseExplicitDate(key);
      if (!interval) throw new RangeError(`not a date: ${day}`);
      return { key, start: interval.start, end: interval.end };
    }
  }
}

/** The periods of `unit` from the one containing `from` to the one containing `to`, in order. */
export function periodsBetween(unit: Interval, from: string, to: string, max = Infinity): Period[] {
  const periods: Period[] = [];
  for (
    let period = periodOf(unit, from);
    period.start <= to;
    period = periodOf(unit, shiftDay(period.end, 1))
  ) {
    periods.push(period);
    if (periods.length > max) break;
  }
  return periods;
}

/** The period of `unit` that holds the whole date, if one does. */
export function containingPeriod(unit: Interval, date: Dated): Period | undefined {
  const period = periodOf(unit, date.start);
  return date.end <= period.end ? period : undefined;
}

/**
 * Where an event that no period of `unit` holds is counted apart: the smallest coarser period that
 * holds it, or, for a date that runs across years, the date itself (`unit: null`).
 */
export function apartPeriod(unit: Interval, date: Dated): Period & { unit: Interval | null } {
  for (const coarser of INTERVALS.slice(INTERVALS.indexOf(unit) + 1)) {
    const period = containingPeriod(coarser, date);
    if (period) return { ...period, unit: coarser };
  }
  return { key: `${date.start}/${date.end}`, start: date.start, end: date.end, unit: null };
}

export interface Tally {
  /** Per period, in order: the events it holds, and those that only overlap it. */
  buckets: {
    period: Period;
    exact: number;
    overlapping: number;
    groups: Map<string, { exact: number; overlapping: number }>;
  }[];
  /** The events no period holds, by where they are counted apart. */
  apart: { period: Period & { unit: Interval | null }; events: number; groups: Map<string, number> }[];
}

/**
 * Counts events per period of `unit` over `periods` (consecutive, in order). `value` splits the
 * counts into groups (a type, a source …); an event may come once per group it belongs to.
 */
export function tally(
  unit: Interval,
  periods: readonly Period[],
  events: Iterable<Dated & { value?: string | null; events?: number }>,
): Tally {
  const index = new Map(periods.map((p, i) => [p.key, i]));
  const exact = new Counts(periods.length);
  // Events that only overlap periods add to a run of them: a difference array, summed at the end.
  const overlapping = new Counts(periods.length + 1);
  const apart = new Map<string, Tally['apart'][number]>();
  const [first, last] = [periods[0], periods.at(-1)];
  for (const event of events) {
    const n = event.events ?? 1;
    const held = containingPeriod(unit, event);
    if (held) {
      const at = index.get(held.key);
      if (at !== undefined) exact.add(at, n, event.value);
      continue; // else held by a period outside the range: not this range's to count
    }
    const where = apartPeriod(unit, event);
    const entry = apart.get(where.key) ?? { period: where, events: 0, groups: new Map<string, number>() };
    apart.set(where.key, entry);
    entry.events += n;
    if (event.value !== undefined && event.value !== null)
      entry.groups.set(event.value, (entry.groups.get(event.value) ?? 0) + n);
    if (!first || !last || event.end < first.start || event.start > last.end) continue;
    const from = index.get(periodOf(unit, event.start > first.start ? event.start : first.start).key) ?? 0;
    const to =
      index.get(periodOf(unit, event.end < last.end ? event.end : last.end).key) ?? periods.length - 1;
    overlapping.add(from, n, event.value);
    overlapping.add(to + 1, -n, event.value);
  }
  const running = overlapping.runningSums();
  const buckets = periods.map((period, i) => ({
    period,
    exact: exact.total[i] ?? 0,
    overlapping: running.total[i] ?? 0,
    groups: new Map(
      [...new Set([...exact.groups.keys(), ...running.groups.keys()])]
        .map(
          (value) =>
            [
              value,
              { exact: exact.groups.get(value)?.[i] ?? 0, overlapping: running.groups.get(value)?.[i] ?? 0 },
            ] as const,
        )
        .filter(([, g]) => g.exact > 0 || g.overlapping > 0),
    ),
  }));
  return { buckets, apart: [...apart.values()].sort((a, b) => compareApart(a.period, b.period)) };
}

/** Counts per position, in total and per group. */
class Counts {
  readonly total: number[];
  readonly groups = new Map<string, number[]>();

  constructor(private readonly size: number) {
    this.total = new Array<number>(size).fill(0);
  }

  add(at: number, n: number, value: string | null | undefined): void {
    this.total[at] = (this.total[at] ?? 0) + n;
    if (value === undefined || value === null) return;
    let counts = this.groups.get(value);
    if (!counts) this.groups.set(value, (counts = new Array<number>(this.size).fill(0)));
    counts[at] = (counts[at] ?? 0) + n;
  }

  /** The running sums of a difference array. */
  runningSums(): Counts {
    const sums = new Counts(this.size);
    const run = (diffs: number[]) => {
      let sum = 0;
      return diffs.map((d) => (sum += d));
    };
    sums.total.splice(0, this.size, ...run(this.total));
    for (const [value, diffs] of this.groups) sums.groups.set(value, run(diffs));
    return sums;
  }
}

function compareApart(a: Period, b: Period): number {
  return a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : 0;
}
