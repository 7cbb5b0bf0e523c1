import type * as t from '../db/schema.js';
import { type ComparableClaim, eventStatus, judgeClaims } from '../domain/claim-status.js';
import { type DateInterval, localDate, parseExplicitDate, resolveDatePhrase } from '../domain/dates.js';
import { SourceText, type Span } from '../domain/spans.js';
import type { AnnotationFile, Attribution, EvidenceRef } from './annotation-schema.js';
import type { SeedIssue } from './issues.js';
import type { SeedFile } from './read.js';

/**
 * Turns validated annotation files into the rows of the database: locates every evidence
 * reference, resolves dates, merges actors and events shared across sources by id, and judges
 * claims. Pure: no I/O. Every problem is collected, so one run reports them all.
 */

export interface Dataset {
  sources: (typeof t.sources.$inferInsert)[];
  actors: (typeof t.actors.$inferInsert)[];
  actorAliases: (typeof t.actorAliases.$inferInsert)[];
  actorRoles: (typeof t.actorRoles.$inferInsert)[];
  actorRelations: (typeof t.actorRelations.$inferInsert)[];
  events: (typeof t.events.$inferInsert)[];
  eventParticipants: (typeof t.eventParticipants.$inferInsert)[];
  eventEvidence: (typeof t.eventEvidence.$inferInsert)[];
  claims: (typeof t.claims.$inferInsert)[];
  quotes: (typeof t.quotes.$inferInsert)[];
}

export const QUOTE_CONTEXT_LENGTH = 32;

interface Located {
  span: Span;
  text: string;
}

/** Fields given once by one file and checked for equality wherever repeated. */
class MergedFields<T extends Record<string, unknown>> {
  readonly values: Partial<T> = {};
  readonly firstSeen: { file: string; path: string };

  constructor(file: string, path: string) {
    this.firstSeen = { file, path };
  }

  merge(given: Partial<T>, file: string, path: string, issues: SeedIssue[]): void {
    for (const [key, value] of Object.entries(given) as [keyof T & string, T[keyof T]][]) {
      if (value === undefined) continue;
      const existing = this.values[key];
      if (existing === undefined) this.values[key] = value as T[typeof key];
      else if (JSON.stringify(existing) !== JSON.stringify(value))
        issues.push({
          file,
          path: `${path}.${key}`,
          message: `${JSON.stringify(value)} contradicts ${JSON.stringify(existing)} given in ${this.firstSeen.file}; give it once`,
        });
    }
  }
}

type ActorFields = { name: string; kind: string; description: string; wikidata: string };
type EventFields = { title: string; summary: string; type: string; location: string | null };

interface DateClaimDraft {
  sourceId: string;
  interval: DateInterval;
  phrase: string;
}

