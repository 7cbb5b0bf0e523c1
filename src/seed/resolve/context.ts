import { type Dataset, emptyDataset } from '../../db/dataset.js';
import type { ComparableClaim } from '../../domain/comparison.js';
import type { DateInterval } from '../../domain/dates.js';
import { SourceText, type Span } from '../../domain/spans.js';
import type { ActorKind, EventTense, EventType } from '../../domain/vocabulary.js';
import type { AnnotationFile, Attribution, EvidenceRef } from '../annotation-schema.js';
import type { SeedIssue } from '../issues.js';

/**
 * What the resolvers of each entity share: the dataset being built, the problems found, and what is
 * known across files (which ids exist, the fields given so far). `FileContext` adds what one
 * annotation file's resolvers share: its source text and how to read its references.
 */

/** Up to this many code points of text either side of a quote (W3C TextQuoteSelector). */
export const QUOTE_CONTEXT_LENGTH = 32;

export interface Located {
  span: Span;
  text: string;
}

/**
 * One source's date of an event as its file gives it, before the event's tense is known (it may be
 * given in another file): then a reported event's date is held to its source's publication.
 */
export interface DateDraft {
  file: string;
  path: string;
  eventId: string;
  sourceId: string;
  /** The source's publication day in its time zone. */
  published: string;
  interval: DateInterval;
  /** Whether the interval comes from a phrase (a period such as "this month") or an explicit value. */
  fromPhrase: boolean;
  phrase: string | null;
  reason: string | null;
  /** The words that date it: the phrase, or the words an explicit value is inferred from. */
  words: Located;
  attributedActorId: string | null;
  attributedDescription: string | null;
}

export type ClaimDraft = Omit<Dataset['claims'][number], 'status'> & ComparableClaim;

export type ActorFields = { name: string; kind: ActorKind; description: string; wikidata: string };
export type EventFields = {
  title: string;
  summary: string;
  type: EventType;
  location: string | null;
  tense: EventTense;
};

/** Fields given once by one file and checked for equality wherever repeated. */
export class MergedFields<T extends Record<string, unknown>> {
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

/** The fields of `id` merged so far, first seen at `file`/`path` when new. */
export function fieldsOf<T extends Record<string, unknown>>(
  all: Map<string, MergedFields<T>>,
  id: string,
  file: string,
  path: string,
): MergedFields<T> {
  let fields = all.get(id);
  if (!fields) {
    fields = new MergedFields<T>(file, path);
    all.set(id, fields);
  }
  return fields;
}

export interface ResolveContext {
  readonly dataset: Dataset;
  readonly issues: SeedIssue[];
  /** Every actor id some annotation file defines, readable or not. */
  readonly actorIds: Set<string>;
  /**
   * Whether every file could be read (and every source resolved). Checks across files ("no file
   * defines this actor", "no file gives this event a title") would blame the readable files for
   * what an unreadable one holds: they run only when they can be right. The unreadable file's own
   * problem is reported already, and fixing it brings them back.
   */
  everyIdKnown: boolean;
  everyFileResolved: boolean;
  readonly actorFields: Map<string, MergedFields<ActorFields>>;
  readonly eventFields: Map<string, MergedFields<EventFields>>;
  readonly eventSources: Map<string, Set<string>>;
  readonly eventDates: Map<string, DateDraft[]>;
  /** Every alias occurrence, for the checks that compare actors' names (resolve/warnings.ts). */
  readonly aliasSites: AliasSite[];
  /** Every quote with its speaker, for the check that the text names the speaker near it. */
  readonly quoteSites: QuoteSite[];
  readonly participantKeys: Set<string>;
  readonly aliasKeys: Set<string>;
  readonly claimDrafts: ClaimDraft[];
}

export function createContext(): ResolveContext {
  return {
    dataset: emptyDataset(),
    issues: [],
    actorIds: new Set(),
    everyIdKnown: true,
    everyFileResolved: true,
    actorFields: new Map(),
    eventFields: new Map(),
    eventSources: new Map(),
    eventDates: new Map(),
    aliasSites: [],
    quoteSites: [],
    participantKeys: new Set(),
    aliasKeys: new Set(),
    claimDrafts: [],
  };
}

export interface AliasSite {
  file: string;
  path: string;
  actorId: string;
  body: SourceText;
  span: Span;
  text: string;
}

export interface QuoteSite {
  file: string;
  path: string;
  speakerId: string;
  speakerDescription: string | undefined;
  body: SourceText;
  span: Span;
}

/** What the resolvers of one annotation file share. */
export interface FileContext {
  readonly ctx: ResolveContext;
  readonly file: string;
  readonly annotation: AnnotationFile;
  readonly body: SourceText;
  /** The source's publication date in its time zone: what relative dates resolve against. */
  readonly reference: string;
  /** Event ids this file lists, with the index of the first entry. */
  readonly seenEvents: Map<string, number>;
  /** Records a problem at `path` of this file. */
  problem(path: string, message: string): void;
  /** The span of an evidence reference, or undefined (with a problem recorded). */
  locate(ref: EvidenceRef, path: string): Located | undefined;
  /** Whether some file defines the actor (a problem is recorded when none does). */
  knownActor(id: string, path: string): boolean;
  /** The attribution columns of a claim. */
  attribution(
    a: Attribution | undefined,
    path: string,
  ): { attributedActorId: string | null; attributedDescription: string | null };
}

export function fileContext(
  ctx: ResolveContext,
  file: string,
  annotation: AnnotationFile,
  text: string,
  reference: string,
): FileContext {
  const body = new SourceText(text);
  const problem = (path: string, message: string) => void ctx.issues.push({ file, path, message });
  const locate = (ref: EvidenceRef, path: string): Located | undefined => {
    const selector = typeof ref === 'string' ? { text: ref } : ref;
    const found = body.locate(selector);
    if (!found.ok) {
      problem(path, `${found.message} of ${annotation.source.text}`);
      return undefined;
    }
    // Belt and braces: the span must read back as the annotated words.
    const readBack = body.slice(found.span);
    if (readBack !== selector.text) {
      problem(path, `span ${found.span.start}-${found.span.end} reads back as ${JSON.stringify(readBack)}`);
      return undefined;
    }
    return { span: found.span, text: selector.text };
  };
  const knownActor = (id: string, path: string): boolean => {
    if (ctx.actorIds.has(id)) return true;
    if (ctx.everyIdKnown) problem(path, `unknown actor "${id}": no annotation file defines it`);
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
  return {
    ctx,
    file,
    annotation,
    body,
    reference,
    seenEvents: new Map(),
    problem,
    locate,
    knownActor,
    attribution,
  };
}
