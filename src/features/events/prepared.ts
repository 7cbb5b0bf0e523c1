import { gt, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/open.js';
import { eventItems, events } from '../../db/schema.js';
import { jsonList } from '../../db/shapes.js';
import { type EventRow, perRow, prepareHydration } from './hydrate.js';
import { EventSchema } from './schema.js';
import { EVENT_FIELDS } from './timeline-query.js';

/**
 * Timeline items prepared once. The dataset is immutable, so each event's JSON as the API answers
 * it is rendered by the seed, from the same hydration the API used to run per request, and checked
 * against its zod schema there: an item that does not match fails the seed. A page of the timeline
 * (and its NDJSON export) is then the stored text spliced together, with no parse, no objects, no
 * per-request schema check and no stringify. Representations that reshape items (`fields=`, CSV,
 * JSON-LD, TimelineJS) still hydrate objects.
 */

const BATCH = 1000;

/** Renders every event's item into `event_items`; returns how many. Run inside the seed's transaction. */
export function renderEventItems(db: Db): number {
  const hydrate = prepareHydration(db);
  const batch = db
    .select(EVENT_FIELDS)
    .from(events)
    .where(gt(sql`${events}.rowid`, sql.placeholder('after')))
    .orderBy(sql`${events}.rowid`)
    .limit(BATCH)
    .prepare();
  const insert = db.$client.prepare('INSERT INTO event_items (event_rowid, json) VALUES (?, ?)');
  let after = 0;
  let count = 0;
  for (let rows = batch.all({ after }); rows.length > 0; rows = batch.all({ after })) {
    hydrate(rows).forEach((item, i) => insert.run(rows[i]?.rowid, renderItem(item)));
    count += rows.length;
    after = rows[rows.length - 1]?.rowid ?? after;
  }
  return count;
}

/** One item's JSON as the API's serialiser would write it: checked, in the schema's key order. */
export function renderItem(item: unknown): string {
  const checked = EventSchema.safeParse(item);
  if (!checked.success) {
    const id = (item as { id?: unknown }).id;
    throw new Error(`event ${String(id)} does not match the Event schema: ${z.prettifyError(checked.error)}`);
  }
  return JSON.stringify(checked.data);
}

/** Rows of the timeline → their stored items, in the rows' order (one lookup for the page). */
export function prepareStoredItems(db: Db): (rows: EventRow[]) => string[] {
  const itemsOf = db
    .select()
    .from(eventItems)
    .where(inArray(eventItems.eventRowid, jsonList(sql.placeholder('rowids'))))
    .prepare();
  const storedFor = perRow(itemsOf, 'stored item');
  return (rows) => storedFor(rows).map(([, item]) => item.json);
}
