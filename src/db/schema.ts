import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { ClaimValue } from '../domain/comparison.js';
import {
  ACTOR_KINDS,
  ATTRIBUTIONS,
  CLAIM_PROPERTIES,
  CLAIM_STATUSES,
  DATE_PRECISIONS,
  EVENT_STATUSES,
  EVENT_TENSES,
  EVENT_TYPES,
  PARTICIPANT_ROLES,
  QUOTE_KINDS,
  RELATION_TYPES,
} from '../domain/vocabulary.js';

/**
 * The storage truth. Spans (`start`, `end`) count Unicode code points of the source text, end
 * exclusive (W3C TextPositionSelector). Dates are inclusive `YYYY-MM-DD` intervals, which sort and
 * compare correctly as text. Columns that hold a word of a vocabulary (domain/vocabulary.ts) are
 * typed by it, so rows carry their types; the seed validates every value before it is written.
 */

export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const sources = sqliteTable(
  'sources',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    outlet: text('outlet').notNull(),
    authors: text('authors', { mode: 'json' }).$type<string[]>().notNull(),
    /** `YYYY-MM-DD`, or an ISO date-time with offset: either way it sorts by its date first. */
    published: text('published').notNull(),
    timezone: text('timezone').notNull(),
    dateline: text('dateline'),
    language: text('language').notNull(),
    url: text('url'),
    textFile: text('text_file').notNull(),
    body: text('body').notNull(),
  },
  // Timelines filtered by when their sources were published read one range of this index.
  (t) => [index('sources_published').on(t.published, t.id)],
);

export const actors = sqliteTable(
  'actors',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ACTOR_KINDS }).notNull(),
    description: text('description'),
    wikidata: text('wikidata'),
  },
  (t) => [index('actors_kind_id').on(t.kind, t.id)],
);

/** One row per distinct surface form per source, with the span of one attested occurrence. */
export const actorAliases = sqliteTable(
  'actor_aliases',
  {
    actorId: text('actor_id')
      .notNull()
      .references(() => actors.id),
    alias: text('alias').notNull(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.sourceId, t.start] })],
);

export const actorRoles = sqliteTable(
  'actor_roles',
  {
    id: integer('id').primaryKey(),
    actorId: text('actor_id')
      .notNull()
      .references(() => actors.id),
    title: text('title').notNull(),
    ofActorId: text('of_actor_id').references(() => actors.id),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
  },
  (t) => [index('actor_roles_actor').on(t.actorId)],
);

export const actorRelations = sqliteTable(
  'actor_relations',
  {
    id: integer('id').primaryKey(),
    subjectId: text('subject_id')
      .notNull()
      .references(() => actors.id),
    type: text('type', { enum: RELATION_TYPES }).notNull(),
    objectId: text('object_id')
      .notNull()
      .references(() => actors.id),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
  },
  (t) => [index('actor_relations_subject').on(t.subjectId), index('actor_relations_object').on(t.objectId)],
);

