/**
 * The outlets side by side (`/v1/compare`): what they all report, what only each reports, and every
 * aspect of the events they share by verdict, each outlet's value on its own words. It follows the
 * timeline's filters, so the same URL shares the same comparison.
 */

import * as api from './api.js';
import { valueText } from './claims-table.js';
import { h, replace } from './dom.js';
import { count, formatDate, formatDay, statusLabel, words } from './format.js';
import { attribution, badge, detailActions, linkButton } from './parts.js';

/**
 * @typedef {import('./api-types').Comparison} Comparison
 * @typedef {import('./api-types').CompareResult} CompareResult
 * @typedef {import('./api-types').Aspect} Aspect
 * @typedef {import('./api-types').ClaimStatus} ClaimStatus
 * @typedef {import('./api-types').Source} Source
 * @typedef {import('./parts.js').DetailHandlers} DetailHandlers
 * @typedef {CompareResult['summary']['pairs'][number]} Pair
 * @typedef {DetailHandlers & { openEvent: (id: string) => void, comparePair: (pair: string[]) => void }} CompareHandlers
 */

/** The API compares at most this many sources at once; the page asks for no more. */
export const MAX_COMPARED = 20;

/**
 * Sources compared when none are chosen: those that report most under the filters, up to this
 * many. With more than two, the matrix of pairs says who agrees with whom, and each of its cells
 * compares that pair.
 */
const DEFAULT_COMPARED = 8;

/** Comparisons fetched at once: a whole story, or the first of a larger window. */
const LIMIT = 200;

/** The verdicts of shared aspects, in the order a reader looks for them: disagreement first. */
const VERDICTS = /** @type {const} */ ([
  'contested',
  'differing_characterisation',
  'compatible',
  'corroborated',
  'single_source',
]);

/** @type {Record<(typeof VERDICTS)[number], string>} */
const HEADINGS = {
  contested: 'Contested: they cannot both be true',
  differing_characterisation: 'Told differently: the same aspect, framed otherwise',
  compatible: 'Compatible: they fit together, one less precise or only worked out',
  corroborated: 'Corroborated: the same value',
  single_source: 'Said by one of them only',
};

/**
 * The sources a state compares: those its source filter names, when two or more; else those that
 * report the most events under the filters (the source facet), else the record's first ones.
 *
 * @param {string[]} chosen
 * @param {URLSearchParams} filters
 * @param {AbortSignal} signal
 * @returns {Promise<string[]>}
 */
async function comparedSources(chosen, filters, signal) {
  if (chosen.length >= 2) return chosen.slice(0, MAX_COMPARED);
  const params = new URLSearchParams(filters);
  params.set('facets', 'source');
  params.set('limit', '1');
  const busiest = (await api.events(params, signal)).facets?.source?.values ?? [];
  // In the record's order of sources, as the lanes are, not by how much each reports.
  if (busiest.length >= 2)
    return busiest
      .slice(0, DEFAULT_COMPARED)
      .map((v) => v.value)
      .sort();
  const first = await api.firstSources(DEFAULT_COMPARED, signal);
  return first.data.map((s) => s.id);
}

/**
 * How the comparison names each source: its outlet, and its publication day where two sources of
 * one outlet are compared.
 *
 * @param {Source[]} sources
 * @returns {(id: string) => string}
 */
function namesOf(sources) {
  const outlets = sources.map((s) => s.outlet);
  const named = new Map(
    sources.map((s) => [
      s.id,
      outlets.indexOf(s.outlet) === outlets.lastIndexOf(s.outlet)
        ? s.outlet
        : `${s.outlet}, ${formatDay(s.published)}`,
    ]),
  );
  return (id) => named.get(id) ?? id;
}

/**
 * Renders the comparison of the sources under `filters` into `section`.
 *
 * @param {HTMLElement} section
 * @param {URLSearchParams} filters The timeline filters, without `source`.
 * @param {string[]} chosen The sources the filter names.
 * @param {CompareHandlers} handlers
 * @param {AbortSignal} signal
 * @returns {Promise<boolean>} Whether it was rendered (not superseded).
 */
