import { z } from 'zod';
import { named } from '../../component.js';
import { ATTRIBUTIONS, QUOTE_KINDS } from '../../domain/vocabulary.js';
import { ActorRefSchema } from '../components.js';

/** A quote as the API serves it, and as the seed stores it (src/seed/items.ts). */

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
