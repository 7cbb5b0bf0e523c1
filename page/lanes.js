/**
 * The timeline's lanes drawn with d3: one lane per outlet, a bar per date claim, links across lanes
 * where outlets tell the same event, each bar a button (lane-keys.js moves between them).
 */

import { count, formatDay, formatRange } from './format.js';
import { dayDate, toDay } from './days.js';
import { PAD, dayTicks, keepTickLabelsIn, timeScale } from './chart.js';
import { CHAR_WIDTH, barLabel, foldLane, laneNote, layoutLane } from './lane-layout.js';
import { laneKeys } from './lane-keys.js';

/**
 * @typedef {import('./days.js').Window} Window
 * @typedef {import('./lane-model.js').Lane} Lane
 * @typedef {import('./lane-model.js').Link} Link
 * @typedef {import('./lane-model.js').Bar} Bar
 * @typedef {import('./chart.js').TimeScale} TimeScale
 * @typedef {import('./chart.js').Svg} Svg
 * @typedef {import('./chart.js').Handlers} Handlers
 * @typedef {import('./lane-layout.js').LaneInfo} LaneInfo
 * @typedef {import('./lane-layout.js').Placed} Placed
 */

const AXIS = 30;
/** A lane's head: the outlet and its article on one line, or on two on a narrow screen. */
const LANE_HEAD = 36;
const LANE_HEAD_NARROW = 58;
const NARROW = 640;
/**
 * A row of bars and a bar's height: on a narrow (touch) screen every bar is a 24 px target, on a
 * 30 px pitch (WCAG 2.2, 2.5.8).
 */
const ROWS = { wide: { row: 20, bar: 14 }, narrow: { row: 30, bar: 24 } };
const LANE_GAP = 14;

/**
 * Draws lanes of bars into `container`, replacing what was there.
 *
 * @param {HTMLElement} container
 * @param {{ window: Window, lanes: Lane[], links: Link[], info: (outlet: string) => LaneInfo }} model
 * @param {Handlers} handlers
 * @param {string | null} selected The open event.
 * @param {readonly string[]} [folded] Outlets whose lanes are folded to one row.
 */
export function drawBars(container, model, handlers, selected, folded = []) {
  const width = Math.max(300, container.clientWidth);
  const { row: rowHeight, bar: barHeight } = width < NARROW ? ROWS.narrow : ROWS.wide;
  const x = timeScale(model.window, width);
  const lanesOf = new Map();
  model.lanes.forEach((lane, i) => {
    for (const bar of lane.bars) lanesOf.set(bar.event.id, [...(lanesOf.get(bar.event.id) ?? []), i]);
  });
  const head = width < NARROW ? LANE_HEAD_NARROW : LANE_HEAD;
  const [left, right] = /** @type {[number, number]} */ (x.range());
  const laid = model.lanes.map((lane, i) => {
    const laidOut = layoutLane(lane, i, x, (bar) => {
      const where = /** @type {number[]} */ (lanesOf.get(bar.event.id));
      return where.some((l) => l < i) ? 0 : where.some((l) => l > i) ? 2 : 1;
    });
    return folded.includes(lane.outlet) ? foldLane(laidOut, right - left) : laidOut;
  });
  /** @type {number[]} */
  const tops = [];
  let bottom = AXIS;
  for (const lane of laid) {
    tops.push(bottom);
    bottom += head + lane.count * rowHeight + LANE_GAP;
  }
  /** @type {Placed[][]} */
  const lanes = laid.map((lane, i) =>
    lane.placed.map((p, k) => ({
      ...p,
      y:
        /** @type {number} */ (tops[i]) +
        head +
        /** @type {number} */ (lane.rows[k]) * rowHeight +
        (rowHeight - barHeight) / 2,
    })),
  );

  container.replaceChildren();
  const svg = d3
    .select(container)
    .append('svg')
    .attr('class', 'lanes')
    .attr('width', width)
    .attr('height', bottom)
    .attr('viewBox', `0 0 ${width} ${bottom}`)
    .attr('role', 'group')
    .attr('aria-roledescription', 'timeline')
    .attr(
      'aria-label',
      `${formatRange(model.window.from, model.window.to)}: ${model.lanes.map((l) => `${l.outlet}, ${count(l.events, 'event')}`).join('; ')}`,
    )
    .attr('aria-describedby', 'timeline-help');
  // Bottom to top: what is read last goes on top. Links pass under the bars and their labels (a
  // line through words makes them hard to read), their ≠ marks and the lanes' names over all.
  drawAxis(svg, x, bottom, width);
  const heads = drawLaneHeads(svg, model, x, tops, { width, head, bottom, folded });
  const marks = drawLinks(svg, model.links, lanes, barHeight);
  drawBarGroups(svg, model.lanes, lanes, barHeight);
  svg.append(() => marks.node());
  svg.append(() => heads.node());
  const nav = laneKeys(svg, lanes, handlers);
  markSelected(container, selected);
  nav.reset(selected);
}

