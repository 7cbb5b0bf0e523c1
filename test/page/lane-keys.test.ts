import { describe, expect, it } from 'vitest';
import { keyOrder, nextBar } from '../../page/lane-keys.js';

/**
 * Which bar each key of the timeline goes to (page/lane-keys.js): along a lane in the order drawn,
 * across lanes to the same event or the nearest bar, and nowhere past the ends.
 */

/** A bar of `event` in `lane`, `x0` to `x0 + 10`, in row `row`. */
const at = (event: string, lane: number, x0: number, row = 0) => ({
  bar: { event: { id: event } },
  lane,
  x0,
  width: 10,
  y: row * 20,
});

// Lane 0: a, b (b's row below a's, but later); lane 1 empty; lane 2: the same b, and c.
const a = at('a', 0, 0);
const b = at('b', 0, 50, 1);
const b2 = at('b', 2, 200);
const c = at('c', 2, 40);
const order = keyOrder([[b, a], [], [c, b2]]);
const BARS = { a, b, b2, c };

describe('the timeline by keyboard', () => {
  it('orders each lane as it is drawn, left to right, whatever the row', () => {
    expect(order).toEqual([[a, b], [], [c, b2]]);
  });

  it.each([
    ['ArrowRight', 'a', 'b'],
    ['ArrowLeft', 'b', 'a'],
    ['ArrowRight', 'b', 'nowhere'],
    ['ArrowLeft', 'a', 'nowhere'],
    ['Home', 'b', 'a'],
    ['End', 'c', 'b2'],
    // Down skips the empty lane, to the same event where the next lane tells it…
    ['ArrowDown', 'b', 'b2'],
    ['ArrowUp', 'b2', 'b'],
    // …else to the bar nearest in time.
    ['ArrowDown', 'a', 'c'],
    ['ArrowUp', 'c', 'b'],
    ['ArrowUp', 'a', 'nowhere'],
    ['ArrowDown', 'c', 'nowhere'],
    ['Tab', 'a', 'nowhere'],
  ] as const)('%s from %s goes to %s', (key, from, to) => {
    expect(nextBar(order, BARS[from], key)).toBe(to === 'nowhere' ? undefined : BARS[to]);
  });
});
