import { localDate } from '../../src/domain/dates.js';
import { type Span, SourceText } from '../../src/domain/spans.js';
import { dateOf } from '../../src/propose/record.js';
import type { AnnotationFile, EvidenceRef } from '../../src/seed/annotation-schema.js';

/**
 * How close a draft comes to the hand-written annotation of the same article (docs/benchmarks.md,
 * "Proposer" gives the rules). Pure: both files and the text in, counts out, so that scores of
 * several articles add up (micro-averages).
 */

export interface Tally {
  /** Items proposed and how many of them match; gold items and how many of them are matched. */
  proposed: number;
  correct: number;
  gold: number;
  found: number;
}

export interface Ratio {
  correct: number;
  of: number;
}

export interface Scores {
  quotes: Tally;
  speakers: Ratio;
  mentions: Tally;
  events: Tally;
  dates: Ratio;
  links: Ratio;
  counts: Tally;
}

export interface Article {
  text: string;
  gold: AnnotationFile;
  draft: AnnotationFile;
  /** Ids of the events of the record the article joins (the other files of its folder). */
  recordEvents: ReadonlySet<string>;
}

export function scoreArticle({ text, gold, draft, recordEvents }: Article): Scores {
  const source = new SourceText(text);
  const at = (ref: EvidenceRef): Span | undefined => {
    const r = source.locate(typeof ref === 'string' ? { text: ref } : ref);
    return r.ok ? r.span : undefined;
  };
  const key = (s: Span | undefined) => (s ? `${s.start}:${s.end}` : '?');
  const actorMap = mapActors(gold, draft, at);
  const goldQuotes = new Map(gold.quotes.map((q) => [key(at(q.text)), q]));
  const draftQuotes = new Map(draft.quotes.map((q) => [key(at(q.text)), q]));
  let speakers = 0;
  for (const [k, g] of goldQuotes) {
    const d = draftQuotes.get(k);
    if (d && (d.speaker === null ? g.speaker === null : (actorMap.get(d.speaker) ?? d.speaker) === g.speaker))
      speakers++;
  }
  const events = matchEvents(gold, draft, at);
  const reference = localDate(gold.source.published, gold.source.timezone);
  const dated = [...events.best].filter(([g]) => g.date !== undefined);
  const dates = dated.filter(
    ([g, d]) => d.date !== undefined && sameInterval(g.date, d.date, reference),
  ).length;
  // Links are scored only against a record: with none, "new" is the only answer and proves nothing.
  const linkable = recordEvents.size === 0 ? [] : [...events.best];
  const links = linkable.filter(([g, d]) =>
    recordEvents.has(g.id) ? d.id === g.id : !recordEvents.has(d.id),
  ).length;
  return {
    quotes: tally(draftQuotes.keys(), goldQuotes.keys()),
    speakers: { correct: speakers, of: goldQuotes.size },
    mentions: tally(aliasKeys(draft, at, key), aliasKeys(gold, at, key)),
    events: {
      proposed: draft.events.length,
      correct: events.draftMatched,
      gold: gold.events.length,
      found: events.best.size,
    },
    dates: { correct: dates, of: dated.length },
    links: { correct: links, of: linkable.length },
    counts: countTally(gold, draft, at),
  };
}

function tally(proposed: Iterable<string>, gold: Iterable<string>): Tally {
  const p = new Set(proposed);
  const g = new Set(gold);
  const matched = [...p].filter((k) => g.has(k)).length;
  return { proposed: p.size, correct: matched, gold: g.size, found: matched };
}

function aliasKeys(
  a: AnnotationFile,
  at: (r: EvidenceRef) => Span | undefined,
  key: (s: Span | undefined) => string,
): string[] {
  return a.actors.flatMap((x) => x.aliases.map((r) => key(at(r))));
}

/** Each proposed actor → the gold actor most of its mentions (exact spans) belong to. */
function mapActors(
  gold: AnnotationFile,
  draft: AnnotationFile,
  at: (r: EvidenceRef) => Span | undefined,
): Map<string, string> {
  const owner = new Map<string, string>();
  for (const g of gold.actors) for (const r of g.aliases) owner.set(JSON.stringify(at(r)), g.id);
  const out = new Map<string, string>();
  for (const d of draft.actors) {
    const votes = new Map<string, number>();
    for (const r of d.aliases) {
      const g = owner.get(JSON.stringify(at(r)));
      if (g) votes.set(g, (votes.get(g) ?? 0) + 1);
    }
    const best = [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    out.set(d.id, gold.actors.some((g) => g.id === d.id) ? d.id : (best?.[0] ?? d.id));
  }
  return out;
}

type GoldEvent = AnnotationFile['events'][number];

/** Gold events matched by a proposed event whose evidence overlaps theirs; each with its best match. */
function matchEvents(gold: AnnotationFile, draft: AnnotationFile, at: (r: EvidenceRef) => Span | undefined) {
  const spans = (e: GoldEvent) => e.evidence.map(at).filter((s): s is Span => s !== undefined);
  const overlap = (a: Span[], b: Span[]) =>
    a.reduce(
      (n, x) =>
        n + b.reduce((m, y) => m + Math.max(0, Math.min(x.end, y.end) - Math.max(x.start, y.start)), 0),
      0,
    );
  const best = new Map<GoldEvent, GoldEvent>();
  const used = new Set<GoldEvent>();
  for (const g of gold.events) {
    const gs = spans(g);
    const scored = draft.events.map((d) => ({ d, n: overlap(gs, spans(d)) })).filter((x) => x.n > 0);
    for (const x of scored) used.add(x.d);
    const top = scored.sort((a, b) => b.n - a.n)[0];
    if (top) best.set(g, top.d);
  }
  return { best, draftMatched: used.size };
}

function sameInterval(g: GoldEvent['date'], d: GoldEvent['date'], reference: string): boolean {
  if (!g || !d) return false;
  const a = dateOf(g, reference);
  const b = dateOf(d, reference);
  return (
    a !== undefined &&
    b !== undefined &&
    a.start === b.start &&
    a.end === b.end &&
    a.precision === b.precision
  );
}

function countTally(
  gold: AnnotationFile,
  draft: AnnotationFile,
  at: (r: EvidenceRef) => Span | undefined,
): Tally {
  const counts = (a: AnnotationFile) => a.claims.filter((c) => c.property === 'count');
  const g = counts(gold);
  const d = counts(draft);
  const hits = (x: (typeof g)[number], y: (typeof g)[number]) => {
    const s = at(x.evidence);
    const t = at(y.evidence);
    return (
      x.value === y.value &&
      Boolean(x.approximate) === Boolean(y.approximate) &&
      s !== undefined &&
      t !== undefined &&
      s.start < t.end &&
      t.start < s.end
    );
  };
  return {
    proposed: d.length,
    correct: d.filter((y) => g.some((x) => hits(x, y))).length,
    gold: g.length,
    found: g.filter((x) => d.some((y) => hits(x, y))).length,
  };
}
