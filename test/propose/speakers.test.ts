import { describe, expect, it } from 'vitest';
import { propose } from '../../src/propose/propose.js';
import { emptyRecord } from '../../src/propose/record.js';

/** Each attribution pattern of the sieve, on short texts of its own (none from the fixtures). */

const META = {
  id: 'test-source',
  text: 'test.txt',
  outlet: 'Test Post',
  published: '2026-03-11',
  timezone: 'UTC',
};

function speakers(text: string) {
  return propose(text, META, emptyRecord()).quotes.map((q) => ({
    words: text.slice(q.quote.start, q.quote.end),
    speaker: q.speaker?.name ?? null,
    inferred: q.inferred !== undefined,
    via: q.reportedVia?.name,
    kind: q.kind,
    rule: q.rule,
  }));
}

describe('the speaker sieve', () => {
  it.each([
    ['“…,” X said', '“We will not go back to work,” Anna Berg said.', 'Anna Berg'],
    [
      '“…,” said X, apposition',
      '“The port is losing money every hour,” said Jan Smit, a spokesman for the operators.',
      'Jan Smit',
    ],
    ['X said: “…”', 'Piet Vos said: “Nobody asked us.”', 'Piet Vos'],
    ['X told Y: “…”', 'Karin Dekker told reporters: “This is only the beginning.”', 'Karin Dekker'],
    ['X said … “…”', 'Mayor Lotte Jansen said the city would “do what it takes” to reopen.', 'Lotte Jansen'],
    [
      'British single marks, no stop after Mr',
      'Tom Reed chairs the committee.\n\n‘It is a sad day,’ said Mr Reed.',
      'Tom Reed',
    ],
    ['straight marks', '"We are ready," said Omar Haddad.', 'Omar Haddad'],
    [
      'according to X',
      'The ships were diverted "for safety reasons," according to Maasland Shipping.',
      'Maasland Shipping',
    ],
    [
      'in a statement, X said',
      'In a statement, the Harbour Union said the offer was "an insult."',
      'Harbour Union',
    ],
  ])('%s', (_, text, speaker) => {
    const [quote] = speakers(text);
    expect(quote?.speaker).toBe(speaker);
    expect(quote?.inferred).toBe(false);
  });

  it('resolves a title and surname to the full name named before', () => {
    const text = 'Moon Jae-in spoke first.\n\n“We want peace,” Mr. Moon said.';
    expect(speakers(text)[0]?.speaker).toBe('Moon Jae-in');
  });

  it('resolves "she said" to the last woman named, past a man named later', () => {
    const text = 'Ms. Eva Lind, the union leader, met Mr. Bram Kok.\n\n“We will hold out,” she said.';
    expect(speakers(text)[0]?.speaker).toBe('Eva Lind');
  });

  it('infers the speaker of an unattributed quote paragraph from the quote before it, with a reason', () => {
    const text =
      '“We have waited long enough,” said Ruud Mol, the strike leader.\n\n“If they want the port open, they know our number.”';
    const [first, second] = speakers(text);
    expect(first?.speaker).toBe('Ruud Mol');
    expect(second).toMatchObject({ speaker: 'Ruud Mol', inferred: true });
  });

  it('tells full quotes from fragments', () => {
    const text = 'Hana Ito called the plan “reckless” and said: “It will cost jobs.”';
    expect(speakers(text).map((q) => q.kind)).toEqual(['fragment', 'full']);
  });

  it('keeps a quotation nested in another as part of the outer one', () => {
    const text = '“They told us, ‘Go home,’ and we refused,” said Ali Demir.';
    const quotes = speakers(text);
    expect(quotes).toHaveLength(1);
    expect(quotes[0]?.words).toBe('They told us, ‘Go home,’ and we refused,');
  });

  it('gives an outlet that relayed a person’s words as reported_via', () => {
    const [quote] = speakers('"We will fight on," Hamid Karimi told the Kabul News Agency.');
    expect(quote).toMatchObject({ speaker: 'Hamid Karimi', via: 'Kabul News Agency' });
  });

  it('keeps an agency’s narration the agency’s, with the person it narrates as the subject', () => {
    const text =
      'Kim Jong-un said the plans were "suspended for now," the Korean Central News Agency reported.';
    const [q] = propose(text, META, emptyRecord()).quotes;
    expect(q?.speaker?.name).toBe('Korean Central News Agency');
    expect(q?.subject?.name).toBe('Kim Jong-un');
  });
});
