import { describe, expect, it } from 'vitest';
import { parseExplicitDate } from '../../src/domain/dates.js';
import { eventDate, type SourceDate } from '../../src/domain/event-date.js';
import type { ClaimStatus } from '../../src/domain/vocabulary.js';

const source = (
  sourceId: string,
  value: string,
  status: ClaimStatus,
  phrase: string | null = null,
): SourceDate => {
  const interval = parseExplicitDate(value);
  if (!interval) throw new Error(value);
  return { sourceId, interval, phrase, reason: phrase ? null : 'inferred', status };
};

describe("an event's date from its sources' dates", () => {
  it('is the one source’s date when one source dates it', () => {
    expect(eventDate([source('nyt', '2020-06-22', 'single_source', 'On Monday')])).toMatchObject({
      start: '2020-06-22',
      end: '2020-06-22',
      precision: 'day',
      phrase: 'On Monday',
      source: 'nyt',
      status: 'single_source',
    });
  });

  it('is the narrowest date where the others contain it (compatible)', () => {
    const date = eventDate([
      source('nki', '2020-06-01/2020-06-24', 'compatible'),
      source('nyt', '2020-06-22', 'compatible', 'On Monday'),
    ]);
    expect(date).toMatchObject({
      start: '2020-06-22',
      end: '2020-06-22',
      source: 'nyt',
      status: 'compatible',
    });
  });

  it('is the shared days where the dates only overlap', () => {
    const date = eventDate([
      source('a', '2020-06-10/2020-06-20', 'compatible'),
      source('b', '2020-06-15/2020-06-25', 'compatible'),
    ]);
    expect(date).toMatchObject({ start: '2020-06-15', end: '2020-06-20', precision: 'week', source: null });
  });

  it('picks no source where they contradict each other: it spans every date given, contested', () => {
    const date = eventDate([
      source('nki', '2020-06-24', 'contested', 'on Wednesday'),
      source('nyt', '2020-06-23', 'contested', 'on Tuesday'),
    ]);
    expect(date).toMatchObject({
      start: '2020-06-23',
      end: '2020-06-24',
      precision: 'week',
      edtf: '2020-06-23/2020-06-24',
      phrase: null,
      source: null,
      status: 'contested',
    });
  });

  it('is the same whichever order the sources come in', () => {
    const a = source('a', '2020-06-23', 'corroborated', 'on Tuesday');
    const b = source('b', '2020-06-23', 'corroborated', 'June 23');
    expect(eventDate([a, b])).toEqual(eventDate([b, a]));
    expect(eventDate([a, b])?.source).toBe('a');
  });

  it('is undefined when no source dates the event', () => {
    expect(eventDate([])).toBeUndefined();
  });
});
