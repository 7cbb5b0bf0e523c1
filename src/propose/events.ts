import { type DateInterval, shiftDay } from '../domain/dates.js';
import type { EventType, ParticipantRole } from '../domain/vocabulary.js';
import type { ActorsResult, ProposedActor } from './proposed-actor.js';
import { type Clause, findClauses } from './clauses.js';
import { type DateExpression, isHedged } from './dates.js';
import type { ArticleDoc, Token } from './document.js';
import { EVENT_VERBS, REPORTING_VERBS } from './lexicon.js';
import type { Mention } from './mentions.js';

/**
 * Candidate events: one per clause that tells something happening, with the actors named in it as
 * participants (before the verb the agent, after it the target; the subject of a reporting verb that
 * introduces the clause the reporter), the nearest date expression (in the clause, else its
 * sentence, else the span from the story's first dated day to the publication), a type from the
 * verb, and whether it lies ahead of the publication.
 */

export interface EventDate {
  /** A temporal expression the seed's resolver reads, proposed as the date's `phrase`. */
  phrase: DateExpression | undefined;
  /** Otherwise an explicit value with its reason and the words it rests on. */
  value: { interval: DateInterval; reason: string; start: number; end: number } | undefined;
  approximate: boolean;
  confidence: number;
  rule: string;
  because: string;
}

export interface ProposedEvent {
  clause: Clause;
  /** Spans of the text that tell it (the clause, and clauses merged into it). */
  evidence: [number, number][];
  title: string;
  summary: string;
  type: EventType;
  tense: 'planned' | 'expected' | undefined;
  participants: { actor: ProposedActor; role: ParticipantRole }[];
  date: EventDate;
  confidence: number;
  rule: string;
  because: string;
}

/** Words of the clause that say it is expected rather than planned ("is expected to", "likely"). */
const EXPECTED = /\b(?:expected|likely|could|may|might|would|forecast|predicted)\b/iu;

export function proposeEvents(
  doc: ArticleDoc,
  found: ActorsResult,
  dates: readonly DateExpression[],
  inQuote: readonly boolean[],
  reference: string,
): ProposedEvent[] {
  const mentions = [...found.actorOf.keys()].sort((a, b) => a.start - b.start);
  const out: ProposedEvent[] = [];
  const usable = eventDates(doc, dates);
  const story = storyStart(usable, reference);
  for (const clause of findClauses(doc, inQuote)) {
    const type = EVENT_VERBS.get(clause.lemma);
    const participants = participantsOf(doc, clause, mentions, found, inQuote);
    const date = dateOf(doc, clause, usable, story, reference);
    const words = doc.text.slice(clause.start, clause.end);
    const sentence = doc.sentences[clause.sentence];
    const confidence = Math.min(
      0.9,
      (type ? 0.45 : 0.3) + (participants.length > 0 ? 0.15 : 0) + date.confidence * 0.2,
    );
    out.push({
      clause,
      evidence: [[clause.start, clause.end]],
      title: titleOf(words),
      summary: sentence ? oneLine(doc.text.slice(sentence.start, sentence.end)) : oneLine(words),
      type: type ?? 'report',
      tense: clause.ahead ? (EXPECTED.test(words) ? 'expected' : 'planned') : undefined,
      participants,
      date,
      confidence: round(confidence),
      rule: type ? 'event.verb' : 'event.clause',
      because: type
        ? `The clause’s verb “${clause.verb.text}” tells ${/^[aeiou]/u.test(type) ? 'an' : 'a'} ${type.replace('_', ' ')}.`
        : `The clause’s verb “${clause.verb.text}” is not in the event lexicon; typed as a report.`,
    });
  }
  return out;
}

export const round = (n: number) => Math.round(n * 100) / 100;
const oneLine = (s: string) => s.replace(/\s+/gu, ' ').trim();

/** "the North suspended its plans" → "The North suspended its plans" (at most about 90 characters). */
export function titleOf(words: string): string {
  let t = oneLine(words).replace(/^[\s,;:—–-]+|[\s,;:—–-]+$/gu, '');
  if (t.length > 90) t = `${t.slice(0, t.lastIndexOf(' ', 90))} …`;
  return t.charAt(0).toUpperCase() + t.slice(1);
}

function participantsOf(
  doc: ArticleDoc,
  clause: Clause,
  mentions: readonly Mention[],
  found: ActorsResult,
  inQuote: readonly boolean[],
): ProposedEvent['participants'] {
  const out: ProposedEvent['participants'] = [];
  const add = (actor: ProposedActor | undefined, role: ParticipantRole) => {
    if (actor && !out.some((p) => p.actor === actor)) out.push({ actor, role });
  };
  for (const m of mentions) {
    if (m.end <= clause.start || m.start >= clause.end || inQuote[m.first]) continue;
    add(found.actorOf.get(m), m.start < clause.verb.start ? 'agent' : 'target');
  }
  if (clause.reported) {
    const sentence = doc.sentences[clause.sentence];
    const verb = doc.tokens
      .slice(sentence?.first ?? 0, (sentence?.last ?? -1) + 1)
      .findLast((t: Token) => t.start < clause.start && REPORTING_VERBS.has(t.lemma) && !inQuote[t.index]);
    const subject =
      verb &&
      mentions.findLast((m) => m.end <= verb.start && doc.sentenceAt(m.start)?.index === clause.sentence);
    if (subject) add(found.actorOf.get(subject), 'reporter');
  }
  return out;
}

