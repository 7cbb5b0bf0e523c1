import { SourceText, type Span } from '../domain/spans.js';
import type { ArticleRecord } from '../propose/record.js';

/**
 * What the workbench shows of one annotation as it is being edited: every evidence span on the
 * text, the proposed items least confident first, the candidates each may be, and every problem the
 * seed would report. Pure: the document is the JSON as the browser holds it, valid or not.
 */

// The document is JSON as sent: any shape. Each reader below checks what it touches.
type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

export type SpanKind = 'quote' | 'actor' | 'event' | 'claim' | 'date';

export interface ItemSpan extends Span {
  /** The evidence reference's JSON path (`quotes[2].text`). */
  path: string;
  /** The item it belongs to (`quotes[2]`; `events[1].date` for a date). */
  item: string;
  kind: SpanKind;
  /** Whether the item still carries a `review` mark. */
  proposed: boolean;
}

export interface Proposed {
  item: string;
  confidence: number;
  rule: string;
  because: string;
  candidates: Candidate[];
}

export interface Candidate {
  id: string;
  score: number;
  /** The event's title or the actor's name in the record. */
  label: string;
  /** Each other source's words for it (an event's evidence, an actor's names). */
  words: { source: string; text: string }[];
  /** The fields the record gives already, which a file that links to it leaves out. */
  given: string[];
}

const arrayAt = (doc: Json, key: string): Json[] => (Array.isArray(doc?.[key]) ? doc[key] : []);

/** Every evidence reference of the document, with the item it supports, in document order. */
export function evidenceOf(
  doc: Json,
): { path: string; item: string; kind: SpanKind; ref: Json; proposed: boolean }[] {
  const out: { path: string; item: string; kind: SpanKind; ref: Json; proposed: boolean }[] = [];
  const add = (path: string, item: string, kind: SpanKind, ref: Json, proposed: boolean) => {
    if (ref !== undefined) out.push({ path, item, kind, ref, proposed });
  };
  arrayAt(doc, 'actors').forEach((a, i) => {
    const item = `actors[${i}]`;
    arrayAt(a, 'aliases').forEach((ref, j) => add(`${item}.aliases[${j}]`, item, 'actor', ref, !!a?.review));
    arrayAt(a, 'roles').forEach((r, j) =>
      add(`${item}.roles[${j}].evidence`, item, 'actor', r?.evidence, !!a?.review),
    );
    arrayAt(a, 'relations').forEach((r, j) =>
      add(`${item}.relations[${j}].evidence`, item, 'actor', r?.evidence, !!a?.review),
    );
  });
  arrayAt(doc, 'events').forEach((e, i) => {
    const item = `events[${i}]`;
    arrayAt(e, 'evidence').forEach((ref, j) =>
      add(`${item}.evidence[${j}]`, item, 'event', ref, !!e?.review),
    );
    const date = e?.date;
    const dated = !!(date?.review ?? e?.review);
    add(`${item}.date.phrase`, `${item}.date`, 'date', date?.phrase, dated);
    add(`${item}.date.evidence`, `${item}.date`, 'date', date?.evidence, dated);
  });
  arrayAt(doc, 'claims').forEach((c, i) =>
    add(`claims[${i}].evidence`, `claims[${i}]`, 'claim', c?.evidence, !!c?.review),
  );
  arrayAt(doc, 'quotes').forEach((q, i) =>
    add(`quotes[${i}].text`, `quotes[${i}]`, 'quote', q?.text, !!q?.review),
  );
  return out;
}

/** The spans (code points) of every reference that resolves; the others are the seed's problems to show. */
export function spansOf(doc: Json, text: string): ItemSpan[] {
  const body = new SourceText(text);
  const out: ItemSpan[] = [];
  for (const { ref, ...at } of evidenceOf(doc)) {
    const selector = typeof ref === 'string' ? { text: ref } : ref;
    if (typeof selector?.text !== 'string') continue;
    const found = body.locate(selector);
    if (found.ok) out.push({ ...at, ...found.span });
  }
  return out;
}

/** The review marks of the document, least confident first (ties in document order). */
export function reviewQueue(doc: Json, record: ArticleRecord): Proposed[] {
  const marked: { item: string; review: Json; kind: 'actors' | 'events' | 'other' }[] = [];
  arrayAt(doc, 'actors').forEach(
    (a, i) => a?.review && marked.push({ item: `actors[${i}]`, review: a.review, kind: 'actors' }),
  );
  arrayAt(doc, 'events').forEach((e, i) => {
    if (e?.review) marked.push({ item: `events[${i}]`, review: e.review, kind: 'events' });
    if (e?.date?.review) marked.push({ item: `events[${i}].date`, review: e.date.review, kind: 'other' });
  });
  for (const key of ['claims', 'quotes'])
    arrayAt(doc, key).forEach(
      (x, i) => x?.review && marked.push({ item: `${key}[${i}]`, review: x.review, kind: 'other' }),
    );
  return marked
    .map(({ item, review, kind }, order) => ({
      order,
      item,
      confidence: typeof review.confidence === 'number' ? review.confidence : 0,
      rule: String(review.rule ?? ''),
      because: String(review.because ?? ''),
      candidates: kind === 'other' ? [] : candidatesOf(kind, review.candidates, record),
    }))
    .sort((a, b) => a.confidence - b.confidence || a.order - b.order)
    .map(({ order: _order, ...p }) => p);
}

/** The record's items a proposed event or actor may be, with each source's words for them. */
function candidatesOf(kind: 'actors' | 'events', marks: Json, record: ArticleRecord): Candidate[] {
  if (!Array.isArray(marks)) return [];
  return marks.flatMap((m: Json): Candidate[] => {
    const id = String(m?.id);
    const score = typeof m?.score === 'number' ? m.score : 0;
    if (kind === 'events') {
      const event = record.events.find((e) => e.id === id);
      if (!event) return [];
      return [
        {
          id,
          score,
          label: event.title,
          words: event.evidence.map((e) => ({ source: e.sourceId, text: e.text })),
          given: [...event.given],
        },
      ];
    }
    const actor = record.actors.get(id);
    if (!actor) return [];
    const words = [...actor.forms].map((f) => ({ source: 'record', text: f }));
    return [{ id, score, label: actor.name, words, given: [] }];
  });
}