export async function renderCompare(section, filters, chosen, handlers, signal) {
  const ids = await comparedSources(chosen, filters, signal);
  if (ids.length < 2) {
    replace(
      section,
      header([], (id) => id, null, handlers),
      h('p', {}, 'The record holds one source: nothing to compare.'),
    );
    return !signal.aborted;
  }
  const params = new URLSearchParams(filters);
  for (const id of ids) params.append('source', id);
  params.set('limit', String(LIMIT));
  const [result, sources] = await Promise.all([api.compare(params, signal), api.sourcesOf(ids)]);
  if (signal.aborted) return false;
  const outlet = namesOf(sources);
  replace(
    section,
    header(ids, outlet, result, handlers),
    h(
      'div',
      { class: 'compare-body' },
      result.page.next_cursor
        ? h(
            'p',
            { class: 'hint' },
            `Showing the first ${LIMIT} of ${count(result.summary.events, 'event')}; narrow the dates or filters to see the rest.`,
          )
        : null,
      ids.length > 2 ? matrix(ids, outlet, result.summary.pairs, handlers) : null,
      ids.length > 2 && result.summary.shared === 0
        ? h(
            'p',
            { class: 'silent' },
            `No event is told by all ${ids.length} of them: choose two in the table to compare them.`,
          )
        : VERDICTS.map((verdict) => verdictSection(verdict, result.data, ids, outlet, handlers)),
      ids.map((id) => onlySection(id, result, outlet, handlers)),
    ),
  );
  return true;
}

/**
 * The outlets compared, and the whole comparison in numbers.
 *
 * @param {string[]} ids
 * @param {(id: string) => string} outlet
 * @param {CompareResult | null} result
 * @param {CompareHandlers} handlers
 */
function header(ids, outlet, result, handlers) {
  const s = result?.summary;
  return h(
    'header',
    { class: 'detail-head' },
    h('p', { class: 'kicker' }, 'Compare the outlets'),
    h('h2', { id: 'detail-heading', tabindex: -1 }, ids.map(outlet).join(' · ') || 'Compare'),
    detailActions(handlers, 'Close the comparison'),
    s
      ? h(
          'p',
          { class: 'summary-text compare-summary' },
          `${count(s.events, 'event')}: ${count(s.shared, 'event')} told by all of them`,
          s.only.map((o) => `, ${o.events} only by ${outlet(o.source)}`),
          '.',
        )
      : null,
    s
      ? h(
          'ul',
          { class: 'compare-counts', 'aria-label': 'The shared events’ aspects by verdict' },
          VERDICTS.map((v) => h('li', {}, badge(v), ` ${s.aspects[v]}`)),
        )
      : null,
  );
}

/**
 * Who agrees with whom: a row and a column per source, each cell the events that pair reports and
 * how many of their aspects are contested or told differently, judged between those two alone.
 * A cell compares that pair.
 *
 * @param {string[]} ids
 * @param {(id: string) => string} outlet
 * @param {Pair[]} pairs
 * @param {CompareHandlers} handlers
 */
