import { describe, expect, it } from 'vitest';
import {
  accept,
  addClaim,
  addEvent,
  addEvidence,
  addQuote,
  History,
  itemAt,
  link,
  newId,
  reject,
  replaceItem,
} from '../../page/workbench/model.js';
import type { ArticleRecord } from '../../src/propose/record.js';
import { evidenceOf, reviewQueue, spansOf } from '../../src/workbench/review.js';

/** The workbench's edits and views, on a small document where every reference is visible. */

const mark = (confidence: number, rule = 'test.rule') => ({
  state: 'proposed',
  confidence,
  rule,
  because: 'why',
});

function sample() {
  return {
    source: { id: 's', text: 's.txt' },
    actors: [
      { id: 'kim', aliases: ['Kim'], roles: [], relations: [], review: mark(0.9) },
      {
        id: 'moon',
        aliases: ['Moon'],
        roles: [{ title: 'ally', of: 'kim', evidence: 'ally' }],
        relations: [{ type: 'sibling', object: 'kim', evidence: 'sister' }],
      },
    ],
    events: [
      {
        id: 'talks',
        title: 'Talks',
        type: 'meeting',
        evidence: ['met'],
        participants: [{ actor: 'kim', role: 'participant' }],
        date: { phrase: 'on Monday', review: mark(0.3, 'date.phrase') },
        review: mark(0.5),
      },
    ],
    claims: [
      { event: 'talks', property: 'actor', value: 'kim', evidence: 'Kim', attributed_to: { actor: 'kim' } },
      { event: 'talks', property: 'count', value: 2, evidence: 'two', review: mark(0.1) },
    ],
    quotes: [
      {
        text: 'We met',
        speaker: 'kim',
        subject: 'kim',
        event: 'talks',
        reported_via: null,
        review: mark(0.7),
      },
    ],
  };
}

describe('edits', () => {
  it('accepting removes only the mark, of the item or of its date', () => {
    const doc = sample();
    expect(accept(doc, 'quotes[0]').quotes[0]).not.toHaveProperty('review');
    const dated = accept(doc, 'events[0].date');
    expect(dated.events[0].date).toEqual({ phrase: 'on Monday' });
    expect(dated.events[0].review).toEqual(mark(0.5));
    expect(doc.quotes[0]?.review).toEqual(mark(0.7)); // the old document is untouched, for undo
  });

  it('rejecting an actor removes every reference to it', () => {
    const out = reject(sample(), 'actors[0]');
    expect(out.actors.map((a: { id: string }) => a.id)).toEqual(['moon']);
    expect(out.actors[0]).toMatchObject({ roles: [], relations: [] });
    expect(out.events[0].participants).toEqual([]);
    expect(out.claims).toHaveLength(1); // the claim that names the actor goes
    expect(out.claims[0]).not.toHaveProperty('attributed_to');
    expect(out.quotes[0]).toMatchObject({ speaker: null, subject: null });
  });

  it('rejecting an event removes its claims and unlinks its quotes; rejecting a date removes the date', () => {
    const out = reject(sample(), 'events[0]');
    expect(out.events).toEqual([]);
    expect(out.claims).toEqual([]);
    expect(out.quotes[0].event).toBeNull();
    const undated = reject(sample(), 'events[0].date');
    expect(undated.events[0]).not.toHaveProperty('date');
    expect(undated.events[0].id).toBe('talks');
  });

  it('linking an event to the record renames it everywhere, drops what the record gives and the mark', () => {
    const out = link(sample(), 'events[0]', 'summit', ['title', 'type']);
    expect(Object.keys(out.events[0])).toEqual(['id', 'evidence', 'participants', 'date']);
    expect(out.events[0].id).toBe('summit');
    expect(out.claims.map((c: { event: string }) => c.event)).toEqual(['summit', 'summit']);
    expect(out.quotes[0].event).toBe('summit');
  });

  it('merging an actor with the record renames every reference', () => {
    const out = link(sample(), 'actors[0]', 'kim-jong-un', []);
    expect(out.actors[0]).toMatchObject({ id: 'kim-jong-un' });
    expect(out.actors[1].roles[0].of).toBe('kim-jong-un');
    expect(out.actors[1].relations[0].object).toBe('kim-jong-un');
    expect(out.events[0].participants[0].actor).toBe('kim-jong-un');
    expect(out.claims[0]).toMatchObject({ value: 'kim-jong-un', attributed_to: { actor: 'kim-jong-un' } });
    expect(out.quotes[0]).toMatchObject({ speaker: 'kim-jong-un', subject: 'kim-jong-un' });
  });

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- documents are JSON of any shape
  const evidence: [string, string, (d: Record<string, any>) => unknown, unknown][] = [
    ['an actor gains an alias', 'actors[0]', (d) => d.actors[0]?.aliases, ['Kim', 'new']],
    ['an event gains evidence', 'events[0]', (d) => d.events[0]?.evidence, ['met', 'new']],
    ['a claim’s words are replaced', 'claims[1]', (d) => d.claims[1]?.evidence, 'new'],
    ['a quote’s words are replaced', 'quotes[0]', (d) => d.quotes[0]?.text, 'new'],
    ['a date’s phrase is replaced', 'events[0].date', (d) => d.events[0]?.date.phrase, 'new'],
  ];
  it.each(evidence)('selected words as evidence: %s', (_, item, read, expected) => {
    expect(read(addEvidence(sample(), item, 'new'))).toEqual(expected);
  });

  it('adds a quote of selected words, and replaces an item by its edit', () => {
    const { doc, item } = addQuote(sample(), { text: 'met', prefix: 'We ' }, null);
    expect(item).toBe('quotes[1]');
    expect(itemAt(doc, item)).toEqual({ text: { text: 'met', prefix: 'We ' }, speaker: null, kind: 'full' });
    expect(replaceItem(doc, 'claims[1]', { edited: true }).claims[1]).toEqual({ edited: true });
  });

  it('adds an event of selected words, its id from them and free in the document', () => {
    const { doc, item } = addEvent(sample(), 'Talks', 'Talks');
    expect(item).toBe('events[1]');
    expect(itemAt(doc, item)).toEqual({ id: 'talks-2', evidence: ['Talks'], participants: [] });
    expect(addEvent(doc, 'Talks', 'Talks').doc.events[2].id).toBe('talks-3');
    expect(sample().events).toHaveLength(1); // the old document is untouched
  });

  it.each([
    ['Kim’s “Déjà vu” visit', 'kims-deja-vu-visit'],
    ['  — 12 —  ', '12'],
    ['“…”', 'event'],
    ['kim', 'kim-2'], // an actor's id is taken too
    [`${'word '.repeat(20)}`, `${'word-'.repeat(11)}word`],
  ])('new id for %j: %s', (words, id) => {
    expect(newId(sample(), words, 'event')).toBe(id);
  });

  it('adds a claim of selected words about an event, a characterisation until retyped', () => {
    const { doc, item } = addClaim(sample(), 'talks', { text: 'a failure', suffix: '.' }, 'a failure');
    expect(item).toBe('claims[2]');
    expect(itemAt(doc, item)).toEqual({
      event: 'talks',
      property: 'characterisation',
      value: 'a failure',
      evidence: { text: 'a failure', suffix: '.' },
    });
  });

  it('undoes and redoes whole documents, and a new edit forgets what was undone', () => {
    const history = new History({ n: 0 });
    history.push({ n: 1 });
    history.push({ n: 2 });
    expect(history.undo()).toEqual({ n: 1 });
    expect(history.undo()).toEqual({ n: 0 });
    expect(history.undo()).toBeUndefined();
    expect(history.redo()).toEqual({ n: 1 });
    history.push({ n: 3 });
    expect(history.redo()).toBeUndefined();
    expect(history.current).toEqual({ n: 3 });
  });
});

