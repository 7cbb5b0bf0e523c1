import type { Paragraph } from './document.js';

/**
 * Every passage in quotation marks, found on the characters alone: curly or straight, double or
 * (British style) single marks, one quotation nested in another, a quotation whose paragraph ends
 * before its closing mark (it continues in the next paragraph, which opens again). Offsets are
 * string indexes; `start`/`end` bound the words inside the marks.
 */

export interface QuoteSpan {
  start: number;
  end: number;
  /** The opening mark's offset. */
  open: number;
  /** The closing mark's offset, or undefined when the paragraph ends first. */
  close: number | undefined;
  /** Whether a quotation of the previous paragraph ran to its end and this one reopens it. */
  continues: boolean;
  /** Whether the article's primary marks quote it (not single marks in an article that has double ones). */
  primary: boolean;
}

const DOUBLE_OPEN = new Set(['“', '„', '«']);
const DOUBLE_CLOSE = new Set(['”', '»']);
const SINGLE_OPEN = '‘';
const SINGLE_CLOSE = '’';

const isLetter = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isSpace = (c: string | undefined) => c === undefined || /\s/u.test(c);
/** Characters after which a mark opens: the start, a space, a bracket, a dash, another mark. */
const opensAfter = (c: string | undefined) => c === undefined || /[\s([{—–\-/“‘"']/u.test(c);

/**
 * Which marks the article quotes with: double ones (curly or straight) wherever it has any, else
 * single ones (British style), whose closing mark is also the apostrophe.
 */
export function primaryMarks(text: string): 'double' | 'single' {
  if (/[“”„«»"]/u.test(text)) return 'double';
  return 'single';
}

export function findQuotes(text: string, paragraphs: readonly Paragraph[]): QuoteSpan[] {
  const primary = primaryMarks(text);
  const out: QuoteSpan[] = [];
  let openAtEnd = false;
  for (const p of paragraphs) {
    const found = scanParagraph(text, p, primary);
    const first = found[0];
    if (first && openAtEnd && first.open === p.start) first.continues = true;
    const last = found[found.length - 1];
    openAtEnd = last !== undefined && last.close === undefined && last.primary;
    out.push(...found.filter((q) => text.slice(q.start, q.end).trim() !== ''));
  }
  return out;
}

function scanParagraph(text: string, p: Paragraph, primary: 'double' | 'single'): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let i = p.start;
  while (i < p.end) {
    const c = text[i];
    const before = i > p.start ? text[i - 1] : undefined;
    if (primary === 'double' && isDoubleOpening(text, i, p, before)) {
      const { close, stop } = closingDouble(text, i + 1, p.end, c === '"');
      out.push(span(text, i, close, stop, true));
      i = close === undefined ? stop : close + 1;
      continue;
    }
    if (isSingleOpening(text, i, p, before)) {
      const close = closingSingle(text, i + 1, p.end);
      // Outside the primary marks, a single mark must close, or it was an apostrophe ('90s).
      if (close !== undefined || primary === 'single') {
        out.push(span(text, i, close, p.end, primary === 'single'));
        i = close === undefined ? p.end : close + 1;
        continue;
      }
    }
    i++;
  }
  return out;
}

function span(
  text: string,
  open: number,
  close: number | undefined,
  end: number,
  primary: boolean,
): QuoteSpan {
  let last = close ?? end;
  while (last > open + 1 && isSpace(text[last - 1])) last--;
  return { start: open + 1, end: last, open, close, continues: false, primary };
}

function isDoubleOpening(text: string, i: number, p: Paragraph, before: string | undefined): boolean {
  const c = text[i];
  if (c === undefined) return false;
  if (DOUBLE_OPEN.has(c)) return true;
  // A straight mark, or a closing mark curled the wrong way by a scraper, opens where words follow.
  if (c === '"' || DOUBLE_CLOSE.has(c)) return opensAfter(before) && !isSpace(text[i + 1]) && i + 1 < p.end;
  return false;
}

/**
 * The closing mark of a double quotation opened before `from`; without one, where the words stop:
 * the paragraph's end, or a new opening mark after a space (this one never closed: a scraping
 * fault), from which the scan goes on.
 */
function closingDouble(
  text: string,
  from: number,
  end: number,
  straight: boolean,
): { close: number | undefined; stop: number } {
  for (let i = from; i < end; i++) {
    const c = text[i] as string;
    if (DOUBLE_CLOSE.has(c) || c === '"') return { close: i, stop: i };
    if (DOUBLE_OPEN.has(c) && !straight && isSpace(text[i - 1])) return { close: undefined, stop: i };
  }
  return { close: undefined, stop: end };
}

function isSingleOpening(text: string, i: number, p: Paragraph, before: string | undefined): boolean {
  const c = text[i];
  if (c !== SINGLE_OPEN && c !== "'") return false;
  if (!opensAfter(before) || i + 1 >= p.end) return false;
  const next = text[i + 1];
  if (!isLetter(next) && next !== '“' && next !== '"' && next !== '…') return false;
  // '90s, 'em: an elided start is an apostrophe, not a mark.
  if (c === "'" && /^'(?:\d0s|em\b|til\b|cause\b)/u.test(text.slice(i, i + 8))) return false;
  return true;
}

/**
 * The closing single mark: a ’ (or ') that no letter follows. A mark after a plural's "s" and
 * before a word ("the residents’ group") may be an apostrophe; it closes only when no surer
 * closing mark comes before the next opening one.
 */
function closingSingle(text: string, from: number, end: number): number | undefined {
  let weak: number | undefined;
  for (let i = from; i < end; i++) {
    const c = text[i];
    if (c === SINGLE_OPEN && isSpace(text[i - 1])) break;
    if (c !== SINGLE_CLOSE && c !== "'") continue;
    const before = text[i - 1];
    const after = text[i + 1];
    if (isLetter(before) && isLetter(after)) continue; // don’t, council’s
    if (isSpace(before)) continue;
    if (/[s]/u.test(before ?? '') && after === ' ' && /[a-z]/u.test(text[i + 2] ?? '')) {
      weak ??= i;
      continue;
    }
    return i;
  }
  return weak;
}
