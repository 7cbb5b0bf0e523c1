import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type AnnotationFile, AnnotationFileSchema } from '../../src/seed/annotation-schema.js';
import { scoreArticle } from '../../tools/propose/score.js';

/** The benchmark's matching rules, on a tiny article whose right answers are known. */

const TEXT = '“We stay out,” said Anna Berg on Monday. The port closed yesterday. About 40 ships waited.';

/** A file as written by hand: the schema fills in its defaults. */
function file(parts: Partial<z.input<typeof AnnotationFileSchema>>): AnnotationFile {
  return AnnotationFileSchema.parse({
    source: {
      id: 's',
      text: 's.txt',
      title: 'T',
      outlet: 'O',
      authors: [],
      published: '2026-03-11',
      timezone: 'UTC',
      dateline: null,
      language: 'en',
      url: null,
    },
    ...parts,
  });
}

const GOLD = file({
  actors: [{ id: 'anna-berg', name: 'Anna Berg', kind: 'person', aliases: ['Anna Berg'] }],
  events: [
    {
      id: 'strike',
      title: 'Strike',
      summary: 'S',
      type: 'statement',
      date: { phrase: 'on Monday' },
      evidence: ['said Anna Berg on Monday'],
    },
    {
      id: 'port-closes',
      title: 'Port',
      summary: 'P',
      type: 'policy',
      date: { phrase: 'yesterday' },
      evidence: ['The port closed yesterday'],
    },
  ],
  claims: [
    {
      event: 'port-closes',
      property: 'count',
      about: 'ships',
      value: 40,
      approximate: true,
      evidence: 'About 40 ships',
    },
  ],
  quotes: [{ text: 'We stay out,', speaker: 'anna-berg', kind: 'full', event: 'strike' }],
});

describe('scoreArticle', () => {
  it('scores the gold annotation against itself as perfect', () => {
    const s = scoreArticle({ text: TEXT, gold: GOLD, draft: GOLD, recordEvents: new Set() });
    expect(s.quotes).toEqual({ proposed: 1, correct: 1, gold: 1, found: 1 });
    expect(s.speakers).toEqual({ correct: 1, of: 1 });
    expect(s.events).toEqual({ proposed: 2, correct: 2, gold: 2, found: 2 });
    expect(s.dates).toEqual({ correct: 2, of: 2 });
    // Without a record to join there is nothing to link to: links are not scored.
    expect(s.links).toEqual({ correct: 0, of: 0 });
    expect(s.counts).toEqual({ proposed: 1, correct: 1, gold: 1, found: 1 });
  });

  it('maps a proposed actor to the gold one by its mentions, and counts wrong dates, links and counts', () => {
    const draft = file({
      actors: [{ id: 'berg', name: 'Berg', kind: 'person', aliases: ['Anna Berg'] }],
      events: [
        {
          id: 'strike',
          title: 'Strike',
          summary: 'S',
          type: 'statement',
          date: { phrase: 'yesterday' },
          evidence: ['Anna Berg on Monday'],
        },
        {
          id: 'ships-wait',
          title: 'Ships',
          summary: 'W',
          type: 'report',
          date: { phrase: 'yesterday' },
          evidence: ['ships waited'],
        },
      ],
      claims: [
        { event: 'ships-wait', property: 'count', about: 'ships', value: 40, evidence: 'About 40 ships' },
      ],
      quotes: [{ text: 'We stay out', speaker: 'berg', kind: 'full' }],
    });
    const s = scoreArticle({ text: TEXT, gold: GOLD, draft, recordEvents: new Set(['strike']) });
    // "We stay out" lacks the comma: not the gold span, so its speaker cannot count either.
    expect(s.quotes).toEqual({ proposed: 1, correct: 0, gold: 1, found: 0 });
    expect(s.speakers).toEqual({ correct: 0, of: 1 });
    expect(s.mentions).toEqual({ proposed: 1, correct: 1, gold: 1, found: 1 });
    // The second proposal overlaps no gold event; the gold port closure is not found.
    expect(s.events).toEqual({ proposed: 2, correct: 1, gold: 2, found: 1 });
    expect(s.dates).toEqual({ correct: 0, of: 1 });
    expect(s.links).toEqual({ correct: 1, of: 1 });
    // Not marked approximate: no match.
    expect(s.counts).toEqual({ proposed: 1, correct: 0, gold: 1, found: 0 });
  });
});
