import { describe, expect, it } from 'vitest';
import {
  type Agreement,
  aspectStatus,
  type ClaimedDate,
  type ComparableClaim,
  compareClaimedDates,
  compareClaims,
  compareCounts,
  compareDates,
  comparePlaces,
  eventStatus,
  judgeClaims,
} from '../../src/domain/comparison.js';
import { parseExplicitDate } from '../../src/domain/dates.js';
import type { ClaimStatus, EventStatus } from '../../src/domain/vocabulary.js';

const date = (value: string) => {
  const parsed = parseExplicitDate(value);
  if (!parsed) throw new Error(value);
  return { ...parsed, phrase: null as string | null, reason: null as string | null };
};

const claim = (
  id: string,
  sourceId: string,
  value: ComparableClaim['value'],
  {
    property = typeof value === 'object' ? 'date' : 'count',
    about = null as string | null,
    approximate = false,
  } = {},
): ComparableClaim => ({ id, eventId: 'e', sourceId, property, about, value, approximate });

describe('dates compared with their precision', () => {
  // One date of each precision around Tuesday 23 June 2020, and a second of each that shares no day.
  const day = date('2020-06-23');
  const week = date('2020-06-22/2020-06-28');
  const month = date('2020-06');
  const year = date('2020');
  const otherDay = date('2020-06-24');
  const otherWeek = date('2020-06-29/2020-07-05');
  const otherMonth = date('2020-07');
  const otherYear = date('2019');
  const cases: [string, string, ReturnType<typeof date>, ReturnType<typeof date>, Agreement][] = [
    ['day', 'the same day', day, day, 'same'],
    ['day', 'another day', day, otherDay, 'conflict'],
    ['day', 'a week containing it', day, week, 'compatible'],
    ['day', 'another week', day, otherWeek, 'conflict'],
    ['day', 'a month containing it', day, month, 'compatible'],
    ['day', 'another month', day, otherMonth, 'conflict'],
    ['day', 'a year containing it', day, year, 'compatible'],
    ['day', 'another year', day, otherYear, 'conflict'],
    ['week', 'the same week', week, week, 'same'],
    ['week', 'another week', week, otherWeek, 'conflict'],
    ['week', 'a month containing it', week, month, 'compatible'],
    ['week', 'the next month', week, otherMonth, 'conflict'],
    ['week', 'a year containing it', week, year, 'compatible'],
    ['week', 'another year', week, otherYear, 'conflict'],
    ['month', 'the same month', month, month, 'same'],
    ['month', 'another month', month, otherMonth, 'conflict'],
    ['month', 'a year containing it', month, year, 'compatible'],
    ['month', 'another year', month, otherYear, 'conflict'],
    ['year', 'the same year', year, year, 'same'],
    ['year', 'another year', year, otherYear, 'conflict'],
    // Overlapping without containment: both can be true, on the days they share.
    ['week', 'a week across the month end', otherWeek, date('2020-07-01/2020-07-07'), 'compatible'],
  ];
  for (const [precision, what, a, b, expected] of cases)
    it(`a ${precision} beside ${what}: ${expected}, both ways`, () => {
      expect(compareDates(a, b)).toBe(expected);
      expect(compareDates(b, a)).toBe(expected);
    });

  describe('a date worked out by the annotator confirms nothing', () => {
    const stated = { ...date('2020-06-24'), phrase: 'on Wednesday' };
    const workedOut = { ...date('2020-06-24'), reason: 'a day before the anniversary of 25 June' };
    const cases: [string, ClaimedDate, ClaimedDate, Agreement][] = [
      ['two stated days', stated, stated, 'same'],
      ['a worked-out day beside the same stated day', workedOut, stated, 'compatible'],
      ['two worked-out days', workedOut, workedOut, 'compatible'],
      [
        'a worked-out day beside another stated day',
        workedOut,
        { ...stated, ...date('2020-06-23'), phrase: 'on Tuesday' },
        'conflict',
      ],
      [
        'a worked-out day inside a stated month',
        workedOut,
        { ...date('2020-06'), phrase: 'this month' },
        'compatible',
      ],
    ];
    for (const [what, a, b, expected] of cases)
      it(`${what}: ${expected}, both ways`, () => {
        expect(compareClaimedDates(a, b)).toBe(expected);
        expect(compareClaimedDates(b, a)).toBe(expected);
      });

    it('leaves an inferred date compatible, not corroborated, in a claim’s verdict', () => {
      const verdicts = judgeClaims([claim('nki', 'A', workedOut), claim('nyt', 'B', stated)]);
      expect(verdicts.get('nki')).toMatchObject({
        status: 'compatible',
        compatibleWith: ['nyt'],
        supporters: [],
      });
      expect(verdicts.get('nyt')?.status).toBe('compatible');
    });
  });

  it('calls a month that contains another source’s day compatible, not corroboration', () => {
    const verdicts = judgeClaims([
      claim('nki', 'A', date('2020-06-01/2020-06-24')),
      claim('nyt', 'B', date('2020-06-22')),
    ]);
    expect(verdicts.get('nki')).toMatchObject({
      status: 'compatible',
      compatibleWith: ['nyt'],
      supporters: [],
    });
    expect(verdicts.get('nyt')?.status).toBe('compatible');
  });
});

