import { z } from 'zod';
import { CLAIM_STATUSES } from '../../domain/vocabulary.js';
import { named } from '../../component.js';
import type { Resource } from '../../http/representations/respond.js';
import { PageSchema, pageParams } from '../../http/pagination.js';
import { MAX_REPEATS } from '../../http/querystring.js';
import { formatParam } from '../../http/representations/formats.js';
import { timelineFilterParams } from '../events/filters.js';
import { EventSchema } from '../events/item.js';
import { AspectSchema } from '../events/schema.js';

export const ComparisonSchema = named(
  'Comparison',
  'One event as the compared sources tell it: which of them report it, and every aspect they speak to with each source’s claim, its evidence and the verdict among the compared sources alone.',
  z.object({
    id: z.string().describe('The event’s id.'),
    event: EventSchema,
    reported_by: z.array(z.string()).describe('The compared sources that report the event.'),
    shared: z.boolean().describe('Whether every compared source reports it.'),
    aspects: z.array(AspectSchema),
  }),
);

/** Comparisons in every representation. */
export const COMPARISONS: Resource = { item: ComparisonSchema };

const counts = (what: string) => z.number().int().describe(what);

const VerdictCountsSchema = z.object(
  Object.fromEntries(CLAIM_STATUSES.map((s) => [s, z.number().int()])) as Record<
    (typeof CLAIM_STATUSES)[number],
    z.ZodNumber
  >,
);

export const ComparisonSummarySchema = named(
  'ComparisonSummary',
  'Over the whole filtered comparison, not the page: how many events the sources share and how many only one reports, and how the aspects of the shared events stand.',
  z.object({
    events: counts('Events any compared source reports.'),
    shared: counts('Events every compared source reports.'),
    only: z
      .array(z.object({ source: z.string(), events: z.number().int() }))
      .describe('Per compared source, the events it alone reports.'),
    aspects: VerdictCountsSchema.describe(
      'The aspects of the shared events by verdict: agreements (corroborated), compatibles, conflicts (contested), differing characterisations, and those only one source speaks to.',
    ),
    pairs: z
      .array(
        z.object({
          sources: z.array(z.string()).describe('The two sources, in the order they were given.'),
          shared: counts('Events both report.'),
          aspects: VerdictCountsSchema.describe(
            'The aspects of the events both report, judged between these two alone, by verdict.',
          ),
        }),
      )
      .describe(
        'Every pair of the compared sources, each once, in the order given: how far each two agree, as comparing only those two would count it (their agreement matrix).',
      ),
  }),
);

export const CompareResultSchema = named(
  'CompareResult',
  'What two or more sources report, side by side: a page of events in timeline order, with the summary of the whole comparison.',
  z.object({ data: z.array(ComparisonSchema), page: PageSchema, summary: ComparisonSummarySchema }),
);

export const CompareQuerySchema = z.strictObject({
  ...timelineFilterParams,
  source: z
    .array(z.string().min(1).max(200))
    .min(2, 'give two or more sources to compare')
    .max(MAX_REPEATS, `may be given at most ${MAX_REPEATS} times`)
    .refine((ids) => new Set(ids).size === ids.length, 'each source may be given once')
    .describe('The sources to compare (two or more, each once).'),
  ...pageParams,
  format: formatParam(['json', 'csv', 'ndjson']),
});
export type CompareQuery = z.infer<typeof CompareQuerySchema>;
