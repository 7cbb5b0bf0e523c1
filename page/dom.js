/**
 * Building elements without HTML strings: text is always text (nothing from the API is parsed as
 * markup), and no handler is ever inline (the Content-Security-Policy forbids them anyway).
 */

/**
 * @typedef {string | number | boolean | null | undefined} AttributeValue
 * @typedef {Node | string | null | undefined | false} Child
 */

/**
 * An element with attributes (`null`, `undefined` and `false` leave one out; `class` and `for`
 * by their HTML names) and children (strings become text).
 *
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, AttributeValue>} [attributes]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child);
  }
  return element;
}

/**
 * Replaces an element's children, leaving out the absent ones.
 *
 * @param {Element} element
 * @param {...Child} children
 */
export function replace(element, ...children) {
  element.replaceChildren(...children.filter((c) => c !== null && c !== undefined && c !== false));
}

/**
 * An element of the page by its id; the page is broken without it.
 *
 * @param {string} id
 * @returns {HTMLElement}
 */
export function byId(id) {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element;
}

/** Whether the person asked for less motion. */
export function reducedMotion() {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}
