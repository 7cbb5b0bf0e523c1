/**
 * One actor (`/v1/actors/{id}` and their quotes): the profile, relations, quotes, and how each
 * outlet names them, each on its words in the article, shown on demand.
 */

import * as api from './api.js';
import { articleViewer } from './article.js';
import { h, replace } from './dom.js';
import { count, formatDay, shorten, words } from './format.js';
import { detailActions, linkButton, quoteItem, showButton } from './parts.js';

/**
 * @typedef {import('./api-types').ActorProfile} ActorProfile
 * @typedef {import('./api-types').Quote} Quote
 * @typedef {import('./api-types').Span} Span
 * @typedef {import('./api-types').Source} Source
 * @typedef {import('./parts.js').DetailHandlers} DetailHandlers
 * @typedef {import('./parts.js').ShowInText} ShowInText
 */

/** Outlets listed under "how each outlet names them" before the rest are counted. */
const MAX_SOURCES = 12;

/**
 * Renders an actor into `section`.
 *
 * @param {HTMLElement} section
 * @param {string} id
 * @param {DetailHandlers} handlers
 * @param {AbortSignal} signal
 * @returns {Promise<boolean>} Whether it was rendered (not superseded).
 */
export async function renderActor(section, id, handlers, signal) {
  const [profile, quotes] = await Promise.all([api.actor(id), api.actorQuotes(id, signal)]);
  const mentioned = profile.mentions.slice(0, MAX_SOURCES).map((m) => m.source);
  const ids = [...new Set([...mentioned, ...quotes.data.map((q) => q.source)])];
  const metas = await Promise.all(ids.map(api.source));
  if (signal.aborted) return false;
  const sourceOf = new Map(metas.map((m) => [m.id, m]));
  const { element: viewer, spans, show } = articleViewer();
  replace(
    section,
    header(profile, handlers),
    h(
      'div',
      { class: 'detail-body' },
      namesSection(profile, sourceOf, spans, show),
      h(
        'section',
        { class: 'articles', 'aria-labelledby': 'articles-heading' },
        h('h3', { id: 'articles-heading' }, 'In the articles'),
        h('p', { class: 'hint' }, 'Choose “Show in the text” to read the words in their article.'),
        viewer,
      ),
      relationsSection(profile, spans, show, handlers),
      quotesSection(quotes.data, sourceOf, spans, show),
    ),
  );
  // The viewer opens on the first name the first outlet uses, so that the words are never far.
  const first = profile.mentions[0];
  if (first?.names[0]?.evidence[0]) await show(first.source, `name:${first.source}:0:0`);
  return !signal.aborted;
}

/**
 * @param {ActorProfile} profile
 * @param {DetailHandlers} handlers
 */
function header(profile, handlers) {
  const filter = h('button', { type: 'button', class: 'primary' }, `Show only ${profile.name}’s events`);
  filter.addEventListener('click', () => handlers.filterActor(profile.id));
  const span =
    profile.first_event_date && profile.last_event_date
      ? `, ${formatDay(profile.first_event_date)} to ${formatDay(profile.last_event_date)}`
      : '';
  const aliases = profile.aliases.filter((a) => a !== profile.name);
  return h(
    'header',
    { class: 'detail-head' },
    h('p', { class: 'kicker' }, `Actor · ${words(profile.kind)}`),
    h('h2', { id: 'detail-heading', tabindex: -1 }, profile.name),
    detailActions(handlers, `Close ${profile.name}`),
    profile.description ? h('p', { class: 'summary-text' }, profile.description) : null,
    aliases.length > 0
      ? h('p', {}, h('span', { class: 'label' }, 'Also called '), aliases.join(' · '))
      : null,
    h('p', {}, `${count(profile.counts.events, 'event')}${span} · ${count(profile.counts.quotes, 'quote')}`),
    profile.roles.length > 0
      ? h(
          'p',
          {},
          h('span', { class: 'label' }, 'Roles '),
          profile.roles.map((r) => `${r.title}${r.of ? ` of ${r.of.name}` : ''}`).join(' · '),
        )
      : null,
    h('p', {}, filter),
  );
}

