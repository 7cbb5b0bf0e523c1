import { inArray, sql } from 'drizzle-orm';
import { EVIDENCE, PARTICIPANT, SOURCE_DATE } from '../../db/documents.js';
import type { Db } from '../../db/open.js';
import type { events } from '../../db/schema.js';
import { eventDocuments } from '../../db/schema.js';
import { jsonList } from '../../db/shapes.js';
import { groupBy } from '../../domain/group-by.js';
import type { Event } from './schema.js';

type SourceDate = Event['date']['by_source'][number];

/** An event's row, with the rowid its document is kept under (db/documents.ts). */
export type EventRow = typeof events.$inferSelect & { rowid: number };

/**
 * Events as a page shows them: each row with its participants and evidence, read from the
 * documents the seed derived (one integer lookup per event, the page's rowids as one list).
 */
export function prepareHydration(db: Db): (rows: EventRow[]) => Event[] {
  const documentsOf = db
    .select()
    .from(eventDocuments)
    .where(inArray(eventDocuments.eventRowid, jsonList(sql.placeholder('rowids'))))
    .prepare();

  /** Each row's document, in the rows' order, from one query over the page's rowids as a list. */
  const documentsFor = (rows: readonly EventRow[]) => {
    if (rows.length === 0) return [];
    const found = new Map(
      documentsOf.all({ rowids: JSON.stringify(rows.map((r) => r.rowid)) }).map((d) => [d.eventRowid, d]),
    );
    return rows.map((r) => {
      const document = found.get(r.rowid);
      if (!document) throw new Error(`event ${r.id} has no document: the database needs a new seed`);
      return [r, document] as const;
    });
  };
  return (rows) =>
    documentsFor(rows).map(([r, document]) => {
      const bySource = groupBy(EVIDENCE.decodeAll(document.evidence), (e) => e.source);
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
          by_source: SOURCE_DATE.decodeAll(document.dates).map(toSourceDate),
        },
        tense: r.tense,
        location: r.location,
        status: r.status,
        participants: PARTICIPANT.decodeAll(document.participants).map(({ role, id, name, kind }) => ({
          actor: { id, name, kind },
          role,
        })),
        sources: [...bySource].map(([source, spans]) => ({
          source,
          evidence: spans.map(({ start, end, text }) => ({ source, start, end, text })),
        })),
      };
    });
}

/** One source's date as its document holds it (db/documents.ts, SOURCE_DATE). */
function toSourceDate(d: ReturnType<typeof SOURCE_DATE.decode>): SourceDate {
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
