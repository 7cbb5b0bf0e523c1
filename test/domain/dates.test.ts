import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  contains,
  type DateInterval,
  endingBy,
  intervalDays,
  localDate,
  overlaps,
  parseExplicitDate,
  parseRangeBound,
  resolveDatePhrase,
  shiftDay,
} from '../../src/domain/dates.js';

/** A Wednesday. */
const R = '2020-06-24';

function span(phrase: string, reference = R): [string, string] | undefined {
  const resolved = resolveDatePhrase(phrase, reference);
  return resolved && [resolved.start, resolved.end];
}

describe('resolveDatePhrase', () => {
  describe('weekdays resolve to the most recent such day on or before the reference', () => {
    it('"on Tuesday" is the day before a Wednesday reference', () => {
      expect(resolveDatePhrase('on Tuesday', R)).toEqual<DateInterval>({
        start: '2020-06-23',
        end: '2020-06-23',
        precision: 'day',
        edtf: '2020-06-23',
        approximate: false,
      });
    });

    it('"on Wednesday" is the reference itself when it is a Wednesday', () => {
      expect(span('on Wednesday')).toEqual(['2020-06-24', '2020-06-24']);
    });

    it('"On Monday" is the Monday of the same week, regardless of case', () => {
      expect(span('On Monday')).toEqual(['2020-06-22', '2020-06-22']);
    });

    it('"Thursday" without "on" reaches back into the previous week', () => {
      expect(resolveDatePhrase('Thursday', R)).toMatchObject({ start: '2020-06-18', edtf: '2020-06-18' });
    });

    it('"on Sunday" is the Sunday that ended the previous ISO week', () => {
      expect(span('on Sunday')).toEqual(['2020-06-21', '2020-06-21']);
    });

    it('crosses a month boundary', () => {
      expect(span('on Friday', '2020-07-02')).toEqual(['2020-06-26', '2020-06-26']);
    });
  });

  describe('today and yesterday', () => {
    it('"today" is the reference', () => {
      expect(resolveDatePhrase('today', R)).toMatchObject({ start: R, end: R, precision: 'day', edtf: R });
    });

    it('"yesterday" is the day before, across a year boundary', () => {
      expect(resolveDatePhrase('Yesterday', '2021-01-01')).toMatchObject({
        start: '2020-12-31',
        end: '2020-12-31',
        precision: 'day',
      });
    });

    it('"yesterday" on March 1 of a leap year is February 29', () => {
      expect(span('yesterday', '2020-03-01')).toEqual(['2020-02-29', '2020-02-29']);
    });
  });

  describe('weeks are ISO weeks, Monday to Sunday', () => {
    it('"last week" is the previous Monday..Sunday', () => {
      expect(resolveDatePhrase('last week', R)).toEqual<DateInterval>({
        start: '2020-06-15',
        end: '2020-06-21',
        precision: 'week',
        edtf: '2020-06-15/2020-06-21',
        approximate: false,
      });
    });

    it('"earlier this week" runs from Monday to the day before the reference', () => {
      expect(resolveDatePhrase('earlier this week', R)).toEqual<DateInterval>({
        start: '2020-06-22',
        end: '2020-06-23',
        precision: 'week',
        edtf: '2020-06-22/2020-06-23',
        approximate: false,
      });
    });

    it('"Earlier this week" is matched case-insensitively', () => {
      expect(span('Earlier this week')).toEqual(['2020-06-22', '2020-06-23']);
    });

    it('"earlier this week" said on a Monday reads as nothing: no day of the week came earlier', () => {
      expect(resolveDatePhrase('earlier this week', '2020-06-22')).toBeUndefined();
      expect(span('earlier this week', '2020-06-23')).toEqual(['2020-06-22', '2020-06-22']);
    });

    it('"this week" is the whole week of the reference', () => {
      expect(resolveDatePhrase('this week', R)).toMatchObject({
        start: '2020-06-22',
        end: '2020-06-28',
        edtf: '2020-06-22/2020-06-28',
      });
    });

    it('a Sunday reference belongs to the week that started six days earlier', () => {
      expect(span('this week', '2020-06-28')).toEqual(['2020-06-22', '2020-06-28']);
      expect(span('last week', '2020-06-28')).toEqual(['2020-06-15', '2020-06-21']);
    });

    it('"last week" can span a year boundary', () => {
      expect(span('last week', '2021-01-06')).toEqual(['2020-12-28', '2021-01-03']);
    });
  });

  describe('months', () => {
    it('"earlier this month" runs from the 1st to the reference', () => {
      expect(resolveDatePhrase('earlier this month', R)).toEqual<DateInterval>({
        start: '2020-06-01',
        end: '2020-06-24',
        precision: 'month',
        edtf: '2020-06-01/2020-06-24',
        approximate: false,
      });
    });

    it('"this month" and "This month" are the whole month', () => {
      const expected: DateInterval = {
        start: '2020-06-01',
        end: '2020-06-30',
        precision: 'month',
        edtf: '2020-06',
        approximate: false,
      };
      expect(resolveDatePhrase('this month', R)).toEqual(expected);
      expect(resolveDatePhrase('This month', R)).toEqual(expected);
    });

    it('"last month" is the whole previous month', () => {
      expect(resolveDatePhrase('last month', R)).toMatchObject({
        start: '2020-05-01',
        end: '2020-05-31',
        precision: 'month',
        edtf: '2020-05',
      });
    });

    it('"last month" in January is the previous December', () => {
      expect(resolveDatePhrase('last month', '2021-01-15')).toMatchObject({
        edtf: '2020-12',
        end: '2020-12-31',
      });
    });

    it('February of a leap year has 29 days', () => {
      expect(span('this month', '2020-02-10')).toEqual(['2020-02-01', '2020-02-29']);
      expect(span('last month', '2020-03-31')).toEqual(['2020-02-01', '2020-02-29']);
    });

    it('February of a common year has 28 days', () => {
      expect(span('this month', '2019-02-10')).toEqual(['2019-02-01', '2019-02-28']);
    });
  });

  describe('recent periods are approximate', () => {
    it('"in recent weeks" is the 28 days up to the reference, with an approximate start', () => {
      expect(resolveDatePhrase('in recent weeks', R)).toEqual<DateInterval>({
        start: '2020-05-27',
        end: '2020-06-24',
        precision: 'week',
        edtf: '2020-05-27~/2020-06-24',
        approximate: true,
      });
    });

    it('"recently" means the same as "in recent weeks"', () => {
      expect(resolveDatePhrase('recently', R)).toEqual(resolveDatePhrase('in recent weeks', R));
    });

    it('"in recent months" is three months up to the reference', () => {
      expect(resolveDatePhrase('in recent months', R)).toEqual<DateInterval>({
        start: '2020-03-24',
        end: '2020-06-24',
        precision: 'month',
        edtf: '2020-03-24~/2020-06-24',
        approximate: true,
      });
    });

    it('"in recent months" clamps to the end of a shorter month', () => {
      expect(span('in recent months', '2020-05-31')).toEqual(['2020-02-29', '2020-05-31']);
    });
  });

  describe('years', () => {
    it('"this year" is the whole year of the reference', () => {
      expect(resolveDatePhrase('this year', R)).toMatchObject({
        start: '2020-01-01',
        end: '2020-12-31',
        precision: 'year',
        edtf: '2020',
      });
    });

    it('"earlier this year" runs from January 1 to the reference', () => {
      expect(resolveDatePhrase('earlier this year', R)).toMatchObject({
        start: '2020-01-01',
        end: R,
        precision: 'year',
        edtf: '2020-01-01/2020-06-24',
      });
    });

    it('"last year" is the whole previous year', () => {
      expect(resolveDatePhrase('last year', R)).toMatchObject({
        start: '2019-01-01',
        end: '2019-12-31',
        precision: 'year',
        edtf: '2019',
      });
    });

    it('"in 2017" is the whole year', () => {
      expect(resolveDatePhrase('in 2017', R)).toEqual<DateInterval>({
        start: '2017-01-01',
        end: '2017-12-31',
        precision: 'year',
        edtf: '2017',
        approximate: false,
      });
    });

    it('"in 1950" is the whole year 1950', () => {
      expect(resolveDatePhrase('in 1950', R)).toMatchObject({
        start: '1950-01-01',
        end: '1950-12-31',
        precision: 'year',
        edtf: '1950',
      });
    });
  });

  describe('named months', () => {
    it('"in December 2019" is that whole month', () => {
      expect(resolveDatePhrase('in December 2019', R)).toEqual<DateInterval>({
        start: '2019-12-01',
        end: '2019-12-31',
        precision: 'month',
        edtf: '2019-12',
        approximate: false,
      });
    });

    it('"in February last year" is February of the previous year', () => {
      expect(resolveDatePhrase('in February last year', R)).toMatchObject({
        start: '2019-02-01',
        end: '2019-02-28',
        edtf: '2019-02',
      });
    });

    it('"in September 2018" and "September 2018" are that month', () => {
      expect(span('in September 2018')).toEqual(['2018-09-01', '2018-09-30']);
      expect(span('September 2018')).toEqual(['2018-09-01', '2018-09-30']);
    });

    it('"in February 2020" has 29 days in a leap year', () => {
      expect(span('in February 2020')).toEqual(['2020-02-01', '2020-02-29']);
    });

    it('"in June" with a June reference is the current month', () => {
      expect(resolveDatePhrase('in June', R)).toMatchObject({ start: '2020-06-01', end: '2020-06-30' });
    });

    it('"in March" is earlier in the reference year', () => {
      expect(resolveDatePhrase('in March', R)).toMatchObject({ edtf: '2020-03', precision: 'month' });
    });

    it('"in July" with a June reference is the previous July', () => {
      expect(resolveDatePhrase('in July', R)).toMatchObject({
        start: '2019-07-01',
        end: '2019-07-31',
        precision: 'month',
        edtf: '2019-07',
      });
    });
  });

  describe('month and day', () => {
    it('"June 3" is the most recent June 3 not after the reference', () => {
      expect(resolveDatePhrase('June 3', R)).toMatchObject({
        start: '2020-06-03',
        end: '2020-06-03',
        precision: 'day',
        edtf: '2020-06-03',
      });
    });

    it('"on June 30" is last year\'s when this year\'s is still ahead', () => {
      expect(span('on June 30')).toEqual(['2019-06-30', '2019-06-30']);
    });

    it('"on June 24" is the reference itself', () => {
      expect(span('on June 24')).toEqual([R, R]);
    });

    it('"March 5, 2003" and "5 March 2003" are that day', () => {
      expect(span('March 5, 2003')).toEqual(['2003-03-05', '2003-03-05']);
      expect(span('on 5 March 2003')).toEqual(['2003-03-05', '2003-03-05']);
    });

    it('accepts ordinal suffixes', () => {
      expect(span('on June 3rd')).toEqual(['2020-06-03', '2020-06-03']);
    });

    it('"February 29" looks back to the most recent leap year', () => {
      expect(span('February 29', '2023-06-01')).toEqual(['2020-02-29', '2020-02-29']);
    });

    it('rejects impossible days', () => {
      expect(resolveDatePhrase('February 30', R)).toBeUndefined();
      expect(resolveDatePhrase('April 31', R)).toBeUndefined();
      expect(resolveDatePhrase('June 0', R)).toBeUndefined();
      expect(resolveDatePhrase('February 29, 2019', R)).toBeUndefined();
    });
  });

  describe('normalisation', () => {
    it('ignores surrounding whitespace and trailing punctuation', () => {
      expect(span('  last week.  ')).toEqual(['2020-06-15', '2020-06-21']);
      expect(span('on Tuesday,')).toEqual(['2020-06-23', '2020-06-23']);
      expect(span('in 2017;')).toEqual(['2017-01-01', '2017-12-31']);
      expect(span('earlier  this\tmonth:')).toEqual(['2020-06-01', '2020-06-24']);
    });
  });

  describe('unrecognised phrases', () => {
    it.each(['since then', 'soon', '', '   ', 'next week', 'in the 1990s', 'Smarch 3'])(
      '"%s" is undefined',
      (phrase) => {
        expect(resolveDatePhrase(phrase, R)).toBeUndefined();
      },
    );

    it('an invalid reference date is a caller error', () => {
      expect(() => resolveDatePhrase('today', '2020-02-30')).toThrow(RangeError);
    });
  });

  describe('around US daylight-saving transitions', () => {
    // 2020-03-08 and 2020-11-01 are the Sundays on which US clocks changed; local-time arithmetic
    // on Date objects would lose or gain an hour here and could land on the wrong day.
    it('"last week" ending on the spring-forward Sunday', () => {
      expect(span('last week', '2020-03-10')).toEqual(['2020-03-02', '2020-03-08']);
    });

    it('"yesterday" across spring-forward and fall-back', () => {
      expect(span('yesterday', '2020-03-09')).toEqual(['2020-03-08', '2020-03-08']);
      expect(span('yesterday', '2020-11-02')).toEqual(['2020-11-01', '2020-11-01']);
    });

    it('"in recent weeks" spanning the change', () => {
      expect(span('in recent weeks', '2020-03-20')).toEqual(['2020-02-21', '2020-03-20']);
    });

    it('"on Sunday" from the Monday after fall-back', () => {
      expect(span('on Sunday', '2020-11-02')).toEqual(['2020-11-01', '2020-11-01']);
    });
  });
});