describe('counts compared with their approximation', () => {
  const cases: [
    string,
    { value: number; approximate: boolean },
    { value: number; approximate: boolean },
    Agreement,
  ][] = [
    ['20 beside 20', { value: 20, approximate: false }, { value: 20, approximate: false }, 'same'],
    ['20 beside 30', { value: 20, approximate: false }, { value: 30, approximate: false }, 'conflict'],
    [
      'around 20 beside around 20',
      { value: 20, approximate: true },
      { value: 20, approximate: true },
      'same',
    ],
    [
      'around 20 beside 20',
      { value: 20, approximate: true },
      { value: 20, approximate: false },
      'compatible',
    ],
    [
      'around 20 beside 24',
      { value: 20, approximate: true },
      { value: 24, approximate: false },
      'compatible',
    ],
    ['around 20 beside 26', { value: 20, approximate: true }, { value: 26, approximate: false }, 'conflict'],
    [
      'around 20 beside around 30',
      { value: 20, approximate: true },
      { value: 30, approximate: true },
      'compatible',
    ],
    [
      'around 10 beside around 20',
      { value: 10, approximate: true },
      { value: 20, approximate: true },
      'conflict',
    ],
    ['around 2 beside 3', { value: 2, approximate: true }, { value: 3, approximate: false }, 'compatible'],
    [
      '12 million beside 12 million',
      { value: 12e6, approximate: false },
      { value: 12e6, approximate: false },
      'same',
    ],
  ];
  for (const [what, a, b, expected] of cases)
    it(`${what}: ${expected}, both ways`, () => {
      expect(compareCounts(a, b)).toBe(expected);
      expect(compareCounts(b, a)).toBe(expected);
    });
});

describe('places compared as paths from broad to narrow', () => {
  const cases: [string, string, Agreement][] = [
    ['Korean Peninsula / Demilitarized Zone', 'korean peninsula /  demilitarized zone ', 'same'],
    ['Korean Peninsula / Demilitarized Zone', 'Korean Peninsula / Demilitarized Zone / Paju', 'compatible'],
    ['Korean Peninsula', 'Korean Peninsula / Demilitarized Zone / Paju', 'compatible'],
    ['Korean Peninsula / Demilitarized Zone', 'Korean Peninsula / Pyongyang', 'conflict'],
    ['Guam', 'Korean Peninsula', 'conflict'],
  ];
  for (const [a, b, expected] of cases)
    it(`"${a}" beside "${b}": ${expected}, both ways`, () => {
      expect(comparePlaces(a, b)).toBe(expected);
      expect(comparePlaces(b, a)).toBe(expected);
    });
});

