/**
 * Finding things: the search over events, actors and quotes (the API's `q=`; those named for the
 * words first), and every quote of the record. Quotes are shown as passages, so the same words two
 * outlets quote read once, told twice; each opens its words in the article.
 */

import * as api from './api.js';
import { articleViewer } from './article.js';
import { h, replace } from './dom.js';
import { count, formatDate, words } from './format.js';
import { passages } from './passages.js';
import { namedFirst } from './relevance.js';
import { detailActions, linkButton, quoteMeta } from './parts.js';

/**
 * @typedef {import('./api-types').Quote} Quote
 * @typedef {import('./passages.js').Passage} Passage
 * @typedef {import('./parts.js').DetailHandlers} DetailHandlers
 * @typedef {DetailHandlers & { openEvent: (id: string) => void }} FindHandlers
 */

/** Results of each kind shown at once; a search that finds more says so. */
const LIMIT = 50;
/** Quotes listed in "every quote": a story's worth, or the first of a larger record. */
const QUOTES_LIMIT = 200;

/**
 * Renders what `q` finds among events, actors and quotes, or (no `q`) every quote.
 *
 * @param {HTMLElement} section
 * @param {string | null} q
 * @param {FindHandlers} handlers
 * @param {AbortSignal} signal
 * @returns {Promise<boolean>} Whether it was rendered (not superseded).
 */
export async function renderFind(section, q, handlers, signal) {
  const limit = String(q ? LIMIT : QUOTES_LIMIT);
  const quoteParams = new URLSearchParams({ limit });
  if (q) quoteParams.set('q', q);
  const [quotes, events, actors] = await Promise.all([
    api.quotes(quoteParams, signal),
    q ? api.events(new URLSearchParams({ q, limit }), signal) : null,
    q ? api.searchActors(q, signal) : null,
  ]);
  const outlets = await api.sourcesOf(quotes.data.map((x) => x.source));
  if (signal.aborted) return false;
  const outletOf = new Map(outlets.map((s) => [s.id, s.outlet]));
  const viewer = articleViewer();
  const heading = q ? `Search: “${q}”` : 'Every quote';
  const found = [events?.data.length ?? 0, actors?.data.length ?? 0, quotes.data.length];
  replace(
    section,
    h(
      'header',
      { class: 'detail-head' },
      h('p', { class: 'kicker' }, q ? 'Events, actors and quotes' : 'Quotes'),
      h('h2', { id: 'detail-heading', tabindex: -1 }, heading),
      detailActions(handlers, q ? 'Close the search' : 'Close the quotes'),
      q
        ? h(
            'p',
            { class: 'summary-text', role: 'status' },
            found.every((n) => n === 0)
              ? 'Nothing matches: try fewer or other words.'
              : `${count(found[0] ?? 0, 'event')}, ${count(found[1] ?? 0, 'actor')}, ${count(found[2] ?? 0, 'quote')}.`,
          )
        : null,
    ),
    h(
      'div',
      { class: 'detail-body' },
      events
        ? resultsSection(
            {
              kind: 'event',
              heading: 'Events',
              items: namedFirst(events.data, q ?? '', (e) => e.title),
              more: events.page.next_cursor !== null,
            },
            (e) => ({
              id: e.id,
              label: e.title,
              open: () => handlers.openEvent(e.id),
              about: `${formatDate(e.date)} · ${words(e.type)}`,
            }),
          )
        : null,
      actors
        ? resultsSection(
            {
              kind: 'actor',
              heading: 'Actors',
              items: namedFirst(actors.data, q ?? '', (a) => a.name),
              more: false,
            },
            (a) => ({
              id: a.id,
              label: a.name,
              open: () => handlers.openActor(a.id),
              about: words(a.kind),
            }),
          )
        : null,
      quotesSection(quotes.data, quotes.page.next_cursor !== null, outletOf, viewer, handlers),
      h(
        'section',
        { class: 'articles', 'aria-labelledby': 'find-articles-heading' },
        h('h3', { id: 'find-articles-heading' }, 'In the articles'),
        h('p', { class: 'hint' }, 'Choose “Show in the text” to read a quote in its article.'),
        viewer.element,
      ),
    ),
  );
  return true;
}

/**
 * One kind of result: its count (with `+` when there are more than shown), then each as a way to
 * open it, or that none matches.
 *
 * @template T
 * @param {{ kind: 'event' | 'actor', heading: string, items: T[], more: boolean }} of
 * @param {(item: T) => { id: string, label: string, open: () => void, about: string }} entry
 */
function resultsSection({ kind, heading, items, more }, entry) {
  const id = `find-${kind}s-heading`;
  return h(
    'section',
    { class: `find-${kind}s`, 'aria-labelledby': id },
    h('h3', { id }, `${heading} (${items.length}${more ? '+' : ''})`),
    items.length === 0
      ? h('p', { class: 'silent' }, `No ${kind} matches.`)
      : h(
          'ul',
          { class: 'find-list' },
          items.map((item) => {
            const e = entry(item);
            return h('li', { [`data-${kind}`]: e.id }, linkButton(e.label, e.open), ` · ${e.about}`);
          }),
        ),
  );
}

/**
 * The quotes as passages: the words once, then each outlet that quotes them, who it says spoke,
 * and the event.
 *
 * @param {Quote[]} quotes
 * @param {boolean} more
 * @param {Map<string, string>} outletOf
 * @param {ReturnType<typeof articleViewer>} viewer
 * @param {FindHandlers} handlers
 */
function quotesSection(quotes, more, outletOf, viewer, handlers) {
  for (const quote of quotes)
    viewer.spans.set(quote.id, { source: quote.source, ...quote.span, text: quote.text });
  const told = passages(quotes);
  return h(
    'section',
    { class: 'find-quotes', 'aria-labelledby': 'find-quotes-heading' },
    h(
      'h3',
      { id: 'find-quotes-heading' },
      `Quotes (${quotes.length}${more ? '+' : ''}, in ${count(told.length, 'passage')})`,
    ),
    quotes.length === 0
      ? h('p', { class: 'silent' }, 'No quote matches.')
      : h(
          'ul',
          { class: 'quotes find-list' },
          told.map((passage) =>
            h(
              'li',
              { class: 'quote passage', 'data-told': passage.quotes.length },
              h('blockquote', {}, `“${passage.text}”`),
              passage.quotes.length > 1
                ? h('p', { class: 'told-twice' }, `Told by ${count(passage.quotes.length, 'outlet')}:`)
                : null,
              passage.quotes.map((quote) =>
                quoteMeta(
                  quote,
                  outletOf.get(quote.source) ?? quote.source,
                  viewer.show,
                  quote.event
                    ? [' · ', linkButton('its event', () => handlers.openEvent(quote.event ?? ''))]
                    : [],
                ),
              ),
            ),
          ),
        ),
  );
}
