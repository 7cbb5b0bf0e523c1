import { gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/open.js';
import { events } from '../../db/schema.js';
import { prepareHydration } from './hydrate.js';
import { EventSchema } from './schema.js';
import { EVENT_FIELDS, type StoredRow } from './timeline-query.js';

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

/** Timeline rows → their stored items, in order; an event without one means the seed is out of date. */
export function storedItems(rows: StoredRow[]): string[] {
  return rows.map((r) => {
    if (r.json === null) throw new Error(`event ${r.id} has no stored item: the database needs a new seed`);
    return r.json;
  });
}
