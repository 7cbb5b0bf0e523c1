/**
 * An article's exact text (`/v1/sources/{id}/text`) with evidence marked: every span the view knows
 * lightly, the ones asked for strongly, scrolled into view inside the text.
 */

import * as api from './api.js';
import { h, reducedMotion } from './dom.js';
import { formatDay } from './format.js';
import { segments } from './spans.js';

/**
 * @typedef {import('./api-types').Source} Source
 * @typedef {import('./spans.js').KeyedSpan} KeyedSpan
 * @typedef {import('./api-types').Span} Span
 *
 * @typedef {object} ArticleView
 * @property {HTMLElement} element
 * @property {string} source The article's id.
 * @property {(keys: string[], scroll?: boolean) => void} show Marks these spans as the ones to see.
 */

/**
 * @param {Source} source
 * @param {string} text
 * @param {KeyedSpan[]} spans
 * @returns {ArticleView}
 */
export function articleView(source, text, spans) {
  /** @type {Map<HTMLElement, string[]>} */
  const keysOf = new Map();
  const body = h('div', {
    class: 'article-text',
    tabindex: 0,
    role: 'region',
    'aria-label': `Text of “${source.title}”, ${source.outlet}`,
  });
  for (const segment of segments(text, spans)) {
    if (segment.keys.length === 0) {
      body.append(segment.text);
      continue;
    }
    const mark = h('mark', { class: 'evidence' }, segment.text);
    keysOf.set(mark, segment.keys);
    body.append(mark);
  }
  const element = h(
    'article',
    { class: 'article', 'data-source': source.id },
    h(
      'header',
      { title: `“${source.title}”, ${formatDay(source.published)}` },
      h('h4', {}, source.outlet),
      h('p', { class: 'article-meta' }, `“${source.title}”, ${formatDay(source.published)}`),
    ),
    body,
  );

  return {
    element,
    source: source.id,
    show(keys, scroll = true) {
      const wanted = new Set(keys);
      /** @type {HTMLElement | null} */
      let first = null;
      for (const [mark, covering] of keysOf) {
        const on = covering.some((k) => wanted.has(k));
        mark.classList.toggle('active', on);
        if (on) first ??= mark;
      }
      if (first && scroll) {
        // Inside the text only: the page itself stays where the person is.
        const top = first.offsetTop - body.clientHeight / 3;
        body.scrollTo({ top: Math.max(0, top), behavior: reducedMotion() ? 'auto' : 'smooth' });
      }
    },
  };
}

/**
 * One article at a time, opened at the words asked for: a view registers every span it offers in
 * `spans` (by key), and `show(source, key)` opens that source's article with them all marked
 * lightly and the one asked for strongly.
 *
 * @returns {{ element: HTMLElement, spans: Map<string, Span>, show: (source: string, key: string) => Promise<void> }}
 */
export function articleViewer() {
  /** @type {Map<string, Span>} */
  const spans = new Map();
  const element = h('div', { class: 'article-viewer' });
  /**
   * @param {string} source
   * @param {string} key
   */
  const show = async (source, key) => {
    const [meta, text] = await Promise.all([api.source(source), api.text(source)]);
    const inSource = [...spans.entries()]
      .filter(([, span]) => span.source === source)
      .map(([k, span]) => ({ start: span.start, end: span.end, key: k }));
    const article = articleView(meta, text, inSource);
    element.replaceChildren(article.element);
    article.show([key]);
    article.element.scrollIntoView({ block: 'nearest' });
  };
  return { element, spans, show };
}
