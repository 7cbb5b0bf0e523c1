/**
 * Small parts the event and actor views share: their Back and Close buttons, a verdict as a badge,
 * who a claim is attributed to, a quote, and a button that marks some words in their article.
 */

import { h } from './dom.js';
import { speakerText, statusLabel, statusMeaning } from './format.js';

/**
 * @typedef {import('./api-types').Attribution} Attribution
 * @typedef {import('./api-types').Quote} Quote
 *
 * @typedef {object} DetailHandlers
 * @property {(actorId: string) => void} openActor
 * @property {(actorId: string) => void} filterActor
 * @property {() => void} close
 * @property {() => void} back Return to the timeline.
 *
 * @typedef {(source: string, key: string) => void | Promise<void>} ShowInText
 */

/** A verdict as a badge, with its meaning for whoever hovers or reads on. */
export function badge(/** @type {import('./lane-model.js').BarStatus} */ status) {
  return h('span', { class: `badge badge-${status}`, title: statusMeaning(status) }, statusLabel(status));
}

/** Who a source attributes a claim to, as a phrase. */
export function attribution(/** @type {Attribution | null} */ by) {
  if (!by) return null;
  const who = by.actor?.name ?? by.description;
  return who ? h('span', { class: 'attributed' }, `according to ${who}`) : null;
}

/** A button that reads as a link: an actor's or an event's name that opens it. */
export function linkButton(/** @type {string} */ label, /** @type {() => void} */ onClick) {
  const button = h('button', { type: 'button', class: 'link-button' }, label);
  button.addEventListener('click', onClick);
  return button;
}

/** A button that marks some evidence in its article. */
export function showButton(
  /** @type {string} */ source,
  /** @type {string} */ key,
  /** @type {ShowInText} */ show,
) {
  const button = h('button', { type: 'button', class: 'show-text', 'data-key': key }, 'Show in the text');
  button.addEventListener('click', () => show(source, key));
  return button;
}

/**
 * The detail's way back to the timeline, and its way out.
 *
 * @param {DetailHandlers} handlers
 * @param {string} closeLabel What Close says to a screen reader (`Close the event`).
 */
export function detailActions(handlers, closeLabel) {
  const back = h('button', { type: 'button', class: 'back' }, 'Back to the timeline');
  back.addEventListener('click', handlers.back);
  const close = h('button', { type: 'button', class: 'close', 'aria-label': closeLabel }, 'Close');
  close.addEventListener('click', handlers.close);
  return h('div', { class: 'detail-actions' }, back, close);
}

/**
 * A quote: its words, who spoke them as the article puts it (and who that is, when the article
 * puts it otherwise), where, and a way to them in the article.
 *
 * @param {Quote} quote
 * @param {string} outlet
 * @param {ShowInText} show
 */
export function quoteItem(quote, outlet, show) {
  return h(
    'li',
    { class: 'quote', 'data-quote': quote.id },
    h('blockquote', {}, `“${quote.text}”`),
    quoteMeta(quote, outlet, show),
  );
}

/**
 * Who spoke a quote's words as the article puts it (and who that is, when the article puts it
 * otherwise), who relayed them, in which outlet, and a way to them in the article.
 *
 * @param {Quote} quote
 * @param {string} outlet
 * @param {ShowInText} show
 * @param {import('./dom.js').Child[]} [more] Anything else to say of it, before the way to the words.
 */
export function quoteMeta(quote, outlet, show, more = []) {
  return h(
    'p',
    { class: 'quote-meta', 'data-quote': quote.id },
    `— ${speakerText(quote.speaker_description, quote.speaker?.name ?? null)}`,
    quote.reported_via ? `, via ${quote.reported_via.name}` : '',
    `, in ${outlet}`,
    quote.kind === 'fragment' ? ' · a fragment' : '',
    quote.attribution === 'inferred' ? ' · speaker inferred' : '',
    more,
    ' ',
    showButton(quote.source, quote.id, show),
  );
}