export function resolveDataset(files: readonly SeedFile[]): { dataset: Dataset; issues: SeedIssue[] } {
  const issues: SeedIssue[] = [];
  const ds: Dataset = {
    sources: [],
    actors: [],
    actorAliases: [],
    actorRoles: [],
    actorRelations: [],
    events: [],
    eventParticipants: [],
    eventEvidence: [],
    claims: [],
    quotes: [],
  };
  const annotated = files.filter(
    (f): f is SeedFile & { annotation: AnnotationFile } => f.annotation !== undefined,
  );
  const usable = annotated.filter(
    (f): f is (typeof annotated)[number] & { text: string } => f.text !== undefined,
  );
  // Checks across files ("no file defines this actor", "no file gives this event a title") would
  // blame the readable files for what an unreadable one holds: they run only when they can be
  // right. The unreadable file's own problem is reported already, and fixing it brings them back.
  const everyIdKnown = annotated.length === files.length;
  let everyFileResolved = usable.length === files.length;

  // Pass 1: what ids exist, so references can be checked in any order and across files. A file
  // whose text is missing still declares its actors.
  const actorIds = new Set<string>();
  const sourceIdFiles = new Map<string, string>();
  /** Files whose source id an earlier file has: not resolved, as every row of theirs would clash. */
  const clashing = new Set<string>();
  for (const { file, annotation } of annotated) {
    const previous = sourceIdFiles.get(annotation.source.id);
    if (previous) {
      issues.push({
        file,
        path: 'source.id',
        message: `source id "${annotation.source.id}" is also used by ${previous}`,
      });
      clashing.add(file);
      everyFileResolved = false;
    } else sourceIdFiles.set(annotation.source.id, file);
    for (const a of annotation.actors) actorIds.add(a.id);
  }

  const actorFields = new Map<string, MergedFields<ActorFields>>();
  const eventFields = new Map<string, MergedFields<EventFields>>();
  const eventSources = new Map<string, Set<string>>();
  const eventDates = new Map<string, DateClaimDraft[]>();
  const participantKeys = new Set<string>();
  const aliasKeys = new Set<string>();
  const claimDrafts: (Omit<typeof t.claims.$inferInsert, 'status'> & ComparableClaim)[] = [];

  for (const { file, annotation, text } of usable) {
    if (clashing.has(file)) continue;
    const src = annotation.source;
    const body = new SourceText(text);
    let reference: string;
    try {
      reference = localDate(src.published, src.timezone);
    } catch (error) {
      // The schema checks the date in UTC; this catches what only the source's zone makes invalid.
      issues.push({ file, path: 'source.published', message: (error as Error).message });
      everyFileResolved = false;
      continue;
    }
    const locate = (ref: EvidenceRef, path: string): Located | undefined => {
      const selector = typeof ref === 'string' ? { text: ref } : ref;
      const found = body.locate(selector);
      if (!found.ok) {
        issues.push({ file, path, message: `${found.message} of ${src.text}` });
        return undefined;
      }
      // Belt and braces: the span must read back as the annotated words.
      const readBack = body.slice(found.span);
      if (readBack !== selector.text) {
        issues.push({
          file,
          path,
          message: `span ${found.span.start}-${found.span.end} reads back as ${JSON.stringify(readBack)}`,
        });
        return undefined;
      }
      return { span: found.span, text: selector.text };
    };
    const knownActor = (id: string, path: string): boolean => {
      if (actorIds.has(id)) return true;
      if (everyIdKnown)
        issues.push({ file, path, message: `unknown actor "${id}": no annotation file defines it` });
      return false;
    };
    const attribution = (a: Attribution | undefined, path: string) => {
      if (!a) return { attributedActorId: null, attributedDescription: null };
      if ('actor' in a)
        return {
          attributedActorId: knownActor(a.actor, `${path}.actor`) ? a.actor : null,
          attributedDescription: null,
        };
      return { attributedActorId: null, attributedDescription: a.description };
    };

    ds.sources.push({
      id: src.id,
      title: src.title,
      outlet: src.outlet,
      authors: src.authors,
      published: src.published,
      timezone: src.timezone,
      dateline: src.dateline,
      language: src.language,
      url: src.url,
      textFile: src.text,
      body: text,
    });

    // id → index of its first entry in this file.
    const seenActors = new Map<string, number>();
    annotation.actors.forEach((actor, i) => {
      const path = `actors[${i}]`;
      const first = seenActors.get(actor.id);
      if (first !== undefined) {
        // The repeated entry is not merged: the one problem is the repetition, not what follows from it.
        issues.push({
          file,
          path: `${path}.id`,
          message: `actor "${actor.id}" is listed twice in this file (first as actors[${first}])`,
        });
        return;
      }
      seenActors.set(actor.id, i);
      let fields = actorFields.get(actor.id);
      if (!fields) {
        fields = new MergedFields<ActorFields>(file, path);
        actorFields.set(actor.id, fields);
      }
      fields.merge(
        { name: actor.name, kind: actor.kind, description: actor.description, wikidata: actor.wikidata },
        file,
        path,
        issues,
      );
      actor.aliases.forEach((ref, j) => {
        const found = locate(ref, `${path}.aliases[${j}]`);
        if (!found) return;
        const key = JSON.stringify([actor.id, src.id, found.span.start]);
        if (aliasKeys.has(key)) return;
        aliasKeys.add(key);
        ds.actorAliases.push({ actorId: actor.id, alias: found.text, sourceId: src.id, ...found.span });
      });
      actor.roles.forEach((role, j) => {
        const rolePath = `${path}.roles[${j}]`;
        const found = locate(role.evidence, `${rolePath}.evidence`);
        const ofOk = role.of === undefined || knownActor(role.of, `${rolePath}.of`);
        if (found && ofOk)
          ds.actorRoles.push({
            actorId: actor.id,
            title: role.title,
            ofActorId: role.of ?? null,
            sourceId: src.id,
            ...found.span,
          });
      });
      actor.relations.forEach((rel, j) => {
        const relPath = `${path}.relations[${j}]`;
        const found = locate(rel.evidence, `${relPath}.evidence`);
        if (found && knownActor(rel.object, `${relPath}.object`))
          ds.actorRelations.push({
            subjectId: actor.id,
            type: rel.type,
            objectId: rel.object,
            sourceId: src.id,
            ...found.span,
          });
      });
    });

    // id → index of its first entry in this file.
    const seenEvents = new Map<string, number>();
    annotation.events.forEach((event, i) => {
      const path = `events[${i}]`;
      const first = seenEvents.get(event.id);
      if (first !== undefined) {
        // Not merged, so its date is not reported as a second date of the same event.
        issues.push({
          file,
          path: `${path}.id`,
          message: `event "${event.id}" is listed twice in this file (first as events[${first}])`,
        });
        return;
      }
      seenEvents.set(event.id, i);
      let fields = eventFields.get(event.id);
      if (!fields) {
        fields = new MergedFields<EventFields>(file, path);
        eventFields.set(event.id, fields);
      }
      fields.merge(
        { title: event.title, summary: event.summary, type: event.type, location: event.location },
        file,
        path,
        issues,
      );
      const sourcesOfEvent = eventSources.get(event.id) ?? new Set<string>();
      sourcesOfEvent.add(src.id);
      eventSources.set(event.id, sourcesOfEvent);

      event.evidence.forEach((ref, j) => {
        const found = locate(ref, `${path}.evidence[${j}]`);
        if (found)
          ds.eventEvidence.push({ eventId: event.id, sourceId: src.id, ...found.span, text: found.text });
      });
      event.participants.forEach((p, j) => {
        if (!knownActor(p.actor, `${path}.participants[${j}].actor`)) return;
        const key = JSON.stringify([event.id, p.actor, p.role]);
        if (participantKeys.has(key)) return;
        participantKeys.add(key);
        ds.eventParticipants.push({ eventId: event.id, actorId: p.actor, role: p.role });
      });

      if (event.date) {
        const datePath = `${path}.date`;
        const phrase = locate(event.date.phrase, `${datePath}.phrase`);
        let interval: DateInterval | undefined;
        if (event.date.value !== undefined) {
          interval = parseExplicitDate(event.date.value);
          if (!interval)
            issues.push({
              file,
              path: `${datePath}.value`,
              message: `${JSON.stringify(event.date.value)} is not a valid date: ${whyNotADate(event.date.value)}`,
            });
        } else if (phrase) {
          interval = resolveDatePhrase(phrase.text, reference);
          if (!interval)
            issues.push({
              file,
              path: `${datePath}.phrase`,
              message: `${JSON.stringify(phrase.text)} is not a date phrase the resolver knows (see seeds/README.md); give an explicit "value" and a "reason"`,
            });
        }
        if (phrase && interval) {
          if (event.date.approximate !== undefined)
            interval = { ...interval, approximate: event.date.approximate };
          const drafts = eventDates.get(event.id) ?? [];
          if (drafts.some((d) => d.sourceId === src.id))
            issues.push({
              file,
              path: datePath,
              message: `event "${event.id}" is dated twice by this source`,
            });
          drafts.push({ sourceId: src.id, interval, phrase: phrase.text });
          eventDates.set(event.id, drafts);
          claimDrafts.push({
            id: `${src.id}.${event.id}.date`,
            eventId: event.id,
            sourceId: src.id,
            property: 'date',
            about: null,
            value: { ...interval, phrase: phrase.text },
            ...attribution(event.date.attributed_to, `${datePath}.attributed_to`),
            ...phrase.span,
            text: phrase.text,
          });
        }
      }
    });

    annotation.claims.forEach((claim, i) => {
      const path = `claims[${i}]`;
      if (!seenEvents.has(claim.event)) {
        issues.push({
          file,
          path: `${path}.event`,
          message: `unknown event "${claim.event}": list it in this file's events`,
        });
        return;
      }
      if (claim.property === 'date') {
        issues.push({
          file,
          path: `${path}.property`,
          message: 'dates are claimed by the event\'s "date", not by a claim',
        });
        return;
      }
      const found = locate(claim.evidence, `${path}.evidence`);
      const attributed = attribution(claim.attributed_to, `${path}.attributed_to`);
      if (!found) return;
      const id = [src.id, claim.event, claim.property, claim.about].filter(Boolean).join('.');
      if (claimDrafts.some((c) => c.id === id)) {
        issues.push({ file, path, message: `duplicate claim "${id}": give it an "about" to tell it apart` });
        return;
      }
      claimDrafts.push({
        id,
        eventId: claim.event,
        sourceId: src.id,
        property: claim.property,
        about: claim.about ?? null,
        value: claim.value,
        ...attributed,
        ...found.span,
        text: found.text,
      });
    });

    const quoteDrafts: (typeof t.quotes.$inferInsert)[] = [];
    annotation.quotes.forEach((quote, i) => {
      const path = `quotes[${i}]`;
      const found = locate(quote.text, `${path}.text`);
      const speakerOk = quote.speaker === null || knownActor(quote.speaker, `${path}.speaker`);
      const viaOk = quote.reported_via === null || knownActor(quote.reported_via, `${path}.reported_via`);
      const eventOk = quote.event === null || seenEvents.has(quote.event);
      if (!eventOk)
        issues.push({
          file,
          path: `${path}.event`,
          message: `unknown event "${quote.event}": list it in this file's events`,
        });
      if (!found || !speakerOk || !viaOk || !eventOk) return;
      if (quoteDrafts.some((q) => q.start === found.span.start && q.end === found.span.end)) {
        issues.push({ file, path: `${path}.text`, message: 'this quote is listed twice' });
        return;
      }
      quoteDrafts.push({
        id: '',
        sourceId: src.id,
        ordinal: 0,
        text: found.text,
        speakerId: quote.speaker,
        speakerDescription: quote.speaker_description ?? null,
        ...found.span,
        ...body.context(found.span, QUOTE_CONTEXT_LENGTH),
        kind: quote.kind,
        eventId: quote.event,
        reportedViaId: quote.reported_via,
      });
    });
    // Ids follow the order of the text, not of the file, so reordering annotations keeps them.
    quoteDrafts.sort((a, b) => a.start - b.start);
    quoteDrafts.forEach((q, i) => {
      ds.quotes.push({ ...q, id: `${src.id}-q${i + 1}`, ordinal: i + 1 });
    });
  }

  for (const [id, fields] of actorFields) {
    if (!everyFileResolved) break; // see everyFileResolved
    const { name, kind, description, wikidata } = fields.values;
    if (name === undefined || kind === undefined) {
      issues.push({
        ...fields.firstSeen,
        message: `actor "${id}" needs a "name" and a "kind" in at least one file`,
      });
      continue;
    }
    ds.actors.push({ id, name, kind, description: description ?? null, wikidata: wikidata ?? null });
  }

  const verdicts = judgeClaims(claimDrafts);
  for (const c of claimDrafts)
    ds.claims.push({ ...c, status: verdicts.get(c.id)?.status ?? 'single_source' });

  for (const [id, fields] of eventFields) {
    if (!everyFileResolved) break; // see everyFileResolved
    const { title, summary, type, location } = fields.values;
    const dates = eventDates.get(id) ?? [];
    const chosen = chooseEventDate(dates);
    const missing = [
      title === undefined && 'title',
      summary === undefined && 'summary',
      type === undefined && 'type',
    ].filter(Boolean);
    if (missing.length > 0)
      issues.push({
        ...fields.firstSeen,
        message: `event "${id}" needs ${missing.join(', ')} in at least one file`,
      });
    if (!chosen)
      issues.push({
        ...fields.firstSeen,
        message: `event "${id}" has no date: give it a "date" in at least one file`,
      });
    if (title === undefined || summary === undefined || type === undefined || !chosen) continue;
    const statuses = ds.claims.filter((c) => c.eventId === id).map((c) => c.status as 'contested');
    ds.events.push({
      id,
      title,
      summary,
      type,
      location: location ?? null,
      ...chosen.interval,
      phrase: chosen.phrase,
      dateSourceId: chosen.sourceId,
      status: eventStatus(statuses, eventSources.get(id)?.size ?? 0),
    });
  }

  return { dataset: ds, issues };
}

const DATE_FORMATS = 'use YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DD/YYYY-MM-DD';

/** Why `parseExplicitDate` refused `value`: a wrong shape, or a well-formed date the calendar lacks. */
export function whyNotADate(value: string): string {
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
  const width = (d: DateClaimDraft) => Date.parse(d.interval.end) - Date.parse(d.interval.start);
  return [...dates].sort((a, b) => width(a) - width(b) || a.sourceId.localeCompare(b.sourceId))[0];
}
