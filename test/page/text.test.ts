import { describe, expect, it } from 'vitest';
import {
  count,
  formatDate,
  formatRange,
  shorten,
  speakerText,
  statusLabel,
  words,
} from '../../page/format.js';
import { segments, spanText } from '../../page/spans.js';

describe('evidence in an article’s text', () => {
  it('cuts by code points, as spans count them', () => {
    // “𝔸” is one code point and two UTF-16 units: a UTF-16 cut would land one off after it.
    const text = '𝔸 said “on Tuesday” and left.';
    expect(spanText(text, { start: 8, end: 18 })).toBe('on Tuesday');
    expect(segments(text, [{ start: 8, end: 18, key: 'date' }])).toEqual([
      { text: '𝔸 said “', keys: [] },
      { text: 'on Tuesday', keys: ['date'] },
      { text: '” and left.', keys: [] },
    ]);
  });

  it('cuts overlapping and nested spans into segments that know every span covering them', () => {
    const text = 'Kim Jong Un gave an order on Wednesday.';
    const cut = segments(text, [
      { start: 0, end: 25, key: 'claim' },
      { start: 12, end: 38, key: 'event' },
      { start: 26, end: 38, key: 'date' },
    ]);
    expect(cut.map((s) => [s.text, s.keys])).toEqual([
      ['Kim Jong Un ', ['claim']],
      ['gave an order', ['claim', 'event']],
      [' ', ['event']],
      ['on Wednesday', ['event', 'date']],
      ['.', []],
    ]);
    // The segments are the text, whole and in order.
    expect(cut.map((s) => s.text).join('')).toBe(text);
    // A span's segments are its words.
    const date = cut.filter((s) => s.keys.includes('date'));
    expect(date.map((s) => s.text).join('')).toBe('on Wednesday');
  });

  it('clamps spans to the text and ignores empty ones', () => {
    expect(
      segments('abc', [
        { start: 2, end: 10, key: 'tail' },
        { start: 1, end: 1, key: 'empty' },
      ]),
    ).toEqual([
      { text: 'ab', keys: [] },
      { text: 'c', keys: ['tail'] },
    ]);
  });
});

describe('words for dates and verdicts', () => {
  const date = (start: string, end: string, precision: 'day' | 'week' | 'month' | 'year') => ({
    start,
    end,
    precision,
    edtf: start,
    approximate: false,
    phrase: null,
    reason: null,
    source: null,
  });

  it('writes a date as precisely as the source gave it', () => {
    expect(formatDate(date('2020-06-24', '2020-06-24', 'day'))).toBe('Wed, 24 Jun 2020');
    expect(formatDate(date('2020-06-01', '2020-06-30', 'month'))).toBe('June 2020');
    expect(formatDate(date('2018-01-01', '2018-12-31', 'year'))).toBe('2018');
    // "earlier this month", in an article of 24 June: not the whole month.
    expect(formatDate(date('2020-06-01', '2020-06-24', 'month'))).toBe('1–24 Jun 2020');
    expect(formatRange('2019-02-01', '2020-06-24')).toBe('1 Feb 2019 – 24 Jun 2020');
    expect(formatRange('2020-05-27', '2020-06-24')).toBe('27 May – 24 Jun 2020');
  });

  it('says each verdict in plain words', () => {
    expect(statusLabel('single_source')).toBe('one source only');
    expect(statusLabel('undated')).toBe('no date of its own');
    expect(words('military_activity')).toBe('military activity');
    expect(count(1, 'event')).toBe('1 event');
    expect(count(1320, 'event')).toBe('1,320 events');
  });

  it('shortens a label at a word, with an ellipsis', () => {
    expect(shorten('Kim Jong-un suspends the military action plans', 30)).toBe('Kim Jong-un suspends the…');
    expect(shorten('short', 30)).toBe('short');
  });
});

describe('speakerText', () => {
  it.each([
    ['a former US diplomat', 'Mintaro Oba', 'a former US diplomat (Mintaro Oba)'],
    ['Mintaro Oba, a former US diplomat', 'Mintaro Oba', 'Mintaro Oba, a former US diplomat'],
    ['KIM YO-JONG, his sister', 'Kim Yo-jong', 'KIM YO-JONG, his sister'],
    ['an official', null, 'an official'],
    [null, 'Kim Jong-un', 'Kim Jong-un'],
    [null, null, 'unattributed'],
  ])('names %j speaking as %j: %j', (description, name, expected) => {
    expect(speakerText(description, name)).toBe(expected);
  });
});
