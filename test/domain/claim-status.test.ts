import { describe, expect, it } from 'vitest';
import {
  type ComparableClaim,
  eventStatus,
  judgeClaims,
  valuesAgree,
} from '../../src/domain/claim-status.js';

const claim = (
  id: string,
  sourceId: string,
  value: ComparableClaim['value'],
  about: string | null = null,
): ComparableClaim => ({
  id,
  eventId: 'e',
  sourceId,
  property: typeof value === 'object' ? 'date' : 'count',
  about,
  value,
});

describe('claim status', () => {
  it('is single_source when only one source makes the claim', () => {
    expect(judgeClaims([claim('a', 'A', 3000)]).get('a')).toEqual({
      status: 'single_source',
      rivals: [],
      supporters: [],
    });
  });

  it('is corroborated when another source gives the same value', () => {
    const verdicts = judgeClaims([claim('a', 'A', 3000), claim('b', 'B', 3000)]);
    expect(verdicts.get('a')).toEqual({ status: 'corroborated', rivals: [], supporters: ['b'] });
  });

  it('is contested on both sides when sources give different values, each listing its rival', () => {
    const verdicts = judgeClaims([claim('a', 'A', 20), claim('b', 'B', 10)]);
    expect(verdicts.get('a')).toEqual({ status: 'contested', rivals: ['b'], supporters: [] });
    expect(verdicts.get('b')).toEqual({ status: 'contested', rivals: ['a'], supporters: [] });
  });

  it('never lets two claims of one source corroborate each other', () => {
    expect(judgeClaims([claim('a', 'A', 1), claim('b', 'A', 1)]).get('a')?.status).toBe('single_source');
  });

  it('compares only claims about the same thing', () => {
    const verdicts = judgeClaims([
      claim('a', 'A', 12_000_000, 'leaflets'),
      claim('b', 'B', 3000, 'balloons'),
    ]);
    expect(verdicts.get('a')?.status).toBe('single_source');
  });

  it('contests dates only when their intervals cannot both be true', () => {
    const tuesday = { start: '2020-06-23', end: '2020-06-23' };
    const wednesday = { start: '2020-06-24', end: '2020-06-24' };
    const earlierThisMonth = { start: '2020-06-01', end: '2020-06-24' };
    expect(valuesAgree(tuesday, wednesday)).toBe(false);
    expect(valuesAgree(tuesday, earlierThisMonth)).toBe(true);
    expect(judgeClaims([claim('a', 'A', tuesday), claim('b', 'B', wednesday)]).get('b')?.status).toBe(
      'contested',
    );
  });

  it('compares strings without regard to case or spacing', () => {
    expect(valuesAgree('Paju', ' paju ')).toBe(true);
    expect(valuesAgree('Paju', 'Seoul')).toBe(false);
  });
});

describe('event status', () => {
  it('is contested when any claim is', () => {
    expect(eventStatus(['corroborated', 'contested'], 2)).toBe('contested');
  });
  it('is corroborated when two sources report it', () => {
    expect(eventStatus(['single_source'], 2)).toBe('corroborated');
  });
  it('is single_source when one source reports it', () => {
    expect(eventStatus(['single_source'], 1)).toBe('single_source');
  });
});
