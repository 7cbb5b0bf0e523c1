import { z } from 'zod';
import { SourceSchema } from './item.js';
import { listOf, pageParams } from '../../http/pagination.js';

export const SourceListSchema = listOf('Source', SourceSchema);

/** Sources in every representation. */

/**
 * Sources by id in one request: a client holding a page of events (the page, for each article's
 * outlet) looks up their sources at once. A primary-key lookup each, so more than the 20 of other
 * repeatable parameters; bounded so that the URL stays a few kilobytes.
 */
export const MAX_SOURCE_IDS = 100;

export const SourceListQuerySchema = z.strictObject({
  id: z
    .array(z.string().min(1).max(200))
    .max(MAX_SOURCE_IDS, `may be given at most ${MAX_SOURCE_IDS} times`)
    .optional()
    .describe(`Source id; repeat for several (at most ${MAX_SOURCE_IDS}): only those sources.`),
  ...pageParams,
});
export type SourceListQuery = z.infer<typeof SourceListQuerySchema>;
