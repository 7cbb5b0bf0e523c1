/**
 * Volume over time, drawn with d3 when the window is too wide or holds too many events for bars:
 * per period the events dated within it, stacked by verdict, and those dated only more coarsely.
 * Each period is a button that zooms in on it.
 */

import { count, formatRange, statusLabel } from './format.js';
import { dayDate, toDay } from './days.js';
import { PAD, moveKey, dayTicks, keepTickLabelsIn, timeScale } from './chart.js';

/**
 * @typedef {import('./days.js').Window} Window
 * @typedef {import('./api-types').Volume} Volume
 * @typedef {import('./api-types').VolumePeriod} VolumePeriod
 * @typedef {import('./chart.js').Handlers} Handlers
 */

/** The status groups of a volume, bottom to top. */
const STACK = /** @type {const} */ ([
  'contested',
  'differing_characterisation',
  'corroborated',
  'single_source',
]);

/**
 * Volume over time: for each period the events dated within it, stacked by verdict, and above them
 * (hatched) those dated only more coarsely, which may fall in it. A period is a button that zooms
 * in on it.
 *
 * @param {HTMLElement} container
 * @param {{ window: Window, volume: Volume, unit: string }} model
 * @param {Handlers} handlers
 */
export function drawVolume(container, model, handlers) {
  const width = Math.max(300, container.clientWidth);
  const height = 260;
  const margin = { top: 12, bottom: 30, left: 46 };
  const x = timeScale(model.window, width).range([margin.left, width - PAD]);
  const [left, right] = /** @type {[number, number]} */ (x.range());
  const periods = model.volume.periods.filter((p) => p.events + p.overlapping > 0);
  const max = d3.max(periods, (p) => p.events + p.overlapping) ?? 1;
  const y = d3
    .scaleLinear()
    .domain([0, max])
    .nice()
    .range([height - margin.bottom, margin.top]);

  container.replaceChildren();
  const svg = d3
    .select(container)
    .append('svg')
    .attr('class', 'volume')
    .attr('width', width)
    .attr('height', height)
    .attr('viewBox', `0 0 ${width} ${height}`)
    .attr('role', 'group')
    .attr('aria-roledescription', 'chart')
    .attr(
      'aria-label',
      `Events per ${model.unit}, ${formatRange(model.window.from, model.window.to)}: ${count(model.volume.total, 'event')}`,
    )
    .attr('aria-describedby', 'timeline-help');
  svg
    .append('defs')
    .append('pattern')
    .attr('id', 'hatch')
    .attr('width', 6)
    .attr('height', 6)
    .attr('patternUnits', 'userSpaceOnUse')
    .attr('patternTransform', 'rotate(45)')
    .append('line')
    .attr('y2', 6)
    .attr('class', 'hatch-line');
  svg
    .append('g')
    .attr('class', 'axis')
    .attr('aria-hidden', 'true')
    .attr('transform', `translate(0,${height - margin.bottom})`)
    .call(
      d3
        .axisBottom(x)
        .tickValues(dayTicks(x, Math.max(2, Math.floor(width / 110))))
        .tickSizeOuter(0),
    )
    .call(keepTickLabelsIn, x);
  svg
    .append('g')
    .attr('class', 'axis y')
    .attr('aria-hidden', 'true')
    .attr('transform', `translate(${margin.left},0)`)
    .call(
      // Whole counts only, without trailing zeros: 0, 500, 1.5k (not 0.0k, nor half an event).
      d3
        .axisLeft(y)
        .tickValues(y.ticks(5).filter(Number.isInteger))
        .tickFormat(d3.format('~s'))
        .tickSize(-(right - left)),
    );

  // A period as wide as the window cannot narrow it: a day with more events than lanes can draw.
  const opens = (/** @type {VolumePeriod} */ p) =>
    !(p.start <= model.window.from && p.end >= model.window.to);
  const span = (/** @type {VolumePeriod} */ p) => {
    const x0 = Math.max(left, x(dayDate(toDay(p.start))));
    const x1 = Math.min(right, x(dayDate(toDay(p.end) + 1)));
    return { x0: x0 + 0.5, w: Math.max(1, x1 - x0 - 1) };
  };
  const groups = svg
    .append('g')
    .attr('class', 'periods')
    .attr('role', 'list')
    .attr('aria-label', `Periods of one ${model.unit}`)
    .selectAll('g')
    .data(periods)
    .join('g')
    .attr('role', 'listitem')
    .append('g')
    .attr('class', 'period')
    .attr('role', 'button')
    .attr('tabindex', (_, i) => (i === 0 ? 0 : -1))
    .attr('aria-label', (p) => periodLabel(p, opens(p)))
    .attr('data-opens', (p) => String(opens(p)))
    .attr('transform', (p) => `translate(${span(p).x0},0)`);
  groups
    .append('rect')
    .attr('class', 'focus-ring')
    .attr('x', -2)
    .attr('width', (p) => span(p).w + 4)
    .attr('y', margin.top - 4)
    .attr('height', height - margin.top - margin.bottom + 8);
  groups
    .append('rect')
    .attr('class', 'vol-overlapping')
    .attr('width', (p) => span(p).w)
    .attr('y', (p) => y(p.events + p.overlapping))
    .attr('height', (p) => y(p.events) - y(p.events + p.overlapping));
  for (const status of STACK) {
    groups
      .append('rect')
      .attr('class', `vol-${status}`)
      .attr('width', (p) => span(p).w)
      .attr('y', (p) => y(below(p, status) + within(p, status)))
      .attr('height', (p) => y(below(p, status)) - y(below(p, status) + within(p, status)));
  }
  volumeKeyboard(/** @type {SVGSVGElement} */ (svg.node()), handlers);
}

