import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound, problems } from '../../http/problems.js';
import { IdParamsSchema, ItemQuerySchema } from '../../http/querystring.js';
import { respondItem, respondList } from '../../http/representations/respond.js';
import type { Facet } from '../../domain/vocabulary.js';
import { type TimelineFilters, timelineFilters } from './filters.js';
import { type TimelineQuery, TimelineQuerySchema, VolumeQuerySchema } from './query.js';
import type { SourceRepository } from '../sources/repository.js';
import type { EventRepository } from './repository.js';
import type { ZodApp } from '../../http/zod-app.js';
import { timelineJsSerialiser } from './timelinejs.js';
import { EventDetailSchema, EventListSchema, VolumeSchema } from './schema.js';
import { EVENT_DETAILS, EVENTS } from './linked-data.js';

interface TimelineAnswer {
  /** The list's name (its cursors') and its export files'. */
  name: string;
  file?: string;
  events: EventRepository;
  sources: SourceRepository;
  filters: TimelineFilters;
  /** The request's query, as its route validated it. */
  query: TimelineQuery;
}

/**
 * A timeline, shared by `/v1/events` and `/v1/actors/{id}/events`: a page, with the facets and the
 * total of the whole filtered list when the query asks for them (`facets=`, `count=exact`), or an
 * export, TimelineJS among them.
 */
export function timelinePage(
  request: FastifyRequest,
  reply: FastifyReply,
  { name, file = name, events, sources, filters, query }: TimelineAnswer,
) {
  return respondList(request, reply, {
    name,
    file,
    resource: EVENTS,
    list: events.list,
    page: EventListSchema,
    filters,
    query,
    // Built only when asked for: a page never pays for it.
    exports: { timelinejs: () => timelineJsOf(request, sources) },
    extend: (body) => {
      const { facets, count } = query;
      const { total, ...aggregates } = events.aggregate(
        filters,
        (facets?.split(',') ?? []) as Facet[],
        count === 'exact',
      );
      return { ...body, page: { ...body.page, ...(total === undefined ? {} : { total }) }, ...aggregates };
    },
  });
}

/** The TimelineJS export of the request's timeline: titled by its filters, each source by its outlet. */
function timelineJsOf(request: FastifyRequest, sources: SourceRepository) {
  const outlets = new Map<string, string>();
  const outletOf = (id: string) => {
    let outlet = outlets.get(id);
    if (outlet === undefined) outlets.set(id, (outlet = sources.findById(id)?.outlet ?? id));
    return outlet;
  };
  const query = new URL(request.url, 'http://x').searchParams;
  query.delete('format');
  const title = `Parallax timeline${query.size > 0 ? ` (${decodeURIComponent(query.toString())})` : ''}`;
  return timelineJsSerialiser(title, outletOf);
}

export const eventRoutes: FastifyPluginAsyncZod<{
  events: EventRepository;
  sources: SourceRepository;
}> = async (app, { events, sources }) => {
  app.get(
    '/v1/events',
    {
      config: { operation: 'list' },
      schema: {
        operationId: 'listEvents',
        tags: ['events'],
        summary: 'List events (the timeline)',
        description:
          'Events sorted by date start, then end, then id. By default an event matches a date range when its interval overlaps [from, to]; `date_match=within` asks for containment. `facets=` adds counts of each value over the whole filtered list, `count=exact` its total.',
        querystring: TimelineQuerySchema,
        response: { 200: EventListSchema, ...problems(400) },
      },
    },
    async (request, reply) =>
      timelinePage(request, reply, {
        name: 'events',
        events,
        sources,
        filters: timelineFilters(request.query),
        query: request.query,
      }),
  );

  app.get(
    '/v1/events/volume',
    {
      config: { operation: 'aggregate' },
      schema: {
        operationId: 'getEventVolume',
        tags: ['events'],
        summary: 'Count events over time',
        description:
          'How much happened when: the events the timeline filters select, counted per day, ISO week, month or year, optionally split by source, status, type or precision. Precision-aware: an event whose date is coarser than the interval, or runs across two periods, is never forced into one; it is counted apart, so the total is honest.',
        querystring: VolumeQuerySchema,
        response: { 200: VolumeSchema, ...problems(400) },
      },
    },
    async (request) => {
      const { interval, by } = request.query;
      return events.volume(timelineFilters(request.query), interval, by);
    },
  );

  eventDetailRoute(app, events);
};

/** An event in detail. */
function eventDetailRoute(app: ZodApp, events: EventRepository) {
  app.get(
    '/v1/events/:id',
    {
      config: { operation: 'item' },
      schema: {
        operationId: 'getEvent',
        tags: ['events'],
        summary: 'Get an event',
        description:
          'One event with its participants, its evidence grouped by source, its date as each source gives it, its claims, the aspects two sources speak to (side by side, with their verdicts) and its quotes.',
        params: IdParamsSchema,
        querystring: ItemQuerySchema,
        response: { 200: EventDetailSchema, ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const event = events.findById(request.params.id);
      if (!event) throw notFound('event', request.params.id);
      return respondItem(request, reply, EVENT_DETAILS, event, request.query);
    },
  );
}
