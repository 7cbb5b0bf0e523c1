import path from 'node:path';
import { searchWords } from '../db/fts.js';
import {
  type DateInterval,
  endingBy,
  localDate,
  parseExplicitDate,
  resolveDatePhrase,
} from '../domain/dates.js';
import type { ActorKind, EventType } from '../domain/vocabulary.js';
import type { AnnotationFile, DateAnnotation, EvidenceRef } from '../seed/annotation-schema.js';
import { readSeeds, type SeedFile } from '../seed/read.js';

/**
 * The record a new article joins: the actors and events of the other seeds, as the seed command
 * resolves them, indexed for the proposer (actors by every alias, events with each source's date,
 * participants and words).
 */

export interface RecordActor {
  id: string;
  name: string;
  /** Undefined when no file gives it (the proposer reads it off the new article). */
  kind: ActorKind | undefined;
  description: string | null;
  /** Whether a file of the record gives its name (else a draft that uses the actor must). */
  named: boolean;
  /** The name and every alias any source gives. */
  forms: Set<string>;
}

export interface RecordEvent {
  id: string;
  title: string;
  type: EventType;
  tense: string;
  /** The fields a file of the record gives (a draft that links to the event must not repeat them). */
  given: Set<'title' | 'summary' | 'type'>;
  /** Each source's date of the event. */
  dates: { sourceId: string; interval: DateInterval }[];
  participants: Set<string>;
  /** Title and every source's evidence, for comparing words (summaries are too long and alike). */
  words: string;
  /** Each source's evidence (in that source's text), for a reviewer to read beside the new article's. */
  evidence: { sourceId: string; text: string }[];
}

export interface ArticleRecord {
  actors: Map<string, RecordActor>;
  /** Name key (folded words) → the actors it names; more than one means the form is ambiguous. */
  byForm: Map<string, Set<string>>;
  events: RecordEvent[];
  sourceIds: Map<string, string>;
  /** Every id in use, so that a new one never collides. */
  ids: Set<string>;
  /** The record's files as the seed read them, to validate a draft beside them. */
  files: SeedFile[];
}

/** The folded words of a name: case, accents, hyphens and punctuation ignored. */
export function nameKey(name: string): string {
  return searchWords(name).join(' ');
}

export function emptyRecord(): ArticleRecord {
  return {
    actors: new Map(),
    byForm: new Map(),
    events: [],
    sourceIds: new Map(),
    ids: new Set(),
    files: [],
  };
}

/**
 * The record of every annotation in `dir` but `exclude` (the file being proposed). Read file by
 * file, not through the seed's cross-file checks: the record stays usable when one of its files
 * leans on the excluded one (an actor named only there) or when another draft sits beside it.
 */
export async function loadRecord(dir: string, exclude?: string): Promise<ArticleRecord> {
  const read = await readSeeds(dir);
  const record = emptyRecord();
  for (const f of read.files) {
    if (!f.annotation || (exclude !== undefined && path.basename(f.file) === exclude)) continue;
    addFile(record, f.annotation, f.text);
    record.files.push(f);
    record.sourceIds.set(f.annotation.source.id, path.basename(f.file));
  }
  indexForms(record);
  return record;
}

const refText = (ref: EvidenceRef) => (typeof ref === 'string' ? ref : ref.text);

function addFile(record: ArticleRecord, a: AnnotationFile, text: string | undefined): void {
  for (const actor of a.actors) {
    const known = record.actors.get(actor.id);
    const forms = actor.aliases.map(refText);
    if (known) {
      for (const f of forms) known.forms.add(f);
      known.name = actor.name ?? known.name;
      known.named ||= actor.name !== undefined;
      known.kind = actor.kind ?? known.kind;
      known.description = actor.description ?? known.description;
    } else
      record.actors.set(actor.id, {
        id: actor.id,
        name: actor.name ?? forms[0] ?? actor.id,
        kind: actor.kind,
        description: actor.description ?? null,
        named: actor.name !== undefined,
        forms: new Set(actor.name ? [actor.name, ...forms] : forms),
      });
  }
  let reference: string | undefined;
  try {
    reference = localDate(a.source.published, a.source.timezone);
  } catch {
    reference = undefined;
  }
  for (const e of a.events) addEvent(record, a.source.id, e, reference, text);
}

function addEvent(
  record: ArticleRecord,
  sourceId: string,
  e: AnnotationFile['events'][number],
  reference: string | undefined,
  text: string | undefined,
): void {
  let event = record.events.find((x) => x.id === e.id);
  if (!event) {
    event = {
      id: e.id,
      title: e.title ?? e.id,
      type: e.type ?? 'statement',
      tense: e.tense ?? 'reported',
      given: new Set(),
      dates: [],
      participants: new Set(),
      words: '',
      evidence: [],
    };
    record.events.push(event);
  }
  if (e.title) event.title = e.title;
  if (e.type) event.type = e.type;
  for (const key of ['title', 'summary', 'type'] as const) if (e[key] !== undefined) event.given.add(key);
  if (e.tense) event.tense = e.tense;
  event.words += ` ${e.title ?? ''}`;
  for (const p of e.participants) event.participants.add(p.actor);
  for (const ref of e.evidence) {
    const words = refText(ref);
    if (text === undefined || text.includes(words)) event.evidence.push({ sourceId, text: words });
    event.words += ` ${words}`;
  }
  const interval = e.date && reference ? dateOf(e.date, reference) : undefined;
  if (interval) event.dates.push({ sourceId, interval });
}

/** A source's date of an event as the seed reads it (a phrase's past reading ends by publication). */
export function dateOf(date: DateAnnotation, reference: string): DateInterval | undefined {
  const interval =
    date.value === undefined
      ? resolveDatePhrase(refText(date.phrase ?? ''), reference)
      : parseExplicitDate(date.value);
  if (!interval) return undefined;
  return date.value === undefined ? (endingBy(interval, reference) ?? interval) : interval;
}

function indexForms(record: ArticleRecord): void {
  for (const actor of record.actors.values()) {
    record.ids.add(actor.id);
    for (const form of actor.forms) {
      const key = nameKey(form);
      if (key === '') continue;
      const ids = record.byForm.get(key) ?? new Set<string>();
      ids.add(actor.id);
      record.byForm.set(key, ids);
    }
  }
  record.events.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const e of record.events) record.ids.add(e.id);
}
