import { type DateInterval, endingBy, parseExplicitDate, resolveDatePhrase } from '../../domain/dates.js';
import type { DateAnnotation } from '../annotation-schema.js';
import type { DateDraft, FileContext, Located, ResolveContext } from './context.js';

/**
 * One source's date of an event (SPEC §3): its phrase resolved against the source's publication
 * date, or the explicit value given with a reason and the words it is inferred from. It is held to
 * the event's tense once every file is read (`finishDates`), then becomes a `date` claim.
 */
export function resolveEventDate(fc: FileContext, eventId: string, date: DateAnnotation, path: string): void {
  const resolved = date.value === undefined ? fromPhrase(fc, date, path) : fromValue(fc, date, path);
  if (!resolved) return;
  let { interval } = resolved;
  if (date.approximate !== undefined) interval = { ...interval, approximate: date.approximate };
  const sourceId = fc.annotation.source.id;
  const drafts = fc.ctx.eventDates.get(eventId) ?? [];
  if (drafts.some((d) => d.sourceId === sourceId))
    fc.problem(path, `event "${eventId}" is dated twice by this source`);
  drafts.push({
    file: fc.file,
    path,
    eventId,
    sourceId,
    published: fc.reference,
    interval,
    fromPhrase: date.value === undefined,
    phrase: date.value === undefined ? resolved.words.text : null,
    reason: date.reason ?? null,
    words: resolved.words,
    ...fc.attribution(date.attributed_to, `${path}.attributed_to`),
  });
  fc.ctx.eventDates.set(eventId, drafts);
}

function fromPhrase(fc: FileContext, date: DateAnnotation, path: string) {
  if (date.phrase === undefined) return undefined;
  const words = fc.locate(date.phrase, `${path}.phrase`);
  if (!words) return undefined;
  const interval = resolveDatePhrase(words.text, fc.reference);
  if (!interval) {
    fc.problem(
      `${path}.phrase`,
      `${JSON.stringify(words.text)} is not a date phrase the resolver knows (see seeds/README.md); give an explicit "value" with a "reason" and its "evidence"`,
    );
    return undefined;
  }
  return { interval, words };
}

function fromValue(fc: FileContext, date: DateAnnotation, path: string) {
  const words = date.evidence === undefined ? undefined : fc.locate(date.evidence, `${path}.evidence`);
  const value = date.value as string;
  const interval = parseExplicitDate(value);
  if (!interval)
    fc.problem(`${path}.value`, `${JSON.stringify(value)} is not a valid date: ${whyNotADate(value)}`);
  return interval && words ? { interval, words } : undefined;
}

/**
 * Every source's date as a `date` claim, once every file is read and each event's tense is known.
 * A reported event happened by its source's publication: a period it names ("this month") ends on
 * the publication day, and an explicit value that ends later is a mistake. Only what the article
 * presents as planned or expected may lie ahead.
 */
export function finishDates(ctx: ResolveContext): void {
  for (const [eventId, drafts] of ctx.eventDates) {
    const tense = ctx.eventFields.get(eventId)?.values.tense ?? 'reported';
    for (const d of drafts) {
      const interval = tense === 'reported' ? reportedInterval(ctx, d) : d.interval;
      if (!interval) continue;
      ctx.claimDrafts.push({
        id: `${d.sourceId}.${eventId}.date`,
        eventId,
        sourceId: d.sourceId,
        property: 'date',
        about: null,
        value: { ...interval, phrase: d.phrase, reason: d.reason },
        approximate: false,
        attributedActorId: d.attributedActorId,
        attributedDescription: d.attributedDescription,
        ...wordsOf(d.words),
      });
    }
  }
}

function reportedInterval(ctx: ResolveContext, d: DateDraft): DateInterval | undefined {
  const interval = d.fromPhrase ? endingBy(d.interval, d.published) : d.interval;
  if (interval && interval.end <= d.published) return interval;
  ctx.issues.push({
    file: d.file,
    path: d.fromPhrase ? `${d.path}.phrase` : `${d.path}.value`,
    message: `${d.interval.edtf} ends after the source's publication (${d.published}), but the event is reported as past: a reported event ends by its source's publication; if the article presents it as ahead, mark the event "tense": "planned" or "expected"`,
  });
  return undefined;
}

function wordsOf(words: Located) {
  return { start: words.span.start, end: words.span.end, text: words.text };
}

const DATE_FORMATS = 'use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD';

/** Why `parseExplicitDate` refused `value`: a wrong shape, or a well-formed date the calendar lacks. */
function whyNotADate(value: string): string {
  const parts = value.trim().split('/');
  if (parts.length > 2) return DATE_FORMATS;
  for (const part of parts) {
    const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(part);
    if (!match?.[1] || (parts.length === 2 && match[3] === undefined)) return DATE_FORMATS;
    const [, year, month, day] = match;
    if (!parseExplicitDate(year)) return `year ${year} is out of range`;
    if (month !== undefined && !parseExplicitDate(`${year}-${month}`)) return `there is no month ${month}`;
    if (day !== undefined && !parseExplicitDate(part)) return `${year}-${month} has no day ${day}`;
  }
  return parts.length === 2 ? 'the interval ends before it starts' : DATE_FORMATS;
}