export const events = sqliteTable(
  'events',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    type: text('type', { enum: EVENT_TYPES }).notNull(),
    location: text('location'),
    start: text('start').notNull(),
    end: text('end').notNull(),
    precision: text('precision', { enum: DATE_PRECISIONS }).notNull(),
    edtf: text('edtf').notNull(),
    approximate: integer('approximate', { mode: 'boolean' }).notNull(),
    /** The temporal expression the date comes from; null for an inferred date (see date_reason). */
    phrase: text('phrase'),
    /** Why an inferred date is what it is, or why the event's date is no single source's. */
    dateReason: text('date_reason'),
    /** The source whose date the event's is; null when it is no single source's (contested). */
    dateSourceId: text('date_source_id').references(() => sources.id),
    /**
     * How the sources' dates stand (domain/event-date.ts): where they are contested, the event spans
     * every date a source gives and a date query is checked against each source's date.
     */
    dateStatus: text('date_status', { enum: CLAIM_STATUSES }).notNull().default('single_source'),
    tense: text('tense', { enum: EVENT_TENSES }).notNull().default('reported'),
    status: text('status', { enum: EVENT_STATUSES }).notNull(),
  },
  (t) => [
    index('events_timeline').on(t.start, t.end, t.id),
    index('events_type_timeline').on(t.type, t.start, t.end, t.id),
    index('events_status_timeline').on(t.status, t.start, t.end, t.id),
    // A date range is read as one ordered range per precision of the events whose sources' dates
    // agree, merged (features/events/timeline-query.ts). The index holds all such a query reads of
    // an event, its rowid for the stored item and its date status too: SQLite checks a partial
    // index's condition on the row unless the index holds its column…
    index('events_agreed_timeline')
      .on(t.precision, t.start, t.end, t.id, t.dateStatus)
      .where(sql`${t.dateStatus} <> 'contested'`),
    // …and the events whose dates are contested, whose hulls are the longest, as one more range,
    // so that they do not widen every precision's range.
    index('events_contested_timeline')
      .on(t.start, t.end, t.id)
      .where(sql`${t.dateStatus} = 'contested'`),
  ],
);

export const eventParticipants = sqliteTable(
  'event_participants',
  {
    eventId: text('event_id')
      .notNull()
      .references(() => events.id),
    actorId: text('actor_id')
      .notNull()
      .references(() => actors.id),
    role: text('role', { enum: PARTICIPANT_ROLES }).notNull(),
  },
  // By actor, events are found through actor_timeline.
  (t) => [primaryKey({ columns: [t.eventId, t.actorId, t.role] })],
);

/**
 * Derived at seed time from event_participants and events: each actor's events in timeline order,
 * clustered by (actor, start, end, event), so an actor's timeline is one index range at any depth.
 */
export const actorTimeline = sqliteTable(
  'actor_timeline',
  {
    actorId: text('actor_id')
      .notNull()
      .references(() => actors.id),
    start: text('start').notNull(),
    end: text('end').notNull(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id),
    /** The event's type, so an actor's counts by type are read from this table alone. */
    type: text('type', { enum: EVENT_TYPES }).notNull(),
    /** The event's rowid, the key of its stored item: a page needs no lookup of the event by id. */
    eventRowid: integer('event_rowid').notNull(),
  },
  // The event's rowid is in the key (which it cannot make more unique) so that the key's index,
  // which a page reads in order, holds it: a page then reads nothing else of this table.
  (t) => [primaryKey({ columns: [t.actorId, t.start, t.end, t.eventId, t.eventRowid] })],
);

/**
 * Derived at seed time: the terms of a full-text index (db/fts.ts), so that a search's last word,
 * which also matches as a prefix, is asked as the terms it begins (an FTS5 prefix query reads
 * every matching term's whole list of rows before giving the first; a term's list is read only as
 * far as the page needs).
 */
export const searchTerms = sqliteTable(
  'search_terms',
  {
    /** The index's name: quote_search. */
    fts: text('fts').notNull(),
    term: text('term').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fts, t.term] })],
);

/** Derived at seed time: how many quotes each actor spoke, read by a profile in one lookup. */
export const actorQuoteCounts = sqliteTable('actor_quote_counts', {
  actorId: text('actor_id')
    .primaryKey()
    .references(() => actors.id),
  quotes: integer('quotes').notNull(),
});

/**
 * Derived at seed time: per actor and event type, how many events and their date range, so that a
 * profile's counts cost the same for an actor in three events as for one in a hundred thousand.
 */
export const actorEventCounts = sqliteTable(
  'actor_event_counts',
  {
    actorId: text('actor_id')
      .notNull()
      .references(() => actors.id),
    type: text('type', { enum: EVENT_TYPES }).notNull(),
    events: integer('events').notNull(),
    firstStart: text('first_start').notNull(),
    lastEnd: text('last_end').notNull(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.type] })],
);

