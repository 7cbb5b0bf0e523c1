/**
 * The lanes in pixels: where each bar and its label go, in rows that keep them apart, and what a
 * bar and a lane's head say. No drawing.
 */

import { PRECISION_WORDS, count, formatDate, formatDay, shorten, statusLabel } from './format.js';
import { dayDate, toDay } from './days.js';

/**
 * @typedef {import('./lane-model.js').Lane} Lane
 * @typedef {import('./lane-model.js').Bar} Bar
 * @typedef {import('./chart.js').TimeScale} TimeScale
 *
 * @typedef {object} LaneInfo
 * @property {{ title: string, published: string } | null} article The lane's article, when it has one.
 * @property {number} articles How many of the outlet's articles report the lane's events.
 * @property {string[]} published Publication dates to mark in the lane (of a few articles only).
 *
 * @typedef {object} Placed
 * @property {Bar} bar
 * @property {number} lane
 * @property {number} x0 Left of the bar's visible part.
 * @property {number} width
 * @property {number} y Top of the bar.
 * @property {string} label
 * @property {number} labelX Relative to x0.
 * @property {boolean} clippedStart The date starts before the window.
 * @property {boolean} clippedEnd The date ends after it.
 */

const LABEL_CHARS = 46;
/** The average advance of a character of a bar's label (12 px system sans-serif), for layout. */
export const CHAR_WIDTH = 6.4;
const MIN_BAR = 4;

/** What a screen reader says of a bar: the event, the outlet's date, its words and the verdict. */
export function barLabel(/** @type {Bar} */ bar) {
  const { event, outlet, claim } = bar;
  if (!claim)
    return `${event.title}. ${outlet} reports it without a date of its own; other outlets date it ${formatDate(event.date)}.`;
  const phrase = claim.phrase ? `, “${claim.phrase}”` : '';
  const by = claim.attributed_to?.actor ? `, according to ${claim.attributed_to.actor.name}` : '';
  return `${event.title}. ${outlet}: ${formatDate(claim)} (${PRECISION_WORDS[claim.precision]}${phrase}${by}); date ${statusLabel(bar.status)}.`;
}

/** An event's place among shared rows: by its earliest date in any lane, then its id. */
function rank(/** @type {Bar} */ bar) {
  const first = Math.min(toDay(bar.event.date.start), ...bar.event.date.by_source.map((d) => toDay(d.start)));
  return `${String(first + 1_000_000).padStart(8, '0')} ${bar.event.id}`;
}

/**
 * Bars of a lane in pixels, with their labels inside (when the bar is wide enough), after or before
 * them, and rows that keep them apart. Rows come in three bands, so that links stay short: events
 * told in a lane above first, then the lane's own, then those told only in a lane below.
 *
 * @param {Lane} lane
 * @param {number} index
 * @param {TimeScale} x
 * @param {(bar: Bar) => 0 | 1 | 2} band
 * @returns {{ placed: Omit<Placed, 'y'>[], rows: number[], count: number }}
 */
