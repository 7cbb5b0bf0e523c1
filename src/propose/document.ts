import winkNLP from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * An article read once for every pass of the proposer: wink-nlp's tokens with their offsets in the
 * text (JavaScript string indexes), part of speech and lemma, its sentences and its paragraphs.
 * wink keeps every character (a token's preceding spaces are kept), so offsets are exact.
 */

export interface Token {
  index: number;
  text: string;
  /** Lower case, with curly apostrophes straightened: what the lexicons are written in. */
  lower: string;
  start: number;
  end: number;
  pos: string;
  lemma: string;
  /** wink's token type: word, number, punctuation, tabCRLF, … */
  type: string;
  sentence: number;
  paragraph: number;
}

export interface Sentence {
  index: number;
  start: number;
  end: number;
  /** Token indexes, `last` inclusive. */
  first: number;
  last: number;
  paragraph: number;
}

export interface Paragraph {
  index: number;
  start: number;
  end: number;
}

export interface Entity {
  type: string;
  start: number;
  end: number;
  first: number;
  last: number;
}

let nlp: ReturnType<typeof winkNLP> | undefined;

/** The model loads once per process (about 100 ms), on first use: never at import time. */
function reader(): ReturnType<typeof winkNLP> {
  nlp ??= winkNLP(model);
  return nlp;
}

export function normaliseWord(word: string): string {
  return word.toLowerCase().replace(/[’‘`]/g, "'");
}

/** A paragraph is a line of text: scraped articles put each on its own line, blank lines or not. */
export function paragraphsOf(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const body = m[0].trim();
    if (body === '') continue;
    out.push({ index: out.length, start: m.index + lead, end: m.index + lead + body.length });
  }
  return out;
}

export class ArticleDoc {
  readonly text: string;
  readonly tokens: Token[] = [];
  readonly sentences: Sentence[] = [];
  readonly paragraphs: Paragraph[];
  readonly entities: Entity[] = [];

  constructor(text: string) {
    this.text = text;
    this.paragraphs = paragraphsOf(text);
    const nlp = reader();
    const its = nlp.its;
    const doc = nlp.readDoc(text);
    const words = doc.tokens();
    const values = words.out(its.value) as string[];
    const spaces = words.out(its.precedingSpaces) as string[];
    const pos = words.out(its.pos) as string[];
    // The model's lemmatiser is an addon, which the declarations type apart from the other fields.
    const lemmas = words.out(its.lemma as unknown as typeof its.value) as string[];
    const types = words.out(its.type) as string[];
    const winkToToken: number[] = [];
    let at = 0;
    let paragraph = 0;
    for (let i = 0; i < values.length; i++) {
      const value = values[i] ?? '';
      at += (spaces[i] ?? '').length;
      // wink folds a run of line breaks into one token whose value is shorter than the text.
      const start = this.realStart(value, at);
      const end = start + this.realLength(value, start);
      at = end;
      winkToToken.push(this.tokens.length);
      if (types[i] === 'tabCRLF' || value.trim() === '') continue;
      while (paragraph + 1 < this.paragraphs.length && (this.paragraphs[paragraph + 1]?.start ?? 0) <= start)
        paragraph++;
      this.tokens.push({
        index: this.tokens.length,
        text: text.slice(start, end),
        lower: normaliseWord(text.slice(start, end)),
        start,
        end,
        pos: pos[i] ?? 'X',
        lemma: normaliseWord(lemmas[i] ?? value),
        type: types[i] ?? 'word',
        sentence: 0,
        paragraph,
      });
    }
    this.splitSentences(doc.sentences().out(its.span) as unknown as [number, number][], winkToToken);
    const spans = doc.entities().out(its.span) as unknown as [number, number][];
    const entityTypes = doc.entities().out(its.type) as string[];
    spans.forEach(([first, last], k) => this.addEntity(entityTypes[k] ?? '', first, last, winkToToken));
  }

  /** Where a wink token's value starts at or after `at` (wink may normalise runs of breaks). */
  private realStart(value: string, at: number): number {
    if (this.text.startsWith(value, at)) return at;
    const found = this.text.indexOf(value.trim() === '' ? '\n' : value, at);
    return found === -1 ? at : found;
  }

  private realLength(value: string, start: number): number {
    if (value.trim() !== '') return value.length;
    let end = start;
    while (end < this.text.length && /\s/.test(this.text[end] ?? '')) end++;
    return Math.max(1, end - start);
  }

  /** wink's sentences, cut again at every paragraph (a headline has no full stop). */
  private splitSentences(spans: [number, number][], winkToToken: number[]): void {
    for (const [first, last] of spans) {
      const from = winkToToken[first] ?? this.tokens.length;
      const to = (winkToToken[last + 1] ?? this.tokens.length) - 1;
      let begin = from;
      for (let t = from; t <= to; t++) {
        const token = this.tokens[t];
        const next = this.tokens[t + 1];
        if (!token) continue;
        if (t === to || !next || next.paragraph !== token.paragraph) {
          this.addSentence(begin, t);
          begin = t + 1;
        }
      }
    }
  }

  private addSentence(first: number, last: number): void {
    const a = this.tokens[first];
    const b = this.tokens[last];
    if (!a || !b || last < first) return;
    const index = this.sentences.length;
    for (let t = first; t <= last; t++) (this.tokens[t] as Token).sentence = index;
    this.sentences.push({ index, start: a.start, end: b.end, first, last, paragraph: a.paragraph });
  }

  private addEntity(type: string, first: number, last: number, winkToToken: number[]): void {
    const a = winkToToken[first];
    const bNext = winkToToken[last + 1] ?? this.tokens.length;
    const from = this.tokens[a ?? -1];
    const to = this.tokens[bNext - 1];
    if (!from || !to || to.index < from.index) return;
    this.entities.push({ type, start: from.start, end: to.end, first: from.index, last: to.index });
  }

  private lowerWords: Set<string> | undefined;
  private titleCase: Map<number, boolean> | undefined;

  /** Whether the word occurs in lower case somewhere in the article. */
  writtenLower(lower: string): boolean {
    if (!this.lowerWords) {
      this.lowerWords = new Set();
      for (const t of this.tokens) if (/^\p{Ll}/u.test(t.text)) this.lowerWords.add(t.lower);
    }
    return this.lowerWords.has(lower);
  }

  /**
   * Whether a paragraph is written in title case (a headline): most of its longer words
   * capitalised, so capitals tell nothing there about names.
   */
  isTitleCase(paragraph: number): boolean {
    this.titleCase ??= new Map();
    let known = this.titleCase.get(paragraph);
    if (known === undefined) {
      const p = this.paragraphs[paragraph];
      const words = p ? (this.text.slice(p.start, p.end).match(/\p{L}{4,}/gu) ?? []) : [];
      const upper = words.filter((w) => /^\p{Lu}/u.test(w)).length;
      known = words.length >= 3 && upper / words.length >= 0.7;
      this.titleCase.set(paragraph, known);
    }
    return known;
  }

  /** The index of the first token that ends after `offset`. */
  tokenAtOrAfter(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.tokens[mid] as Token).end <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Tokens wholly inside [start, end). */
  /** For every token, whether it lies wholly within one of `spans` (quotations, say). */
  within(spans: readonly { start: number; end: number }[]): boolean[] {
    const inside = this.tokens.map(() => false);
    for (const s of spans) for (const t of this.tokensIn(s.start, s.end)) inside[t.index] = true;
    return inside;
  }

  tokensIn(start: number, end: number): Token[] {
    const out: Token[] = [];
    for (let t = this.tokenAtOrAfter(start); t < this.tokens.length; t++) {
      const token = this.tokens[t] as Token;
      if (token.start >= end) break;
      if (token.start >= start && token.end <= end) out.push(token);
    }
    return out;
  }

  sentenceAt(offset: number): Sentence | undefined {
    const token = this.tokens[Math.min(this.tokenAtOrAfter(offset), this.tokens.length - 1)];
    return token && this.sentences[token.sentence];
  }

  paragraphAt(offset: number): Paragraph | undefined {
    let lo = 0;
    let hi = this.paragraphs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const p = this.paragraphs[mid] as Paragraph;
      if (offset < p.start) hi = mid - 1;
      else if (offset >= p.end) lo = mid + 1;
      else return p;
    }
    return undefined;
  }
}
