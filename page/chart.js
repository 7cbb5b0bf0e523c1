/**
 * What the timeline's two charts share: the time scale over a window, day ticks, and the keys that
 * zoom and pan wherever the focus is in a chart.
 */

import { MS_PER_DAY, dayDate, toDay } from './days.js';

/**
 * @typedef {import('./days.js').Window} Window
 * @typedef {import('d3').ScaleTime<number, number>} TimeScale
 * @typedef {import('d3').Selection<SVGSVGElement, unknown, null, undefined>} Svg
 * @typedef {'zoom-in' | 'zoom-out' | 'earlier' | 'later'} Move
 *
 * @typedef {object} Handlers
 * @property {(eventId: string) => void} select Open an event.
 * @property {(window: Window) => void} zoomTo Show this window.
 * @property {(move: Move) => void} move Zoom or pan by a step.
 * @property {() => void} narrow Take the person to the filters: the window cannot narrow further.
 */

/** The charts' margin left and right. */
export const PAD = 10;

/**
 * A day's place across `width` pixels: the window's first day at the left, the end of its last
 * at the right.
 *
 * @param {Window} window
 * @param {number} width
 * @returns {TimeScale}
 */
export function timeScale(window, width) {
  return d3
    .scaleUtc()
    .domain([dayDate(toDay(window.from)), dayDate(toDay(window.to) + 1)])
    .range([PAD, width - PAD]);
}

/**
 * About `n` ticks, never inside a day: dates here have no time of day.
 *
 * @param {TimeScale} x
 * @param {number} n
 */
export function dayTicks(x, n) {
  const ticks = x.ticks(n);
  if (ticks.every((t) => t.getUTCHours() === 0)) return ticks;
  const [start, end] = x.domain();
  const days = (Number(end) - Number(start)) / MS_PER_DAY;
  return x.ticks(
    /** @type {import('d3').TimeInterval} */ (d3.utcDay.every(Math.max(1, Math.ceil(days / n)))),
  );
}

/**
 * Anchors the labels of ticks near either end inwards, so that none is cut off.
 *
 * @param {import('d3').Selection<SVGGElement, unknown, null, undefined>} axis
 * @param {TimeScale} x
 */
export function keepTickLabelsIn(axis, x) {
  const [left, right] = /** @type {[number, number]} */ (x.range());
  axis.selectAll('.tick').each((d, i, nodes) => {
    const at = x(/** @type {Date} */ (d));
    const text = d3.select(/** @type {SVGGElement} */ (nodes[i])).select('text');
    if (at - left < 30) text.attr('text-anchor', 'start').attr('dx', -2);
    else if (right - at < 30) text.attr('text-anchor', 'end').attr('dx', 2);
  });
}

/** Keys that zoom or pan wherever the focus is in the timeline. @type {Record<string, Move>} */
const MOVE_KEYS = {
  '+': 'zoom-in',
  '=': 'zoom-in',
  '-': 'zoom-out',
  _: 'zoom-out',
  '[': 'earlier',
  ']': 'later',
};

/**
 * Zooms or pans if the key is one of MOVE_KEYS (without a modifier, which belongs to the browser).
 *
 * @param {KeyboardEvent} event
 * @param {Handlers} handlers
 * @returns {boolean} Whether the key was handled.
 */
export function moveKey(event, handlers) {
  const move = MOVE_KEYS[event.key];
  if (!move || event.ctrlKey || event.metaKey || event.altKey) return false;
  event.preventDefault();
  handlers.move(move);
  return true;
}
