import { z } from 'zod';
import { QUOTE_KINDS } from '../../domain/vocabulary.js';
import { listOf, pageParams } from '../../http/pagination.js';
import { repeatable } from '../../http/querystring.js';
import { QuoteSchema } from './item.js';

export const QuoteListSchema = listOf('Quote', QuoteSchema);

/** Quotes in every representation. */

export const QuoteListQuerySchema = z.strictObject({
  speaker: repeatable(z.string().min(1).max(200)).describe(
    'Speaker actor id; repeat for several (any of them).',
  ),
  source: z.string().min(1).max(200).optional().describe('Source id.'),
  event: z.string().min(1).max(200).optional().describe('Event id.'),
  subject: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('Actor id: quotes about this actor (see `subject`).'),
  kind: z.enum(QUOTE_KINDS).optional(),
  q: z.string().min(1).max(200).optional().describe('Full-text search in the quoted words.'),
  ...pageParams,
});
export type QuoteListQuery = z.infer<typeof QuoteListQuerySchema>;

/** `/v1/actors/{id}/quotes`: the speaker is the path's actor. */
export const ActorQuoteListQuerySchema = QuoteListQuerySchema.omit({ speaker: true });

/** What a quote list is filtered by: its query, but the paging. */
export type QuoteFilters = Omit<QuoteListQuery, 'order' | 'limit' | 'cursor'>;
