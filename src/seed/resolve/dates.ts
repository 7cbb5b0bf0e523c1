import { type DateInterval, intervalDays, parseExplicitDate, resolveDatePhrase } from '../../domain/dates.js';
import type { DateAnnotation } from '../annotation-schema.js';
import type { DateClaimDraft, FileContext } from './context.js';

/**
 * One source's date of an event (SPEC §3): its phrase resolved against the source's publication
 * date, or the explicit value given with a reason. It becomes a `date` claim of the source, and
 * one of the dates the event's own is chosen from.
 */
export function resolveEventDate(fc: FileContext, eventId: string, date: DateAnnotation, path: string): void {
  const phrase = fc.locate(date.phrase, `${path}.phrase`);
  let interval: DateInterval | undefined;
  if (date.value !== undefined) {
    interval = parseExplicitDate(date.value);
    if (!interval)
      fc.problem(
        `${path}.value`,
        `${JSON.stringify(date.value)} is not a valid date: ${whyNotADate(date.value)}`,
      );
  } else if (phrase) {
    interval = resolveDatePhrase(phrase.text, fc.reference);
    if (!interval)
      fc.problem(
        `${path}.phrase`,
        `${JSON.stringify(phrase.text)} is not a date phrase the resolver knows (see seeds/README.md); give an explicit "value" and a "reason"`,
      );
  }
  if (!phrase || !interval) return;
  if (date.approximate !== undefined) interval = { ...interval, approximate: date.approximate };
  const src = fc.annotation.source;
  const drafts = fc.ctx.eventDates.get(eventId) ?? [];
  if (drafts.some((d) => d.sourceId === src.id))
    fc.problem(path, `event "${eventId}" is dated twice by this source`);
  drafts.push({ sourceId: src.id, interval, phrase: phrase.text });
  fc.ctx.eventDates.set(eventId, drafts);
  fc.ctx.claimDrafts.push({
    id: `${src.id}.${eventId}.date`,
    eventId,
    sourceId: src.id,
    property: 'date',
    about: null,
    value: { ...interval, phrase: phrase.text },
    ...fc.attribution(date.attributed_to, `${path}.attributed_to`),
    ...phrase.span,
    text: phrase.text,
  });
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

/**
 * The event's headline date is the most precise one any source gives (the narrowest interval;
 * ties go to the first source by id). Rival dates stay visible as contested claims.
 */
export function chooseEventDate(dates: readonly DateClaimDraft[]): DateClaimDraft | undefined {
  const width = (d: DateClaimDraft) => intervalDays(d.interval);
  return [...dates].sort((a, b) => width(a) - width(b) || a.sourceId.localeCompare(b.sourceId))[0];
}
