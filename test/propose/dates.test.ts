import { describe, expect, it } from 'vitest';
import { localDate, resolveDatePhrase } from '../../src/domain/dates.js';
import { findDates } from '../../src/propose/dates.js';
import { explicitValue } from '../../src/propose/draft.js';

/**
 * Each date phrase the proposer reads, against a publication day: proposed as a phrase where the
 * seed's resolver reads it (and then it must resolve to the same interval), as a value otherwise.
 */

interface Row {
  words: string;
  published: string;
  /** The phrase proposed (its exact words), or undefined for a value. */
  phrase?: string;
  /** The interval of the past reading, as an explicit value. */
  value: string;
  /** The reading ahead, where one is given. */
  ahead?: string;
}

const ROWS: Row[] = [
  {
    words: 'The strike began on Wednesday.',
    published: '2026-03-11',
    phrase: 'on Wednesday',
    value: '2026-03-11',
    ahead: '2026-03-18',
  },
  {
    words: 'Talks failed on Tuesday.',
    published: '2026-03-11',
    phrase: 'on Tuesday',
    value: '2026-03-10',
    ahead: '2026-03-17',
  },
  { words: 'The court ruled yesterday.', published: '2026-03-11', phrase: 'yesterday', value: '2026-03-10' },
  { words: 'It rained today.', published: '2026-03-11', phrase: 'today', value: '2026-03-11' },
  {
    words: 'Earlier this week the port closed.',
    published: '2026-03-11',
    phrase: 'Earlier this week',
    value: '2026-03-09/2026-03-10',
  },
  {
    words: 'The union met last week.',
    published: '2026-03-11',
    phrase: 'last week',
    value: '2026-03-02/2026-03-08',
  },
  { words: 'Prices rose last month.', published: '2027-01-02', phrase: 'last month', value: '2026-12' },
  { words: 'Turnout fell last year.', published: '2027-01-02', phrase: 'last year', value: '2026' },
  { words: 'The vote was held in 2018.', published: '2026-03-11', phrase: 'in 2018', value: '2018' },
  {
    words: 'He resigned in February last year.',
    published: '2020-06-24',
    phrase: 'in February last year',
    value: '2019-02',
  },
  {
    words: 'Parliament was dissolved on Dec. 30.',
    published: '2027-01-02',
    value: '2026-12-30',
    ahead: '2027-12-30',
  },
  { words: 'A vote is due on Feb. 14.', published: '2027-01-02', value: '2026-02-14', ahead: '2027-02-14' },
  // A week ago, two weeks ago: the Monday-to-Sunday week of chrono's day, approximate.
  { words: 'The plant shut two weeks ago.', published: '2026-03-11', value: '2026-02-23/2026-03-01' },
  {
    words: 'Tensions have grown in recent weeks.',
    published: '2020-06-24',
    phrase: 'in recent weeks',
    value: '2020-05-27/2020-06-24',
  },
];

describe('findDates', () => {
  it.each(ROWS)('$words (published $published)', ({ words, published, phrase, value, ahead }) => {
    const [found] = findDates(words, published);
    expect(found).toBeDefined();
    if (!found) return;
    expect(found.readable ? found.text : undefined).toBe(phrase);
    expect(explicitValue(found.interval)).toBe(value);
    if (ahead) expect(found.ahead && explicitValue(found.ahead)).toBe(ahead);
    // A phrase is proposed only where the seed reads it the same way.
    if (phrase) expect(resolveDatePhrase(phrase, published)).toMatchObject({ start: found.interval.start });
    else expect(found.reason).toMatch(new RegExp(published));
  });

  it('reads "next week" and "tomorrow" as ahead of the publication', () => {
    for (const words of ['Talks resume next week.', 'Talks resume tomorrow.']) {
      const [found] = findDates(words, '2026-03-11');
      expect(found?.future).toBe(true);
      expect((found?.interval.start ?? '') > '2026-03-11').toBe(true);
    }
  });

  it('finds no date in a sentence without one', () => {
    expect(findDates('The union said the workers would not give up.', '2026-03-11')).toEqual([]);
  });
});

describe('the publication day in the source’s time zone', () => {
  it.each([
    ['2026-08-19T05:30:00Z', 'America/Los_Angeles', '2026-08-18'],
    ['2027-01-01T16:30:00Z', 'Asia/Tokyo', '2027-01-02'],
    ['2026-03-12', 'Europe/Amsterdam', '2026-03-12'],
  ])('%s in %s is %s, and "yesterday" the day before', (published, zone, day) => {
    const reference = localDate(published, zone);
    expect(reference).toBe(day);
    const [found] = findDates('It ended yesterday.', reference);
    expect(found?.interval.start).toBe(
      new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10),
    );
  });
});
