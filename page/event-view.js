/**
 * One event (`/v1/events/{id}`): each outlet's date side by side with its verdict, every claim
 * side by side by aspect, the participants and quotes, and the articles' texts with the evidence
 * of whatever is chosen marked and scrolled into view.
 */

import * as api from './api.js';
import { articleView } from './article.js';
import { claimsSection } from './claims-table.js';
import { h, replace } from './dom.js';
import { attribution, badge, detailActions, linkButton, quoteItem, showButton } from './parts.js';
import { PRECISION_WORDS, count, formatDate, statusMeaning, words } from './format.js';

/**
 * @typedef {import('./api-types').EventDetail} EventDetail
 * @typedef {import('./api-types').Claim} Claim
 * @typedef {import('./api-types').Source} Source
 * @typedef {import('./api-types').DateValue} DateValue
 * @typedef {import('./api-types').Attribution} Attribution
 * @typedef {import('./article.js').ArticleView} ArticleView
 * @typedef {import('./spans.js').KeyedSpan} KeyedSpan
 * @typedef {import('./parts.js').DetailHandlers} DetailHandlers
 * @typedef {import('./parts.js').ShowInText} ShowInText
 */

/** A date as a source gives it: the date, how precise, the words. */
function dateWords(/** @type {DateValue} */ date) {
  const phrase = date.phrase ? ` · “${date.phrase}”` : date.reason ? ' · inferred' : '';
  return `${PRECISION_WORDS[date.precision]}${date.approximate ? ', approximately' : ''}${phrase}`;
}

/**
 * Renders an event into `section`.
 *
 * @param {HTMLElement} section
 * @param {string} id
 * @param {DetailHandlers} handlers
 * @param {AbortSignal} signal
 * @returns {Promise<boolean>} Whether it was rendered (not superseded).
 */
export async function renderEvent(section, id, handlers, signal) {
  const detail = await api.event(id, signal);
  const ids = [
    ...new Set([
      ...detail.sources.map((s) => s.source),
      ...detail.claims.map((c) => c.source),
      ...detail.quotes.map((q) => q.source),
    ]),
  ];
  const [metas, texts] = await Promise.all([
    Promise.all(ids.map(api.source)),
    Promise.all(ids.map(api.text)),
  ]);
  if (signal.aborted) return false;
  const sourceOf = new Map(metas.map((m) => [m.id, m]));
  const articles = ids.map((source, i) =>
    articleView(
      /** @type {Source} */ (sourceOf.get(source)),
      /** @type {string} */ (texts[i]),
      spansOf(detail, source),
    ),
  );
  /** @type {ShowInText} */
  const show = (source, key) => {
    const article = articles.find((a) => a.source === source);
    article?.show([key]);
    article?.element.scrollIntoView({ block: 'nearest' });
  };
  // On a wide screen the articles stay beside what is chosen in them; on a narrow one they follow
  // the dates.
  const body = h(
    'div',
    { class: 'detail-body' },
    h('p', { class: 'summary-text' }, detail.summary),
    datesSection(detail, sourceOf, show),
    h(
      'section',
      { class: 'articles', 'aria-labelledby': 'articles-heading' },
      h('h3', { id: 'articles-heading' }, 'In the articles'),
      h('p', { class: 'hint' }, 'What you choose is marked; the rest of the event’s evidence is underlined.'),
      h(
        'div',
        { class: 'article-grid' },
        articles.map((a) => a.element),
      ),
    ),
    claimsSection(detail, sourceOf, show),
    participantsSection(detail, handlers),
    quotesSection(detail, sourceOf, show),
  );
  // Through the CSSOM: the page's Content-Security-Policy refuses style attributes.
  body.style.setProperty('--articles', String(articles.length));
  replace(section, header(detail, handlers), body);
  // Each article opens on its own date for the event, else on the first words it reports it in.
  for (const article of articles) {
    const dates = detail.claims.filter((c) => c.property === 'date' && c.source === article.source);
    const keys = dates.length > 0 ? dates.map((c) => c.id) : [`evidence:${article.source}:0`];
    article.show(keys);
  }
  return true;
}

/**
 * Every span of the event in one article: its claims' and quotes' evidence, and the event's own.
 *
 * @param {EventDetail} detail
 * @param {string} source
 * @returns {KeyedSpan[]}
 */