describe('characterisations and actors', () => {
  it('shows differing characterisations of one aspect as such, never as a contradiction', () => {
    const nki = claim('nki', 'A', 'suspended, not cancelled', {
      property: 'characterisation',
      about: 'decision',
    });
    const nyt = claim('nyt', 'B', 'overruled his military', {
      property: 'characterisation',
      about: 'decision',
    });
    expect(compareClaims(nki, nyt)).toBe('differs');
    expect(judgeClaims([nki, nyt]).get('nki')).toMatchObject({
      status: 'differing_characterisation',
      differsFrom: ['nyt'],
      rivals: [],
    });
  });

  it('corroborates the same words regardless of case and spacing', () => {
    const a = claim('a', 'A', ' Video  conference', { property: 'description', about: 'format' });
    const b = claim('b', 'B', 'video conference', { property: 'description', about: 'format' });
    expect(judgeClaims([a, b]).get('a')?.status).toBe('corroborated');
  });

  it('contests a different actor: who did it is a fact', () => {
    const a = claim('a', 'A', 'kim-jong-un', { property: 'actor', about: 'decision-maker' });
    const b = claim('b', 'B', 'kim-yo-jong', { property: 'actor', about: 'decision-maker' });
    expect(judgeClaims([a, b]).get('b')).toMatchObject({ status: 'contested', rivals: ['a'] });
  });
});

describe('claim status', () => {
  it('is single_source when only one source makes the claim', () => {
    expect(judgeClaims([claim('a', 'A', 3000)]).get('a')).toEqual({
      status: 'single_source',
      rivals: [],
      supporters: [],
      compatibleWith: [],
      differsFrom: [],
    });
  });

  it('is corroborated when another source gives the same value', () => {
    const verdicts = judgeClaims([claim('a', 'A', 3000), claim('b', 'B', 3000)]);
    expect(verdicts.get('a')).toMatchObject({ status: 'corroborated', supporters: ['b'] });
  });

  it('is contested on both sides when values cannot both be true, each listing its rival', () => {
    const verdicts = judgeClaims([claim('a', 'A', 20), claim('b', 'B', 10)]);
    expect(verdicts.get('a')).toMatchObject({ status: 'contested', rivals: ['b'] });
    expect(verdicts.get('b')).toMatchObject({ status: 'contested', rivals: ['a'] });
  });

  it('is contested when any source contradicts it, even if another agrees', () => {
    const verdicts = judgeClaims([claim('a', 'A', 20), claim('b', 'B', 20), claim('c', 'C', 30)]);
    expect(verdicts.get('a')).toMatchObject({ status: 'contested', supporters: ['b'], rivals: ['c'] });
  });

  it('never lets two claims of one source corroborate each other', () => {
    expect(judgeClaims([claim('a', 'A', 1), claim('b', 'A', 1)]).get('a')?.status).toBe('single_source');
  });

  it('compares only claims about the same aspect', () => {
    const verdicts = judgeClaims([
      claim('a', 'A', 12_000_000, { about: 'leaflets' }),
      claim('b', 'B', 3000, { about: 'balloons' }),
    ]);
    expect(verdicts.get('a')?.status).toBe('single_source');
  });
});

describe('aspect and event status', () => {
  const cases: [ClaimStatus[], ClaimStatus][] = [
    [['single_source'], 'single_source'],
    [['corroborated', 'corroborated'], 'corroborated'],
    [['compatible', 'compatible'], 'compatible'],
    [['corroborated', 'corroborated', 'compatible'], 'compatible'],
    [['differing_characterisation', 'differing_characterisation'], 'differing_characterisation'],
    [['corroborated', 'contested', 'contested'], 'contested'],
  ];
  for (const [statuses, expected] of cases)
    it(`an aspect whose claims are ${statuses.join(', ')} is ${expected}`, () => {
      expect(aspectStatus(statuses)).toBe(expected);
    });

  const events: [ClaimStatus[], number, EventStatus][] = [
    [['corroborated', 'contested'], 2, 'contested'],
    [['differing_characterisation', 'contested'], 2, 'contested'],
    [['compatible', 'differing_characterisation'], 2, 'differing_characterisation'],
    [['corroborated', 'compatible'], 2, 'corroborated'],
    [['single_source'], 2, 'corroborated'],
    [[], 2, 'corroborated'],
    [['single_source'], 1, 'single_source'],
  ];
  for (const [statuses, sources, expected] of events)
    it(`an event ${sources} sources tell, its claims ${statuses.join(', ') || 'none'}, is ${expected}`, () => {
      expect(eventStatus(statuses, sources)).toBe(expected);
    });
});