/**
 * @param {Svg} svg
 * @param {TimeScale} x
 * @param {number} bottom
 * @param {number} width
 */
function drawAxis(svg, x, bottom, width) {
  const ticks = dayTicks(x, Math.max(2, Math.floor(width / 110)));
  svg
    .append('g')
    .attr('class', 'grid')
    .attr('aria-hidden', 'true')
    .selectAll('line')
    .data(ticks)
    .join('line')
    .attr('x1', (d) => x(d))
    .attr('x2', (d) => x(d))
    .attr('y1', AXIS - 4)
    .attr('y2', bottom);
  svg
    .append('g')
    .attr('class', 'axis')
    .attr('aria-hidden', 'true')
    .attr('transform', `translate(0,${AXIS - 4})`)
    .call(d3.axisTop(x).tickValues(ticks).tickSizeOuter(0))
    .call(keepTickLabelsIn, x);
}

/**
 * Each lane's name, its note, and its articles' publication dates: a dashed rule down the lane,
 * since an article reports what happened before it.
 *
 * @param {Svg} svg
 * @param {{ window: Window, lanes: Lane[], info: (outlet: string) => LaneInfo }} model
 * @param {TimeScale} x
 * @param {number[]} tops
 * @param {{ width: number, head: number, bottom: number, folded: readonly string[] }} size
 * @returns {import('d3').Selection<SVGGElement, unknown, null, undefined>} The heads' words, for
 *   the caller to raise over the bars.
 */
function drawLaneHeads(svg, model, x, tops, { width, head, bottom, folded }) {
  const [left, right] = /** @type {[number, number]} */ (x.range());
  const narrow = width < NARROW;
  const heightOf = (/** @type {number} */ i) => (tops[i + 1] ?? bottom) - /** @type {number} */ (tops[i]);
  const under = svg.append('g').attr('class', 'lane-bands').attr('aria-hidden', 'true');
  const over = svg.append('g').attr('class', 'lane-heads').attr('aria-hidden', 'true');
  const perLane = (/** @type {typeof under} */ layer) =>
    layer
      .selectAll('g')
      .data(model.lanes)
      .join('g')
      .attr('transform', (_, i) => `translate(0,${tops[i]})`);
  const bands = perLane(under);
  const heads = perLane(over);
  bands
    .append('rect')
    .attr('class', 'lane-band')
    .attr('width', width)
    .attr('height', (_, i) => heightOf(i));
  heads
    .append('text')
    .attr('class', 'lane-title')
    .attr('x', PAD)
    .attr('y', 18)
    .text((lane) => lane.outlet);
  heads
    .append('text')
    .attr('class', 'lane-note')
    .attr('x', (lane) => (narrow ? PAD : PAD + lane.outlet.length * 8.4 + 12))
    .attr('y', narrow ? 36 : 18)
    .text((lane) => {
      const room = narrow ? width - 2 * PAD : width - 2 * PAD - lane.outlet.length * 8.4 - 12;
      return laneNote(lane, model.info(lane.outlet), Math.floor(room / 6.2), folded.includes(lane.outlet));
    });
  bands.each((lane, i, nodes) => {
    const rules = d3.select(/** @type {SVGGElement} */ (nodes[i]));
    const words = d3.select(/** @type {SVGGElement} */ (heads.nodes()[i]));
    for (const day of model.info(lane.outlet).published) {
      const px = x(dayDate(toDay(day) + 0.5));
      if (px < left || px > right) continue;
      const end = px > right - 70;
      rules
        .append('line')
        .attr('class', 'published')
        .attr('x1', px)
        .attr('x2', px)
        .attr('y1', head - 14)
        .attr('y2', heightOf(i) - LANE_GAP);
      words
        .append('text')
        .attr('class', 'published-label')
        .attr('x', px)
        .attr('dx', end ? -4 : 4)
        .attr('y', head - 5)
        .attr('text-anchor', end ? 'end' : 'start')
        .text(`published ${formatDay(day)}`);
    }
  });
  return over;
}

