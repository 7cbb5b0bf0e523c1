import { describe, expect, it } from 'vitest';
import {
  MAX_BAR_DAYS,
  dateSpan,
  defaultWindow,
  fitRecord,
  fromDay,
  panWindow,
  toDay,
  viewMode,
  volumeInterval,
  windowDays,
  windowWith,
  zoomWindow,
} from '../../page/days.js';

describe('the timeline’s days and windows', () => {
  it('counts days in UTC, both ways, across the years the API knows', () => {
    expect(toDay('1970-01-01')).toBe(0);
    expect(fromDay(toDay('2020-06-24'))).toBe('2020-06-24');
    expect(fromDay(toDay('0050-03-01'))).toBe('0050-03-01');
    expect(fromDay(-1e9)).toBe('0001-01-01');
    expect(fromDay(1e9)).toBe('9999-12-31');
  });

  it('draws a date as wide as its precision: a day is one day, a month its days', () => {
    expect(dateSpan({ start: '2020-06-24', end: '2020-06-24' })).toEqual({
      start: toDay('2020-06-24'),
      end: toDay('2020-06-25'),
    });
    const month = dateSpan({ start: '2020-06-01', end: '2020-06-30' });
    expect(month.end - month.start).toBe(30);
  });

  it('opens on the three weeks up to the latest event', () => {
    const window = defaultWindow('2020-06-25');
    expect(window).toEqual({ from: '2020-06-05', to: '2020-06-28' });
    expect(windowDays(window)).toBe(24);
  });

  it.each([
    ['in the window', { start: '2020-06-23', end: '2020-06-23' }, { from: '2020-06-05', to: '2020-06-28' }],
    ['overlapping it', { start: '2020-01-01', end: '2020-12-31' }, { from: '2020-06-05', to: '2020-06-28' }],
    ['a day elsewhere', { start: '1950-06-25', end: '1950-06-25' }, { from: '1950-06-14', to: '1950-07-07' }],
    [
      'a week elsewhere',
      { start: '2018-04-23', end: '2018-04-29' },
      { from: '2018-04-15', to: '2018-05-08' },
    ],
    [
      'a year elsewhere',
      { start: '2017-01-01', end: '2017-12-31' },
      { from: '2016-11-25', to: '2018-02-06' },
    ],
  ])('opens a link to an event %s on a window that shows it', (_, date, expected) => {
    const window = windowWith({ from: '2020-06-05', to: '2020-06-28' }, date);
    expect(window).toEqual(expected);
    // The event's bars are in it: its date overlaps the window.
    expect(toDay(window.from)).toBeLessThanOrEqual(toDay(date.end));
    expect(toDay(window.to)).toBeGreaterThanOrEqual(toDay(date.start));
  });

  it.each([
    [
      'narrower than the record',
      { from: '2000-01-01', to: '2009-12-31' },
      { from: '2000-01-01', to: '2009-12-31' },
    ],
    [
      'as wide as the record and its margin',
      { from: '1943-06-25', to: '2027-06-25' },
      { from: '1943-06-25', to: '2027-06-25' },
    ],
    ['wider than that', { from: '1900-01-01', to: '2099-12-31' }, { from: '1943-06-25', to: '2027-06-25' }],
  ])('zooms out no further than the record: a window %s', (_, window, expected) => {
    // The seeds: the war's day to the last day reported; a tenth of that span either side.
    expect(fitRecord(window, { from: '1950-06-25', to: '2020-06-24' })).toEqual(expected);
  });

  it('keeps three days of margin about a record of one day', () => {
    expect(
      fitRecord({ from: '2020-01-01', to: '2020-12-31' }, { from: '2020-06-24', to: '2020-06-24' }),
    ).toEqual({
      from: '2020-06-21',
      to: '2020-06-27',
    });
  });

  it('zooms around the middle and pans by half a window', () => {
    const june = { from: '2020-06-01', to: '2020-06-30' };
    expect(zoomWindow(june, 0.5)).toEqual({ from: '2020-06-09', to: '2020-06-23' });
    expect(windowDays(zoomWindow(june, 2))).toBe(60);
    expect(zoomWindow({ from: '2020-06-24', to: '2020-06-24' }, 0.5)).toEqual({
      from: '2020-06-24',
      to: '2020-06-24',
    });
    expect(panWindow(june, -0.5)).toEqual({ from: '2020-05-17', to: '2020-06-15' });
    expect(panWindow({ from: '2020-06-24', to: '2020-06-24' }, 0.5)).toEqual({
      from: '2020-06-25',
      to: '2020-06-25',
    });
  });

  it('counts volume in buckets a person can tell apart', () => {
    expect(volumeInterval(30)).toBe('day');
    expect(volumeInterval(365)).toBe('week');
    expect(volumeInterval(20 * 365)).toBe('month');
    expect(volumeInterval(80 * 365)).toBe('year');
  });

  it('draws bars only when one page holds the window and the window is narrow enough', () => {
    expect(viewMode(30, true)).toBe('bars');
    expect(viewMode(30, false)).toBe('volume');
    expect(viewMode(MAX_BAR_DAYS + 1, true)).toBe('volume');
  });
});