/**
 * @param {ActorProfile} profile
 * @param {Map<string, Span>} spans
 * @param {ShowInText} show
 * @param {DetailHandlers} handlers
 */
function relationsSection(profile, spans, show, handlers) {
  if (profile.relations.length === 0) return null;
  const items = profile.relations.map((relation, i) => {
    const key = `relation:${i}`;
    spans.set(key, relation.evidence);
    const other = linkButton(relation.actor.name, () => handlers.openActor(relation.actor.id));
    const sentence =
      relation.direction === 'outgoing'
        ? [`${profile.name} — ${words(relation.type)} — `, other]
        : [other, ` — ${words(relation.type)} — ${profile.name}`];
    return h(
      'li',
      {},
      ...sentence,
      h('q', { class: 'evidence-quote' }, relation.evidence.text),
      showButton(relation.evidence.source, key, show),
    );
  });
  return h(
    'section',
    { class: 'relations', 'aria-labelledby': 'relations-heading' },
    h('h3', { id: 'relations-heading' }, 'Relations'),
    h('ul', { class: 'relation-list' }, items),
  );
}

/**
 * How each outlet names the actor: every name, how often, each on its words.
 *
 * @param {ActorProfile} profile
 * @param {Map<string, Source>} sourceOf
 * @param {Map<string, Span>} spans
 * @param {ShowInText} show
 */
function namesSection(profile, sourceOf, spans, show) {
  if (profile.mentions.length === 0) return null;
  const cards = profile.mentions.slice(0, MAX_SOURCES).map((mention) => {
    const meta = sourceOf.get(mention.source);
    const names = mention.names.map((name, i) => {
      const key = `name:${mention.source}:${i}`;
      name.evidence.forEach((span, k) => spans.set(`${key}:${k}`, span));
      const button = h(
        'button',
        {
          type: 'button',
          class: 'name-chip',
          'aria-label': `${name.name}, ${count(name.count, 'time')}: show in the text`,
        },
        name.name,
        h('span', { class: 'times', 'aria-hidden': 'true' }, `×${name.count}`),
      );
      button.addEventListener('click', () => show(mention.source, `${key}:0`));
      return h('li', {}, button);
    });
    return h(
      'div',
      { class: 'name-card', 'data-source': mention.source },
      h('p', { class: 'card-outlet' }, meta?.outlet ?? mention.source),
      meta ? h('p', { class: 'article-meta' }, `“${shorten(meta.title, 70)}”`) : null,
      h('ul', { class: 'name-list' }, names),
    );
  });
  const more = profile.mentions.length - MAX_SOURCES;
  return h(
    'section',
    { class: 'names', 'aria-labelledby': 'names-heading' },
    h('h3', { id: 'names-heading' }, 'How each outlet names them'),
    h('div', { class: 'name-cards' }, cards),
    more > 0 ? h('p', { class: 'hint' }, `and ${count(more, 'more article')}`) : null,
  );
}

/**
 * @param {Quote[]} quotes
 * @param {Map<string, Source>} sourceOf
 * @param {Map<string, Span>} spans
 * @param {ShowInText} show
 */
function quotesSection(quotes, sourceOf, spans, show) {
  const items = quotes.map((quote) => {
    spans.set(quote.id, { source: quote.source, ...quote.span, text: quote.text });
    return quoteItem(quote, sourceOf.get(quote.source)?.outlet ?? quote.source, show);
  });
  return h(
    'section',
    { class: 'quotes', 'aria-labelledby': 'quotes-heading' },
    h('h3', { id: 'quotes-heading' }, 'Their words'),
    items.length > 0 ? h('ul', { class: 'quote-list' }, items) : h('p', { class: 'hint' }, 'No quotes.'),
  );
}