function spansOf(detail, source) {
  return [
    ...(detail.sources.find((s) => s.source === source)?.evidence ?? []).map((e, i) => ({
      start: e.start,
      end: e.end,
      key: `evidence:${source}:${i}`,
    })),
    ...detail.claims.filter((c) => c.source === source).map((c) => ({ ...c.evidence, key: c.id })),
    ...detail.quotes.filter((q) => q.source === source).map((q) => ({ ...q.span, key: q.id })),
  ];
}

/**
 * @param {EventDetail} detail
 * @param {DetailHandlers} handlers
 */
function header(detail, handlers) {
  const outlets = count(detail.sources.length, 'source');
  return h(
    'header',
    { class: 'detail-head' },
    h(
      'p',
      { class: 'kicker' },
      `Event · ${words(detail.type)}${detail.location ? ` · ${detail.location}` : ''}`,
    ),
    h('h2', { id: 'detail-heading', tabindex: -1 }, detail.title),
    detailActions(handlers, 'Close the event'),
    h(
      'p',
      { class: 'verdict' },
      `Reported by ${outlets} · verdict `,
      badge(detail.status),
      ` · its date `,
      badge(detail.date.status),
    ),
  );
}

/**
 * Each source's date of the event, side by side.
 *
 * @param {EventDetail} detail
 * @param {Map<string, Source>} sourceOf
 * @param {ShowInText} show
 */
function datesSection(detail, sourceOf, show) {
  const cards = detail.sources.map(({ source }) => {
    const meta = sourceOf.get(source);
    const dates = detail.date.by_source.filter((d) => d.source === source);
    const claims = detail.claims.filter((c) => c.property === 'date' && c.source === source);
    const body =
      dates.length === 0
        ? [h('p', { class: 'card-date none' }, 'Gives no date of its own'), h('p', {}, badge('undated'))]
        : dates.flatMap((date) => {
            // The date claim is the one on the same words.
            const claim = claims.find(
              (c) => c.evidence.start === date.evidence.start && c.evidence.end === date.evidence.end,
            );
            return [
              h('p', { class: 'card-date' }, formatDate(date)),
              h('p', { class: 'card-how' }, dateWords(date), ' ', attribution(date.attributed_to)),
              h('p', { class: 'card-verdict' }, badge(date.status), ` ${statusMeaning(date.status)}`),
              claim ? showButton(source, claim.id, show) : null,
            ];
          });
    return h(
      'div',
      { class: `date-card status-${dates[0]?.status ?? 'undated'}`, 'data-source': source },
      h('p', { class: 'card-outlet' }, meta?.outlet ?? source),
      ...body,
    );
  });
  return h(
    'section',
    { class: 'dates', 'aria-labelledby': 'dates-heading' },
    h('h3', { id: 'dates-heading' }, 'When, according to each outlet'),
    h('div', { class: 'date-cards' }, cards),
  );
}

/**
 * @param {EventDetail} detail
 * @param {DetailHandlers} handlers
 */
function participantsSection(detail, handlers) {
  if (detail.participants.length === 0) return null;
  const items = detail.participants.map(({ actor, role }) => {
    const open = linkButton(actor.name, () => handlers.openActor(actor.id));
    return h('li', {}, open, h('span', { class: 'role' }, ` ${words(role)}`));
  });
  return h(
    'section',
    { class: 'participants', 'aria-labelledby': 'participants-heading' },
    h('h3', { id: 'participants-heading' }, 'Who took part'),
    h('ul', { class: 'inline-list' }, items),
  );
}

/**
 * @param {EventDetail} detail
 * @param {Map<string, Source>} sourceOf
 * @param {ShowInText} show
 */
function quotesSection(detail, sourceOf, show) {
  if (detail.quotes.length === 0) return null;
  const items = detail.quotes.map((quote) =>
    quoteItem(quote, sourceOf.get(quote.source)?.outlet ?? quote.source, show),
  );
  return h(
    'section',
    { class: 'quotes', 'aria-labelledby': 'quotes-heading' },
    h('h3', { id: 'quotes-heading' }, 'Quotes'),
    h('ul', { class: 'quote-list' }, items),
  );
}
