import { describe, expect, it } from 'vitest';
import { namedFirst, searchWords } from '../../page/relevance.js';

/** Which search results come first (page/relevance.js). */

describe('search results', () => {
  it.each([
    ['Kim Yo-jong', ['kim', 'yo', 'jong']],
    ['  “liaison”  office ', ['liaison', 'office']],
    ['Séoul’s', ['seoul', 's']],
    ['', []],
  ])('read %j as the words %j', (text, expected) => {
    expect(searchWords(text)).toEqual(expected);
  });

  const titles = [
    'North Korea escalates tensions, blowing up the office',
    'North Korea blows up the joint inter-Korean liaison office',
    'Liaisons and offices',
    'South Korea protests',
  ];

  it.each([
    ['liaison', [1, 2, 0, 3]],
    ['liaison office', [1, 2, 0, 3]],
    ['korea', [0, 1, 3, 2]],
    ['KOREA blows', [1, 0, 2, 3]],
    ['nothing', [0, 1, 2, 3]],
    ['', [0, 1, 2, 3]],
  ])('put those named for %j first, each group in its order', (q, order) => {
    expect(namedFirst(titles, q, (t) => t)).toEqual(order.map((i) => titles[i]));
  });
});
