/**
 * The page: reads the state from the URL, fetches what it shows from the API, draws it, and writes
 * every change back to the URL (so back and forward work, and a view can be shared).
 */

import * as api from './api.js';
import { renderActor } from './actor-view.js';
import { renderCompare } from './compare-view.js';
import { renderFind } from './find-view.js';
import { renderEvent } from './event-view.js';
import { setupFilters } from './filters.js';
import { count, formatRange } from './format.js';
import { byId, h } from './dom.js';
import { combobox } from './combobox.js';
import { namedFirst } from './relevance.js';
import { MAX_BARS, MIN_WINDOW_DAYS, fitRecord, panWindow, windowDays, zoomWindow } from './days.js';
import { buildModel } from './model.js';
import {
  EXPORT_FORMATS,
  exportUrl,
  filterParams,
  parseState,
  serializeState,
  timelineKey,
  withChanges,
} from './state.js';
import { embedded, setupEmbed } from './embed.js';
import { drawBars, focusEvent, markSelected } from './lanes.js';
import { lanesChooser } from './lanes-chooser.js';
import { drawVolume } from './volume.js';

/**
 * @typedef {import('./state.js').ViewState} ViewState
 * @typedef {import('./days.js').Window} Window
 * @typedef {import('./chart.js').Move} Move
 * @typedef {import('./model.js').Model} Model
 */

const timeline = /** @type {HTMLElement} */ (document.getElementById('timeline'));
const detail = /** @type {HTMLElement} */ (document.getElementById('detail'));
const summary = /** @type {HTMLElement} */ (document.getElementById('summary'));
const lanesChoice = /** @type {HTMLElement} */ (document.getElementById('lanes-choice'));
const legendBars = /** @type {HTMLElement} */ (document.getElementById('legend-bars'));
const legendVolume = /** @type {HTMLElement} */ (document.getElementById('legend-volume'));
const help = document.getElementById('timeline-help');
const download = /** @type {HTMLElement} */ (document.getElementById('download'));
const downloadLinks = /** @type {HTMLElement} */ (document.getElementById('download-links'));

// The filters and the legend fold away on a narrow screen, so that the timeline is in view.
const narrow = window.matchMedia('(max-width: 640px)');
const panels = ['filters-panel', 'legend-panel'].map(
  (id) => /** @type {HTMLDetailsElement} */ (document.getElementById(id)),
);
// Framed on another site, they start folded whatever the width.
const fitPanels = () => panels.forEach((panel) => (panel.open = !narrow.matches && !embedded));
fitPanels();
narrow.addEventListener('change', fitPanels);

const followView = setupEmbed();

let state = parseState(location.search);
/** The timeline drawn: for which state, and what. @type {{ key: string, model: Model } | null} */
let drawn = null;
/** @type {AbortController | null} */
let timelineLoad = null;
/** @type {AbortController | null} */
let detailLoad = null;
/** What the detail section shows (`event:id`, `actor:id`, `find:q`, `compare:filters`), once rendered. */
let detailShown = '';

const filters = setupFilters((changes) => {
  performance.mark('parallax:filter-changed');
  navigate(withChanges(state, changes));
});

/**
 * Goes to a state: a new history entry, then shows it.
 *
 * @param {ViewState} next
 * @param {{ focus?: boolean }} [options] Focus the detail once it shows.
 */
function navigate(next, { focus = false } = {}) {
  const url = `${location.pathname}${serializeState(next)}`;
  if (url !== `${location.pathname}${location.search}`) history.pushState(null, '', url);
  state = next;
  void update({ focus });
}

window.addEventListener('popstate', () => {
  performance.mark('parallax:filter-changed');
  state = parseState(location.search);
  void update({ focus: false });
});

/** Shows the current state: the timeline if its filters changed, and the detail. */
async function update({ focus = false } = {}) {
  const key = timelineKey(state);
  const shown = state;
  followView();
  filters.reflect(state, drawn?.model.window ?? null);
  if (state.q !== null) findInput.value = state.q;
  const stale = drawn?.key !== key;
  // The comparison follows the window drawn when the URL names none: it waits for the timeline.
  const detailDone = stale && comparesDrawnWindow(state) ? null : showDetail(focus);
  if (stale) await loadTimeline(shown, key);
  else markSelected(timeline, state.event);
  await (detailDone ?? showDetail(focus));
}

/**
 * Whether the detail is the comparison, over the window the page chose.
 *
 * @param {ViewState} shown
 */
