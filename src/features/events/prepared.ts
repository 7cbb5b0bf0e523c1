import { gt, sql } from 'drizzle-orm';
import { RENDER_BATCH, renderItems } from '../../db/items.js';
import type { Db } from '../../db/open.js';
import { events } from '../../db/schema.js';
import { prepareHydration } from './hydrate.js';
import { EventSchema } from './schema.js';
import { EVENT_FIELDS, type StoredRow } from './timeline-query.js';

/**
 * Timeline items prepared once (db/items.ts), rendered from the same hydration the API ran per
 * request. Representations that reshape items (`fields=`, CSV, JSON-LD, TimelineJS) parse them or
 * hydrate objects.
 */

/** Renders every event's item into `event_items`; returns how many. Run inside the seed's transaction. */
export function renderEventItems(db: Db): number {
  const batch = db
    .select(EVENT_FIELDS)
    .from(events)
    .where(gt(sql`${events}.rowid`, sql.placeholder('after')))
    .orderBy(sql`${events}.rowid`)
    .limit(RENDER_BATCH)
    .prepare();
  const insert = db.$client.prepare('INSERT INTO event_items (event_rowid, json) VALUES (?, ?)');
  return renderItems({
    what: 'event',
    schemaName: 'Event',
    schema: EventSchema,
    batch: (after) => batch.all({ after }),
    keyOf: (row) => row.rowid,
    toItems: prepareHydration(db),
    store: (rowid, json) => insert.run(rowid, json),
  });
}

/** Timeline rows → their stored items, in order; an event without one means the seed is out of date. */
export function storedItems(rows: StoredRow[]): string[] {
  return rows.map((r) => {
    if (r.json === null) throw new Error(`event ${r.id} has no stored item: the database needs a new seed`);
    return r.json;
  });
}
