import { describe, expect, it } from 'vitest';
import { cursorFor, decodeCursor } from '../../src/http/pagination.js';

describe('keyset cursors', () => {
  const shape = ['string', 'string', 'string'] as const;

  it('round-trip the key of the last item', () => {
    const cursor = cursorFor('events', 'asc', ['2020-06-01', '2020-06-24', 'x']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'events', 'asc', shape)).toEqual(['2020-06-01', '2020-06-24', 'x']);
  });

  it('refuse a cursor of another list or order', () => {
    const cursor = cursorFor('events', 'asc', ['a', 'b', 'c']);
    expect(decodeCursor(cursor, 'events', 'desc', shape)).toBeUndefined();
    expect(decodeCursor(cursor, 'actor-events', 'asc', shape)).toBeUndefined();
  });

  it('refuse garbage and keys of the wrong shape', () => {
    expect(decodeCursor('not a cursor!', 'events', 'asc', shape)).toBeUndefined();
    expect(decodeCursor('e30', 'events', 'asc', shape)).toBeUndefined();
    expect(decodeCursor(cursorFor('events', 'asc', ['a', 1, 'c']), 'events', 'asc', shape)).toBeUndefined();
  });
});