/**
 * Derived at seed time from event_participants, actors and event_evidence: what a page shows of each
 * event besides its own row, keyed by the event's rowid, so a page reads it with one integer lookup
 * per event. `participants`, `evidence` and `dates` are JSON arrays of the layouts PARTICIPANT,
 * EVIDENCE and SOURCE_DATE (db/documents.ts).
 */
export const eventDocuments = sqliteTable('event_documents', {
  eventRowid: integer('event_rowid').primaryKey(),
  participants: text('participants').notNull(),
  evidence: text('evidence').notNull(),
  /** Each source's date of the event, in the layout SOURCE_DATE. */
  dates: text('dates').notNull().default('[]'),
});

/**
 * Each event as a timeline item, its JSON exactly as the API answers it: rendered and checked
 * against its schema once by the seed (src/seed/items.ts), so a page splices stored text.
 */
export const eventItems = sqliteTable('event_items', {
  eventRowid: integer('event_rowid').primaryKey(),
  json: text('json').notNull(),
});

/**
 * Derived at seed time from the date claims of contested events: each distinct date a source gives
 * one, keyed by the event's rowid. A date range matches a contested event by any of these
 * (features/events/timeline.ts): one covering index lookup per candidate, where reading its claims
 * and their JSON took most of a date-range page on 1M events (docs/benchmarks.md).
 */
export const contestedDates = sqliteTable(
  'contested_dates',
  {
    eventRowid: integer('event_rowid').notNull(),
    start: text('start').notNull(),
    end: text('end').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventRowid, t.start, t.end] })],
);

/** The words in one source that tell an event. */
export const eventEvidence = sqliteTable(
  'event_evidence',
  {
    id: integer('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    text: text('text').notNull(),
  },
  (t) => [
    index('event_evidence_event').on(t.eventId, t.sourceId, t.start),
    index('event_evidence_source').on(t.sourceId, t.eventId),
  ],
);

export const claims = sqliteTable(
  'claims',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => events.id),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    property: text('property', { enum: CLAIM_PROPERTIES }).notNull(),
    about: text('about'),
    /** JSON of the normalised value: a number, a string, or for dates the interval object. */
    value: text('value', { mode: 'json' }).$type<ClaimValue>().notNull(),
    attributedActorId: text('attributed_actor_id').references(() => actors.id),
    attributedDescription: text('attributed_description'),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    text: text('text').notNull(),
    /** A count the source gives as approximate ("around 20"). */
    approximate: integer('approximate', { mode: 'boolean' }).notNull().default(false),
    status: text('status', { enum: CLAIM_STATUSES }).notNull(),
  },
  (t) => [
    index('claims_event').on(t.eventId, t.id),
    index('claims_source').on(t.sourceId, t.id),
    index('claims_property').on(t.property, t.id),
    index('claims_status').on(t.status, t.id),
    index('claims_attributed').on(t.attributedActorId, t.id),
  ],
);

