import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseStored } from '../../src/db/items.js';
import type { PageRequest } from '../../src/db/keyset.js';
import { type Db, openReadOnly } from '../../src/db/open.js';
import { type Interval, periodsBetween, tally } from '../../src/domain/periods.js';
import { EVENT_TYPES, FACETS } from '../../src/domain/vocabulary.js';
import { TIMELINE_DEFAULTS, type TimelineFilters } from '../../src/features/events/filters.js';
import type { Event } from '../../src/features/events/item.js';
import { createRepositories, type Repositories } from '../../src/features/repositories.js';
import { asDense, tempDir, writeSynthetic } from '../helpers.js';

/**
 * Counts over a whole filtered timeline (facets, totals, volumes, comparisons) against an oracle:
 * the ids a walk of the timeline's pages lists, counted in JavaScript. On a synthetic corpus, so that
 * the derived counts of the seed and the index ranges of every plan are both exercised.
 */
// On the corpus as built, a date range reads one range; made to look dense, merged ranges (plan.ts).
describe.each(['sparse', 'dense'] as const)('aggregates against a walk of the pages (%s)', (corpus) => {
  let db: Db;
  let repos: Repositories;
  beforeAll(() => {
    const file = writeSynthetic(tempDir(), 3_000, 5);
    db = openReadOnly(corpus === 'dense' ? asDense(file) : file);
    repos = createRepositories(db);
    return () => db.$client.close();
  });

  /** Every event of a timeline, walked a page at a time. */
  function walk(filters: TimelineFilters): Event[] {
    const events: Event[] = [];
    let after: PageRequest['after'];
    do {
      const page = repos.events.list(filters, { order: 'asc', limit: 200, after });
      events.push(...page.items.map(parseStored));
      after = page.nextKey;
    } while (after);
    return events;
  }

  const day = fc
    .date({ min: new Date('1975-01-01'), max: new Date('2025-06-30'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const filters: fc.Arbitrary<TimelineFilters> = fc
    .record({
      from: fc.option(day, { nil: undefined }),
      span: fc.integer({ min: 0, max: 1500 }),
      type: fc.option(fc.subarray([...EVENT_TYPES], { minLength: 1, maxLength: 2 }), { nil: undefined }),
      actor: fc.option(
        fc.integer({ min: 0, max: 10 }).map((i) => [`syn-a${i}`]),
        { nil: undefined },
      ),
      date_match: fc.constantFrom('overlap' as const, 'within' as const),
    })
    .map(({ from, span, ...rest }) => ({
      ...TIMELINE_DEFAULTS,
      ...rest,
      from,
      to: from && new Date(Date.parse(from) + span * 86_400_000).toISOString().slice(0, 10),
    }));

  it('counts and facets equal the walk’s, filtered or not', () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(
        fc.oneof({ weight: 1, arbitrary: fc.constant(TIMELINE_DEFAULTS) }, { weight: 5, arbitrary: filters }),
        (f) => {
          const events = walk(f);
          if (events.length > 0) nonEmpty++;
          const { total, facets } = repos.events.aggregate(f, FACETS, true);
          expect(total).toBe(events.length);
          const valuesOf = {
            type: (e: (typeof events)[number]) => [e.type],
            status: (e: (typeof events)[number]) => [e.status],
            precision: (e: (typeof events)[number]) => [e.date.precision],
            source: (e: (typeof events)[number]) => e.sources.map((s) => s.source),
            actor: (e: (typeof events)[number]) => e.participants.map((p) => p.actor.id),
          };
          for (const facet of FACETS) {
            const counts = new Map<string, number>();
            for (const e of events)
              for (const v of new Set(valuesOf[facet](e))) counts.set(v, (counts.get(v) ?? 0) + 1);
            const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 20);
            expect(
              facets?.[facet]?.values.map((v) => [v.value, v.count]),
              facet,
            ).toEqual(top);
          }
        },
      ),
      { numRuns: 40, seed: 12 },
    );
    expect(nonEmpty).toBeGreaterThan(20);
  });

  it('reads one actor’s or one type’s counts from the seed’s slices as counting gives them', () => {
    const slices: TimelineFilters[] = [
      ...Array.from({ length: 12 }, (_, i) => ({ ...TIMELINE_DEFAULTS, actor: [`syn-a${i}`] })),
      ...Array.from({ length: 4 }, (_, i) => ({ ...TIMELINE_DEFAULTS, requiredActor: `syn-a${i}` })),
      ...EVENT_TYPES.map((type) => ({ ...TIMELINE_DEFAULTS, type: [type] })),
    ];
    for (const f of slices) {
      const derived = repos.events.aggregate(f, FACETS, true);
      // A filter that keeps every event takes the counting path.
      const counted = repos.events.aggregate({ ...f, precision: 'year' }, FACETS, true);
      expect(derived, JSON.stringify(f)).toEqual(counted);
      expect(derived.total).toBe(walk(f).length);
      expect(derived.total).toBeGreaterThan(0);
    }
  });

  it('volumes equal a tally of the walk, from the derived counts and from counting alike', () => {
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 900 }),
        fc.constantFrom<Interval>('day', 'week', 'month', 'year'),
        fc.constantFrom(undefined, 'type' as const, 'status' as const, 'precision' as const),
        (from, span, interval, by) => {
          const to = new Date(Date.parse(from) + span * 86_400_000).toISOString().slice(0, 10);
          if (interval === 'day' && span > 400) return;
          const periods = periodsBetween(interval, from, to);
          // A volume counts each event by the date it is shown with (contested: all its sources').
          const range = {
            ...TIMELINE_DEFAULTS,
            from: periods[0]?.start,
            to: periods.at(-1)?.end,
            byOwnDate: true,
          };
          const events = walk(range);
          const derived = repos.events.volume({ ...TIMELINE_DEFAULTS, from, to }, interval, by);
          // A filter that keeps every event takes the counting path.
          const counted = repos.events.volume(
            { ...TIMELINE_DEFAULTS, from, to, precision: 'year' },
            interval,
            by,
          );
          expect(derived).toEqual(counted);
          const expected = tally(
            interval,
            periods,
            events.map((e) => ({ start: e.date.start, end: e.date.end })),
          );
          expect(derived.total).toBe(events.length);
          expect(derived.periods.map((p) => [p.period, p.events, p.overlapping])).toEqual(
            expected.buckets.map((b) => [b.period.key, b.exact, b.overlapping]),
          );
          expect(derived.apart.map((a) => [a.period, a.events])).toEqual(
            expected.apart.map((a) => [a.period.key, a.events]),
          );
        },
      ),
      { numRuns: 60, seed: 13 },
    );
  });

  it('compares a pair of sources as their events and claims say', () => {
    for (let p = 0; p < 20; p++) {
      const source = [`syn-s${2 * p}`, `syn-s${2 * p + 1}`];
      const f = { ...TIMELINE_DEFAULTS, source };
      const events = walk(f);
      const summary = repos.compare.summary(f);
      const shared = events.filter((e) => source.every((s) => e.sources.some((r) => r.source === s)));
      expect(summary.events).toBe(events.length);
      expect(summary.shared).toBe(shared.length);
      expect(summary.only.reduce((n, o) => n + o.events, 0)).toBe(events.length - shared.length);
    }
  });
});