describe('what the page shows', () => {
  const TEXT = 'Kim met Moon. We met, said Kim, on Monday: two talks.';

  it('finds every evidence reference with its kind and item, and the spans of those that resolve', () => {
    const doc = sample();
    expect(evidenceOf(doc).map((e) => `${e.kind} ${e.path}`)).toEqual([
      'actor actors[0].aliases[0]',
      'actor actors[1].aliases[0]',
      'actor actors[1].roles[0].evidence',
      'actor actors[1].relations[0].evidence',
      'event events[0].evidence[0]',
      'date events[0].date.phrase',
      'claim claims[0].evidence',
      'claim claims[1].evidence',
      'quote quotes[0].text',
    ]);
    // "Kim" and "met" recur (not one span), "ally" and "sister" are not in the text.
    expect(
      spansOf(doc, TEXT).map((s) => `${s.path} ${s.start}-${s.end}${s.proposed ? ' proposed' : ''}`),
    ).toEqual([
      'actors[1].aliases[0] 8-12',
      'events[0].date.phrase 32-41 proposed',
      'claims[1].evidence 43-46 proposed',
      'quotes[0].text 14-20 proposed',
    ]);
  });

  it('reads a document of any shape without throwing', () => {
    for (const doc of [
      null,
      {},
      { actors: 'no' },
      { events: [null, { date: 5 }] },
      { quotes: [{ text: { text: 3 } }] },
    ])
      expect(() => spansOf(doc, TEXT)).not.toThrow();
  });

  it('queues the proposed items least confident first, ties in document order, with the record’s candidates', () => {
    const doc = sample();
    const [event] = doc.events;
    if (event)
      event.review = {
        ...mark(0.5),
        candidates: [
          { id: 'summit', score: 0.8 },
          { id: 'gone', score: 0.4 },
        ],
      } as never;
    const record = {
      events: [
        {
          id: 'summit',
          title: 'The summit',
          evidence: [{ sourceId: 'other', text: 'the summit' }],
          given: new Set(['title']),
        },
      ],
      actors: new Map(),
    } as unknown as ArticleRecord;
    const queue = reviewQueue(doc, record);
    expect(queue.map((p) => `${p.confidence} ${p.item}`)).toEqual([
      '0.1 claims[1]',
      '0.3 events[0].date',
      '0.5 events[0]',
      '0.7 quotes[0]',
      '0.9 actors[0]',
    ]);
    expect(queue[2]?.candidates).toEqual([
      {
        id: 'summit',
        score: 0.8,
        label: 'The summit',
        words: [{ source: 'other', text: 'the summit' }],
        given: ['title'],
      },
    ]);
  });
});

describe('renaming by an edit', () => {
  it('takes the references of an actor or event along to its new id', () => {
    const doc = sample();
    const actor = replaceItem(doc, 'actors[0]', { ...doc.actors[0], id: 'kim-jong-un' });
    expect(actor.quotes[0]).toMatchObject({ speaker: 'kim-jong-un', subject: 'kim-jong-un' });
    expect(actor.actors[1].roles[0].of).toBe('kim-jong-un');
    const event = replaceItem(doc, 'events[0]', { ...doc.events[0], id: 'summit' });
    expect(event.claims.map((c: { event: string }) => c.event)).toEqual(['summit', 'summit']);
  });

  it('leaves the references where another entry still has the old id', () => {
    const doc = sample();
    doc.actors.push({ ...doc.actors[0], aliases: ['Kim'] } as never);
    const out = replaceItem(doc, 'actors[0]', { ...doc.actors[0], id: 'someone-else' });
    expect(out.quotes[0].speaker).toBe('kim');
  });
});
