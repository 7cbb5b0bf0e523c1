import { describe, expect, it } from 'vitest';
import { paragraphsOf } from '../../src/propose/document.js';
import { findQuotes } from '../../src/propose/quotes.js';

function quoted(text: string): { words: string; continues: boolean; closed: boolean }[] {
  return findQuotes(text, paragraphsOf(text)).map((q) => ({
    words: text.slice(q.start, q.end),
    continues: q.continues,
    closed: q.close !== undefined,
  }));
}
const words = (text: string) => quoted(text).map((q) => q.words);

describe('findQuotes', () => {
  it.each([
    ['curly double marks', '“We will not back down,” she said.', ['We will not back down,']],
    ['straight double marks', 'He said "it is over." Then "no" again.', ['it is over.', 'no']],
    [
      'a fragment inside a sentence',
      'She called Mr. Moon “insane” and his speeches “sickening.”',
      ['insane', 'sickening.'],
    ],
    [
      'single marks nested in double ones',
      '“He told me ‘never again’, and meant it,” she said.',
      ['He told me ‘never again’, and meant it,'],
    ],
    [
      'British single marks with apostrophes',
      '‘The council’s plan won’t work,’ said Mr Okafor.',
      ['The council’s plan won’t work,'],
    ],
    [
      'double marks nested in British single ones',
      '‘We were told it was “a difficult choice”, but it wasn’t,’ she said.',
      ['We were told it was “a difficult choice”, but it wasn’t,'],
    ],
    [
      'a plural possessive inside a British quote',
      '‘The councillors’ decision is wrong,’ she said.',
      ['The councillors’ decision is wrong,'],
    ],
    [
      'a British fragment before a plural possessive',
      'She called it ‘vandalism’ and the residents’ group agreed.',
      ['vandalism'],
    ],
    [
      'single marks in a headline of an article with double ones',
      'Kim calls Moon ‘insane’\n\n“No,” he said.',
      ['insane', 'No,'],
    ],
    ['an apostrophe is no mark', 'It’s the ’90s, and the workers’ union met. “Yes,” he said.', ['Yes,']],
    ['a closing mark curled the wrong way', 'He said ”enough” today.', ['enough']],
  ])('finds %s', (_, text, expected) => {
    expect(words(text)).toEqual(expected);
  });

  it('runs a quotation to the end of its paragraph and marks the next one as reopening it', () => {
    const text = '“The first part goes on,\n\n“and ends here,” she said.\n\nNo quote.';
    expect(quoted(text)).toEqual([
      { words: 'The first part goes on,', continues: false, closed: false },
      { words: 'and ends here,', continues: true, closed: true },
    ]);
  });

  it('ends an unclosed quotation at the next opening mark and goes on from there', () => {
    expect(words('“One never closes and “two does,” he said.')).toEqual([
      'One never closes and',
      'two does,',
    ]);
  });

  it('finds none in a text without marks', () => {
    expect(words('Nothing was said. The workers’ strike went on.')).toEqual([]);
  });
});