export const quotes = sqliteTable(
  'quotes',
  {
    id: text('id').primaryKey(),
    sourceId: text('source_id')
      .notNull()
      .references(() => sources.id),
    ordinal: integer('ordinal').notNull(),
    text: text('text').notNull(),
    speakerId: text('speaker_id').references(() => actors.id),
    speakerDescription: text('speaker_description'),
    start: integer('start').notNull(),
    end: integer('end').notNull(),
    prefix: text('prefix').notNull(),
    suffix: text('suffix').notNull(),
    kind: text('kind', { enum: QUOTE_KINDS }).notNull(),
    eventId: text('event_id').references(() => events.id),
    reportedViaId: text('reported_via_id').references(() => actors.id),
    /** The person the words are about, where they narrate what someone did (SPEC §2). */
    subjectId: text('subject_id').references(() => actors.id),
    attribution: text('attribution', { enum: ATTRIBUTIONS }).notNull().default('explicit'),
    /** Why an inferred attribution is what it is. */
    attributionReason: text('attribution_reason'),
    /**
     * The quote's place in reading order across the dataset (1, 2, …), set by the seed at commit
     * from (source_id, ordinal). It is the rowid of the quote's row in quote_search, so that a search
     * reads its matches already in reading order.
     */
    readingRank: integer('reading_rank').notNull().default(0),
  },
  (t) => [
    index('quotes_rank').on(t.readingRank),
    // Every quote list reads in reading order (source, ordinal) after its filter's equality.
    uniqueIndex('quotes_reading').on(t.sourceId, t.ordinal),
    index('quotes_speaker').on(t.speakerId, t.sourceId, t.ordinal),
    index('quotes_event').on(t.eventId, t.sourceId, t.ordinal),
    index('quotes_kind').on(t.kind, t.sourceId, t.ordinal),
    index('quotes_subject').on(t.subjectId, t.sourceId, t.ordinal),
  ],
);

/**
 * Derived at seed time from quotes and actors: each quote as a page shows it, keyed by the quote's
 * reading rank, in the layout QUOTE (db/documents.ts).
 */
export const quoteDocuments = sqliteTable('quote_documents', {
  readingRank: integer('reading_rank').primaryKey(),
  document: text('document').notNull(),
});

/**
 * Each actor's profile, its JSON exactly as the API answers it: rendered and checked against its
 * schema once by the seed (src/seed/items.ts), keyed by the actor's rowid.
 */
export const actorProfiles = sqliteTable('actor_profiles', {
  actorRowid: integer('actor_rowid').primaryKey(),
  json: text('json').notNull(),
});

/**
 * Each quote as a list item, its JSON exactly as the API answers it: rendered from its document and
 * checked against its schema once by the seed (src/seed/items.ts), under its reading rank.
 */
export const quoteItems = sqliteTable('quote_items', {
  readingRank: integer('reading_rank').primaryKey(),
  json: text('json').notNull(),
});

/**
 * Derived at seed time: how many events each calendar period holds (domain/periods.ts), per unit
 * (day, ISO week, month, year), in all and split by one dimension (`dim`: status, type or precision;
 * `''` with `value` `''` for all). An event is held by a period only when its date lies wholly inside
 * it. Unfiltered volumes read these instead of counting events (features/events/volume.ts).
 */
export const volumeCounts = sqliteTable(
  'volume_counts',
  {
    unit: text('unit', { enum: DATE_PRECISIONS }).notNull(),
    dim: text('dim').notNull(),
    period: text('period').notNull(),
    value: text('value').notNull(),
    events: integer('events').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unit, t.dim, t.period, t.value] })],
);

/** Derived likewise: the events no period of a unit holds, by their dates, counted apart. */
export const volumeApart = sqliteTable(
  'volume_apart',
  {
    unit: text('unit', { enum: DATE_PRECISIONS }).notNull(),
    dim: text('dim').notNull(),
    start: text('start').notNull(),
    end: text('end').notNull(),
    value: text('value').notNull(),
    events: integer('events').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unit, t.dim, t.start, t.end, t.value] })],
);

/**
 * Derived at seed time: how many events have each value of a facet (type, status, precision, source,
 * actor), ranked by count, the top 21 of each, over every event (`slice` `''`), one type's
 * (`type:<type>`) and one of the busiest actors' (`actor:<id>`), so that a facet of those reads its
 * top values instead of counting (seed/facet-counts.ts, features/events/aggregates.ts).
 */
export const facetCounts = sqliteTable(
  'facet_counts',
  {
    slice: text('slice').notNull(),
    facet: text('facet').notNull(),
    rank: integer('rank').notNull(),
    value: text('value').notNull(),
    events: integer('events').notNull(),
  },
  (t) => [primaryKey({ columns: [t.slice, t.facet, t.rank] })],
);
