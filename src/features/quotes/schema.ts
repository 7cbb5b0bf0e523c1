import { z } from 'zod';
import { QUOTE_KINDS } from '../../domain/vocabulary.js';
import { named } from '../../http/component.js';
import { listOf, pageParams } from '../../http/pagination.js';
import { repeatable } from '../../http/querystring.js';
import { ActorRefSchema } from '../components.js';

export const QuoteSchema = named(
  'Quote',
  'Words in quotation marks, verbatim, as one source printed them.',
  z.object({
    id: z.string(),
    text: z.string().describe('The exact words inside the quotation marks.'),
    speaker: ActorRefSchema.nullable(),
    speaker_description: z.string().nullable().describe('How the article names the speaker.'),
    source: z.string(),
    span: z
      .object({ start: z.number().int(), end: z.number().int() })
      .describe('Code-point offsets, end exclusive.'),
    prefix: z.string().describe('Up to 32 characters before the quote (W3C TextQuoteSelector).'),
    suffix: z.string().describe('Up to 32 characters after the quote.'),
    kind: z
      .enum(QUOTE_KINDS)
      .describe('`full`: a whole utterance; `fragment`: words lifted into a sentence.'),
    event: z.string().nullable(),
    reported_via: ActorRefSchema.nullable().describe(
      'The actor that relayed the words (e.g. a news agency).',
    ),
  }),
);
export type Quote = z.infer<typeof QuoteSchema>;

export const QuoteListSchema = listOf('Quote', QuoteSchema);

export const QuoteListQuerySchema = z.strictObject({
  speaker: repeatable(z.string().min(1).max(200)).describe(
    'Speaker actor id; repeat for several (any of them).',
  ),
  source: z.string().min(1).max(200).optional().describe('Source id.'),
  event: z.string().min(1).max(200).optional().describe('Event id.'),
  kind: z.enum(QUOTE_KINDS).optional(),
  q: z.string().min(1).max(200).optional().describe('Full-text search in the quoted words.'),
  ...pageParams,
});
export type QuoteListQuery = z.infer<typeof QuoteListQuerySchema>;

/** `/v1/actors/{id}/quotes`: the speaker is the path's actor. */
export const ActorQuoteListQuerySchema = QuoteListQuerySchema.omit({ speaker: true });

/** What a quote list is filtered by: its query, but the paging. */
export type QuoteFilters = Omit<QuoteListQuery, 'order' | 'limit' | 'cursor'>;
