import { z } from 'zod';
import { parseRangeBound } from '../../domain/dates.js';
import {
  DATE_PRECISIONS,
  EVENT_STATUSES,
  EVENT_TENSES,
  EVENT_TYPES,
  PARTICIPANT_ROLES,
} from '../../domain/vocabulary.js';
import { named } from '../../http/component.js';
import { listOf, pageParams } from '../../http/pagination.js';
import { invalidParameter } from '../../http/problems.js';
import { dateBound, repeatable } from '../../http/querystring.js';
import { ClaimSchema } from '../claims/schema.js';
import {
  ActorRefSchema,
  AttributionSchema,
  ClaimStatusSchema,
  DateValueSchema,
  SpanSchema,
} from '../components.js';
import { QuoteSchema } from '../quotes/schema.js';

export const SourceDateSchema = named(
  'SourceDate',
  "One source's date of an event, with the words that date it and how it stands beside the other sources' dates.",
  DateValueSchema.omit({ source: true }).extend({
    source: z.string().describe('Id of the source.'),
    evidence: SpanSchema.describe(
      'The words that date it: the phrase, or those an inferred date comes from.',
    ),
    status: ClaimStatusSchema,
    attributed_to: AttributionSchema.nullable(),
  }),
);

export const EventDateSchema = named(
  'EventDate',
  "An event's date. Where the sources agree, or only differ in precision, it is the narrowest date they give, which the others contain. Where they contradict each other (`status: contested`), it is no single source's: it spans every date a source gives, and a date query for any of them finds the event. `by_source` lists each source's date with its evidence.",
  DateValueSchema.extend({
    status: ClaimStatusSchema,
    by_source: z.array(SourceDateSchema),
  }),
);

export const EventStatusSchema = named(
  'EventStatus',
  '`contested`: the sources contradict each other on some aspect; `corroborated`: two or more sources report it; `single_source`: one source does.',
  z.enum(EVENT_STATUSES),
);

export const EventSchema = named(
  'Event',
  'Something that happened at a time, with who took part and which sources report it.',
  z.object({
    id: z.string(),
    title: z.string(),
    summary: z.string(),
    type: z.enum(EVENT_TYPES),
    date: EventDateSchema,
    tense: z
      .enum(EVENT_TENSES)
      .describe(
        '`reported`: it happened by its sources’ publication; `planned` or `expected`: the articles present it as ahead.',
      ),
    location: z.string().nullable(),
    status: EventStatusSchema,
    participants: z.array(z.object({ actor: ActorRefSchema, role: z.enum(PARTICIPANT_ROLES) })),
    sources: z
      .array(z.object({ source: z.string(), evidence: z.array(SpanSchema) }))
      .describe('The sources that report the event, each with the words that tell it.'),
  }),
);
export type Event = z.infer<typeof EventSchema>;

export const AspectSchema = named(
  'Aspect',
  "One aspect of an event (a property and what it is about) that two or more sources speak to, with each source's claim side by side and the verdict on the whole.",
  z.object({
    property: z.string(),
    about: z.string().nullable(),
    status: ClaimStatusSchema,
    claims: z.array(ClaimSchema),
  }),
);

export const EventDetailSchema = named(
  'EventDetail',
  'An event with its claims, the aspects that sources compare side by side, and its quotes.',
  EventSchema.extend({
    claims: z.array(ClaimSchema),
    aspects: z
      .array(AspectSchema)
      .describe(
        'Every aspect two or more sources speak to: corroborated, compatible, contested or characterised differently.',
      ),
    disputes: z
      .array(z.object({ property: z.string(), about: z.string().nullable(), claims: z.array(ClaimSchema) }))
      .describe('Each aspect the sources contradict each other on, with the competing claims side by side.'),
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

/** The timeline filters' defaults, for a timeline asked for in code rather than over HTTP. */
export const TIMELINE_DEFAULTS = { date_match: 'overlap', actor_match: 'any', source_match: 'any' } as const;

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
