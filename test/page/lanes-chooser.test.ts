import { describe, expect, it } from 'vitest';
import { laneChoice, laneRows, moved } from '../../page/lanes-chooser.js';

/** What the lanes chooser (page/lanes-chooser.js) lists and what it chooses: no DOM. */

const model = {
  lanes: [
    { outlet: 'B', events: 3 },
    { outlet: 'A', events: 5 },
  ],
  hidden: [{ outlet: 'C', events: 1 }],
};

describe('the lanes chooser', () => {
  it('lists the lanes drawn in their order, folded or not, then the outlets not drawn', () => {
    expect(laneRows(model, ['A', 'C'])).toEqual([
      { outlet: 'B', events: 3, shown: true, folded: false },
      { outlet: 'A', events: 5, shown: true, folded: true },
      { outlet: 'C', events: 1, shown: false, folded: false },
    ]);
  });

  it('chooses the outlets shown, in the order of the rows, and those of them folded', () => {
    const rows = laneRows(model, ['A']);
    expect(laneChoice(rows)).toEqual({ lanes: ['B', 'A'], folded: ['A'] });
    const changed = moved(rows, 2, -2).map((r) => ({ ...r, shown: true }));
    expect(laneChoice(changed)).toEqual({ lanes: ['C', 'B', 'A'], folded: ['A'] });
    // A folded outlet that is not shown is not folded either.
    expect(laneChoice(rows.map((r) => ({ ...r, shown: r.outlet !== 'A' })))).toEqual({
      lanes: ['B', 'C'],
      folded: [],
    });
  });

  it.each([
    [['a', 'b', 'c'], 0, 1, ['b', 'a', 'c']],
    [['a', 'b', 'c'], 2, -1, ['a', 'c', 'b']],
    [['a', 'b', 'c'], 0, -1, ['a', 'b', 'c']],
    [['a', 'b', 'c'], 2, 1, ['a', 'b', 'c']],
    [['a', 'b', 'c'], 1, 5, ['a', 'c', 'b']],
  ])('moves %j at %i by %i to %j', (list, index, by, expected) => {
    expect(moved(list, index, by)).toEqual(expected);
  });
});