/**
 * Links between the bars of one event in different lanes, styled by the verdicts of the dates; a
 * contested one is marked ≠ halfway.
 *
 * @param {Svg} svg
 * @param {Link[]} links
 * @param {Placed[][]} lanes
 * @param {number} barHeight A bar's height.
 * @returns {import('d3').Selection<SVGGElement, unknown, null, undefined>} The ≠ marks, for the
 *   caller to raise over the bars.
 */
function drawLinks(svg, links, lanes, barHeight) {
  /** @type {Map<Bar, Placed>} */
  const where = new Map(lanes.flat().map((p) => [p.bar, p]));
  const drawn = links.flatMap((link) => {
    const a = where.get(link.from);
    const b = where.get(link.to);
    if (!a || !b) return [];
    const ax = a.x0 + a.width / 2;
    const bx = b.x0 + b.width / 2;
    const ay = a.y + barHeight;
    const by = b.y;
    const mid = (ay + by) / 2;
    return [{ link, path: `M${ax},${ay}C${ax},${mid} ${bx},${mid} ${bx},${by}`, mx: (ax + bx) / 2, my: mid }];
  });
  svg
    .append('g')
    .attr('class', 'links')
    .attr('aria-hidden', 'true')
    .selectAll('path')
    .data(drawn)
    .join('path')
    .attr('class', (d) => `link link-${d.link.kind}`)
    .attr('data-event', (d) => d.link.from.event.id)
    .attr('d', (d) => d.path);
  const marks = svg.append('g').attr('class', 'link-marks').attr('aria-hidden', 'true');
  const contested = marks
    .selectAll('g')
    .data(drawn.filter((d) => d.link.kind === 'contested'))
    .join('g')
    .attr('class', 'link-mark')
    .attr('data-event', (d) => d.link.from.event.id);
  contested
    .append('circle')
    .attr('cx', (d) => d.mx)
    .attr('cy', (d) => d.my)
    .attr('r', 7);
  contested
    .append('text')
    .attr('x', (d) => d.mx)
    .attr('y', (d) => d.my + 4)
    .attr('text-anchor', 'middle')
    .text('≠');
  return marks;
}

/**
 * The bars: a list per lane, a button per bar.
 *
 * @param {Svg} svg
 * @param {Lane[]} model
 * @param {Placed[][]} lanes
 * @param {number} barHeight A bar's height.
 */
