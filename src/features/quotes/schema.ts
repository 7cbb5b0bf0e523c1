import { z } from 'zod';
import { ATTRIBUTIONS, QUOTE_KINDS } from '../../domain/vocabulary.js';
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
    speaker: ActorRefSchema.nullable().describe('Whoever the article says spoke or wrote the words.'),
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
      'The actor that relayed words a person spoke (e.g. a news agency relaying a statement).',
    ),
    subject: ActorRefSchema.nullable().describe(
      'The person the words are about, where they narrate what someone did (an agency’s words about a leader).',
    ),
    attribution: z
      .enum(ATTRIBUTIONS)
      .describe('`explicit`: the text says who spoke; `inferred`: it implies it (see `attribution_reason`).'),
    attribution_reason: z.string().nullable().describe('Why an inferred attribution is what it is.'),
  }),
);
export type Quote = z.infer<typeof QuoteSchema>;

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
