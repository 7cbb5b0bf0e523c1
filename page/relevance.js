/**
 * Which results of a search come first. The API gives them in timeline order; a person looking for
 * "liaison" wants the event named for it before those that only mention it.
 */

/**
 * The words of a search, lower-cased, without accents or punctuation.
 *
 * @param {string} text
 * @returns {string[]}
 */
export function searchWords(text) {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/**
 * The items whose name holds every word searched for (as the start of one of its words) first,
 * each group in the order given.
 *
 * @template T
 * @param {readonly T[]} items
 * @param {string} q
 * @param {(item: T) => string} name
 * @returns {T[]}
 */
export function namedFirst(items, q, name) {
  const wanted = searchWords(q);
  const named = (/** @type {T} */ item) => {
    const words = searchWords(name(item));
    return wanted.length > 0 && wanted.every((w) => words.some((word) => word.startsWith(w)));
  };
  return [...items.filter(named), ...items.filter((item) => !named(item))];
}
