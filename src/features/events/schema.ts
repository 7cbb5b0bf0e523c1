import { z } from 'zod';
import { parseRangeBound } from '../../domain/dates.js';
import { CLAIM_STATUSES, EVENT_TYPES, PARTICIPANT_ROLES } from '../../domain/vocabulary.js';
import { named } from '../../http/component.js';
import { listOf, pageParams } from '../../http/pagination.js';
import { invalidParameter } from '../../http/problems.js';
import { dateBound, repeatable } from '../../http/querystring.js';
import { ClaimSchema, ClaimStatusSchema } from '../claims/schema.js';
import { ActorRefSchema, DateValueSchema, SpanSchema } from '../components.js';
import { QuoteSchema } from '../quotes/schema.js';

export const EventSchema = named(
  'Event',
  'Something that happened at a time, with who took part and which sources report it.',
  z.object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    type: z.enum(EVENT_TYPES),
    date: DateValueSchema,
    location: z.string().nullable(),
    status: ClaimStatusSchema,
    participants: z.array(z.object({ actor: ActorRefSchema, role: z.enum(PARTICIPANT_ROLES) })),
    sources: z
      .array(z.object({ source: z.string(), evidence: z.array(SpanSchema) }))
      .describe('The sources that report the event, each with the words that tell it.'),
  }),
);
export type Event = z.infer<typeof EventSchema>;

export const EventDetailSchema = named(
  'EventDetail',
  'An event with its claims (rival claims side by side) and its quotes.',
  EventSchema.extend({
    claims: z.array(ClaimSchema),
    disputes: z
      .array(z.object({ property: z.string(), about: z.string().nullable(), claims: z.array(ClaimSchema) }))
      .describe('Each property the sources disagree on, with the competing claims side by side.'),
    quotes: z.array(QuoteSchema),
  }),
);
export type EventDetail = z.infer<typeof EventDetailSchema>;

export const EventListSchema = listOf('Event', EventSchema);

const slugParam = z.string().min(1).max(200);

/** The timeline filters of SPEC §4, shared by `/v1/events` and `/v1/actors/{id}/events`. */
export const TimelineQuerySchema = z.strictObject({
  from: dateBound('from'),
  to: dateBound('to'),
  date_match: z
    .enum(['overlap', 'within'])
    .default('overlap')
    .describe('`overlap`: the event interval overlaps [from, to]; `within`: it lies inside it.'),
  actor: repeatable(slugParam).describe(
    'Actor id; repeat for several (any of them, or all with actor_match=all).',
  ),
  actor_match: z.enum(['any', 'all']).default('any'),
  type: repeatable(z.enum(EVENT_TYPES)).describe('Event type; repeat for several.'),
  source: repeatable(slugParam).describe('Source id; repeat for several.'),
  status: z.enum(CLAIM_STATUSES).optional(),
  q: z.string().min(1).max(200).optional().describe('Full-text search in titles, summaries and evidence.'),
  published_from: dateBound('from').describe(
    'Only events a source published on or after this date reports (YYYY, YYYY-MM or YYYY-MM-DD).',
  ),
  published_to: dateBound('to').describe(
    'Only events a source published on or before this date reports (YYYY, YYYY-MM or YYYY-MM-DD).',
  ),
  ...pageParams,
});
export type TimelineQuery = z.infer<typeof TimelineQuerySchema>;

/**
 * What a timeline is filtered by: its query's filters under their own names, with `from` and `to`
 * resolved to days. Every operation over a timeline takes these.
 */
export type TimelineFilters = Omit<TimelineQuery, 'order' | 'limit' | 'cursor'> & {
  /** Inclusive first day, resolved from YYYY / YYYY-MM / YYYY-MM-DD (so are the bounds below). */
  from?: string | undefined;
  /** Inclusive last day. */
  to?: string | undefined;
  published_from?: string | undefined;
  published_to?: string | undefined;
  /** For an actor's own timeline: the actor must take part, whatever `actor` says. */
  requiredActor?: string | undefined;
};

/** A timeline query's filters, its date bounds resolved to days (a 400 when one ends before it starts). */
export function timelineFilters(query: TimelineQuery): TimelineFilters {
  const { order: _order, limit: _limit, cursor: _cursor, ...filters } = query;
  const [from, to] = dayRange(query, 'from', 'to');
  const [publishedFrom, publishedTo] = dayRange(query, 'published_from', 'published_to');
  return { ...filters, from, to, published_from: publishedFrom, published_to: publishedTo };
}

function dayRange(query: TimelineQuery, first: 'from' | 'published_from', last: 'to' | 'published_to') {
  const from = query[first] === undefined ? undefined : parseRangeBound(query[first], 'from');
  const to = query[last] === undefined ? undefined : parseRangeBound(query[last], 'to');
  if (from && to && from > to)
    throw invalidParameter(last, `"${query[last]}" is before "${first}" (${query[first]})`);
  return [from, to] as const;
}
