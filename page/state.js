/**
 * What the page shows, as the URL says it: the window of dates, the filters, the lanes chosen and
 * what is open (an event, an actor, or the comparison of the outlets). The URL is the only place this lives, so a view can be
 * shared, reloads as it was, and back and forward step through it. Pure: no DOM.
 */

/** @typedef {import('./api-types').EventStatus} EventStatus */

/**
 * @typedef {object} ViewState
 * @property {string | null} from First day of the window (YYYY-MM-DD); null: chosen from the data.
 * @property {string | null} to Last day of the window (YYYY-MM-DD), inclusive.
 * @property {'overlap' | 'within'} dateMatch Which events the window holds: those whose date
 *   overlaps it, or only those dated within it (the API's `date_match`).
 * @property {string[]} actors Actor ids (any of them).
 * @property {string[]} types Event types.
 * @property {string[]} sources Source (article) ids.
 * @property {EventStatus | null} status The event's verdict.
 * @property {string[]} lanes The outlets shown as lanes, in order; empty: the busiest ones.
 * @property {string[]} folded The outlets whose lanes are folded to one row.
 * @property {string | null} event The event open below the timeline.
 * @property {string | null} profile The actor open below the timeline (when no event is).
 * @property {string | null} q The words searched for among events, actors and quotes: the
 *   results are open (when no event or actor is, and again once they close).
 * @property {boolean} quotes Whether every quote is open (likewise, when no search is).
 * @property {boolean} compare Whether the comparison of the outlets is open (shown when no event or
 *   actor is, and again once they close).
 */

/** @type {readonly EventStatus[]} */
const STATUSES = ['contested', 'differing_characterisation', 'corroborated', 'single_source'];

/** The API accepts at most this many values of a repeatable filter. */
const MAX_REPEATS = 20;

/** @returns {ViewState} */
export function emptyState() {
  return {
    from: null,
    to: null,
    dateMatch: 'overlap',
    actors: [],
    types: [],
    sources: [],
    status: null,
    lanes: [],
    folded: [],
    event: null,
    profile: null,
    q: null,
    quotes: false,
    compare: false,
  };
}

const DAY = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/**
 * A date bound as a whole day: `2020`, `2020-06` or `2020-06-24`; a partial date means its first
 * day (`side` from) or its last (`side` to), as the API reads it. Null for anything else.
 *
 * @param {string | null} text
 * @param {'from' | 'to'} side
 * @returns {string | null}
 */
export function parseDay(text, side) {
  const match = DAY.exec(text ?? '');
  if (!match) return null;
  const year = Number(match[1]);
  const month = match[2] === undefined ? (side === 'from' ? 1 : 12) : Number(match[2]);
  if (month < 1 || month > 12) return null;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = match[3] === undefined ? (side === 'from' ? 1 : last) : Number(match[3]);
  if (day < 1 || day > last) return null;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Distinct non-empty values, in order, at most MAX_REPEATS.
 *
 * @param {string[]} values
 * @param {(value: string) => boolean} [valid]
 */
function distinct(values, valid = () => true) {
  const seen = [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0 && valid(v)))];
  return seen.slice(0, MAX_REPEATS);
}

/**
 * The state a query string describes. Anything it cannot read is left out rather than refused: a
 * hand-edited URL still opens a page.
 *
 * @param {string} search `location.search`, with or without the `?`.
 * @returns {ViewState}
 */
export function parseState(search) {
  const params = new URLSearchParams(search);
  let from = parseDay(params.get('from'), 'from');
  let to = parseDay(params.get('to'), 'to');
  // A window needs both ends, in order; otherwise the page chooses one.
  if (from === null || to === null || from > to) from = to = null;
  const status = params.get('status');
  return {
    from,
    to,
    dateMatch: params.get('date_match') === 'within' ? 'within' : 'overlap',
    actors: distinct(params.getAll('actor')),
    types: distinct(params.getAll('type'), (t) => /^[a-z_]+$/.test(t)),
    sources: distinct(params.getAll('source')),
    status: STATUSES.find((s) => s === status) ?? null,
    lanes: distinct(params.getAll('lane')),
    folded: distinct(params.getAll('fold')),
    event: params.get('event') || null,
    profile: params.get('profile') || null,
    q: params.get('q')?.trim().slice(0, 200) || null,
    quotes: params.get('quotes') === '1',
    compare: params.get('compare') === '1',
  };
}

