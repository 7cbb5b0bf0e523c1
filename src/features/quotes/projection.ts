import type { Decoded, QUOTE } from '../../db/documents.js';
import type { Quote } from './item.js';

/**
 * A quote as the API serves it, projected from its document (db/documents.ts, QUOTE). The seed
 * alone runs this (src/seed/items.ts); the API serves the JSON it stored.
 */
export function quoteOf(q: Decoded<typeof QUOTE>): Quote {
  return {
    id: q.id,
    text: q.text,
    speaker: actorRef(q.speakerId, q.speakerName, q.speakerKind),
    speaker_description: q.speakerDescription,
    source: q.source,
    span: { start: q.start, end: q.end },
    prefix: q.prefix,
    suffix: q.suffix,
    kind: q.kind,
    event: q.event,
    reported_via: actorRef(q.viaId, q.viaName, q.viaKind),
    subject: actorRef(q.subjectId, q.subjectName, q.subjectKind),
    attribution: q.attribution,
    attribution_reason: q.attributionReason,
  };
}

/** An actor of the quote, if it has one: the foreign key guarantees its name and kind then. */
const actorRef = <K>(id: string | null, name: string | null, kind: K | null) =>
  id === null ? null : { id, name: name as string, kind: kind as K };
