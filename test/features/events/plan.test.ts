import { describe, expect, it } from 'vitest';
import { TIMELINE_DEFAULTS, type TimelineFilters } from '../../../src/features/events/filters.js';
import {
  eventsPerDay,
  ONE_RANGE_READ_BACK,
  planTimeline,
  type TimelineStats,
} from '../../../src/features/events/plan.js';

/** The timeline plan as a table: these filters, on a dataset with these longest events, read so. */

/** Day events last at most a day, month events 30 days, year events 364; contested hulls 40. */
const stats: TimelineStats = {
  longest: new Map([
    ['day', 1],
    ['month', 30],
    ['year', 364],
  ]),
  byRange: new Map([
    ['day', 1],
    ['month', 30],
    ['year', 364],
    ['contested', 40],
  ]),
};
/** The same, sparse: a range from `from` reads back 364 × 1 entries, within what one range may. */
const sparse: TimelineStats = { ...stats, eventsPerDay: ONE_RANGE_READ_BACK / 364 };
/** The same, a little denser: 364 days back hold more events than merging costs. */
const dense: TimelineStats = { ...stats, eventsPerDay: ONE_RANGE_READ_BACK / 364 + 0.01 };
/** A dataset of day events only. */
const daysOnly: TimelineStats = { longest: new Map([['day', 1]]), byRange: new Map([['day', 1]]) };

const f = (filters: Partial<TimelineFilters>): TimelineFilters => ({ ...TIMELINE_DEFAULTS, ...filters });

describe('planTimeline', () => {
  it.each<[string, Partial<TimelineFilters>, TimelineStats, ReturnType<typeof planTimeline>]>([
    ['no filter: one range', {}, stats, { strategy: 'range', maxEventDays: 364 }],
    ['a type: one range', { type: ['war'] }, stats, { strategy: 'range', maxEventDays: 364 }],
    [
      'a lone actor: its own timeline',
      { actor: ['kim'] },
      stats,
      { strategy: 'actor', actor: 'kim', maxEventDays: 364 },
    ],
    [
      'one actor given twice: still its own',
      { actor: ['kim', 'kim'] },
      stats,
      { strategy: 'actor', actor: 'kim', maxEventDays: 364 },
    ],
    [
      'several actors, any: one range',
      { actor: ['kim', 'moon'] },
      stats,
      { strategy: 'range', maxEventDays: 364 },
    ],
    [
      'several actors, all: the first drives',
      { actor: ['kim', 'moon'], actor_match: 'all' },
      stats,
      { strategy: 'actor', actor: 'kim', maxEventDays: 364 },
    ],
    [
      'an actor’s timeline, whatever `actor` says',
      { requiredActor: 'kim', actor: ['moon', 'lee'] },
      stats,
      { strategy: 'actor', actor: 'kim', maxEventDays: 364 },
    ],
    ['up to `to` only: one range', { to: '2020-06-30' }, stats, { strategy: 'range', maxEventDays: 364 }],
    [
      'a precision keeps its own longest',
      { precision: 'month' },
      stats,
      { strategy: 'range', maxEventDays: 30 },
    ],
    [
      'from `from` on one precision: one range',
      { from: '2020-06-01', precision: 'day' },
      stats,
      { strategy: 'range', maxEventDays: 1 },
    ],
    [
      'from `from` in a dataset of one precision: one range',
      { from: '2020-06-01' },
      daysOnly,
      { strategy: 'range', maxEventDays: 1 },
    ],
    [
      'from `from`: one range per precision and the contested, each from its own bound',
      { from: '2020-06-10', to: '2020-06-20' },
      stats,
      {
        strategy: 'merged',
        from: '2020-06-10',
        lower: new Map([
          ['day', '2020-06-09'],
          ['month', '2020-05-11'],
          ['year', '2019-06-12'],
          ['contested', '2020-05-01'],
        ]),
        upper: '2020-06-20',
      },
    ],
    [
      'from `from` at month precision or finer: the year range is left out',
      { from: '2020-06-10', precision: 'month' },
      stats,
      {
        strategy: 'merged',
        from: '2020-06-10',
        lower: new Map([
          ['day', '2020-06-09'],
          ['month', '2020-05-11'],
          ['contested', '2020-05-01'],
        ]),
        upper: undefined,
      },
    ],
    [
      'from `from` in a sparse dataset: one range, reading back its longest event',
      { from: '2020-06-10', to: '2020-06-20' },
      sparse,
      { strategy: 'range', maxEventDays: 364 },
    ],
    [
      'from `from`, month precision or finer, 10 events a day: one range, 300 back',
      { from: '2020-06-10', precision: 'month' },
      { ...stats, eventsPerDay: 10 },
      { strategy: 'range', maxEventDays: 30 },
    ],
    [
      'from `from` in a dense dataset: merged',
      { from: '2020-06-10', to: '2020-06-20' },
      dense,
      { strategy: 'merged', from: '2020-06-10', lower: expect.any(Map), upper: '2020-06-20' },
    ],
    [
      'from `from`, every precision, 10 events a day: merged, 3,640 back',
      { from: '2020-06-10' },
      { ...stats, eventsPerDay: 10 },
      { strategy: 'merged', from: '2020-06-10', lower: expect.any(Map), upper: undefined },
    ],
  ])('%s', (_, filters, on, plan) => {
    expect(planTimeline(f(filters), on)).toEqual(plan);
  });

  it('begins each range at the cursor on a later page, and ends there going back', () => {
    const filters = f({ from: '2020-06-10', to: '2020-06-20' });
    const later = planTimeline(filters, stats, { order: 'asc', after: ['2020-06-12', '2020-06-12', 'e1'] });
    expect(later).toMatchObject({ strategy: 'merged', upper: '2020-06-20' });
    expect(later.strategy === 'merged' && [...later.lower.values()]).toEqual(Array(4).fill('2020-06-12'));
    const back = planTimeline(filters, stats, { order: 'desc', after: ['2020-06-15', '2020-06-15', 'e2'] });
    expect(back).toMatchObject({ strategy: 'merged', upper: '2020-06-15' });
    expect(back.strategy === 'merged' && back.lower.get('day')).toBe('2020-06-09');
  });
});

describe('eventsPerDay', () => {
  it.each<[string, Parameters<typeof eventsPerDay>[0], number | undefined]>([
    ['nothing recorded', undefined, undefined],
    ['no count recorded (loader 3)', { start: '2020-01-01', end: '2020-01-10' }, undefined],
    ['no events', { start: null, end: null, events: 0 }, 0],
    ['ten events over ten days', { start: '2020-01-01', end: '2020-01-10', events: 10 }, 1],
    ['one event on one day', { start: '2020-01-01', end: '2020-01-01', events: 1 }, 1],
    ['a leap year', { start: '2020-01-01', end: '2020-12-31', events: 732 }, 2],
  ])('%s', (_, extent, perDay) => {
    expect(eventsPerDay(extent)).toBe(perDay);
  });
});
