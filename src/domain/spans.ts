/**
 * Span location: turning "the exact words (plus optional prefix/suffix)" into code-point offsets.
 *
 * JavaScript strings index UTF-16 code units, but spans are published in Unicode code points (W3C
 * TextPositionSelector), so every offset leaving this module is converted.
 */

export interface Span {
  start: number;
  end: number;
}

export interface QuoteSelector {
  text: string;
  prefix?: string | undefined;
  suffix?: string | undefined;
}

export type LocateResult = { ok: true; span: Span } | { ok: false; message: string };

/** A source text prepared for repeated lookups: code-unit ↔ code-point conversion in O(log n). */
export class SourceText {
  readonly text: string;
  /** Code-unit indexes of the astral characters (surrogate pairs), ascending. */
  private readonly astral: number[] = [];

  constructor(text: string) {
    this.text = text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        this.astral.push(i);
        i++;
      }
    }
  }

  /** Length in code points. */
  get length(): number {
    return this.text.length - this.astral.length;
  }

  toCodePoint(unitIndex: number): number {
    return unitIndex - countBelow(this.astral, unitIndex);
  }

  toCodeUnit(pointIndex: number): number {
    // Each astral character before the target shifts it by one code unit.
    let unit = pointIndex;
    for (const a of this.astral) {
      if (a < unit) unit++;
      else break;
    }
    return unit;
  }

  /** The text of a code-point span. */
  slice(span: Span): string {
    return this.text.slice(this.toCodeUnit(span.start), this.toCodeUnit(span.end));
  }

  /** `length` code points of context before / after a span (TextQuoteSelector prefix/suffix). */
  context(span: Span, length: number): { prefix: string; suffix: string } {
    return {
      prefix: this.slice({ start: Math.max(0, span.start - length), end: span.start }),
      suffix: this.slice({ start: span.end, end: Math.min(this.length, span.end + length) }),
    };
  }

  /**
   * Finds the one occurrence of `selector.text` preceded by `prefix` and followed by `suffix`.
   * Zero or several matches are errors that say how many places matched, so an annotator can fix
   * the reference instead of silently pointing at the wrong words.
   */
  locate(selector: QuoteSelector): LocateResult {
    const { text: words, prefix = '', suffix = '' } = selector;
    if (words.length === 0) return { ok: false, message: 'the words must not be empty' };
    const matches: number[] = [];
    let total = 0;
    for (let i = this.text.indexOf(words); i !== -1; i = this.text.indexOf(words, i + 1)) {
      total++;
      const before = this.text.slice(Math.max(0, i - prefix.length), i);
      const after = this.text.slice(i + words.length, i + words.length + suffix.length);
      if (before === prefix && after === suffix) matches.push(i);
    }
    const shown = JSON.stringify(words);
    const narrowed = prefix !== '' || suffix !== '';
    if (total === 0) return { ok: false, message: `${shown} does not occur in the text` };
    if (matches.length === 0)
      return {
        ok: false,
        message: `${shown} occurs ${plural(total, 'time')} but never with the given prefix/suffix`,
      };
    const first = matches[0];
    if (matches.length > 1 || first === undefined)
      return {
        ok: false,
        message: `${shown} is ambiguous: it occurs ${plural(matches.length, 'time')}${
          narrowed ? ' with the given prefix/suffix' : ''
        }; add a "prefix" (the text right before it) to pick one`,
      };
    const span = { start: this.toCodePoint(first), end: this.toCodePoint(first + words.length) };
    return { ok: true, span };
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Number of entries of the ascending array `xs` that are < `x`. */
function countBelow(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((xs[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
