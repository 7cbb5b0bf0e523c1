import { describe, expect, it } from 'vitest';
import { SourceText } from '../../src/domain/spans.js';

describe('SourceText.locate', () => {
  const text = new SourceText('On Monday he said “no”. On Monday she said “yes”.');

  it('finds words that occur once and returns code-point offsets', () => {
    const found = text.locate({ text: 'she said' });
    expect(found).toEqual({ ok: true, span: { start: 34, end: 42 } });
  });

  it('refuses words that occur more than once, saying how often', () => {
    const found = text.locate({ text: 'On Monday' });
    expect(found.ok).toBe(false);
    if (!found.ok) expect(found.message).toMatch(/ambiguous: it occurs 2 times; add a "prefix"/);
  });

  it('picks one occurrence by its prefix or suffix', () => {
    expect(text.locate({ text: 'On Monday', prefix: '. ' })).toEqual({
      ok: true,
      span: { start: 24, end: 33 },
    });
    expect(text.locate({ text: 'On Monday', suffix: ' he' })).toEqual({
      ok: true,
      span: { start: 0, end: 9 },
    });
  });

  it('says when the words never occur, or never with the given prefix', () => {
    const missing = text.locate({ text: 'On Tuesday' });
    expect(!missing.ok && missing.message).toMatch(/does not occur/);
    const wrongPrefix = text.locate({ text: 'she said', prefix: 'xx' });
    expect(!wrongPrefix.ok && wrongPrefix.message).toMatch(/occurs 1 time but never with the given prefix/);
  });

  it('counts code points, not UTF-16 units, after astral characters', () => {
    const astral = new SourceText('😀 smile 😀 grin');
    const found = astral.locate({ text: 'grin' });
    expect(found).toEqual({ ok: true, span: { start: 10, end: 14 } });
    if (found.ok) expect(astral.slice(found.span)).toBe('grin');
    expect(astral.length).toBe(14);
  });

  it('gives TextQuoteSelector context around a span, clipped at the edges', () => {
    expect(text.context({ start: 0, end: 9 }, 4)).toEqual({ prefix: '', suffix: ' he ' });
    expect(text.context({ start: 44, end: 47 }, 3)).toEqual({ prefix: 'd “', suffix: '”.' });
  });
});
