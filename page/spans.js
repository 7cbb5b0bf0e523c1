/**
 * Evidence in an article's text. Spans count Unicode code points (SPEC §2), while JavaScript
 * strings count UTF-16 units, so the text is cut by code points. Pure: no DOM.
 */

/**
 * @typedef {{ start: number, end: number, key: string }} KeyedSpan
 * @typedef {{ text: string, keys: string[] }} Segment
 */

/**
 * The text cut at every span's ends into consecutive segments, each with the keys of the spans
 * that cover it (none between them). Spans may overlap or nest; ends outside the text are clamped.
 *
 * @param {string} text
 * @param {KeyedSpan[]} spans
 * @returns {Segment[]}
 */
export function segments(text, spans) {
  const points = Array.from(text);
  const length = points.length;
  const clamp = (/** @type {number} */ n) => Math.min(length, Math.max(0, n));
  const cuts = new Set([0, length]);
  const usable = spans
    .map((s) => ({ ...s, start: clamp(s.start), end: clamp(s.end) }))
    .filter((s) => s.end > s.start);
  for (const s of usable) cuts.add(s.start).add(s.end);
  const bounds = [...cuts].sort((a, b) => a - b);
  /** @type {Segment[]} */
  const out = [];
  for (let i = 1; i < bounds.length; i++) {
    const start = /** @type {number} */ (bounds[i - 1]);
    const end = /** @type {number} */ (bounds[i]);
    const keys = usable.filter((s) => s.start <= start && s.end >= end).map((s) => s.key);
    out.push({ text: points.slice(start, end).join(''), keys });
  }
  return out;
}

/**
 * The words a span covers.
 *
 * @param {string} text
 * @param {{ start: number, end: number }} span
 */
export function spanText(text, span) {
  return Array.from(text).slice(span.start, span.end).join('');
}