function comparesDrawnWindow(shown) {
  const above = shown.event || shown.profile || shown.q !== null || shown.quotes;
  return shown.compare && !above && (shown.from === null || shown.to === null);
}

/**
 * Fetches and draws the timeline for a state.
 *
 * @param {ViewState} shown
 * @param {string} key
 */
async function loadTimeline(shown, key) {
  timelineLoad?.abort();
  const controller = (timelineLoad = new AbortController());
  const { signal } = controller;
  timeline.setAttribute('aria-busy', 'true');
  try {
    const model = await buildModel(shown, signal);
    if (signal.aborted) return;
    drawn = { key, model };
    draw(model);
    if (model.window) filters.showWindow(model.window);
    performance.mark('parallax:timeline-drawn');
    // How long the change took to be seen: from the person's action to the timeline drawn.
    if (performance.getEntriesByName('parallax:filter-changed', 'mark').length > 0) {
      performance.measure('parallax:redraw', 'parallax:filter-changed');
      performance.clearMarks('parallax:filter-changed');
    }
    if (model.window) void loadOptions(shown, model.window, signal);
  } catch (error) {
    if (signal.aborted) return;
    timeline.replaceChildren(
      h('p', { class: 'error', role: 'alert' }, `The timeline could not be loaded: ${String(error)}`),
    );
  } finally {
    if (!signal.aborted) timeline.setAttribute('aria-busy', 'false');
  }
}

/** @type {import('./chart.js').Handlers} */
const handlers = {
  select: (eventId) => {
    if (state.event === eventId && detailShown === `event:${eventId}`)
      document.getElementById('detail-heading')?.focus();
    else navigate(withChanges(state, { event: eventId }), { focus: true });
  },
  zoomTo: (window) => {
    performance.mark('parallax:filter-changed');
    const wide =
      windowDays(window) < MIN_WINDOW_DAYS
        ? zoomWindow(window, MIN_WINDOW_DAYS / windowDays(window))
        : window;
    navigate(withChanges(state, wide));
  },
  move: (move) => void moveWindow(move),
  narrow: () => {
    const panel = /** @type {HTMLDetailsElement} */ (byId('filters-panel'));
    panel.open = true;
    byId('f-status').focus();
  },
};

/** The first and last days the record dates, asked once, when first zoomed out. @type {Promise<Window | null> | null} */
let record = null;

/** Zooms or pans the window shown by a step; zooming out stops at the record's span. @param {Move} move */
async function moveWindow(move) {
  const window = drawn?.model.window;
  if (!window) return;
  performance.mark('parallax:filter-changed');
  if (move === 'zoom-out') {
    record ??= api.recordSpan().catch(() => null);
    const span = await record;
    const wider = zoomWindow(window, 2);
    navigate(withChanges(state, span ? fitRecord(wider, span) : wider));
    return;
  }
  /** @type {Record<Exclude<Move, 'zoom-out'>, () => Window>} */
  const steps = {
    'zoom-in': () => zoomWindow(window, 0.5),
    earlier: () => panWindow(window, -0.5),
    later: () => panWindow(window, 0.5),
  };
  navigate(withChanges(state, steps[move]()));
}

for (const button of document.querySelectorAll('.zoom button')) {
  button.addEventListener(
    'click',
    () => void moveWindow(/** @type {Move} */ (button.getAttribute('data-action'))),
  );
}

/**
 * Draws a model, with its summary, legend and the choice of lanes. Whoever was working the
 * timeline by keyboard keeps the focus in it.
 *
 * @param {Model} model
 */
function draw(model) {
  const focused = timeline.contains(document.activeElement);
  drawModel(model);
  if (focused)
    /** @type {HTMLElement | SVGElement | null} */ (timeline.querySelector('[tabindex="0"]'))?.focus();
}

const HELP = {
  bars: 'Keyboard: Tab into the timeline, then arrow keys move between events (← → along a lane, ↑ ↓ to another outlet’s version), Enter opens one; + and − zoom, [ and ] move earlier and later; / goes to the search box.',
  volume:
    'Keyboard: Tab into the chart, then ← → move between periods and Enter zooms into one; + and − zoom, [ and ] move earlier and later; / goes to the search box.',
};

/** @type {Record<(typeof EXPORT_FORMATS)[number], string>} */
const FORMAT_NAMES = {
  csv: 'CSV',
  ndjson: 'NDJSON',
  json: 'JSON',
  jsonld: 'JSON-LD',
  timelinejs: 'TimelineJS',
};

/**
 * The links that export the events shown, in every format the API has.
 *
 * @param {Model} model
 */
