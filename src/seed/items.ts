import { eq, getTableColumns, gt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { EVIDENCE, PARTICIPANT, QUOTE, SOURCE_DATE } from '../db/documents.js';
import type { Db } from '../db/open.js';
import { actors, eventDocuments, events, quoteDocuments } from '../db/schema.js';
import { prepareActors, prepareProfiles } from '../features/actors/projection.js';
import { ActorProfileSchema } from '../features/actors/item.js';
import { eventOf } from '../features/events/projection.js';
import { EventSchema } from '../features/events/item.js';
import { quoteOf } from '../features/quotes/projection.js';
import { QuoteSchema } from '../features/quotes/item.js';

/**
 * Items prepared once. The dataset is immutable, so each item's JSON as the API answers it is
 * rendered here, by the seed, from the item's projection (features/<r>/projection.ts), and checked
 * against its zod schema: an item that does not match fails the seed, and nothing is written. The
 * API serves the stored text (db/items.ts) and builds objects only by parsing it.
 */

interface ItemRendering<R> {
  /** What an item is, and its schema's name, for the error that fails the seed. */
  what: string;
  schemaName: string;
  schema: z.ZodType;
  /** The rows after `after` in key order, a batch at a time; none when all are read. */
  batch(after: number): R[];
  keyOf(row: R): number;
  /** The rows' items, in order. */
  toItems(rows: R[]): unknown[];
  store(key: number, json: string): void;
}

/** How many rows a renderer reads (`batch`) and renders at a time. */
const RENDER_BATCH = 1000;

/** Renders and stores every item; returns how many. Runs inside the seed's transaction. */
function renderItems<R>(rendering: ItemRendering<R>): number {
  let after = 0;
  let count = 0;
  for (let rows = rendering.batch(after); rows.length > 0; rows = rendering.batch(after)) {
    const items = rendering.toItems(rows);
    rows.forEach((row, i) => rendering.store(rendering.keyOf(row), renderChecked(rendering, items[i])));
    count += rows.length;
    after = rendering.keyOf(rows[rows.length - 1] as R);
  }
  return count;
}

/** One item's JSON as the API's serialiser would write it: checked, in the schema's key order. */
export function renderChecked(
  { what, schemaName, schema }: Pick<ItemRendering<unknown>, 'what' | 'schemaName' | 'schema'>,
  item: unknown,
): string {
  const checked = schema.safeParse(item);
  if (!checked.success) {
    const id = (item as { id?: unknown } | undefined)?.id;
    throw new Error(
      `${what} ${String(id)} does not match the ${schemaName} schema: ${z.prettifyError(checked.error)}`,
    );
  }
  return JSON.stringify(checked.data);
}

/** Renders every event's timeline item into `event_items`, from its row and its document. */
export function renderEventItems(db: Db): number {
  const batch = db
    .select({
      event: { ...getTableColumns(events), rowid: sql<number>`${events}.rowid` },
      document: getTableColumns(eventDocuments),
    })
    .from(events)
    .innerJoin(eventDocuments, eq(eventDocuments.eventRowid, sql`${events}.rowid`))
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
    keyOf: (row) => row.event.rowid,
    toItems: (rows) =>
      rows.map(({ event, document }) =>
        eventOf(event, {
          evidence: EVIDENCE.decodeAll(document.evidence),
          dates: SOURCE_DATE.decodeAll(document.dates),
          participants: PARTICIPANT.decodeAll(document.participants),
        }),
      ),
    store: (rowid, json) => insert.run(rowid, json),
  });
}

/** Renders every quote's list item into `quote_items`, from its document. */
export function renderQuoteItems(db: Db): number {
  const batch = db
    .select()
    .from(quoteDocuments)
    .where(gt(quoteDocuments.readingRank, sql.placeholder('after')))
    .orderBy(quoteDocuments.readingRank)
    .limit(RENDER_BATCH)
    .prepare();
  const insert = db.$client.prepare('INSERT INTO quote_items (reading_rank, json) VALUES (?, ?)');
  return renderItems({
    what: 'quote',
    schemaName: 'Quote',
    schema: QuoteSchema,
    batch: (after) => batch.all({ after }),
    keyOf: (row) => row.readingRank,
    toItems: (rows) => rows.map((row) => quoteOf(QUOTE.decode(row.document))),
    store: (rank, json) => insert.run(rank, json),
  });
}

/**
 * Renders every actor's profile into `actor_profiles`. Runs after the counts the profiles read are
 * derived.
 */
export function renderActorProfiles(db: Db): number {
  const batch = db
    .select({ ...getTableColumns(actors), rowid: sql<number>`${actors}.rowid` })
    .from(actors)
    .where(gt(sql`${actors}.rowid`, sql.placeholder('after')))
    .orderBy(sql`${actors}.rowid`)
    .limit(RENDER_BATCH)
    .prepare();
  const actorsOf = prepareActors(db);
  const profileOf = prepareProfiles(db);
  const insert = db.$client.prepare('INSERT INTO actor_profiles (actor_rowid, json) VALUES (?, ?)');
  return renderItems({
    what: 'actor',
    schemaName: 'ActorProfile',
    schema: ActorProfileSchema,
    batch: (after) => batch.all({ after }),
    keyOf: (row) => row.rowid,
    toItems: (rows) => actorsOf(rows).map(profileOf),
    store: (rowid, json) => insert.run(rowid, json),
  });
}
