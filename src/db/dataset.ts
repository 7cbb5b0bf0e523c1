import type { EventDate } from '../domain/event-date.js';
import * as t from './schema.js';

/**
 * The base tables a dataset consists of, in an order that satisfies their foreign keys: what the
 * seed resolves annotations into, what the synthetic corpus generates, and what the dataset writer
 * streams to disk. Everything else in the database is derived from them at commit.
 */
export const DATASET_TABLES = {
  sources: t.sources,
  actors: t.actors,
  actorAliases: t.actorAliases,
  actorRoles: t.actorRoles,
  actorRelations: t.actorRelations,
  events: t.events,
  eventParticipants: t.eventParticipants,
  eventEvidence: t.eventEvidence,
  claims: t.claims,
  quotes: t.quotes,
} as const;

export type DatasetTable = keyof typeof DATASET_TABLES;
export type DatasetRow<K extends DatasetTable> = (typeof DATASET_TABLES)[K]['$inferInsert'];

/** A whole dataset: every table's rows. */
export type Dataset = { [K in DatasetTable]: DatasetRow<K>[] };

/** One row with the table it belongs to, as a stream of rows carries it. */
export type DatasetItem = { [K in DatasetTable]: { table: K; row: DatasetRow<K> } }[DatasetTable];

export function emptyDataset(): Dataset {
  const tables = Object.keys(DATASET_TABLES) as DatasetTable[];
  return Object.fromEntries(tables.map((table) => [table, []])) as unknown as Dataset;
}

/** How many rows each table of a dataset has. */
export function datasetCounts(dataset: Dataset): Record<DatasetTable, number> {
  const tables = Object.keys(DATASET_TABLES) as DatasetTable[];
  return Object.fromEntries(tables.map((table) => [table, dataset[table].length])) as Record<
    DatasetTable,
    number
  >;
}

/**
 * An event's date (domain/event-date.ts) as the events table stores it: what the seed's resolver
 * and the synthetic corpus both write, so a date column is added in one place.
 */
export function eventDateColumns(date: EventDate) {
  return {
    start: date.start,
    end: date.end,
    precision: date.precision,
    edtf: date.edtf,
    approximate: date.approximate,
    phrase: date.phrase,
    dateReason: date.reason,
    dateSourceId: date.source,
    dateStatus: date.status,
  } satisfies Partial<DatasetRow<'events'>>;
}
