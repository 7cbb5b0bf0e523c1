import { describe, expect, it } from 'vitest';
import type { Quote } from '../../page/api-types.js';
import { passages } from '../../page/passages.js';

/** The quotes view's passages: the same words two outlets quote read once, told twice. */

const quote = (id: string, source: string, text: string, speaker: string | null = 'kcna'): Quote => ({
  id,
  text,
  speaker: speaker === null ? null : { id: speaker, name: speaker, kind: 'media' },
  speaker_description: null,
  source,
  span: { start: 0, end: text.length },
  kind: 'fragment',
  event: null,
  reported_via: null,
  subject: null,
  attribution: 'explicit',
});

const grouped = (quotes: Quote[]) => passages(quotes).map((p) => [p.text, p.quotes.map((q) => q.id)]);

describe('passages', () => {
  const cases: [string, Quote[], (string | string[])[][]][] = [
    [
      'the same words, their end punctuation aside',
      [
        quote('a', 'nki', 'suspended the plans against the South.'),
        quote('b', 'nyt', 'suspended the plans against the South,'),
      ],
      [['suspended the plans against the South.', ['a', 'b']]],
    ],
    [
      'one quote inside a longer one, read as the longer',
      [
        quote('a', 'nki', 'further bolstering the war deterrent of the country,'),
        quote(
          'b',
          'nyt',
          'some documents carrying the state measures for further bolstering the war deterrent of the country,',
        ),
      ],
      [
        [
          'some documents carrying the state measures for further bolstering the war deterrent of the country,',
          ['a', 'b'],
        ],
      ],
    ],
    [
      'the same words by another speaker: two passages',
      [quote('a', 'nki', 'action plans', 'kcna'), quote('b', 'nyt', 'action plans', 'korean-peoples-army')],
      [
        ['action plans', ['a']],
        ['action plans', ['b']],
      ],
    ],
    [
      'a short quote inside a long one is not the same passage',
      [quote('a', 'nki', 'the military action plans against the South'), quote('b', 'nyt', 'action plans')],
      [
        ['the military action plans against the South', ['a']],
        ['action plans', ['b']],
      ],
    ],
    [
      'one outlet quoting the same words twice: two passages',
      [quote('a', 'nki', 'insane'), quote('b', 'nki', 'insane')],
      [
        ['insane', ['a']],
        ['insane', ['b']],
      ],
    ],
    ['nothing', [], []],
  ];
  for (const [what, quotes, expected] of cases)
    it(what, () => {
      expect(grouped(quotes)).toEqual(expected);
    });
});
