import { gt, sql } from 'drizzle-orm';
import { RENDER_BATCH, renderItems } from '../../db/items.js';
import type { Db } from '../../db/open.js';
import { quoteDocuments } from '../../db/schema.js';
import { toQuote } from './repository.js';
import { QuoteSchema } from './schema.js';

/**
 * Renders every quote's list item into `quote_items` (db/items.ts), from its document through the
 * same code the API used per request; returns how many. Run inside the seed's transaction.
 */
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
    toItems: (rows) => rows.map((row) => toQuote(row.document)),
    store: (rank, json) => insert.run(rank, json),
  });
}
