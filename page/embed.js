/**
 * The page framed on another site (`/embed`, which the server offers only to the sites it names):
 * the same timeline and views, more compact — the tagline and the panels folded — with a link
 * that opens the same view as a page of its own.
 */

import { byId } from './dom.js';

/** Whether this is the embeddable page. */
export const embedded = document.documentElement.hasAttribute('data-embed');

/**
 * Sets the page up as framed, when it is, and returns what keeps its link on the view shown.
 *
 * @returns {() => void}
 */
export function setupEmbed() {
  if (!embedded) return () => undefined;
  const full = /** @type {HTMLAnchorElement} */ (byId('open-full'));
  full.hidden = false;
  // The name of the service leaves the frame too, rather than loading the whole page inside it.
  byId('home').setAttribute('target', '_blank');
  const follow = () => {
    full.href = `/${location.search}`;
  };
  follow();
  return follow;
}
