import { overlaps } from '../domain/dates.js';
import { searchWords } from '../db/fts.js';
import { type ProposedEvent, round } from './events.js';
import type { ArticleRecord, RecordEvent } from './record.js';

/**
 * Lines a new article's events up with the record's: each proposal is scored against every existing
 * event by shared words (tf-idf cosine), shared participants and overlapping dates, and takes the
 * best one's id where the score clears LINK_THRESHOLD. Proposals of the article that tell one
 * happening (linked to the same event, or the same verb over the same words) are merged into one.
 */

export interface Candidate {
  id: string;
  score: number;
}

export interface LinkedEvent extends ProposedEvent {
  /** The record event it is likely to be, or undefined for a new event. */
  link: Candidate | undefined;
  /** The best existing events, best first (at most three), for the reviewer. */
  candidates: Candidate[];
}

/**
 * Calibrated on the seeds and the fixtures (docs/benchmarks.md, "Proposer"): below it, a new event
 * is more often right than a link.
 */
export const LINK_THRESHOLD = 0.35;
/** Two proposals of one article with the same verb and at least this cosine tell one happening. */
const SAME_HAPPENING = 0.35;

const STOP = new Set(
  `a an the of to in on at by for from with and or but as is are was were be been has have had it its
  this that these those their his her they he she we our which who whom said says say also after
  before over into about than not no will would could can may might more most some such there`.split(/\s+/u),
);

type Vector = Map<string, number>;

export function linkEvents(events: readonly ProposedEvent[], record: ArticleRecord): LinkedEvent[] {
  // An event's words are its clause's, compared with each passage that tells a record event.
  const texts = events.map((e) => e.title);
  const idf = inverseFrequencies([...texts, ...record.events.map((e) => e.words)]);
  // Each of an event's passages on its own (its title, each source's evidence): the best one counts.
  const recordVectors = record.events.map((e) =>
    [e.title, ...e.evidence.map((x) => x.text)].map((t) => vector(t, idf)),
  );
  const linked = events.map((e, i): LinkedEvent => {
    const v = vector(texts[i] ?? '', idf);
    const scored = record.events
      .map((r, k) => ({ id: r.id, score: round(score(e, v, r, recordVectors[k] ?? [])) }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
    const best = scored[0];
    return {
      ...e,
      link: best && best.score >= LINK_THRESHOLD ? best : undefined,
      candidates: scored.slice(0, 3).filter((c) => c.score > 0),
    };
  });
  return mergeSame(
    linked,
    texts.map((t) => vector(t, idf)),
  );
}

/**
 * Words weigh most: participants and dates are shared by many events of one story. The weights and
 * LINK_THRESHOLD were chosen on the development stories (docs/benchmarks.md, "Proposer").
 */
function score(e: ProposedEvent, words: Vector, r: RecordEvent, passages: Vector[]): number {
  const ids = new Set(e.participants.map((p) => p.actor.id));
  const shared = [...ids].filter((id) => r.participants.has(id)).length;
  const people =
    ids.size === 0 || r.participants.size === 0 ? 0 : shared / Math.min(ids.size, r.participants.size);
  const interval = e.date.phrase?.interval ?? e.date.value?.interval;
  const undated = e.date.rule === 'date.publication' || r.dates.length === 0;
  const close = (d: { interval: { start: string; end: string; precision: string } }) =>
    interval !== undefined && overlaps(d.interval, interval)
      ? d.interval.precision === 'day' && interval.precision === 'day'
        ? 1
        : 0.6
      : 0;
  const when = undated ? 0.3 : Math.max(0, ...r.dates.map(close));
  const type = e.type === r.type ? 0.1 : 0;
  const likeness = Math.max(0, ...passages.map((p) => cosine(words, p)));
  return Math.min(1, 0.7 * likeness + 0.15 * people + 0.15 * when + type);
}

function mergeSame(events: LinkedEvent[], vectors: Vector[]): LinkedEvent[] {
  const out: LinkedEvent[] = [];
  const kept: Vector[] = [];
  events.forEach((e, i) => {
    const v = vectors[i] as Vector;
    const k = out.findIndex((o, j) =>
      e.link && o.link
        ? e.link.id === o.link.id
        : !e.link &&
          !o.link &&
          o.clause.lemma === e.clause.lemma &&
          cosine(v, kept[j] as Vector) >= SAME_HAPPENING,
    );
    const into = out[k];
    if (!into) {
      out.push({ ...e, evidence: [...e.evidence], participants: [...e.participants] });
      kept.push(v);
      return;
    }
    into.evidence.push(...e.evidence);
    for (const p of e.participants)
      if (!into.participants.some((q) => q.actor === p.actor)) into.participants.push(p);
    if (e.date.confidence > into.date.confidence) into.date = e.date;
    if (e.link && into.link && e.link.score > into.link.score) into.link = e.link;
  });
  return out;
}

function terms(text: string): string[] {
  return searchWords(text)
    .filter((w) => w.length > 1 && !STOP.has(w) && !/^\d+$/u.test(w))
    .map(stem);
}

/** A light stem, so that "suspends", "suspended" and "suspending" count as one word. */
export function stem(word: string): string {
  if (word.length <= 4) return word;
  return word
    .replace(/(?:ing|ed|es|s)$/u, '')
    .replace(/(.)\1$/u, '$1')
    .replace(/e$/u, '');
}

function inverseFrequencies(docs: readonly string[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(terms(d))) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [t, n] of df) idf.set(t, Math.log((1 + docs.length) / (1 + n)) + 1);
  return idf;
}

function vector(text: string, idf: Map<string, number>): Vector {
  const v: Vector = new Map();
  for (const t of terms(text)) v.set(t, (v.get(t) ?? 0) + (idf.get(t) ?? 1));
  return v;
}

export function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, x] of a) {
    na += x * x;
    dot += x * (b.get(t) ?? 0);
  }
  for (const x of b.values()) nb += x * x;
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
