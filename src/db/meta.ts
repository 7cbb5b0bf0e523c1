import type Database from 'better-sqlite3';
import { z } from 'zod';

/**
 * What the seed records in the `meta` table, one key and one schema per entry: the seed's writer
 * names its keys from here and every reader reads through `readRecorded`, so a value is never a
 * string parsed by hand at the place it is used.
 */

const days = z.record(z.string(), z.number().int().nonnegative());

export const META = {
  /** The dataset's version: the hash of its seeds and loader (seed/load.ts), every ETag's root. */
  datasetVersion: { key: 'dataset_version', schema: z.string().min(1), json: false },
  /** The longest event of each precision, in days. */
  maxEventDaysByPrecision: { key: 'max_event_days_by_precision', schema: days, json: true },
  /**
   * The longest event of each range a date query reads: each precision's events whose sources
   * agree, and the contested ones (`contested`), in days.
   */
  maxEventDaysByRange: { key: 'max_event_days_by_range', schema: days, json: true },
  /**
   * The first and last day of every event (null in a dataset without events), and how many events
   * there are (absent in a database built by loader 3 or earlier).
   */
  eventsExtent: {
    key: 'events_extent',
    schema: z.object({
      start: z.string().nullable(),
      end: z.string().nullable(),
      events: z.number().int().nonnegative().optional(),
    }),
    json: true,
  },
} as const;

type Entry = (typeof META)[keyof typeof META];

/** The value the seed recorded under `entry`, or undefined when it recorded none. */
export function readRecorded<E extends Entry>(
  client: Database.Database,
  entry: E,
): z.output<E['schema']> | undefined {
  const value: unknown = client.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(entry.key);
  if (typeof value !== 'string') return undefined;
  return entry.schema.parse(entry.json ? JSON.parse(value) : value) as z.output<E['schema']>;
}

/** The longest event of each key of a `days` entry, as a map (empty when none was recorded). */
export function longestEvents(
  client: Database.Database,
  entry: typeof META.maxEventDaysByPrecision | typeof META.maxEventDaysByRange,
): Map<string, number> {
  return new Map(Object.entries(readRecorded(client, entry) ?? {}));
}
