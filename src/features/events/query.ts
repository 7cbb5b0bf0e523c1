import { z } from 'zod';
import { parseRangeBound } from '../../domain/dates.js';
import { INTERVALS } from '../../domain/periods.js';
import { DATE_PRECISIONS, EVENT_STATUSES, EVENT_TYPES, FACETS } from '../../domain/vocabulary.js';
import { pageParams } from '../../http/pagination.js';
import { formatParam, LIST_FORMATS } from '../../http/representations/formats.js';
import { invalidParameter } from '../../http/problems.js';
import { dateBound, repeatable } from '../../http/querystring.js';
import { VOLUME_BY } from './volume.js';

/** What a request over the timeline asks (SPEC §4, §4.1): the filters, shared by every such operation. */

const slugParam = z.string().min(1).max(200);

/** The timeline filters of SPEC §4, shared by every operation over a timeline. */
export const timelineFilterParams = {
  from: dateBound('from'),
  to: dateBound('to'),
  date_match: z
    .enum(['overlap', 'within'])
    .default('overlap')
    .describe(
      '`overlap`: the event’s date overlaps [from, to]; `within`: it lies inside it. Where the sources’ dates of an event are contested, the event matches by any date a source gives it.',
    ),
  actor: repeatable(slugParam).describe(
    'Actor id; repeat for several (any of them, or all with actor_match=all).',
  ),
  actor_match: z.enum(['any', 'all']).default('any'),
  type: repeatable(z.enum(EVENT_TYPES)).describe('Event type; repeat for several.'),
  source: repeatable(slugParam).describe(
    'Source id; repeat for several (events any of them reports, or see source_match).',
  ),
  source_match: z
    .enum(['any', 'all', 'one'])
    .default('any')
    .describe(
      'With several `source`: `any` reports the event; `all` report it; exactly `one` of them does (what only one outlet tells).',
    ),
  precision: z
    .enum(DATE_PRECISIONS)
    .optional()
    .describe('Only events dated at this precision or finer (`month`: day, week and month).'),
  status: z.enum(EVENT_STATUSES).optional(),
  q: z.string().min(1).max(200).optional().describe('Full-text search in titles, summaries and evidence.'),
  published_from: dateBound('from').describe(
    'Only events a source published on or after this date reports (YYYY, YYYY-MM or YYYY-MM-DD).',
  ),
  published_to: dateBound('to').describe(
    'Only events a source published on or before this date reports (YYYY, YYYY-MM or YYYY-MM-DD).',
  ),
};
const FILTER_NAMES = Object.keys(timelineFilterParams) as (keyof typeof timelineFilterParams)[];

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

type FilterQuery = Pick<TimelineQuery, (typeof FILTER_NAMES)[number]>;

/**
 * What a timeline is filtered by: its query's filters under their own names, with `from` and `to`
 * resolved to days. Every operation over a timeline takes these.
 */
export type TimelineFilters = FilterQuery & {
  /** Inclusive first day, resolved from YYYY / YYYY-MM / YYYY-MM-DD (so are the bounds below). */
  from?: string | undefined;
  /** Inclusive last day. */
  to?: string | undefined;
  published_from?: string | undefined;
  published_to?: string | undefined;
  /** For an actor's own timeline: the actor must take part, whatever `actor` says. */
  requiredActor?: string | undefined;
  /**
   * Match dates by each event's own date, even where it spans contested ones: a volume counts each
   * event by the date it is shown with (features/events/volume.ts).
   */
  byOwnDate?: boolean | undefined;
};

/** The timeline filters' defaults, for a timeline asked for in code rather than over HTTP. */
export const TIMELINE_DEFAULTS = { date_match: 'overlap', actor_match: 'any', source_match: 'any' } as const;

/** A timeline query's filters, its date bounds resolved to days (a 400 when one ends before it starts). */
export function timelineFilters(query: FilterQuery): TimelineFilters {
  const filters = Object.fromEntries(FILTER_NAMES.map((name) => [name, query[name]])) as FilterQuery;
  const [from, to] = dayRange(query, 'from', 'to');
  const [publishedFrom, publishedTo] = dayRange(query, 'published_from', 'published_to');
  return { ...filters, from, to, published_from: publishedFrom, published_to: publishedTo };
}

function dayRange(query: FilterQuery, first: 'from' | 'published_from', last: 'to' | 'published_to') {
  const from = query[first] === undefined ? undefined : parseRangeBound(query[first], 'from');
  const to = query[last] === undefined ? undefined : parseRangeBound(query[last], 'to');
  if (from && to && from > to)
    throw invalidParameter(last, `"${query[last]}" is before "${first}" (${query[first]})`);
  return [from, to] as const;
}
