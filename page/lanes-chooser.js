/**
 * Which outlets get a lane, in what order, and which lanes are folded to one row: a list of the
 * outlets that report the window's events, each to show or not, fold or not, and move up or down.
 * Nothing applies until "Show these lanes", so that several changes make one step in the history.
 */

import { h } from './dom.js';
import { count } from './format.js';

/**
 * @typedef {{ outlet: string, events: number, shown: boolean, folded: boolean }} LaneRow
 * @typedef {{ lanes: string[], folded: string[] }} LaneChoice
 */

/**
 * The rows of the chooser: the lanes drawn, in their order, then the outlets not drawn, busiest
 * first.
 *
 * @param {{ lanes: { outlet: string, events: number }[], hidden: { outlet: string, events: number }[] }} model
 * @param {readonly string[]} folded
 * @returns {LaneRow[]}
 */
export function laneRows(model, folded) {
  return [
    ...model.lanes.map((l) => ({
      outlet: l.outlet,
      events: l.events,
      shown: true,
      folded: folded.includes(l.outlet),
    })),
    ...model.hidden.map((l) => ({ outlet: l.outlet, events: l.events, shown: false, folded: false })),
  ];
}

/**
 * What the rows choose: the outlets shown, in the rows' order, and those of them folded.
 *
 * @param {readonly LaneRow[]} rows
 * @returns {LaneChoice}
 */
export function laneChoice(rows) {
  const shown = rows.filter((r) => r.shown);
  return { lanes: shown.map((r) => r.outlet), folded: shown.filter((r) => r.folded).map((r) => r.outlet) };
}

/**
 * The list with one item moved by `by` places, kept within the list.
 *
 * @template T
 * @param {readonly T[]} list
 * @param {number} index
 * @param {number} by
 * @returns {T[]}
 */
export function moved(list, index, by) {
  const to = Math.max(0, Math.min(list.length - 1, index + by));
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  if (item !== undefined) copy.splice(to, 0, item);
  return copy;
}

/**
 * The chooser, folded under its summary.
 *
 * @param {{ lanes: { outlet: string, events: number }[], hidden: { outlet: string, events: number }[] }} model
 * @param {readonly string[]} folded
 * @param {(choice: LaneChoice) => void} apply
 */
export function lanesChooser(model, folded, apply) {
  let rows = laneRows(model, folded);
  const list = h('ol', { class: 'lane-options' });
  /** @param {{ outlet: string, by: number }} [moving] The row just moved, which keeps the focus. */
  const draw = (moving) => {
    list.replaceChildren(...rows.map((row, i) => laneItem(row, i)));
    if (!moving) return;
    const item = list.querySelector(`li[data-outlet="${CSS.escape(moving.outlet)}"]`);
    const same = item?.querySelector(`button[data-by="${moving.by}"]`);
    // At an end of the list the button that moved it is disabled: its other one takes the focus.
    const target =
      same instanceof HTMLButtonElement && !same.disabled
        ? same
        : item?.querySelector('button:not([disabled])');
    if (target instanceof HTMLButtonElement) target.focus();
  };
  /**
   * @param {LaneRow} row
   * @param {number} i
   */
  const laneItem = (row, i) => {
    const shown = h('input', { type: 'checkbox', checked: row.shown });
    shown.addEventListener('change', () => {
      rows = rows.map((r) => (r.outlet === row.outlet ? { ...r, shown: shown.checked } : r));
    });
    const fold = h('input', { type: 'checkbox', checked: row.folded, 'aria-label': `Fold ${row.outlet}` });
    fold.addEventListener('change', () => {
      rows = rows.map((r) => (r.outlet === row.outlet ? { ...r, folded: fold.checked } : r));
    });
    /** @param {number} by @param {string} label @param {string} glyph */
    const move = (by, label, glyph) => {
      const button = h(
        'button',
        {
          type: 'button',
          class: 'move',
          'data-by': by,
          'aria-label': `Move ${row.outlet} ${label}`,
          disabled: i + by < 0 || i + by >= rows.length,
        },
        h('span', { 'aria-hidden': 'true' }, glyph),
      );
      button.addEventListener('click', () => {
        rows = moved(rows, i, by);
        draw({ outlet: row.outlet, by });
      });
      return button;
    };
    return h(
      'li',
      { class: 'lane-option', 'data-outlet': row.outlet },
      h('label', { class: 'lane-shown' }, shown, ` ${row.outlet} (${count(row.events, 'event')})`),
      h('label', { class: 'lane-fold' }, fold, ' Fold'),
      move(-1, 'up', '↑'),
      move(1, 'down', '↓'),
    );
  };
  draw();
  const button = h('button', { type: 'button' }, 'Show these lanes');
  button.addEventListener('click', () => apply(laneChoice(rows)));
  const drawn = model.lanes.length;
  const all = drawn + model.hidden.length;
  const foldedCount = model.lanes.filter((l) => folded.includes(l.outlet)).length;
  return h(
    'details',
    {},
    h(
      'summary',
      {},
      `Lanes: ${drawn} of ${count(all, 'outlet')}${foldedCount > 0 ? `, ${foldedCount} folded` : ''}`,
    ),
    h('fieldset', {}, h('legend', {}, 'Outlets to show as lanes, in this order'), list, button),
  );
}
