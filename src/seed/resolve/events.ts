import { eventStatus } from '../../domain/comparison.js';
import { eventDate, type SourceDate } from '../../domain/event-date.js';
import { groupBy } from '../../domain/group-by.js';
import { type Dataset, eventDateColumns } from '../../db/dataset.js';
import type { AnnotationFile } from '../annotation-schema.js';
import { fieldsOf, type FileContext, type ResolveContext } from './context.js';
import { resolveEventDate } from './dates.js';

type EventAnnotation = AnnotationFile['events'][number];

/** A file's events: their fields (merged across files by id), evidence, participants and date. */
export function resolveEvents(fc: FileContext): void {
  fc.annotation.events.forEach((event, i) => {
    const path = `events[${i}]`;
    const first = fc.seenEvents.get(event.id);
    if (first !== undefined) {
      // Not merged, so its date is not reported as a second date of the same event.
      fc.problem(
        `${path}.id`,
        `event "${event.id}" is listed twice in this file (first as events[${first}])`,
      );
      return;
    }
    fc.seenEvents.set(event.id, i);
    fieldsOf(fc.ctx.eventFields, event.id, fc.file, path).merge(
      {
        title: event.title,
        summary: event.summary,
        type: event.type,
        location: event.location,
        tense: event.tense,
      },
      fc.file,
      path,
      fc.ctx.issues,
    );
    const sources = fc.ctx.eventSources.get(event.id) ?? new Set<string>();
    sources.add(fc.annotation.source.id);
    fc.ctx.eventSources.set(event.id, sources);
    resolveEvidence(fc, event, path);
    resolveParticipants(fc, event, path);
    if (event.date) resolveEventDate(fc, event.id, event.date, `${path}.date`);
  });
}

function resolveEvidence(fc: FileContext, event: EventAnnotation, path: string): void {
  event.evidence.forEach((ref, j) => {
    const found = fc.locate(ref, `${path}.evidence[${j}]`);
    if (found)
      fc.ctx.dataset.eventEvidence.push({
        eventId: event.id,
        sourceId: fc.annotation.source.id,
        ...found.span,
        text: found.text,
      });
  });
}

function resolveParticipants(fc: FileContext, event: EventAnnotation, path: string): void {
  event.participants.forEach((p, j) => {
    if (!fc.knownActor(p.actor, `${path}.participants[${j}].actor`)) return;
    const key = JSON.stringify([event.id, p.actor, p.role]);
    if (fc.ctx.participantKeys.has(key)) return;
    fc.ctx.participantKeys.add(key);
    fc.ctx.dataset.eventParticipants.push({ eventId: event.id, actorId: p.actor, role: p.role });
  });
}

/**
 * Every event, once every file is read and its claims judged: each needs a title, a summary, a type
 * and a date from some file. Its date comes from its sources' dates as they stand beside each other
 * (domain/event-date.ts); its status from its claims and how many sources report it.
 */
export function finishEvents(ctx: ResolveContext): void {
  const claimsByEvent = groupBy(ctx.dataset.claims, (c) => c.eventId);
  for (const [id, fields] of ctx.eventFields) {
    const { title, summary, type, location, tense } = fields.values;
    const claims = claimsByEvent.get(id) ?? [];
    const date = eventDate(claims.flatMap(sourceDate));
    const missing = [
      title === undefined && 'title',
      summary === undefined && 'summary',
      type === undefined && 'type',
    ].filter(Boolean);
    if (missing.length > 0)
      ctx.issues.push({
        ...fields.firstSeen,
        message: `event "${id}" needs ${missing.join(', ')} in at least one file`,
      });
    if (!date && !ctx.eventDates.has(id))
      ctx.issues.push({
        ...fields.firstSeen,
        message: `event "${id}" has no date: give it a "date" in at least one file`,
      });
    if (title === undefined || summary === undefined || type === undefined || !date) continue;
    ctx.dataset.events.push({
      id,
      title,
      summary,
      type,
      location: location ?? null,
      ...eventDateColumns(date),
      tense: tense ?? 'reported',
      status: eventStatus(
        claims.map((c) => c.status),
        ctx.eventSources.get(id)?.size ?? 0,
      ),
    });
  }
}

/** A `date` claim as one source's date of its event. */
function sourceDate(claim: Dataset['claims'][number]): SourceDate[] {
  if (claim.property !== 'date' || typeof claim.value !== 'object') return [];
  const { phrase, reason, ...interval } = claim.value;
  return [{ sourceId: claim.sourceId, interval, phrase, reason, status: claim.status }];
}