describe('localDate', () => {
  it('converts an instant to the calendar date in the source time zone', () => {
    expect(localDate('2020-06-23T20:00:00Z', 'Asia/Seoul')).toBe('2020-06-24');
  });

  it('honours the offset of the input', () => {
    expect(localDate('2020-06-24T01:00:00+09:00', 'UTC')).toBe('2020-06-23');
    expect(localDate('2020-06-23T22:30:00.123-04:00', 'America/New_York')).toBe('2020-06-23');
  });

  it('returns a plain date as is', () => {
    expect(localDate('2020-06-24', 'Asia/Seoul')).toBe('2020-06-24');
    expect(localDate('2020-06-24', 'Pacific/Pago_Pago')).toBe('2020-06-24');
  });

  it('is correct on either side of a US daylight-saving change', () => {
    // 06:30Z is 01:30 EST on spring-forward day; 04:30Z is 00:30 EDT on fall-back day.
    expect(localDate('2020-03-08T06:30:00Z', 'America/New_York')).toBe('2020-03-08');
    expect(localDate('2020-03-08T04:59:00Z', 'America/New_York')).toBe('2020-03-07');
    expect(localDate('2020-11-01T04:30:00Z', 'America/New_York')).toBe('2020-11-01');
    expect(localDate('2020-11-01T03:59:00Z', 'America/New_York')).toBe('2020-10-31');
  });

  it('rejects malformed input, date-times without an offset and unknown zones', () => {
    expect(() => localDate('24/06/2020', 'UTC')).toThrow(RangeError);
    expect(() => localDate('2020-06-24T12:00:00', 'UTC')).toThrow(RangeError);
    expect(() => localDate('2020-02-30T12:00:00Z', 'UTC')).toThrow(RangeError);
    expect(() => localDate('2020-06-24T12:00:00Z', 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('parseExplicitDate', () => {
  it('YYYY is a year', () => {
    expect(parseExplicitDate('2017')).toEqual<DateInterval>({
      start: '2017-01-01',
      end: '2017-12-31',
      precision: 'year',
      edtf: '2017',
      approximate: false,
    });
  });

  it('YYYY-MM is a month, with leap Februaries', () => {
    expect(parseExplicitDate('2020-02')).toMatchObject({
      start: '2020-02-01',
      end: '2020-02-29',
      precision: 'month',
      edtf: '2020-02',
    });
    expect(parseExplicitDate('2021-02')).toMatchObject({ end: '2021-02-28' });
  });

  it('YYYY-MM-DD is a day', () => {
    expect(parseExplicitDate('2020-06-24')).toMatchObject({
      start: '2020-06-24',
      end: '2020-06-24',
      precision: 'day',
      edtf: '2020-06-24',
    });
  });

  it('A/B is that interval, its precision set by its length', () => {
    expect(parseExplicitDate('2020-06-24/2020-06-24')).toMatchObject({ precision: 'day' });
    expect(parseExplicitDate('2020-06-22/2020-06-28')).toEqual<DateInterval>({
      start: '2020-06-22',
      end: '2020-06-28',
      precision: 'week',
      edtf: '2020-06-22/2020-06-28',
      approximate: false,
    });
    expect(parseExplicitDate('2020-06-22/2020-06-29')).toMatchObject({ precision: 'month' });
    expect(parseExplicitDate('2020-01-01/2020-01-31')).toMatchObject({ precision: 'month' });
    expect(parseExplicitDate('2020-01-01/2020-02-01')).toMatchObject({ precision: 'year' });
  });

  it('accepts years 0001 to 9999', () => {
    expect(parseExplicitDate('0001')).toMatchObject({ start: '0001-01-01' });
    expect(parseExplicitDate('9999-12-31')).toMatchObject({ end: '9999-12-31' });
  });

  it.each([
    '2020-02-30',
    '2019-02-29',
    '2020-13',
    '2020-00',
    '2020-06-31',
    '0000',
    '2020-06-24/2020-06-23',
    '2020-06/2020-07',
    '2020-06-24/',
    '20',
    '2020-1-1',
    'abcd',
    '',
  ])('rejects %j', (value) => {
    expect(parseExplicitDate(value)).toBeUndefined();
  });
});

describe('parseRangeBound', () => {
  it('YYYY → January 1 or December 31', () => {
    expect(parseRangeBound('2020', 'from')).toBe('2020-01-01');
    expect(parseRangeBound('2020', 'to')).toBe('2020-12-31');
  });

  it('YYYY-MM → first or last day of the month', () => {
    expect(parseRangeBound('2020-06', 'from')).toBe('2020-06-01');
    expect(parseRangeBound('2020-06', 'to')).toBe('2020-06-30');
  });

  it('February ends on the 29th in leap years and the 28th otherwise', () => {
    expect(parseRangeBound('2020-02', 'to')).toBe('2020-02-29');
    expect(parseRangeBound('2019-02', 'to')).toBe('2019-02-28');
    expect(parseRangeBound('2000-02', 'to')).toBe('2000-02-29');
    expect(parseRangeBound('1900-02', 'to')).toBe('1900-02-28');
  });

  it('YYYY-MM-DD is itself on both sides', () => {
    expect(parseRangeBound('2020-06-24', 'from')).toBe('2020-06-24');
    expect(parseRangeBound('2020-06-24', 'to')).toBe('2020-06-24');
  });

  it.each(['2020-13', '2020-02-30', '20', '2020-1-1', 'abcd', '2020-06-01/2020-06-02'])(
    'rejects %j',
    (value) => {
      expect(parseRangeBound(value, 'from')).toBeUndefined();
      expect(parseRangeBound(value, 'to')).toBeUndefined();
    },
  );
});

describe('shiftDay', () => {
  it('moves a date across month, year and leap-day boundaries, both ways', () => {
    expect(shiftDay('2020-03-01', -1)).toBe('2020-02-29');
    expect(shiftDay('2019-03-01', -1)).toBe('2019-02-28');
    expect(shiftDay('2001-03-01', -366)).toBe('2000-02-29');
    expect(shiftDay('2020-12-31', 1)).toBe('2021-01-01');
    expect(shiftDay('2020-06-24', 0)).toBe('2020-06-24');
  });

  it('refuses what is not a calendar date', () => {
    expect(() => shiftDay('2020-02-30', 1)).toThrow(RangeError);
    expect(() => shiftDay('2020-06', 1)).toThrow(RangeError);
  });
});

describe('endingBy: what a period means of something that already happened', () => {
  const published = '2020-06-24';
  const resolve = (phrase: string) => {
    const interval = resolveDatePhrase(phrase, published);
    if (!interval) throw new Error(phrase);
    return endingBy(interval, published);
  };

  it('ends "this month", "this week" and "this year" on the reference day, keeping the precision', () => {
    expect(resolve('this month')).toEqual({
      start: '2020-06-01',
      end: '2020-06-24',
      precision: 'month',
      edtf: '2020-06-01/2020-06-24',
      approximate: false,
    });
    expect(resolve('this week')).toMatchObject({ start: '2020-06-22', end: '2020-06-24', precision: 'week' });
    expect(resolve('this year')).toMatchObject({ start: '2020-01-01', end: '2020-06-24', precision: 'year' });
  });

  it('leaves a date that ends by then as it is, and refuses one that begins after', () => {
    expect(resolve('on Tuesday')).toEqual(resolveDatePhrase('on Tuesday', published));
    expect(resolve('last month')).toEqual(resolveDatePhrase('last month', published));
    const july = parseExplicitDate('2020-07');
    expect(july && endingBy(july, published)).toBeUndefined();
    const fromToday = parseExplicitDate('2020-06-24/2020-06-30');
    expect(fromToday && endingBy(fromToday, published)).toMatchObject({ end: published, edtf: published });
  });
});

describe('intervalDays', () => {
  it('counts the days of an inclusive interval', () => {
    expect(intervalDays({ start: '2020-06-23', end: '2020-06-23' })).toBe(1);
    expect(intervalDays({ start: '2020-02-01', end: '2020-02-29' })).toBe(29);
    expect(intervalDays({ start: '2019-12-31', end: '2020-01-01' })).toBe(2);
    expect(() => intervalDays({ start: '2020-13-01', end: '2020-13-02' })).toThrow(RangeError);
  });
});

describe('overlaps and contains', () => {
  const june = { start: '2020-06-01', end: '2020-06-30' };

  it('touching endpoints overlap', () => {
    expect(overlaps(june, { start: '2020-06-30', end: '2020-07-05' })).toBe(true);
    expect(overlaps({ start: '2020-05-25', end: '2020-06-01' }, june)).toBe(true);
  });

  it('adjacent but disjoint intervals do not overlap', () => {
    expect(overlaps(june, { start: '2020-07-01', end: '2020-07-31' })).toBe(false);
    expect(overlaps({ start: '2020-05-01', end: '2020-05-31' }, june)).toBe(false);
  });

  it('nested intervals overlap both ways', () => {
    const day = { start: '2020-06-24', end: '2020-06-24' };
    expect(overlaps(june, day)).toBe(true);
    expect(overlaps(day, june)).toBe(true);
  });

  it('an interval contains itself and intervals sharing its endpoints', () => {
    expect(contains(june, june)).toBe(true);
    expect(contains(june, { start: '2020-06-01', end: '2020-06-01' })).toBe(true);
    expect(contains(june, { start: '2020-06-30', end: '2020-06-30' })).toBe(true);
  });

  it('does not contain an interval sticking out on either side', () => {
    expect(contains(june, { start: '2020-05-31', end: '2020-06-10' })).toBe(false);
    expect(contains(june, { start: '2020-06-20', end: '2020-07-01' })).toBe(false);
    expect(contains({ start: '2020-06-24', end: '2020-06-24' }, june)).toBe(false);
  });
});

describe('independence from the host time zone', () => {
  // TZ is read once per process, so each zone gets its own Node process running the same battery.
  const modulePath = fileURLToPath(new URL('../../src/domain/dates.ts', import.meta.url));
  const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
  const references = ['2020-03-07', '2020-03-08', '2020-03-09', '2020-10-31', '2020-11-01', '2020-11-02'];
  const phrases = [
    'today',
    'yesterday',
    'on Sunday',
    'last week',
    'this month',
    'in recent weeks',
    'March 8',
  ];
  const battery = `
    const { resolveDatePhrase, localDate, parseRangeBound } = await import(${JSON.stringify(modulePath)});
    const references = ${JSON.stringify(references)};
    const phrases = ${JSON.stringify(phrases)};
    const out = references.flatMap((r) => phrases.map((p) => resolveDatePhrase(p, r)));
    out.push(localDate('2020-03-08T06:30:00Z', 'America/New_York'), localDate('2020-11-01T04:30:00Z', 'America/New_York'));
    out.push(parseRangeBound('2020-02', 'to'), parseRangeBound('2020-03', 'from'));
    process.stdout.write(JSON.stringify({ offset: new Date(2020, 0, 1).getTimezoneOffset(), out }));
  `;
  const run = promisify(execFile);

  // The January offset (minutes behind UTC) proves the child really ran in that zone.
  it.each([
    ['UTC', 0],
    ['America/New_York', 300],
    ['America/Los_Angeles', 480],
    ['Pacific/Kiritimati', -840],
    ['Pacific/Pago_Pago', 660],
  ])(
    'gives the same results with TZ=%s',
    async (tz, offset) => {
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', battery],
        {
          cwd: projectRoot,
          env: { ...process.env, TZ: tz },
        },
      );
      const expected = [
        ...references.flatMap((r) => phrases.map((p) => resolveDatePhrase(p, r))),
        '2020-03-08',
        '2020-11-01',
        '2020-02-29',
        '2020-03-01',
      ];
      expect(JSON.parse(stdout)).toEqual({ offset, out: JSON.parse(JSON.stringify(expected)) });
    },
    20_000,
  );
});
