import { and, asc, eq, gte, lte, sql } from 'drizzle-orm';
import { META, readRecorded } from '../../db/meta.js';
import type { Db } from '../../db/open.js';
import { volumeApart, volumeCounts } from '../../db/schema.js';
import { shiftDay } from '../../domain/dates.js';
import { type Interval, type Period, periodsBetween, tally } from '../../domain/periods.js';
import { invalidParameter } from '../../http/problems.js';
import type { Facet, VolumeBy } from '../../domain/vocabulary.js';
import type { Aggregates } from './aggregates.js';
import { isUnfiltered, type TimelineFilters } from './filters.js';

/**
 * How much happened when (SPEC §4.1): events counted per day, ISO week, month or year over a range,
 * optionally split by one dimension. A period holds an event only when the event's date lies wholly
 * inside it; an event coarser than the interval, or running across two periods, is counted apart
 * under the smallest coarser period that holds it (domain/periods.ts), so the totals are honest.
 */

/** More periods than this in one answer is a 400: narrow the range or count by a coarser interval. */
export const MAX_PERIODS = 3660;

export interface Volume {
  interval: Interval;
  by: VolumeBy | null;
  from: string | null;
  to: string | null;
  total: number;
  periods: {
    period: string;
    start: string;
    end: string;
    events: number;
    overlapping: number;
    groups?: Group[];
  }[];
  apart: {
    period: string;
    unit: Interval | null;
    start: string;
    end: string;
    events: number;
    groups?: Group[];
  }[];
}

interface Group {
  value: string;
  events: number;
  overlapping?: number;
}

/** The dimensions the seed derived unfiltered counts for (seed/derived.ts). */
const DERIVED: readonly (VolumeBy | undefined)[] = [undefined, 'status', 'type', 'precision'];

/** The derived counts' queries, prepared once (seed/derived.ts). */
function prepareDerivedReads(db: Db) {
  const exactOf = db
    .select({ period: volumeCounts.period, value: volumeCounts.value, events: volumeCounts.events })
    .from(volumeCounts)
    .where(
      and(
        eq(volumeCounts.unit, sql.placeholder('unit')),
        eq(volumeCounts.dim, sql.placeholder('dim')),
        gte(volumeCounts.period, sql.placeholder('first')),
        lte(volumeCounts.period, sql.placeholder('last')),
      ),
    )
    .orderBy(asc(volumeCounts.period))
    .prepare();
  // Those no period holds that share a day with the range; none starts before the longest event.
  const apartOf = db
    .select({
      start: volumeApart.start,
      end: volumeApart.end,
      value: volumeApart.value,
      events: volumeApart.events,
    })
    .from(volumeApart)
    .where(
      and(
        eq(volumeApart.unit, sql.placeholder('unit')),
        eq(volumeApart.dim, sql.placeholder('dim')),
        gte(volumeApart.start, sql.placeholder('lowest')),
        lte(volumeApart.start, sql.placeholder('to')),
        gte(volumeApart.end, sql.placeholder('from')),
      ),
    )
    .prepare();
  const longest = Math.max(0, ...Object.values(readRecorded(db.$client, META.maxEventDaysByPrecision) ?? {}));

  return { exactOf, apartOf, longest };
}

export function prepareVolume(db: Db, aggregates: Aggregates) {
  const { exactOf, apartOf, longest } = prepareDerivedReads(db);

  /** The rows of the derived counts, as dated rows for `tally`. */
  function derived(interval: Interval, periods: Period[], by: VolumeBy | undefined, within: boolean) {
    const [first, last] = [periods[0] as Period, periods.at(-1) as Period];
    const dim = by ?? '';
    const byKey = new Map(periods.map((p) => [p.key, p]));
    const exact = exactOf.all({ unit: interval, dim, first: first.key, last: last.key }).map((r) => {
      const period = byKey.get(r.period) as Period;
      return { start: period.start, end: period.end, value: by ? r.value : null, events: r.events };
    });
    const apart = apartOf
      .all({ unit: interval, dim, lowest: shiftDay(first.start, -longest), to: last.end, from: first.start })
      .filter((r) => !within || (r.start >= first.start && r.end <= last.end))
      .map((r) => ({ ...r, value: by ? r.value : null }));
    return [...exact, ...apart];
  }

  return (filters: TimelineFilters, interval: Interval, by: VolumeBy | undefined): Volume => {
    const extent = filters.from && filters.to ? undefined : aggregates.extent(filters);
    const [from, to] = [filters.from ?? extent?.start, filters.to ?? extent?.end];
    const empty: Volume = {
      interval,
      by: by ?? null,
      from: null,
      to: null,
      total: 0,
      periods: [],
      apart: [],
    };
    if (from === undefined || to === undefined) return empty;
    const periods = periodsBetween(interval, from, to, MAX_PERIODS);
    if (periods.length > MAX_PERIODS)
      throw invalidParameter(
        'interval',
        `counting by ${interval} from ${from} to ${to} takes more than ${MAX_PERIODS} periods: narrow from/to or count by a coarser interval`,
      );
    const [first, last] = [periods[0] as Period, periods.at(-1) as Period];
    // Each event is counted by the date it is shown with, a contested one by all its sources' dates.
    const range = { ...filters, from: first.start, to: last.end, byOwnDate: true };
    const rows =
      isUnfiltered({ ...filters, from: undefined, to: undefined }) && DERIVED.includes(by)
        ? derived(interval, periods, by, filters.date_match === 'within')
        : aggregates.dated(range, by as Facet | undefined);
    const split = tally(interval, periods, rows);
    if (by !== 'source') return answer(interval, by, periods, split, split);
    // Split by source, an event two sources report is in both groups; the totals count it once.
    const once = [...new Map(rows.map((r) => [(r as { id?: string }).id, { ...r, value: null }])).values()];
    return answer(interval, by, periods, tally(interval, periods, once), split);
  };
}

/** The answer from the totals of `t` and the groups of `split` (the same tally unless split by source). */
function answer(
  interval: Interval,
  by: VolumeBy | undefined,
  periods: Period[],
  t: ReturnType<typeof tally>,
  split: ReturnType<typeof tally>,
): Volume {
  const groupsOf = new Map(split.buckets.map((b) => [b.period.key, b.groups]));
  const apartGroupsOf = new Map(split.apart.map((a) => [a.period.key, a.groups]));
  const groups = <G>(entries: Map<string, G>, shape: (value: string, g: G) => Group) =>
    by
      ? {
          groups: [...entries]
            .map(([value, g]) => shape(value, g))
            .sort((a, b) => a.value.localeCompare(b.value)),
        }
      : {};
  const held = t.buckets.reduce((sum, b) => sum + b.exact, 0);
  const apart = t.apart.reduce((sum, a) => sum + a.events, 0);
  return {
    interval,
    by: by ?? null,
    from: periods[0]?.start ?? null,
    to: periods.at(-1)?.end ?? null,
    total: held + apart,
    periods: t.buckets.map((b) => ({
      period: b.period.key,
      start: b.period.start,
      end: b.period.end,
      events: b.exact,
      overlapping: b.overlapping,
      ...groups(groupsOf.get(b.period.key) ?? new Map(), (value, g) => ({
        value,
        events: g.exact,
        overlapping: g.overlapping,
      })),
    })),
    apart: t.apart.map((a) => ({
      period: a.period.key,
      unit: a.period.unit,
      start: a.period.start,
      end: a.period.end,
      events: a.events,
      ...groups(apartGroupsOf.get(a.period.key) ?? new Map<string, number>(), (value, events) => ({
        value,
        events,
      })),
    })),
  };
}
