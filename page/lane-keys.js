/**
 * The lanes by keyboard: one bar is the timeline's tab stop (a roving tabindex); ← → move along a
 * lane in time order, ↑ ↓ to the same event (or the nearest bar) in the next lane, Home and End to
 * a lane's ends, Enter or Space open the event; + − [ ] zoom and pan. A click opens too.
 */

import { moveKey } from './chart.js';

/**
 * @typedef {import('./chart.js').Svg} Svg
 * @typedef {import('./chart.js').Handlers} Handlers
 * @typedef {import('./lane-layout.js').Placed} Placed
 * @typedef {Pick<Placed, 'lane' | 'x0' | 'width' | 'y'> & { bar: { event: { id: string } } }} Spot
 */

/**
 * Each lane's bars in the order the arrows go: left to right as drawn, whatever row a bar is in.
 *
 * @template {Spot} T
 * @param {T[][]} lanes
 * @returns {T[][]}
 */
export function keyOrder(lanes) {
  return lanes.map((lane) => [...lane].sort((a, b) => a.x0 - b.x0 || a.y - b.y));
}

/**
 * The bar a key moves to from `from`, in lanes ordered by keyOrder; undefined when it moves
 * nowhere (the end of a lane, no lane beyond, not a key of the lanes). Up and down go to the next
 * lane that has bars (skipping empty ones): to the same event if it tells it, else to the bar
 * nearest in time, so that every lane is one key away.
 *
 * @template {Spot} T
 * @param {T[][]} order
 * @param {T} from
 * @param {string} key
 * @returns {T | undefined}
 */
export function nextBar(order, from, key) {
  const lane = order[from.lane] ?? [];
  const at = lane.indexOf(from);
  /** @param {number} step */
  const across = (step) => {
    let i = from.lane + step;
    while (i >= 0 && i < order.length && order[i]?.length === 0) i += step;
    const bars = order[i];
    if (!bars) return undefined;
    const centre = (/** @type {T} */ p) => p.x0 + p.width / 2;
    return (
      bars.find((p) => p.bar.event.id === from.bar.event.id) ??
      bars.reduce((best, p) =>
        Math.abs(centre(p) - centre(from)) < Math.abs(centre(best) - centre(from)) ? p : best,
      )
    );
  };
  /** @type {Record<string, () => T | undefined>} */
  const keys = {
    ArrowRight: () => lane[at + 1],
    ArrowLeft: () => lane[at - 1],
    ArrowDown: () => across(1),
    ArrowUp: () => across(-1),
    Home: () => lane[0],
    End: () => lane[lane.length - 1],
  };
  return keys[key]?.();
}

/**
 * The roving tabindex over the bars: one bar is the timeline's tab stop; arrows move it.
 *
 * @param {Svg} svg
 * @param {Placed[][]} lanes
 * @param {Handlers} handlers
 */
export function laneKeys(svg, lanes, handlers) {
  const root = /** @type {SVGSVGElement} */ (svg.node());
  /** @type {Map<Element, Placed>} */
  const placedOf = new Map();
  /** @type {Map<Placed, Element>} */
  const nodeOf = new Map();
  svg.selectAll('.bar').each((d, i, nodes) => {
    const node = /** @type {Element} */ (nodes[i]);
    placedOf.set(node, /** @type {Placed} */ (d));
    nodeOf.set(/** @type {Placed} */ (d), node);
  });
  const order = keyOrder(lanes);

  /** @param {Placed | undefined} target */
  const focus = (target) => {
    const node = target && nodeOf.get(target);
    if (!(node instanceof SVGElement)) return;
    for (const other of root.querySelectorAll('.bar[tabindex="0"]')) other.setAttribute('tabindex', '-1');
    node.setAttribute('tabindex', '0');
    node.focus();
  };
  /** @param {Event} event */
  const placedAt = (event) => {
    const node = event.target instanceof Element ? event.target.closest('.bar') : null;
    return node ? placedOf.get(node) : undefined;
  };

  root.addEventListener('click', (event) => {
    const placed = placedAt(event);
    if (!placed) return;
    focus(placed);
    handlers.select(placed.bar.event.id);
  });

  root.addEventListener('keydown', (event) => {
    if (moveKey(event, handlers)) return;
    const placed = placedAt(event);
    if (!placed) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      handlers.select(placed.bar.event.id);
      return;
    }
    const next = nextBar(order, placed, event.key);
    // Arrows at a lane's end still belong to the timeline: the page must not scroll instead.
    if (next !== undefined || event.key.startsWith('Arrow')) event.preventDefault();
    focus(next);
  });

  return {
    /** Makes the open event's bar (or the first bar) the tab stop. @param {string | null} selected */
    reset(selected) {
      const all = order.flat();
      const start = all.find((p) => p.bar.event.id === selected) ?? order.find((l) => l.length > 0)?.[0];
      const node = start && nodeOf.get(start);
      if (node) node.setAttribute('tabindex', '0');
    },
  };
}