export function layoutLane(lane, index, x, band) {
  const [left, right] = /** @type {[number, number]} */ (x.range());
  const placed = lane.bars.map((bar) => {
    const start = x(dayDate(bar.start));
    const end = x(dayDate(bar.end));
    let x0 = Math.max(left, start);
    let width = Math.min(right, end) - x0;
    if (width < MIN_BAR) {
      x0 = Math.min(x0, right - MIN_BAR);
      width = MIN_BAR;
    }
    // A wide bar holds as much of the title as fits; a narrow one is labelled beside it.
    const room = Math.floor((width - 14) / CHAR_WIDTH);
    const inside = room >= Math.min(bar.event.title.length, 24);
    const after = Math.floor((right - x0 - width - 12) / CHAR_WIDTH);
    const before = Math.floor((x0 - left - 12) / CHAR_WIDTH);
    // Beside the bar: after it if the label fits there, else on the side with more room.
    const side = inside
      ? 0
      : Math.min(bar.event.title.length, LABEL_CHARS) <= after || after >= before
        ? 1
        : -1;
    const chars = side === 0 ? room : Math.max(10, Math.min(LABEL_CHARS, side > 0 ? after : before));
    const label = shorten(bar.event.title, chars);
    const labelWidth = label.length * CHAR_WIDTH + 8;
    const labelX = side === 0 ? 5 : side < 0 ? -labelWidth : width + 4;
    const extent =
      labelX === 5
        ? { left: x0, right: x0 + width }
        : labelX < 0
          ? { left: x0 + labelX, right: x0 + width }
          : { left: x0, right: x0 + width + labelWidth };
    return {
      item: {
        bar,
        lane: index,
        x0,
        width,
        label,
        labelX,
        clippedStart: start < left,
        clippedEnd: end > right,
      },
      extent,
      band: band(bar),
    };
  });
  /** @type {number[]} */
  const rows = [];
  let count = 0;
  /** @type {Map<string, number>} */
  const seen = new Map();
  const keyOf = placed.map((p) => {
    // An outlet may give one event two dates (two of its articles): each gets its own row.
    const n = seen.get(p.item.bar.event.id) ?? 0;
    seen.set(p.item.bar.event.id, n + 1);
    return `${rank(p.item.bar)} ${n}`;
  });
  for (const which of [0, 1, 2]) {
    const order = placed
      .map((p, i) => ({ ...p.extent, band: p.band, key: /** @type {string} */ (keyOf[i]), i }))
      .filter((p) => p.band === which);
    if (which === 1) {
      // The lane's own events, packed.
      order.sort((a, b) => a.left - b.left);
      const packed = packRows(order, 6);
      order.forEach(({ i }, k) => (rows[i] = count + (packed.rows[k] ?? 0)));
      count += packed.count;
    } else {
      // Events told in another lane, one row each, mirrored about the gap between the lanes (the
      // latest nearest to it in both), so that links nest instead of crossing each other.
      const keys = [...new Set(order.map((p) => p.key))].sort();
      if (which === 0) keys.reverse();
      for (const p of order) rows[p.i] = count + keys.indexOf(p.key);
      count += keys.length;
    }
  }
  return { placed: placed.map((p) => p.item), rows, count: Math.max(1, count) };
}

/**
 * A lane folded: its bars where they are, without labels (each still says what it is to a screen
 * reader), in one row, or two where some bar spans a third of the window or more and would hide
 * the short ones (those go in the second row). What it keeps is when the outlet reports.
 *
 * @param {{ placed: Omit<Placed, 'y'>[] }} laid
 * @param {number} span The window's width in pixels.
 * @returns {{ placed: Omit<Placed, 'y'>[], rows: number[], count: number }}
 */
export function foldLane({ placed }, span) {
  const rows = placed.map((p) => (p.width * 3 >= span ? 1 : 0));
  return {
    placed: placed.map((p) => ({ ...p, label: '', labelX: 5 })),
    rows,
    count: rows.includes(1) ? 2 : 1,
  };
}

/**
 * What a lane's head says under the outlet's name: its article (or how many), and how many events,
 * in at most `chars` characters.
 *
 * @param {Lane} lane
 * @param {LaneInfo} info
 * @param {number} chars
 * @param {boolean} [folded] Whether the lane is folded to one row.
 */
export function laneNote(lane, info, chars, folded = false) {
  const events = `${count(lane.events, 'event')}${folded ? ', folded' : ''}`;
  if (!info.article) return `${count(info.articles, 'article')} · ${events}`;
  const rest = `, ${formatDay(info.article.published)} · ${events}`;
  return `“${shorten(info.article.title, Math.max(12, chars - rest.length - 2))}”${rest}`;
}

/**
 * Rows for items laid out left to right (in pixels, `right` including the item's label): each item
 * goes into the first row whose last item ends `gap` before it starts.
 *
 * @param {{ left: number, right: number }[]} items In order of `left`.
 * @param {number} gap
 * @returns {{ rows: number[], count: number }} Each item's row, and how many rows there are.
 */
export function packRows(items, gap) {
  /** @type {number[]} */
  const ends = [];
  const rows = items.map(({ left, right }) => {
    let row = ends.findIndex((end) => end + gap <= left);
    if (row === -1) row = ends.push(right) - 1;
    else ends[row] = right;
    return row;
  });
  return { rows, count: ends.length };
}