function drawBarGroups(svg, model, lanes, barHeight) {
  const lists = svg
    .append('g')
    .attr('class', 'bars')
    .selectAll('g')
    .data(lanes)
    .join('g')
    .attr('role', 'list')
    .attr('aria-label', (_, i) => {
      const lane = /** @type {Lane} */ (model[i]);
      return `${lane.outlet}: ${count(lane.events, 'event')}`;
    });
  const bars = lists
    .selectAll('g')
    .data((d) => d)
    .join('g')
    .attr('role', 'listitem')
    .append('g')
    .attr('class', (d) => `bar bar-${d.bar.status}`)
    .attr('role', 'button')
    .attr('tabindex', -1)
    .attr('data-event', (d) => d.bar.event.id)
    .attr('data-lane', (d) => d.lane)
    .attr('aria-label', (d) => barLabel(d.bar))
    .attr('transform', (d) => `translate(${d.x0},${d.y})`);
  bars
    .append('rect')
    .attr('class', 'focus-ring')
    .attr('x', -3)
    .attr('y', -3)
    .attr('rx', 4)
    .attr('width', (d) => d.width + 6)
    .attr('height', barHeight + 6);
  bars
    .append('rect')
    .attr('class', 'fill')
    .attr('rx', 2)
    .attr('width', (d) => d.width)
    .attr('height', barHeight);
  bars
    .filter((d) => d.clippedStart)
    .append('path')
    .attr('class', 'clip-mark')
    .attr('d', `M6,2L1,${barHeight / 2}L6,${barHeight - 2}`);
  bars
    .filter((d) => d.clippedEnd)
    .append('path')
    .attr('class', 'clip-mark')
    .attr('d', (d) => `M${d.width - 6},2L${d.width - 1},${barHeight / 2}L${d.width - 6},${barHeight - 2}`);
  // The verdict by shape as well as colour, where the bar has room beside its label.
  bars
    .filter((d) => VERDICT_GLYPHS[d.bar.status] !== undefined && glyphRoom(d))
    .append('text')
    .attr('class', 'bar-glyph')
    .attr('aria-hidden', 'true')
    .attr('x', (d) => d.width - 4)
    .attr('y', barHeight / 2 + 3)
    .text((d) => VERDICT_GLYPHS[d.bar.status] ?? '');
  bars
    .append('text')
    .attr('class', (d) => (d.labelX === 5 ? 'bar-label inside' : 'bar-label'))
    .attr('x', (d) => (d.labelX === 5 && d.clippedStart ? 10 : d.labelX + (d.labelX < 0 ? 4 : 0)))
    .attr('y', barHeight / 2 + 3.5)
    .text((d) => d.label);
}

/**
 * A date verdict's glyph, so that it reads without its colour (a colour-blind reader, forced
 * colours): ≠ contested, ≈ compatible, = corroborated. The bar's label says it in words.
 *
 * @type {Partial<Record<string, string>>}
 */
const VERDICT_GLYPHS = { contested: '≠', compatible: '≈', corroborated: '=' };

/**
 * Whether a bar has room for its glyph at its right end: beside the label inside it, or (label
 * outside) at all.
 *
 * @param {{ width: number, labelX: number, label: string }} d
 */
function glyphRoom(d) {
  const used = d.labelX === 5 ? 5 + d.label.length * CHAR_WIDTH : 0;
  return d.width - used >= 14;
}

/**
 * Marks the bars and links of the open event.
 *
 * @param {HTMLElement} container
 * @param {string | null} eventId
 */
export function markSelected(container, eventId) {
  for (const node of container.querySelectorAll('.bar, .link, .period')) {
    const on = eventId !== null && node.getAttribute('data-event') === eventId;
    node.classList.toggle('selected', on);
    if (node.classList.contains('bar')) {
      if (on) node.setAttribute('aria-current', 'true');
      else node.removeAttribute('aria-current');
    }
  }
}

/**
 * Moves focus to the first bar of an event, if it is drawn.
 *
 * @param {HTMLElement} container
 * @param {string} eventId
 */
export function focusEvent(container, eventId) {
  const bar = container.querySelector(`.bar[data-event="${CSS.escape(eventId)}"]`);
  if (bar instanceof SVGElement) {
    for (const other of container.querySelectorAll('[tabindex="0"]')) other.setAttribute('tabindex', '-1');
    bar.setAttribute('tabindex', '0');
    bar.focus();
  }
}