function showDownloads(model) {
  download.hidden = model.mode === 'empty' || !model.window;
  if (download.hidden) return;
  downloadLinks.replaceChildren(
    ...EXPORT_FORMATS.flatMap((format, i) => [
      i > 0 ? ' · ' : '',
      h('a', { href: exportUrl(state, model.window, format), 'data-format': format }, FORMAT_NAMES[format]),
    ]),
  );
}

/** @param {Model} model */
function drawModel(model) {
  showDownloads(model);
  legendBars.hidden = model.mode !== 'bars';
  legendVolume.hidden = model.mode !== 'volume';
  if (model.mode !== 'empty' && help) help.textContent = HELP[model.mode];
  lanesChoice.replaceChildren();
  if (model.mode === 'empty' || !model.window) {
    summary.textContent = 'No events match these filters.';
    timeline.replaceChildren(
      h('p', { class: 'empty' }, 'No events match these filters. Clear some to see more.'),
    );
    return;
  }
  const range = formatRange(model.window.from, model.window.to);
  if (model.mode === 'volume') {
    const why = model.total > MAX_BARS ? 'too many to draw one by one' : 'zoomed out';
    // At the narrowest window only the filters can bring the events down to lanes.
    const how = windowDays(model.window) <= MIN_WINDOW_DAYS ? 'filter' : 'zoom in or filter';
    summary.textContent = `${count(model.total, 'event')}, ${range} — ${why}: ${how} to see each outlet’s lane.`;
    const lead = document.getElementById('volume-lead');
    if (lead)
      lead.textContent = `Events per ${model.unit}, ${why}. Choose a ${model.unit} (or zoom in) to see each outlet’s version, one lane per outlet.`;
    drawVolume(timeline, model, handlers);
    return;
  }
  summary.textContent = `${count(model.total, 'event')}, ${range}, told by ${count(model.lanes.length + model.hidden.length, 'outlet')}.`;
  drawBars(timeline, model, handlers, state.event, state.folded);
  if (model.lanes.length + model.hidden.length > 1)
    lanesChoice.append(
      lanesChooser(model, state.folded, (choice) => {
        performance.mark('parallax:filter-changed');
        navigate(withChanges(state, choice));
      }),
    );
}

/** What each view below the timeline closes to open: the one asked for is then on top. */
const OPENS_ALONE = { event: null, profile: null, q: null, quotes: false, compare: false };

document
  .getElementById('open-compare')
  ?.addEventListener('click', () =>
    navigate(withChanges(state, { ...OPENS_ALONE, compare: true }), { focus: true }),
  );
document
  .getElementById('open-quotes')
  ?.addEventListener('click', () =>
    navigate(withChanges(state, { ...OPENS_ALONE, quotes: true }), { focus: true }),
  );
const findInput = /** @type {HTMLInputElement} */ (document.getElementById('find-q'));
document.getElementById('find')?.addEventListener('submit', (event) => {
  event.preventDefault();
  const q = findInput.value.trim();
  if (q) navigate(withChanges(state, { ...OPENS_ALONE, q }), { focus: true });
});
// As the words are typed, the events and actors named for them, to open at once; Enter with none
// chosen searches everything, quotes too.
combobox({
  input: findInput,
  list: byId('find-options'),
  find: async (q, signal) => {
    const [events, actors] = await Promise.all([
      api.events(new URLSearchParams({ q, limit: '6' }), signal),
      api.searchActors(q, signal),
    ]);
    const suggestions = [
      ...actors.data.slice(0, 3).map((a) => ({ kind: 'Actor', label: a.name, changes: { profile: a.id } })),
      ...events.data.map((e) => ({ kind: 'Event', label: e.title, changes: { event: e.id } })),
    ];
    return namedFirst(suggestions, q, (s) => s.label);
  },
  choose: (s) => navigate(withChanges(state, { ...OPENS_ALONE, ...s.changes }), { focus: true }),
  none: 'Nothing by that name: Enter searches the quotes too',
});

/** What the detail section is to show for the state: an event, an actor, the comparison, or nothing. */
function detailWanted() {
  if (state.event) return `event:${state.event}`;
  if (state.profile) return `actor:${state.profile}`;
  if (state.q !== null || state.quotes) return `find:${state.q ?? ''}`;
  return state.compare ? `compare:${timelineKey(state)}` : '';
}

/**
 * Renders what the state opens into the detail section.
 *
 * @param {import('./parts.js').DetailHandlers} handlers
 * @param {AbortSignal} signal
 */
