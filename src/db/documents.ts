import type {
  ActorKind,
  Attribution,
  ClaimStatus,
  DatePrecision,
  ParticipantRole,
  QuoteKind,
} from '../domain/vocabulary.js';

/**
 * The documents the seed derives so that a page reads one value per item instead of many rows
 * (docs/benchmarks.md). Each layout is declared once, here: its fields in order, each with the SQL
 * that computes it at seed time (src/seed/writer.ts). The same declaration builds the SQL and
 * decodes what it stored. A document is a compact JSON array rather than an object, which SQLite
 * builds and Node parses faster.
 */

interface DocumentLayout<T> {
  /** `json_array(<each field's SQL>)`: one document, as the seed builds it. */
  readonly sql: string;
  /** A stored document (a JSON array) → its fields by name. */
  decode(document: string): T;
  /** A JSON array of documents → each one's fields by name. */
  decodeAll(documents: string): T[];
}

/** The fields of one document of a layout, by name. */
export type Decoded<L> = L extends DocumentLayout<infer T> ? T : never;

function documentLayout<T extends Record<string, unknown>>(fields: {
  [K in keyof T]: string;
}): DocumentLayout<T> {
  const names = Object.keys(fields) as (keyof T)[];
  const toObject = (values: unknown[]) => {
    const out = {} as Record<keyof T, unknown>;
    names.forEach((name, i) => {
      out[name] = values[i];
    });
    // The seed built the array from these very fields, in this order (and the documents test
    // compares every document with its base tables).
    return out as T;
  };
  return {
    sql: `json_array(${Object.values<string>(fields).join(', ')})`,
    decode: (document) => toObject(JSON.parse(document) as unknown[]),
    decodeAll: (documents) => (JSON.parse(documents) as unknown[][]).map(toObject),
  };
}

/** One participant of an event (`p`: event_participants, `a`: actors), by role, then actor id. */
export const PARTICIPANT = documentLayout<{
  role: ParticipantRole;
  id: string;
  name: string;
  kind: ActorKind;
}>({
  role: 'p.role',
  id: 'a.id',
  name: 'a.name',
  kind: 'a.kind',
});

/** One evidence span of an event (`v`: event_evidence), by source, then start, then id. */
export const EVIDENCE = documentLayout<{ source: string; start: number; end: number; text: string }>({
  source: 'v.source_id',
  start: 'v.start',
  end: 'v."end"',
  text: 'v.text',
});

/**
 * A quote as a page shows it (`q`: quotes, `s`: its speaker, `v`: the actor it was reported via,
 * `j`: its subject), with null where the quote has none.
 */
export const QUOTE = documentLayout<{
  id: string;
  text: string;
  speakerId: string | null;
  speakerName: string | null;
  speakerKind: ActorKind | null;
  speakerDescription: string | null;
  source: string;
  start: number;
  end: number;
  prefix: string;
  suffix: string;
  kind: QuoteKind;
  event: string | null;
  viaId: string | null;
  viaName: string | null;
  viaKind: ActorKind | null;
  subjectId: string | null;
  subjectName: string | null;
  subjectKind: ActorKind | null;
  attribution: Attribution;
  attributionReason: string | null;
}>({
  id: 'q.id',
  text: 'q.text',
  speakerId: 's.id',
  speakerName: 's.name',
  speakerKind: 's.kind',
  speakerDescription: 'q.speaker_description',
  source: 'q.source_id',
  start: 'q.start',
  end: 'q."end"',
  prefix: 'q.prefix',
  suffix: 'q.suffix',
  kind: 'q.kind',
  event: 'q.event_id',
  viaId: 'v.id',
  viaName: 'v.name',
  viaKind: 'v.kind',
  subjectId: 'j.id',
  subjectName: 'j.name',
  subjectKind: 'j.kind',
  attribution: 'q.attribution',
  attributionReason: 'q.attribution_reason',
});

/**
 * One source's date of an event (`c`: its `date` claim, whose value is the date; `aa`: the actor it
 * is attributed to), by source.
 */
export const SOURCE_DATE = documentLayout<{
  source: string;
  start: string;
  end: string;
  precision: DatePrecision;
  edtf: string;
  approximate: boolean;
  phrase: string | null;
  reason: string | null;
  evidenceStart: number;
  evidenceEnd: number;
  evidenceText: string;
  status: ClaimStatus;
  attributedId: string | null;
  attributedName: string | null;
  attributedKind: ActorKind | null;
  attributedDescription: string | null;
}>({
  source: 'c.source_id',
  start: "c.value -> '$.start'",
  end: "c.value -> '$.end'",
  precision: "c.value -> '$.precision'",
  edtf: "c.value -> '$.edtf'",
  approximate: "c.value -> '$.approximate'",
  phrase: "c.value -> '$.phrase'",
  reason: "c.value -> '$.reason'",
  evidenceStart: 'c.start',
  evidenceEnd: 'c."end"',
  evidenceText: 'c.text',
  status: 'c.status',
  attributedId: 'aa.id',
  attributedName: 'aa.name',
  attributedKind: 'aa.kind',
  attributedDescription: 'c.attributed_description',
});