/** Events of a status dated within a period. */
function within(/** @type {VolumePeriod} */ p, /** @type {string} */ status) {
  return p.groups?.find((g) => g.value === status)?.events ?? 0;
}

/** Events of the statuses stacked below `status`. */
function below(/** @type {VolumePeriod} */ p, /** @type {string} */ status) {
  let sum = 0;
  for (const s of STACK) {
    if (s === status) break;
    sum += within(p, s);
  }
  return sum;
}

/** What a screen reader says of a period, and what choosing it does. */
function periodLabel(/** @type {VolumePeriod} */ p, /** @type {boolean} */ opens) {
  const parts = STACK.map((s) => [within(p, s), statusLabel(s)])
    .filter(([n]) => Number(n) > 0)
    .map(([n, word]) => `${Number(n).toLocaleString('en-GB')} ${word}`);
  const coarse = p.overlapping > 0 ? `; ${count(p.overlapping, 'more event')} dated only more coarsely` : '';
  return `${formatRange(p.start, p.end)}: ${count(p.events, 'event')}${parts.length ? ` (${parts.join(', ')})` : ''}${coarse}. ${opens ? 'Enter zooms in.' : 'Too many to draw one by one: Enter goes to the filters, which can narrow them to lanes.'}`;
}

/**
 * @param {SVGSVGElement} root
 * @param {Handlers} handlers
 */
function volumeKeyboard(root, handlers) {
  const nodes = [...root.querySelectorAll('.period')];
  const open = (/** @type {Element} */ node) => {
    const p = /** @type {VolumePeriod} */ (d3.select(node).datum());
    if (node.getAttribute('data-opens') === 'false') handlers.narrow();
    else handlers.zoomTo({ from: p.start, to: p.end });
  };
  root.addEventListener('click', (event) => {
    const node = event.target instanceof Element ? event.target.closest('.period') : null;
    if (node) open(node);
  });
  root.addEventListener('keydown', (event) => {
    if (moveKey(event, handlers)) return;
    const node = event.target instanceof Element ? event.target.closest('.period') : null;
    if (!node) return;
    const at = nodes.indexOf(node);
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      open(node);
      return;
    }
    /** @type {Record<string, number>} */
    const steps = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: nodes.length - 1 };
    const target = nodes[steps[event.key] ?? -1];
    if (!(target instanceof SVGElement)) return;
    event.preventDefault();
    node.setAttribute('tabindex', '-1');
    target.setAttribute('tabindex', '0');
    target.focus();
  });
}
