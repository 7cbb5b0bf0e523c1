import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shiftDay } from '../../src/domain/dates.js';
import {
  apartPeriod,
  containingPeriod,
  type Interval,
  periodOf,
  periodsBetween,
  tally,
} from '../../src/domain/periods.js';

const day = fc.integer({ min: 0, max: 365 * 60 }).map((n) => shiftDay('1970-01-01', n));

describe('periods', () => {
  it('names days, ISO weeks, months and years, with their first and last days', () => {
    expect(periodOf('day', '2020-06-23')).toEqual({
      key: '2020-06-23',
      start: '2020-06-23',
      end: '2020-06-23',
    });
    expect(periodOf('week', '2020-06-23')).toEqual({
      key: '2020-W26',
      start: '2020-06-22',
      end: '2020-06-28',
    });
    expect(periodOf('month', '2020-02-10')).toEqual({
      key: '2020-02',
      start: '2020-02-01',
      end: '2020-02-29',
    });
    expect(periodOf('year', '2020-06-23')).toEqual({ key: '2020', start: '2020-01-01', end: '2020-12-31' });
  });

  it('puts a week in the year of its Thursday, as ISO 8601 does', () => {
    expect(periodOf('week', '2021-01-03').key).toBe('2020-W53');
    expect(periodOf('week', '2019-12-30').key).toBe('2020-W01');
    expect(periodOf('week', '2018-12-31').key).toBe('2019-W01');
  });

  it('numbers weeks exactly as SQLite’s strftime(%G-W%V) does, which the seed uses', () => {
    const sqlite = new Database(':memory:');
    const week = sqlite.prepare("SELECT strftime('%G-W%V', ?)").pluck();
    fc.assert(
      fc.property(day, (d) => {
        expect(periodOf('week', d).key).toBe(week.get(d));
      }),
      { numRuns: 2000 },
    );
    sqlite.close();
  });

  it('lists consecutive periods covering a range, whole', () => {
    expect(periodsBetween('week', '2020-06-01', '2020-06-30').map((p) => p.key)).toEqual([
      '2020-W23',
      '2020-W24',
      '2020-W25',
      '2020-W26',
      '2020-W27',
    ]);
    expect(periodsBetween('month', '2019-11-15', '2020-02-01').map((p) => p.key)).toEqual([
      '2019-11',
      '2019-12',
      '2020-01',
      '2020-02',
    ]);
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 800 }),
        fc.constantFrom<Interval>('day', 'week', 'month', 'year'),
        (from, n, unit) => {
          const to = shiftDay(from, n);
          const periods = periodsBetween(unit, from, to);
          expect((periods[0]?.start ?? '') <= from && (periods.at(-1)?.end ?? '') >= to).toBe(true);
          for (let i = 1; i < periods.length; i++)
            expect(periods[i]?.start).toBe(shiftDay(periods[i - 1]?.end ?? '', 1));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('holds a date in a period only when it lies wholly inside, else counts it apart, coarser', () => {
    const june = { start: '2020-06-01', end: '2020-06-24' };
    expect(containingPeriod('week', june)).toBeUndefined();
    expect(containingPeriod('month', june)?.key).toBe('2020-06');
    expect(apartPeriod('week', june)).toMatchObject({ key: '2020-06', unit: 'month' });
    expect(apartPeriod('month', { start: '2020-05-27', end: '2020-06-24' })).toMatchObject({
      key: '2020',
      unit: 'year',
    });
    expect(apartPeriod('day', { start: '2019-02-01', end: '2020-06-24' })).toMatchObject({
      key: '2019-02-01/2020-06-24',
      unit: null,
    });
  });
});

describe('tally', () => {
  const june = periodsBetween('week', '2020-06-01', '2020-06-30');

  it('counts each event once: in the week that holds it, or apart', () => {
    const t = tally('week', june, [
      { start: '2020-06-23', end: '2020-06-23', value: 'decision' },
      { start: '2020-06-22', end: '2020-06-23', value: 'military_activity' },
      { start: '2020-06-01', end: '2020-06-24', value: 'policy' },
      { start: '2020-05-27', end: '2020-06-24', value: 'attack' },
    ]);
    const w26 = t.buckets.find((b) => b.period.key === '2020-W26');
    expect(w26).toMatchObject({ exact: 2, overlapping: 2 });
    expect(w26?.groups.get('decision')).toEqual({ exact: 1, overlapping: 0 });
    expect(w26?.groups.get('policy')).toEqual({ exact: 0, overlapping: 1 });
    expect(t.buckets.find((b) => b.period.key === '2020-W27')).toMatchObject({ exact: 0, overlapping: 0 });
    expect(t.apart.map((a) => [a.period.key, a.period.unit, a.events])).toEqual([
      ['2020', 'year', 1],
      ['2020-06', 'month', 1],
    ]);
  });

  it('is honest: what the periods hold and what is apart add up to every event in the range', () => {
    const event = fc
      .tuple(day, fc.integer({ min: 0, max: 400 }))
      .map(([start, n]) => ({ start, end: shiftDay(start, n) }));
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 60 }),
        fc.constantFrom<Interval>('day', 'week', 'month', 'year'),
        day,
        fc.integer({ min: 0, max: 500 }),
        (events, unit, from, n) => {
          const periods = periodsBetween(unit, from, shiftDay(from, n));
          const [first, last] = [periods[0], periods.at(-1)];
          if (!first || !last) return;
          const inRange = events.filter((e) => e.start <= last.end && e.end >= first.start);
          const t = tally(unit, periods, inRange);
          const held = t.buckets.reduce((sum, b) => sum + b.exact, 0);
          const apart = t.apart.reduce((sum, a) => sum + a.events, 0);
          expect(held + apart).toBe(inRange.length);
          // And a bucket's overlapping events are exactly the apart ones that share a day with it.
          for (const b of t.buckets)
            expect(b.overlapping).toBe(
              inRange.filter(
                (e) => !containingPeriod(unit, e) && e.start <= b.period.end && e.end >= b.period.start,
              ).length,
            );
        },
      ),
      { numRuns: 300 },
    );
  });
});
