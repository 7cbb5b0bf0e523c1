/**
 * Every claim of an event side by side: one row per aspect (a property, and what about it), one
 * column per source, each claim with its verdict and a way to its words.
 */

import { h } from './dom.js';
import { PRECISION_WORDS, formatDate, words } from './format.js';
import { attribution, badge, showButton } from './parts.js';

/**
 * @typedef {import('./api-types').EventDetail} EventDetail
 * @typedef {import('./api-types').Claim} Claim
 * @typedef {import('./api-types').Aspect} Aspect
 * @typedef {import('./api-types').Source} Source
 * @typedef {import('./parts.js').ShowInText} ShowInText
 */

/**
 * A claim's value as people read it; an actor by the name the event's participants give.
 *
 * @param {Claim} claim
 * @param {{ participants: EventDetail['participants'] }} detail
 */
export function valueText(claim, detail) {
  const value = claim.value;
  if (typeof value === 'object') return `${formatDate(value)} (${PRECISION_WORDS[value.precision]})`;
  if (typeof value === 'number') return value.toLocaleString('en-GB');
  if (claim.property === 'actor')
    return detail.participants.find((p) => p.actor.id === value)?.actor.name ?? words(value);
  return value;
}

/**
 * Every claim of the event grouped by aspect, dates first: the aspects two outlets speak to with
 * their verdict, and the aspects only one outlet speaks to, as single-source.
 *
 * @param {EventDetail} detail
 * @returns {Aspect[]}
 */
export function aspectRows(detail) {
  const key = (/** @type {{ property: string, about: string | null }} */ c) =>
    JSON.stringify([c.property, c.about]);
  /** @type {Map<string, Aspect>} */
  const rows = new Map(detail.aspects.map((a) => [key(a), a]));
  /** @type {Map<string, Aspect>} the aspects only one outlet speaks to, built here */
  const alone = new Map();
  for (const claim of detail.claims) {
    const k = key(claim);
    if (rows.has(k) && !alone.has(k)) continue;
    const row = alone.get(k) ?? {
      property: claim.property,
      about: claim.about,
      status: 'single_source',
      claims: [],
    };
    row.claims.push(claim);
    alone.set(k, row);
    rows.set(k, row);
  }
  return [...rows.values()].sort((a, b) => Number(b.property === 'date') - Number(a.property === 'date'));
}

/**
 * Every claim, one row per aspect and one column per source, with the verdicts; nothing when the
 * event has no claim.
 *
 * @param {EventDetail} detail
 * @param {Map<string, Source>} sourceOf
 * @param {ShowInText} show
 */
export function claimsSection(detail, sourceOf, show) {
  const sources = detail.sources.map((s) => s.source);
  const aspects = aspectRows(detail);
  if (aspects.length === 0) return null;
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, 'What'),
    sources.map((s) => h('th', { scope: 'col' }, sourceOf.get(s)?.outlet ?? s)),
  );
  const rows = aspects.map((aspect) =>
    h(
      'tr',
      { 'data-property': aspect.property },
      h(
        'th',
        { scope: 'row' },
        h(
          'span',
          { class: 'aspect' },
          words(aspect.property),
          aspect.about ? `: ${words(aspect.about)}` : '',
        ),
        ' ',
        badge(aspect.status),
      ),
      sources.map((source) => {
        const claims = aspect.claims.filter((c) => c.source === source);
        return h(
          'td',
          { 'data-label': sourceOf.get(source)?.outlet ?? source },
          claims.length === 0
            ? h('span', { class: 'silent' }, 'says nothing of it')
            : claims.map((claim) =>
                h(
                  'div',
                  { class: 'claim', 'data-claim': claim.id },
                  h('p', { class: 'claim-value' }, valueText(claim, detail)),
                  h(
                    'p',
                    { class: 'claim-meta' },
                    attribution(claim.attributed_to),
                    ' ',
                    showButton(source, claim.id, show),
                  ),
                ),
              ),
        );
      }),
    ),
  );
  return h(
    'section',
    { class: 'claims', 'aria-labelledby': 'claims-heading' },
    h('h3', { id: 'claims-heading' }, 'Every claim, side by side'),
    h(
      'div',
      { class: 'table-scroll' },
      h('table', { class: 'claims-table' }, h('thead', {}, head), h('tbody', {}, rows)),
    ),
  );
}
