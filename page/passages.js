/**
 * Quotes as passages: the same words quoted by several outlets are one passage told several times
 * (KCNA's "took stock of the prevailing situation…" in both articles). Pure: no DOM.
 */

/**
 * @typedef {import('./api-types').Quote} Quote
 * @typedef {{ text: string, quotes: Quote[] }} Passage
 */

/** Quotes of fewer words than this match only as a whole, never inside a longer quote. */
const MIN_CONTAINED_WORDS = 4;

/** The words as compared: case, spacing and the punctuation at either end aside. */
function normalised(/** @type {string} */ text) {
  return text
    .toLocaleLowerCase('en')
    .replace(/\s+/g, ' ')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

/** Whether two quotes' words are the same passage: equal, or one long enough and inside the other. */
function samePassage(/** @type {string} */ a, /** @type {string} */ b) {
  if (a === b) return true;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  return shorter.split(' ').length >= MIN_CONTAINED_WORDS && longer.includes(shorter);
}

/**
 * The quotes grouped into passages, in the order of each passage's first quote: quotes join one
 * when they give the same speaker the same words, each outlet once. A passage reads as its longest
 * quote.
 *
 * @param {Quote[]} quotes
 * @returns {Passage[]}
 */
export function passages(quotes) {
  /** @type {{ speaker: string | null, words: string[], passage: Passage }[]} */
  const groups = [];
  for (const quote of quotes) {
    const words = normalised(quote.text);
    const speaker = quote.speaker?.id ?? null;
    const group = groups.find(
      (g) =>
        g.speaker === speaker &&
        !g.passage.quotes.some((q) => q.source === quote.source) &&
        g.words.some((w) => samePassage(w, words)),
    );
    if (group === undefined) {
      groups.push({ speaker, words: [words], passage: { text: quote.text, quotes: [quote] } });
      continue;
    }
    group.words.push(words);
    group.passage.quotes.push(quote);
    if (quote.text.length > group.passage.text.length) group.passage.text = quote.text;
  }
  return groups.map((g) => g.passage);
}