/**
 * The date of a clause: a date expression inside it, else in its sentence (the nearest), else the
 * date of the event before it in the paragraph, else the publication day as an upper bound that a
 * reviewer must narrow. Planned and expected clauses take the expression's reading ahead.
 */
function dateOf(
  doc: ArticleDoc,
  clause: Clause,
  dates: readonly DateExpression[],
  story: string | undefined,
  reference: string,
): EventDate {
  const inside = dates.filter((d) => d.start >= clause.start && d.end <= clause.end);
  const near = (d: DateExpression) =>
    Math.min(Math.abs(d.start - clause.verb.start), Math.abs(d.end - clause.verb.end));
  const inSentence = dates
    .filter((d) => doc.sentenceAt(d.start)?.index === clause.sentence)
    .sort((a, b) => near(a) - near(b));
  const expression = inside.sort((a, b) => near(a) - near(b))[0] ?? inSentence[0];
  if (expression) {
    const since = /\bsince\s+$/iu.test(doc.text.slice(Math.max(0, expression.start - 8), expression.start));
    if (since && !clause.ahead && expression.interval.start <= reference)
      return sinceDate(expression, reference);
    return fromExpression(expression, clause, inside.includes(expression), reference);
  }
  const interval = (start: string) => ({
    start,
    end: reference,
    precision: 'day' as const,
    edtf: `${start}/${reference}`,
    approximate: true,
  });
  if (story && !clause.ahead)
    return {
      phrase: undefined,
      value: {
        interval: interval(story),
        reason: `No time expression dates it: told as part of the story whose first dated happening is on ${story}, by the publication on ${reference}.`,
        start: clause.start,
        end: clause.end,
      },
      approximate: true,
      confidence: 0.25,
      rule: 'date.story',
      because: `No time expression in its sentence: bounded by the story’s first dated day (${story}) and the publication.`,
    };
  return {
    phrase: undefined,
    value: {
      interval: interval(reference),
      reason: `No time expression dates it; the article tells it by its publication on ${reference}.`,
      start: clause.start,
      end: clause.end,
    },
    approximate: true,
    confidence: 0.1,
    rule: 'date.publication',
    because: 'No time expression in its sentence or paragraph: only the publication day bounds it.',
  };
}

/** "in effect since Saturday": from that day up to the publication. */
function sinceDate(e: DateExpression, reference: string): EventDate {
  const interval = {
    start: e.interval.start,
    end: reference,
    precision: 'day' as const,
    edtf: `${e.interval.start}/${reference}`,
    approximate: false,
  };
  const reason = `“since ${e.text}”: from ${e.interval.start} up to the publication on ${reference}.`;
  return {
    phrase: undefined,
    value: { interval, reason, start: e.start, end: e.end },
    approximate: false,
    confidence: e.confidence * 0.8,
    rule: 'date.since',
    because: `“since ${e.text}” in its sentence.`,
  };
}

/**
 * The first day the story's past is dated by (the earliest day a phrase gives within a month before
 * publication): undated happenings of the story lie between it and the publication.
 */
export function storyStart(dates: readonly DateExpression[], reference: string): string | undefined {
  const month = shiftDay(reference, -31);
  const days = dates.filter(
    (d) =>
      d.readable &&
      !d.future &&
      d.interval.precision === 'day' &&
      d.interval.end <= reference &&
      d.interval.start >= month,
  );
  return days.map((d) => d.interval.start).sort()[0];
}

/** Dates that date no event of the clause near them: the dateline's, "by Tuesday", "until May". */
export function eventDates(doc: ArticleDoc, dates: readonly DateExpression[]): DateExpression[] {
  return dates.filter((d) => {
    const paragraph = doc.paragraphAt(d.start);
    const lead = paragraph ? doc.text.slice(paragraph.start, d.start) : '';
    if (
      /^\p{Lu}[\p{Lu}\s.'’-]+,[^\n]{0,30}$/u.test(lead) &&
      /^[^\n]{0,40}\s[—–-]{1,2}\s/u.test(doc.text.slice(d.end, d.end + 45))
    )
      return false;
    return !/\b(?:by|until|till|before)\s+$/iu.test(doc.text.slice(Math.max(0, d.start - 8), d.start));
  });
}

function fromExpression(e: DateExpression, clause: Clause, inside: boolean, reference: string): EventDate {
  const where = inside ? 'in the clause' : 'in its sentence';
  const approximate = isHedged(e);
  const confidence = e.confidence * (inside ? 1 : 0.8);
  if (clause.ahead && (e.ahead || e.future)) {
    const interval = e.future ? e.interval : (e.ahead as DateInterval);
    const reason = `“${e.text}”, ahead of the publication on ${reference}: ${interval.edtf}.`;
    return {
      phrase: undefined,
      value: { interval, reason, start: e.start, end: e.end },
      approximate,
      confidence,
      rule: 'date.ahead',
      because: `“${e.text}” ${where}, read as ahead.`,
    };
  }
  if (e.readable && !e.future)
    return {
      phrase: e,
      value: undefined,
      approximate,
      confidence,
      rule: e.rule,
      because: `“${e.text}” ${where}.`,
    };
  const reason = e.reason ?? `“${e.text}” read against the publication on ${reference}.`;
  return {
    phrase: undefined,
    value: { interval: e.interval, reason, start: e.start, end: e.end },
    approximate,
    confidence,
    rule: e.rule,
    because: `“${e.text}” ${where}.`,
  };
}
