import type { EvidenceRef } from '../seed/annotation-schema.js';

/**
 * Evidence references for spans of one text, as the loader resolves them (seeds/README.md,
 * "Evidence"): the words alone where they occur once, else with the shortest `prefix` (then
 * `suffix`) that selects this occurrence. Occurrences are counted once per distinct string, so a
 * 1 MB article with many repeated words stays fast.
 */
export class EvidenceWriter {
  private readonly occurrences = new Map<string, number[]>();

  constructor(private readonly text: string) {}

  /**
   * The reference for text[start, end); undefined when no context of up to MAX_CONTEXT characters
   * on either side selects it (the same words amid the same text, as in a repeated passage).
   */
  ref(start: number, end: number): EvidenceRef | undefined {
    const words = this.text.slice(start, end);
    const at = this.positions(words);
    if (at.length <= 1) return words;
    const others = at.filter((p) => p !== start);
    const prefix = this.context(others, start, end, 'prefix');
    if (prefix !== undefined) return { text: words, prefix };
    const suffix = this.context(others, start, end, 'suffix');
    if (suffix !== undefined) return { text: words, suffix };
    const longPrefix = this.text.slice(Math.max(0, start - MAX_CONTEXT), start);
    const both = this.context(
      others.filter((p) => this.text.slice(Math.max(0, p - longPrefix.length), p) === longPrefix),
      start,
      end,
      'suffix',
    );
    if (longPrefix !== '' && both !== undefined) return { text: words, prefix: longPrefix, suffix: both };
    return undefined;
  }

  /** Every offset where `words` occurs (overlapping occurrences included, as the loader counts). */
  private positions(words: string): number[] {
    let found = this.occurrences.get(words);
    if (!found) {
      found = [];
      for (let i = this.text.indexOf(words); i !== -1; i = this.text.indexOf(words, i + 1)) found.push(i);
      this.occurrences.set(words, found);
    }
    return found;
  }

  /**
   * The shortest context on one side, grown a word at a time, that no other occurrence shares;
   * undefined when even MAX_CONTEXT characters do not tell them apart.
   */
  private context(
    others: number[],
    start: number,
    end: number,
    side: 'prefix' | 'suffix',
  ): string | undefined {
    const len = end - start;
    const around = (p: number, n: number) =>
      side === 'prefix' ? this.text.slice(Math.max(0, p - n), p) : this.text.slice(p + len, p + len + n);
    const limit =
      side === 'prefix' ? Math.min(start, MAX_CONTEXT) : Math.min(this.text.length - end, MAX_CONTEXT);
    for (let n = 1; n <= limit; n++) {
      const mine = around(start, n);
      // Grow to a word boundary, so that the reference reads naturally ("South Korea " not "a ").
      if (!this.atBoundary(side === 'prefix' ? start - n : end + n, side)) continue;
      if (mine.trim() === '') continue;
      if (others.every((p) => around(p, n) !== mine)) return mine;
    }
    return undefined;
  }

  private atBoundary(at: number, side: 'prefix' | 'suffix'): boolean {
    if (at <= 0 || at >= this.text.length) return true;
    const outer = side === 'prefix' ? this.text[at - 1] : this.text[at];
    return outer === undefined || /[\s\p{P}]/u.test(outer);
  }
}

/** The longest context tried on either side of a reference. */
const MAX_CONTEXT = 200;
