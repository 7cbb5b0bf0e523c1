import { z } from 'zod';
import { INTERVALS } from '../../domain/periods.js';
import { FACETS, VOLUME_BY } from '../../domain/vocabulary.js';
import { pageParams } from '../../http/pagination.js';
import { formatParam, LIST_FORMATS } from '../../http/representations/formats.js';
import { timelineFilterParams } from './filters.js';

/** The queries of the operations over a timeline: its filters (filters.ts) and what each adds. */

const FACET_LIST = new RegExp(`^(${FACETS.join('|')})(,(${FACETS.join('|')}))*$`);

/** `/v1/events` and `/v1/actors/{id}/events`: the filters, a page, and on request facets and a total. */
export const TimelineQuerySchema = z.strictObject({
  ...timelineFilterParams,
  facets: z
    .string()
    .regex(FACET_LIST, `must be a comma-separated list of ${FACETS.join(', ')}`)
    .optional()
    .describe(
      `Counts of each value of these facets over the whole filtered list (not the page), comma-separated: ${FACETS.join(', ')}.`,
    ),
  count: z
    .enum(['exact'])
    .optional()
    .describe('`exact` adds `page.total`: how many events the whole filtered list has.'),
  ...pageParams,
  format: formatParam([...LIST_FORMATS, 'timelinejs']),
});
export type TimelineQuery = z.infer<typeof TimelineQuerySchema>;

/** `/v1/events/volume`: the filters, the interval, and what to split the counts by. */
export const VolumeQuerySchema = z.strictObject({
  ...timelineFilterParams,
  from: timelineFilterParams.from.describe(
    'Earliest date; the range widens to whole periods of `interval`. Without it, from the first matching event.',
  ),
  to: timelineFilterParams.to.describe(
    'Latest date; the range widens to whole periods of `interval`. Without it, to the last matching event.',
  ),
  interval: z.enum(INTERVALS).default('month').describe('Count per `day`, ISO `week`, `month` or `year`.'),
  by: z.enum(VOLUME_BY).optional().describe('Split each count by source, status, type or precision.'),
});
