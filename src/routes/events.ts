import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { parseRangeBound } from '../domain/dates.js';
import { invalidParameter, notFound } from '../plugins/errors.js';
import { type EventRepository, TIMELINE_CURSOR_SHAPE, type TimelineFilters } from '../repositories/events.js';
import { IdParamsSchema, NoQuerySchema } from '../schemas/common.js';
import {
  EventDetailSchema,
  EventListSchema,
  type TimelineQuery,
  TimelineQuerySchema,
} from '../schemas/events.js';
import { paginate } from './lists.js';
import { problems } from './responses.js';

/** Query → repository filters; shared with the actor timeline. */
export function timelineFilters(query: TimelineQuery): TimelineFilters {
  const from = query.from === undefined ? undefined : parseRangeBound(query.from, 'from');
  const to = query.to === undefined ? undefined : parseRangeBound(query.to, 'to');
  if (from && to && from > to) throw invalidParameter('to', `"${query.to}" is before "from" (${query.from})`);
  return {
    from,
    to,
    dateMatch: query.date_match,
    actors: query.actor,
    actorMatch: query.actor_match,
    types: query.type,
    sources: query.source,
    status: query.status,
    q: query.q,
  };
}

export const eventRoutes: FastifyPluginAsyncZod<{ events: EventRepository }> = async (app, { events }) => {
  app.get(
    '/v1/events',
    {
      schema: {
        operationId: 'listEvents',
        tags: ['events'],
        summary: 'List events (the timeline)',
        description:
          'Events sorted by date start, then end, then id. By default an event matches a date range when its interval overlaps [from, to]; `date_match=within` asks for containment.',
        querystring: TimelineQuerySchema,
        response: { 200: EventListSchema, ...problems(400) },
      },
    },
    async (request, reply) => {
      const filters = timelineFilters(request.query);
      return paginate(
        request,
        reply,
        { name: 'events', shape: TIMELINE_CURSOR_SHAPE, query: request.query },
        (page) => events.list(filters, page),
      );
    },
  );

  app.get(
    '/v1/events/:id',
    {
      schema: {
        operationId: 'getEvent',
        tags: ['events'],
        summary: 'Get an event',
        description:
          'One event with its participants, its evidence grouped by source, its claims (contested ones side by side under `disputes`) and its quotes.',
        params: IdParamsSchema,
        querystring: NoQuerySchema,
        response: { 200: EventDetailSchema, ...problems(400, 404) },
      },
    },
    async (request) =>
      events.findById(request.params.id) ?? Promise.reject(notFound('event', request.params.id)),
  );
};