function renderDetail(handlers, signal) {
  if (state.event) return renderEvent(detail, state.event, handlers, signal);
  if (state.profile) return renderActor(detail, state.profile, handlers, signal);
  const openEvent = (/** @type {string} */ id) =>
    navigate(withChanges(state, { event: id }), { focus: true });
  if (state.q !== null || state.quotes)
    return renderFind(detail, state.q, { ...handlers, openEvent }, signal);
  // The comparison follows the timeline's filters and the window drawn (the one the URL names, else
  // the page's choice once drawn); the outlets compared are the sources chosen.
  const window =
    state.from !== null && state.to !== null
      ? { from: state.from, to: state.to }
      : (drawn?.model.window ?? null);
  const filters = filterParams(state, window, { only: ['actors', 'types', 'status'] });
  const comparePair = (/** @type {string[]} */ pair) =>
    navigate(withChanges(state, { sources: pair, compare: true }), { focus: true });
  return renderCompare(detail, filters, state.sources, { ...handlers, openEvent, comparePair }, signal);
}

/**
 * What closing the detail changes: the view on top closes, the one beneath shows again.
 *
 * @param {ViewState} shown
 * @returns {Partial<ViewState>}
 */
function closing(shown) {
  if (shown.event || shown.profile) return { event: null, profile: null };
  if (shown.q !== null || shown.quotes) return { q: null, quotes: false };
  return { compare: false };
}

/** Opens, changes or closes the detail section. */
async function showDetail(focus = false) {
  const wanted = detailWanted();
  if (wanted === detailShown) return;
  detailLoad?.abort();
  const controller = (detailLoad = new AbortController());
  if (!wanted) {
    detailShown = '';
    detail.hidden = true;
    detail.replaceChildren();
    return;
  }
  detail.hidden = false;
  detail.setAttribute('aria-busy', 'true');
  /** @type {import('./parts.js').DetailHandlers} */
  const detailHandlers = {
    openActor: (id) => navigate(withChanges(state, { event: null, profile: id }), { focus: true }),
    filterActor: (id) => {
      performance.mark('parallax:filter-changed');
      navigate(
        withChanges(state, {
          actors: state.actors.includes(id) ? state.actors : [...state.actors, id],
          profile: null,
          event: null,
        }),
      );
    },
    // Closing an event or an actor returns to the search, the quotes or the comparison when one
    // was open beneath them.
    close: () => navigate(withChanges(state, closing(state))),
    back: () => {
      if (state.event) focusEvent(timeline, state.event);
      else timeline.scrollIntoView();
    },
  };
  try {
    const rendered = await renderDetail(detailHandlers, controller.signal);
    if (!rendered || controller.signal.aborted) return;
    detailShown = wanted;
    performance.mark('parallax:detail-shown');
    if (focus) document.getElementById('detail-heading')?.focus();
  } catch (error) {
    if (controller.signal.aborted) return;
    detailShown = '';
    detail.replaceChildren(
      h('p', { class: 'error', role: 'alert' }, `This could not be loaded: ${String(error)}`),
    );
  } finally {
    if (!controller.signal.aborted) detail.setAttribute('aria-busy', 'false');
  }
}

detail.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && state.event) focusEvent(timeline, state.event);
});

// "/" goes to the search box from anywhere but a field, as on most sites with one.
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  const target = /** @type {Element | null} */ (event.target);
  if (target?.closest('input, textarea, select, [contenteditable]')) return;
  event.preventDefault();
  findInput.focus();
  findInput.select();
});

/**
 * The type and source choices, with counts over the window and the actors chosen (not the other
 * filters, so that every choice stays in view).
 *
 * @param {ViewState} shown
 * @param {Window} window
 * @param {AbortSignal} signal
 */
async function loadOptions(shown, window, signal) {
  const params = filterParams(shown, window, { only: ['actors'] });
  params.set('limit', '1');
  params.set('facets', 'type,source');
  try {
    const answer = await api.events(params, signal);
    if (!signal.aborted && answer.facets) await filters.options(answer.facets, state);
  } catch {
    // The choices stay as they were; the timeline is what matters.
  }
}

let resizeTimer = /** @type {ReturnType<typeof setTimeout> | undefined} */ (undefined);
let lastWidth = timeline.clientWidth;
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    if (!drawn || timeline.clientWidth === lastWidth) return;
    lastWidth = timeline.clientWidth;
    draw(drawn.model);
  }, 150);
});

// A link that opens something below the timeline (an event, an actor, a search, the comparison)
// shows it, not the top of the page.
void update().then(() => {
  if (detailShown) detail.scrollIntoView({ block: 'start' });
});
