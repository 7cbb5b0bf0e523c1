import { z } from 'zod';
import { named } from '../../http/component.js';
import { listOf, pageParams } from '../../http/pagination.js';

export const SourceSchema = named(
  'Source',
  'One article, with its metadata. Its exact text is at `/v1/sources/{id}/text`.',
  z.object({
    id: z.string(),
    title: z.string(),
    outlet: z.string(),
    authors: z.array(z.string()),
    published: z.string().describe('Publication date (ISO 8601).'),
    timezone: z.string().describe('IANA time zone in which relative dates are resolved.'),
    dateline: z.string().nullable(),
    language: z.string(),
    url: z.string().nullable(),
    counts: z.object({
      events: z.number().int(),
      actors: z.number().int(),
      claims: z.number().int(),
      quotes: z.number().int(),
      characters: z.number().int().describe('Length of the text in Unicode code points.'),
    }),
  }),
);
export type Source = z.infer<typeof SourceSchema>;

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
