import { z } from 'zod';
import { named } from '../../component.js';

/** A source as the API serves it. */

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
