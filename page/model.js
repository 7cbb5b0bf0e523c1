/**
 * What the timeline shows for a state, from the API: the window (the URL's, or one chosen from the
 * data), then either one page of its events in lanes per outlet, or its volume over time.
 */

import * as api from './api.js';
import {
  MAX_BARS,
  MAX_BAR_DAYS,
  defaultWindow,
  viewMode,
  volumeInterval,
  windowDays,
  windowWith,
} from './days.js';
import { buildLanes, buildLinks } from './lane-model.js';
import { filterParams } from './state.js';

/**
 * @typedef {import('./state.js').ViewState} ViewState
 * @typedef {import('./days.js').Window} Window
 * @typedef {import('./lane-model.js').Lane} Lane
 * @typedef {import('./lane-model.js').Link} Link
 * @typedef {import('./api-types').Volume} Volume
 * @typedef {import('./api-types').Event} Event
 * @typedef {import('./lane-layout.js').LaneInfo} LaneInfo
 *
 * @typedef {{ mode: 'bars', window: Window, lanes: Lane[], links: Link[], hidden: { outlet: string, events: number }[], info: (outlet: string) => LaneInfo, total: number }
 *   | { mode: 'volume', window: Window, volume: Volume, unit: string, total: number }
 *   | { mode: 'empty', window: Window | null, total: 0 }} Model
 */

/**
 * What to draw: bars in lanes when one page holds the window's events, volume otherwise.
 *
 * @param {ViewState} shown
 * @param {AbortSignal} signal
 * @returns {Promise<Model>}
 */
export async function buildModel(shown, signal) {
  const window = await windowOf(shown, signal);
  if (!window) return { mode: 'empty', window: null, total: 0 };
  const days = windowDays(window);
  const params = filterParams(shown, window);
  const interval = volumeInterval(days);
  const volumeParams = new URLSearchParams(params);
  volumeParams.set('interval', interval);
  volumeParams.set('by', 'status');
  const pageParams = new URLSearchParams(params);
  pageParams.set('limit', String(MAX_BARS));
  const [volume, page] = await Promise.all([
    api.volume(volumeParams, signal),
    days <= MAX_BAR_DAYS ? api.events(pageParams, signal) : null,
  ]);
  const mode = viewMode(days, page !== null && page.page.next_cursor === null);
  if (mode === 'volume' || page === null)
    return { mode: 'volume', window, volume, unit: interval, total: volume.total };
  const outletOf = await outlets(page.data);
  const { lanes, hidden } = buildLanes(page.data, outletOf, { chosen: shown.lanes });
  return {
    mode: 'bars',
    window,
    lanes,
    hidden,
    links: buildLinks(lanes),
    info: laneInfo(lanes),
    total: page.data.length,
  };
}

/**
 * The state's window, or, when the URL names none, three weeks up to the latest event the filters
 * find (null when they find none), moved to the open event when that is elsewhere.
 *
 * @param {ViewState} shown
 * @param {AbortSignal} signal
 * @returns {Promise<Window | null>}
 */
async function windowOf(shown, signal) {
  if (shown.from !== null && shown.to !== null) return { from: shown.from, to: shown.to };
  const params = filterParams(shown, null);
  params.set('order', 'desc');
  params.set('limit', '1');
  const [latest, open] = await Promise.all([
    api.events(params, signal).then((page) => page.data[0]),
    shown.event ? api.event(shown.event, signal).catch(() => null) : null,
  ]);
  if (!latest) return null;
  const fallback = defaultWindow(latest.date.end);
  return open ? windowWith(fallback, open.date) : fallback;
}

/**
 * The outlet of each article the events name, from `/v1/sources?id=…` (a hundred articles a
 * request, each fetched once while the page is open).
 *
 * @param {Event[]} events
 * @returns {Promise<(source: string) => string>}
 */
async function outlets(events) {
  const ids = new Set(
    events.flatMap((e) => [...e.sources.map((s) => s.source), ...e.date.by_source.map((d) => d.source)]),
  );
  const metas = await api.sourcesOf([...ids]).catch(() => []);
  /** @type {Map<string, string>} */
  const outletOf = new Map();
  for (const meta of metas) outletOf.set(meta.id, meta.outlet);
  return (source) => outletOf.get(source) ?? source;
}

/**
 * What a lane's head says of its articles: the article when there is one, and the publication
 * dates of a few.
 *
 * @param {Lane[]} lanes
 * @returns {(outlet: string) => LaneInfo}
 */
function laneInfo(lanes) {
  /** @type {Map<string, LaneInfo>} */
  const info = new Map();
  for (const lane of lanes) {
    const metas = lane.sources.map((id) => api.sources.peek(id)).filter((m) => m !== undefined);
    const only = lane.sources.length === 1 ? metas[0] : undefined;
    info.set(lane.outlet, {
      article: only ? { title: only.title, published: only.published } : null,
      articles: lane.sources.length,
      published: metas.length <= 3 ? [...new Set(metas.map((m) => m.published))] : [],
    });
  }
  return (outlet) => info.get(outlet) ?? { article: null, articles: 0, published: [] };
}