function matrix(ids, outlet, pairs, handlers) {
  const pairOf = (/** @type {string} */ a, /** @type {string} */ b) =>
    pairs.find((p) => p.sources.includes(a) && p.sources.includes(b));
  return h(
    'section',
    { class: 'compare-matrix', 'aria-labelledby': 'compare-matrix-heading' },
    h('h3', { id: 'compare-matrix-heading' }, 'Each two of them'),
    h(
      'p',
      { class: 'hint' },
      'Events both report, and how many of their aspects the two contest or tell differently. Choose one to compare those two.',
    ),
    h(
      'div',
      { class: 'matrix-scroll', tabindex: 0, role: 'region', 'aria-label': 'Each two outlets' },
      h(
        'table',
        { class: 'matrix' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('td'),
            ids.map((id) => h('th', { scope: 'col' }, outlet(id))),
          ),
        ),
        h(
          'tbody',
          {},
          ids.map((row) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, outlet(row)),
              ids.map((column) => {
                const pair = row === column ? undefined : pairOf(row, column);
                return pair ? matrixCell(pair, outlet, handlers) : h('td', { class: 'self' }, '—');
              }),
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * One pair's cell: how many events they share and how far they disagree, shaded by the share of
 * their compared aspects that disagree.
 *
 * @param {Pair} pair
 * @param {(id: string) => string} outlet
 * @param {CompareHandlers} handlers
 */
function matrixCell(pair, outlet, handlers) {
  const { shared, aspects } = pair;
  const apart = aspects.contested + aspects.differing_characterisation;
  const compared = apart + aspects.corroborated + aspects.compatible;
  const level = compared === 0 ? 'none' : String(Math.min(3, Math.ceil((apart / compared) * 3)));
  const detail =
    shared === 0
      ? 'nothing shared'
      : apart === 0
        ? 'no disagreement'
        : [
            aspects.contested > 0 ? `≠ ${aspects.contested} contested` : '',
            aspects.differing_characterisation > 0
              ? `${aspects.differing_characterisation} told differently`
              : '',
          ]
            .filter(Boolean)
            .join(', ');
  const [a, b] = pair.sources.map(outlet);
  // The table's headers name the pair to a screen reader as well; the button says it in full.
  const button = h(
    'button',
    { type: 'button', class: 'matrix-pair' },
    h('span', { class: 'matrix-shared' }, `${shared} shared`),
    h('span', { class: 'matrix-apart' }, detail),
    h('span', { class: 'visually-hidden' }, `: ${a} and ${b}. Compare them.`),
  );
  button.addEventListener('click', () => handlers.comparePair(pair.sources));
  return h('td', { 'data-level': level, 'data-pair': pair.sources.join(' ') }, button);
}

/**
 * Every aspect of one verdict, event by event, each outlet's claim on its words.
 *
 * @param {(typeof VERDICTS)[number]} verdict
 * @param {Comparison[]} comparisons
 * @param {string[]} ids
 * @param {(id: string) => string} outlet
 * @param {CompareHandlers} handlers
 */
function verdictSection(verdict, comparisons, ids, outlet, handlers) {
  const items = comparisons.flatMap((c) =>
    c.shared ? c.aspects.filter((a) => a.status === verdict).map((a) => ({ c, a })) : [],
  );
  const id = `compare-${verdict}`;
  const list = h(
    'ul',
    { class: 'compare-list' },
    items.map(({ c, a }) =>
      h(
        'li',
        { class: 'compare-item', 'data-event': c.id, 'data-aspect': `${a.property}:${a.about ?? ''}` },
        h(
          'p',
          { class: 'compare-what' },
          eventButton(c, handlers),
          ' · ',
          h('span', { class: 'aspect' }, words(a.property), a.about ? `: ${words(a.about)}` : ''),
        ),
        h(
          'div',
          { class: 'compare-claims' },
          ids.map((source) => claimCell(source, outlet(source), a, c)),
        ),
      ),
    ),
  );
  const heading = h('h3', { id }, `${HEADINGS[verdict]} (${items.length})`);
  // What agrees, or one outlet alone says, is there to check, not to read first: folded.
  if (verdict === 'corroborated' || verdict === 'single_source')
    return h(
      'section',
      { class: 'compare-verdict', 'data-verdict': verdict },
      h('details', {}, h('summary', {}, heading), items.length > 0 ? list : null),
    );
  return h(
    'section',
    { class: 'compare-verdict', 'data-verdict': verdict, 'aria-labelledby': id },
    heading,
    items.length > 0 ? list : h('p', { class: 'silent' }, `No aspect is ${statusLabel(verdict)}.`),
  );
}

/**
 * One outlet's claims of an aspect, or its silence.
 *
 * @param {string} source
 * @param {string} name
 * @param {Aspect} aspect
 * @param {Comparison} comparison
 */
function claimCell(source, name, aspect, comparison) {
  const claims = aspect.claims.filter((c) => c.source === source);
  return h(
    'div',
    { class: 'compare-claim', 'data-source': source },
    h('p', { class: 'label' }, name),
    claims.length === 0
      ? h('p', { class: 'silent' }, 'says nothing of it')
      : claims.map((claim) =>
          h(
            'div',
            { class: 'claim', 'data-claim': claim.id },
            h('p', { class: 'claim-value' }, valueText(claim, comparison.event)),
            h('blockquote', { class: 'words' }, `“${claim.evidence.text}”`),
            h('p', { class: 'claim-meta' }, attribution(claim.attributed_to), workedOut(claim)),
          ),
        ),
  );
}

/**
 * A date the outlet does not state but the annotator worked out, with how: it fits, it confirms
 * nothing.
 *
 * @param {import('./api-types').Claim} claim
 */
function workedOut(claim) {
  const value = claim.value;
  if (typeof value !== 'object' || value.phrase !== null || !value.reason) return null;
  return h('span', { class: 'worked-out' }, `Not stated, worked out: ${value.reason}`);
}

/**
 * The events only one source reports, with their dates.
 *
 * @param {string} id
 * @param {CompareResult} result
 * @param {(id: string) => string} outlet
 * @param {CompareHandlers} handlers
 */
function onlySection(id, result, outlet, handlers) {
  const only = result.data.filter((c) => c.reported_by.length === 1 && c.reported_by[0] === id);
  const heading = `Only ${outlet(id)} reports (${result.summary.only.find((o) => o.source === id)?.events ?? only.length})`;
  return h(
    'section',
    { class: 'compare-only', 'data-source': id },
    h(
      'details',
      {},
      h('summary', {}, h('h3', {}, heading)),
      h(
        'ul',
        { class: 'compare-list' },
        only.map((c) =>
          h('li', { 'data-event': c.id }, eventButton(c, handlers), ` · ${formatDate(c.event.date)}`),
        ),
      ),
    ),
  );
}

/**
 * A way from the comparison to the event, with both articles.
 *
 * @param {Comparison} c
 * @param {CompareHandlers} handlers
 */
function eventButton(c, handlers) {
  return linkButton(c.event.title, () => handlers.openEvent(c.id));
}
