import { and, eq, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { eventSearch, rowidMatches, toFtsQuery } from '../../db/fts.js';
import { actorTimeline, eventEvidence, eventParticipants, events, sources } from '../../db/schema.js';
import type { Bindings } from '../../db/shapes.js';
import { parseRangeBound, shiftDay } from '../../domain/dates.js';
import { DATE_PRECISIONS, type DatePrecision, EVENT_STATUSES, EVENT_TYPES } from '../../domain/vocabulary.js';
import { invalidParameter } from '../../http/problems.js';
import { dateBound, repeatable } from '../../http/querystring.js';
import type { TimelineColumns } from './columns.js';

/**
 * The timeline's filters (SPEC §4), declared once. Each filter is its query parameters, what it
 * answers when asked whether it narrows the timeline, and its SQL terms. The parameters of every
 * operation over a timeline, the `TimelineFilters` its handlers pass on, the terms its queries
 * AND together and the guard that lets counts the seed derived answer (features/events/aggregates.ts)
 * all come from this table, so a filter is added here and nowhere else.
 */

type Params = Record<string, z.ZodType>;
type Values<P extends Params> = z.output<z.ZodObject<P>>;

/** What a filter's terms are built on besides its own values. */
export interface FilterTermContext {
  b: Bindings;
  /** The driving table's columns (events, or actor_timeline for an actor-anchored plan). */
  c: TimelineColumns;
  /** The actor whose own timeline drives the query, if one does (timeline.ts `anchorActor`). */
  anchor?: string | undefined;
  /** The actor of `/v1/actors/{id}/events`, if this is one actor's timeline. */
  requiredActor?: string | undefined;
}

interface TimelineFilter<P extends Params> {
  params: P;
  /** The values as the queries take them (date bounds as days); a 400 where they contradict. */
  resolve?: (values: Values<P>) => Values<P>;
  /**
   * Whether the values narrow the timeline: `false` when the filter is not set (a modifier such as
   * `actor_match` alone narrows nothing), the name of the slice the seed derived counts for when
   * they select exactly one (`actor:<id>`, `type:<t>`, see aggregates.ts), else `true`.
   */
  narrows: (values: Values<P>) => boolean | string;
  /**
   * The filter's SQL terms, or `'planned'` for the date range, which the planner reads into the
   * index ranges it drives from (timeline.ts `dateConditions`, timeline-query.ts).
   */
  where: ((values: Values<P>, context: FilterTermContext) => SQL[]) | 'planned';
}

const filter = <P extends Params>(declared: TimelineFilter<P>) => declared;

const slugParam = z.string().min(1).max(200);
const given = (list: readonly unknown[] | undefined) => list !== undefined && list.length > 0;
/** A list filter's slice: one value of a derived facet (`actor:<id>`, `type:<t>`). */
const sliceFor = (facet: string, list: readonly string[] | undefined) =>
  given(list) && (list?.length === 1 ? `${facet}:${list[0]}` : true);

export const TIMELINE_FILTERS = {
  dates: filter({
    params: {
      from: dateBound('from'),
      to: dateBound('to'),
      date_match: z
        .enum(['overlap', 'within'])
        .default('overlap')
        .describe(
          '`overlap`: the event’s date overlaps [from, to]; `within`: it lies inside it. Where the sources’ dates of an event are contested, the event matches by any date a source gives it.',
        ),
    },
    resolve: (v) => ({ ...v, ...dayRange(v, 'from', 'to') }),
    narrows: (v) => v.from !== undefined || v.to !== undefined,
    where: 'planned',
  }),

  actor: filter({
    params: {
      actor: repeatable(slugParam).describe(
        'Actor id; repeat for several (any of them, or all with actor_match=all).',
      ),
      actor_match: z.enum(['any', 'all']).default('any'),
    },
    narrows: (v) => sliceFor('actor', v.actor),
    where: (v, context) => (v.actor?.length ? actorConditions(v.actor, v.actor_match, context) : []),
  }),

  type: filter({
    params: { type: repeatable(z.enum(EVENT_TYPES)).describe('Event type; repeat for several.') },
    narrows: (v) => sliceFor('type', v.type),
    where: (v, { b, c }) => (v.type?.length ? [b.anyOf(c.type, 'type', v.type)] : []),
  }),

  source: filter({
    params: {
      source: repeatable(slugParam).describe(
        'Source id; repeat for several (events any of them reports, or see source_match).',
      ),
      source_match: z
        .enum(['any', 'all', 'one'])
        .default('any')
        .describe(
          'With several `source`: `any` reports the event; `all` report it; exactly `one` of them does (what only one outlet tells).',
        ),
    },
    narrows: (v) => given(v.source),
    where: (v, { b }) => (v.source?.length ? sourceConditions(v.source, v.source_match, b) : []),
  }),

  precision: filter({
    params: {
      precision: z
        .enum(DATE_PRECISIONS)
        .optional()
        .describe('Only events dated at this precision or finer (`month`: day, week and month).'),
    },
    narrows: (v) => v.precision !== undefined,
    where: (v, { b }) =>
      v.precision ? [b.anyOf(events.precision, 'precision', atOrFiner(v.precision))] : [],
  }),

  status: filter({
    params: { status: z.enum(EVENT_STATUSES).optional() },
    narrows: (v) => v.status !== undefined,
    where: (v, { b }) => (v.status ? [eq(events.status, b.bind('status', v.status))] : []),
  }),

  q: filter({
    params: {
      q: z
        .string()
        .min(1)
        .max(200)
        .optional()
        .describe('Full-text search in titles, summaries and evidence.'),
    },
    narrows: (v) => v.q !== undefined,
    where: (v, { b }) => {
      if (v.q === undefined) return [];
      // Input without a single word ("*", "--") matches nothing rather than everything.
      const match = toFtsQuery(v.q);
      return [
        match === undefined
          ? sql`0`
          : rowidMatches(eventSearch, sql`${events}.rowid`, b.bind('match', match)),
      ];
    },
  }),

  published: filter({
    params: {
      published_from: dateBound('from').describe(
        'Only events a source published on or after this date reports (YYYY, YYYY-MM or YYYY-MM-DD).',
      ),
      published_to: dateBound('to').describe(
        'Only events a source published on or before this date reports (YYYY, YYYY-MM or YYYY-MM-DD).',
      ),
    },
    resolve: (v) => ({ ...v, ...dayRange(v, 'published_from', 'published_to') }),
    narrows: (v) => v.published_from !== undefined || v.published_to !== undefined,
    where: (v, { b }) =>
      v.published_from || v.published_to ? [publishedCondition(v.published_from, v.published_to, b)] : [],
  }),
};

type Filters = typeof TIMELINE_FILTERS;
type FilterName = keyof Filters;
type Union<K extends FilterName> = Filters[K]['params'];
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
type FilterParams = Intersection<Union<FilterName>>;

const FILTER_LIST = Object.values(TIMELINE_FILTERS) as TimelineFilter<Params>[];

/** Every timeline filter's query parameters, in the table's order (the order the document lists). */
export const timelineFilterParams = Object.assign({}, ...FILTER_LIST.map((f) => f.params)) as FilterParams;

const TimelineFiltersSchema = z.object(timelineFilterParams);

/**
 * What a timeline is filtered by: its query's filters under their own names, with date bounds
 * resolved to days. Every operation over a timeline takes these.
 */
export type TimelineFilters = z.output<typeof TimelineFiltersSchema> & {
  /** For an actor's own timeline: the actor must take part, whatever `actor` says. */
  requiredActor?: string | undefined;
  /**
   * Match dates by each event's own date, even where it spans contested ones: a volume counts each
   * event by the date it is shown with (features/events/volume.ts).
   */
  byOwnDate?: boolean | undefined;
};

/** The timeline filters' defaults, for a timeline asked for in code rather than over HTTP. */
export const TIMELINE_DEFAULTS: TimelineFilters = Object.freeze(TimelineFiltersSchema.parse({}));

/** A timeline query's filters, resolved (a 400 when a range ends before it starts). */
export function timelineFilters(query: z.output<typeof TimelineFiltersSchema>): TimelineFilters {
  const resolved: Record<string, unknown> = {};
  for (const f of FILTER_LIST) {
    const own = Object.fromEntries(
      Object.keys(f.params).map((name) => [name, (query as Record<string, unknown>)[name]]),
    );
    Object.assign(resolved, f.resolve ? f.resolve(own) : own);
  }
  return resolved as TimelineFilters;
}

/**
 * `filters` as each filter's own values: every entry reads only its own parameters, so the whole
 * object serves, with no copy per filter on every request.
 */
const valuesOf = (filters: TimelineFilters) => filters as Values<Params>;

/** The terms every filter of `filters` adds, ANDed by the caller. */
export function filterConditions(
  filters: TimelineFilters,
  b: Bindings,
  c: TimelineColumns,
  anchor?: string,
): SQL[] {
  const context = { b, c, anchor, requiredActor: filters.requiredActor };
  return FILTER_LIST.flatMap((f) => (f.where === 'planned' ? [] : f.where(valuesOf(filters), context)));
}

/**
 * The slice of the events the filters select, as facet_counts names slices: `''` for every event,
 * `actor:<id>` for one actor's (`actor=<id>` or an actor's own timeline), `type:<t>` for one
 * type's; undefined when the filters narrow in any other way.
 */
export function sliceOf(filters: TimelineFilters): string | undefined {
  const narrowing = FILTER_LIST.map((f) => f.narrows(valuesOf(filters))).filter((n) => n !== false);
  if (filters.requiredActor !== undefined) narrowing.push(`actor:${filters.requiredActor}`);
  if (narrowing.length === 0) return '';
  const [only] = narrowing;
  return narrowing.length === 1 && typeof only === 'string' ? only : undefined;
}

/** Whether the filters select every event. */
export function isUnfiltered(filters: TimelineFilters): boolean {
  return sliceOf(filters) === '';
}

function dayRange<F extends string, L extends string>(
  values: Partial<Record<F | L, string>>,
  first: F,
  last: L,
) {
  const [start, end] = [values[first], values[last]];
  const from = start === undefined ? undefined : parseRangeBound(start, 'from');
  const to = end === undefined ? undefined : parseRangeBound(end, 'to');
  if (from && to && from > to) throw invalidParameter(last, `"${end}" is before "${first}" (${start})`);
  return { [first]: from, [last]: to } as Record<F | L, string | undefined>;
}

/** The precisions at or finer than `precision`: `month` keeps day, week and month. */
export function atOrFiner(precision: DatePrecision): DatePrecision[] {
  return DATE_PRECISIONS.slice(0, DATE_PRECISIONS.indexOf(precision) + 1);
}

/**
 * Events the sources report: any of them (an index lookup per source), or, with `source_match`,
 * all of them or exactly one, counted among the event's evidence.
 */
function sourceConditions(ids: string[], match: 'any' | 'all' | 'one', b: Bindings): SQL[] {
  const reported = inArray(
    events.id,
    sql`(SELECT ${eventEvidence.eventId} FROM ${eventEvidence} WHERE ${b.anyOf(eventEvidence.sourceId, 'source', ids)})`,
  );
  const distinct = [...new Set(ids)];
  if (match === 'any' || (match === 'all' && distinct.length === 1)) return [reported];
  const reporting = sql`(SELECT count(DISTINCT ${eventEvidence.sourceId}) FROM ${eventEvidence} WHERE ${eventEvidence.eventId} = ${events.id} AND ${eventEvidence.sourceId} IN ${b.bindList('matchSources', distinct)})`;
  return [
    reported,
    match === 'all'
      ? sql`${reporting} = ${b.bind('matchSourcesCount', distinct.length)}`
      : sql`${reporting} = 1`,
  ];
}

/**
 * Events some source published in the range reports. `published` is a date or a date-time that
 * begins with its date, so the range is `from` ≤ published < the day after `to`.
 */
function publishedCondition(from: string | undefined, to: string | undefined, b: Bindings): SQL {
  const range = [
    from ? gte(sources.published, b.bind('publishedFrom', from)) : undefined,
    to ? lt(sources.published, b.bind('publishedBefore', shiftDay(to, 1))) : undefined,
  ];
  return inArray(
    events.id,
    sql`(SELECT ${eventEvidence.eventId} FROM ${eventEvidence} WHERE ${eventEvidence.sourceId} IN (SELECT ${sources.id} FROM ${sources} WHERE ${and(...range)}))`,
  );
}

function actorConditions(actors: string[], match: 'any' | 'all', context: FilterTermContext): SQL[] {
  const { b, anchor, requiredActor } = context;
  if (match === 'all') {
    // The anchor actor is the query's driving table already; each of the others must take part.
    const others = [...new Set(actors)].filter((id) => id !== anchor);
    if (others.length === 0) return [];
    return [
      sql`(SELECT count(DISTINCT ${eventParticipants.actorId}) FROM ${eventParticipants} WHERE ${eventParticipants.eventId} = ${events.id} AND ${eventParticipants.actorId} IN ${b.bindList('allActors', others)}) = ${b.bind('allActorsCount', others.length)}`,
    ];
  }
  // Any of several: the set of their events, which the planner may drive from or probe.
  if (anchor && !requiredActor) return [];
  return [
    inArray(
      events.id,
      sql`(SELECT ${actorTimeline.eventId} FROM ${actorTimeline} WHERE ${b.anyOf(actorTimeline.actorId, 'anyActor', actors)})`,
    ),
  ];
}