/**
 * The query string of a state (with its `?`, or empty), in a fixed order, so one view has one URL.
 *
 * @param {ViewState} state
 * @returns {string}
 */
export function serializeState(state) {
  const params = new URLSearchParams();
  if (state.from !== null && state.to !== null) {
    params.set('from', state.from);
    params.set('to', state.to);
  }
  if (state.dateMatch === 'within') params.set('date_match', 'within');
  for (const actor of state.actors) params.append('actor', actor);
  for (const type of state.types) params.append('type', type);
  for (const source of state.sources) params.append('source', source);
  if (state.status !== null) params.set('status', state.status);
  for (const lane of state.lanes) params.append('lane', lane);
  for (const lane of state.folded) params.append('fold', lane);
  if (state.event !== null) params.set('event', state.event);
  else if (state.profile !== null) params.set('profile', state.profile);
  if (state.q !== null) params.set('q', state.q);
  if (state.quotes) params.set('quotes', '1');
  if (state.compare) params.set('compare', '1');
  const query = params.toString();
  return query ? `?${query}` : '';
}

/**
 * The API's timeline filters for a state, over a window (`/v1/events`, `/v1/events/volume`).
 *
 * @param {ViewState} state
 * @param {{ from: string, to: string } | null} window
 * @param {{ only?: ('actors' | 'types' | 'sources' | 'status')[] }} [options] Only these filters
 *   (besides the window); all of them by default.
 * @returns {URLSearchParams}
 */
export function filterParams(state, window, options = {}) {
  const only = new Set(options.only ?? ['actors', 'types', 'sources', 'status']);
  const params = new URLSearchParams();
  if (window) {
    params.set('from', window.from);
    params.set('to', window.to);
    if (state.dateMatch === 'within') params.set('date_match', 'within');
  }
  if (only.has('actors')) for (const actor of state.actors) params.append('actor', actor);
  if (only.has('types')) for (const type of state.types) params.append('type', type);
  if (only.has('sources')) for (const source of state.sources) params.append('source', source);
  if (only.has('status') && state.status !== null) params.set('status', state.status);
  return params;
}

/** The representations the events export in, as `/v1/events?format=` names them. */
export const EXPORT_FORMATS = /** @type {const} */ (['csv', 'ndjson', 'json', 'jsonld', 'timelinejs']);

/**
 * The URL that exports the events the timeline shows: the same filters and window the API takes,
 * never the page's own state (the event open, the lanes), so the API accepts it as it is.
 *
 * @param {ViewState} state
 * @param {{ from: string, to: string } | null} window
 * @param {(typeof EXPORT_FORMATS)[number]} format
 * @returns {string}
 */
export function exportUrl(state, window, format) {
  const params = filterParams(state, window);
  params.set('format', format);
  return `/v1/events?${params}`;
}

/**
 * A key of what the timeline draws (window, filters, lanes), so that opening an event does not
 * fetch the timeline again.
 *
 * @param {ViewState} state
 * @returns {string}
 */
export function timelineKey(state) {
  return serializeState({ ...state, event: null, profile: null, q: null, quotes: false, compare: false });
}

/**
 * The state with `changes` applied; changing what the timeline draws closes nothing, but an
 * event and an actor are never open together.
 *
 * @param {ViewState} state
 * @param {Partial<ViewState>} changes
 * @returns {ViewState}
 */
export function withChanges(state, changes) {
  const next = { ...state, ...changes };
  if (changes.event) next.profile = null;
  if (changes.profile) next.event = null;
  return next;
}
