import type { Decoded, EVIDENCE, PARTICIPANT, SOURCE_DATE } from '../../db/documents.js';
import type { events } from '../../db/schema.js';
import { groupBy } from '../../domain/group-by.js';
import type { Event } from './item.js';

/**
 * An event as the API serves it, projected from its row and its derived document. The seed alone
 * runs this (src/seed/items.ts), once per event; the API serves the JSON it stored.
 */

type SourceDate = Event['date']['by_source'][number];

/** An event's row, with the rowid its document and its item are kept under. */
export type EventRow = typeof events.$inferSelect & { rowid: number };

/** An event's document (db/documents.ts), decoded. */
export interface EventDocument {
  evidence: Decoded<typeof EVIDENCE>[];
  dates: Decoded<typeof SOURCE_DATE>[];
  participants: Decoded<typeof PARTICIPANT>[];
}

export function eventOf(r: EventRow, document: EventDocument): Event {
  const bySource = groupBy(document.evidence, (e) => e.source);
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    type: r.type,
    date: {
      start: r.start,
      end: r.end,
      precision: r.precision,
      edtf: r.edtf,
      approximate: r.approximate,
      phrase: r.phrase,
      reason: r.dateReason,
      source: r.dateSourceId,
      status: r.dateStatus,
      by_source: document.dates.map(toSourceDate),
    },
    tense: r.tense,
    location: r.location,
    status: r.status,
    participants: document.participants.map(({ role, id, name, kind }) => ({
      actor: { id, name, kind },
      role,
    })),
    sources: [...bySource].map(([source, spans]) => ({
      source,
      evidence: spans.map(({ start, end, text }) => ({ source, start, end, text })),
    })),
  };
}

/** One source's date as its document holds it (db/documents.ts, SOURCE_DATE). */
function toSourceDate(d: Decoded<typeof SOURCE_DATE>): SourceDate {
  // In the schema's order (SourceDateSchema), so that every representation writes the same bytes.
  return {
    start: d.start,
    end: d.end,
    precision: d.precision,
    edtf: d.edtf,
    // SQLite's JSON keeps a boolean as true/false; read back through `->` it may arrive as 1/0.
    approximate: Boolean(d.approximate),
    phrase: d.phrase,
    reason: d.reason,
    source: d.source,
    evidence: { source: d.source, start: d.evidenceStart, end: d.evidenceEnd, text: d.evidenceText },
    status: d.status,
    attributed_to:
      d.attributedId === null && d.attributedDescription === null
        ? null
        : {
            actor:
              d.attributedId === null
                ? null
                : { id: d.attributedId, name: d.attributedName ?? '', kind: d.attributedKind ?? '' },
            description: d.attributedDescription,
          },
  };
}
