import { describe, expect, it } from 'vitest';
import { SourceText } from '../../src/domain/spans.js';
import { EvidenceWriter } from '../../src/propose/evidence.js';

/** Evidence references the proposer writes, resolved by the loader's own locate. */

const TEXT = 'Mr. Kim said on Monday. Mr. Kim met on Monday, and Mr. Kim left. Ms. Kim said on Monday';

function spans(text: string, words: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(words); i !== -1; i = text.indexOf(words, i + 1)) out.push(i);
  return out;
}

describe('EvidenceWriter', () => {
  it.each([
    ['words that occur once stand alone', 'Ms. Kim', 0, 'Ms. Kim'],
    [
      'a repeated name takes the shortest prefix that ends at a word',
      'Mr. Kim',
      1,
      { text: 'Mr. Kim', prefix: 'Monday. ' },
    ],
    [
      'the first occurrence, with nothing before it, takes a suffix',
      'Mr. Kim',
      0,
      { text: 'Mr. Kim', suffix: ' said' },
    ],
    [
      'a prefix grows a word at a time until it is unique',
      'on Monday',
      2,
      { text: 'on Monday', prefix: 'Ms. Kim said ' },
    ],
  ])('%s', (_, words, occurrence, expected) => {
    const start = spans(TEXT, words)[occurrence] as number;
    expect(new EvidenceWriter(TEXT).ref(start, start + words.length)).toEqual(expected);
  });

  it('every reference it writes selects exactly its own words', () => {
    const text = `${'The strike went on. '.repeat(3)}Then the strike ended, and the strike was over.`;
    const writer = new EvidenceWriter(text);
    const source = new SourceText(text);
    for (const words of ['strike', 'The strike', 'went on', 'the strike', '.'])
      for (const start of spans(text, words)) {
        const ref = writer.ref(start, start + words.length);
        if (ref === undefined) continue;
        const found = source.locate(typeof ref === 'string' ? { text: ref } : ref);
        expect(found).toEqual({ ok: true, span: { start, end: start + words.length } });
      }
  });

  it('gives none for words amid identical text on both sides (a repeated passage)', () => {
    const block = 'x'.repeat(300);
    const text = `${block}Kim${block}Kim${block}`;
    expect(new EvidenceWriter(text).ref(300, 303)).toBeUndefined();
  });
});
