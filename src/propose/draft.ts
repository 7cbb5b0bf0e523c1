import type { DateInterval } from '../domain/dates.js';
import type { Review } from '../seed/annotation-schema.js';
import type { ProposedActor } from './proposed-actor.js';
import type { EventDate } from './events.js';
import { EvidenceWriter } from './evidence.js';
import type { LinkedEvent } from './linking.js';
import type { Proposal } from './propose.js';
import type { ArticleRecord } from './record.js';

/**
 * A proposal written as an annotation file (seeds/README.md), every item carrying its `review`
 * mark, keys in the order the seeds use, so that a reviewed draft reads like a hand-written file.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- a draft is plain JSON, edited by path */
export type DraftJson = Record<string, any>;

const review = (
  confidence: number,
  rule: string,
  because: string,
  candidates?: Review['candidates'],
): Review => ({
  state: 'proposed',
  confidence: Math.max(0, Math.min(1, Math.round(confidence * 100) / 100)),
  rule,
  because: because.trim() === '' ? rule : because,
  ...(candidates && candidates.length > 0 ? { candidates } : {}),
});

export function draftOf(p: Proposal, text: string, record: ArticleRecord): DraftJson {
  const refs = new EvidenceWriter(text);
  const ref = (start: number, end: number) => refs.ref(start, end);
  const { id, text: file, title, outlet, authors, published, timezone, dateline, language, url } = p.source;
  return {
    source: { id, text: file, title, outlet, authors, published, timezone, dateline, language, url },
    actors: p.actors.actors.map((a) => actorJson(a, ref, record)),
    events: p.events.map((e) => eventJson(e, p, ref, record)),
    claims: p.counts.map((c) => ({
      event: p.eventIds.get(c.event),
      property: 'count',
      about: c.about,
      value: c.value,
      ...(c.approximate ? { approximate: true } : {}),
      ...(c.attributedTo ? { attributed_to: { actor: c.attributedTo.id } } : {}),
      evidence: ref(c.start, c.end),
      review: review(c.confidence, c.rule, c.because),
    })),
    quotes: p.quotes.map((q) => {
      const event = p.events.find((e) => e.evidence.some(([a, b]) => a < q.quote.end && q.quote.start < b));
      return {
        text: ref(q.quote.start, q.quote.end),
        speaker: q.speaker?.id ?? null,
        ...(q.speaker && q.description && q.description !== q.speaker.name
          ? { speaker_description: q.description }
          : {}),
        ...(q.subject ? { subject: q.subject.id } : {}),
        kind: q.kind,
        event: event ? (p.eventIds.get(event) ?? null) : null,
        reported_via: q.reportedVia?.id ?? null,
        ...(q.inferred ? { attribution: 'inferred', attribution_reason: q.inferred } : {}),
        review: review(q.confidence, q.rule, q.because),
      };
    }),
  };
}

/**
 * Words with no reference that selects them (a repeated passage) are left out; an item that needs
 * them is then refused by the seed's checks and dropped from the draft (the report lists it).
 */
type Ref = (start: number, end: number) => unknown;
const defined = (x: unknown) => x !== undefined;

function actorJson(a: ProposedActor, ref: Ref, record: ArticleRecord): DraftJson {
  const known = record.actors.get(a.id);
  return {
    id: a.id,
    ...(known?.named ? {} : { name: a.name }),
    ...(known?.kind ? {} : { kind: a.kind }),
    ...(known?.description || !a.description ? {} : { description: a.description }),
    aliases: a.mentions.map((m) => ref(m.start, m.end)).filter(defined),
    roles: a.roles
      .map((r) => ({ title: r.title, ...(r.of ? { of: r.of } : {}), evidence: ref(r.start, r.end) }))
      .filter((r) => defined(r.evidence)),
    review: review(a.confidence, a.rule, a.because),
  };
}

function eventJson(e: LinkedEvent, p: Proposal, ref: Ref, record: ArticleRecord): DraftJson {
  const linked = e.link ? record.events.find((r) => r.id === e.link?.id) : undefined;
  const gives = (key: 'title' | 'summary' | 'type') => !linked?.given.has(key);
  const because = e.link
    ? `${e.because} Likely the record’s “${linked?.title ?? e.link.id}” (score ${e.link.score}).`
    : `${e.because}${e.candidates[0] ? ` Closest in the record: ${e.candidates[0].id} (score ${e.candidates[0].score}), below the link threshold.` : ''}`;
  return {
    id: p.eventIds.get(e),
    ...(gives('title') ? { title: e.title } : {}),
    ...(gives('summary') ? { summary: e.summary } : {}),
    ...(gives('type') ? { type: e.type } : {}),
    ...(e.tense && !linked ? { tense: e.tense } : {}),
    date: dateJson(e.date, ref),
    participants: e.participants.map((x) => ({ actor: x.actor.id, role: x.role })),
    evidence: e.evidence.map(([a, b]) => ref(a, b)).filter(defined),
    review: review(
      e.link ? (e.confidence + e.link.score) / 2 : e.confidence,
      e.link ? 'event.link' : e.rule,
      because,
      e.candidates,
    ),
  };
}

function dateJson(d: EventDate, ref: Ref): DraftJson {
  const approximate = d.approximate ? { approximate: true } : {};
  const mark = review(d.confidence, d.rule, d.because);
  if (d.phrase) return { phrase: ref(d.phrase.start, d.phrase.end), ...approximate, review: mark };
  const v = d.value as NonNullable<EventDate['value']>;
  return {
    value: explicitValue(v.interval),
    reason: v.reason,
    evidence: ref(v.start, v.end),
    ...approximate,
    review: mark,
  };
}

/** An interval as the format's explicit `value`: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `start/end`. */
export function explicitValue(i: DateInterval): string {
  if (
    i.precision === 'year' &&
    i.start.endsWith('-01-01') &&
    i.end.endsWith('-12-31') &&
    i.start.slice(0, 4) === i.end.slice(0, 4)
  )
    return i.start.slice(0, 4);
  if (i.precision === 'month' && i.start.slice(0, 7) === i.end.slice(0, 7) && i.start.endsWith('-01'))
    return i.start.slice(0, 7);
  return i.start === i.end ? i.start : `${i.start}/${i.end}`;
}
