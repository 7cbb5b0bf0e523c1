import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { paginate } from '../../http/pagination.js';
import { notFound, problems } from '../../http/problems.js';
import { IdParamsSchema, NoQuerySchema } from '../../http/querystring.js';
import type { EventRepository } from './repository.js';
import { EventDetailSchema, EventListSchema, TimelineQuerySchema, timelineFilters } from './schema.js';

export const eventRoutes: FastifyPluginAsyncZod<{ events: EventRepository }> = async (app, { events }) => {
  app.get(
    '/v1/events',
    {
      config: { operation: 'list' },
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
    async (request, reply) => paginate(request, reply, 'events', events.list, timelineFilters(request.query)),
  );

  app.get(
    '/v1/events/:id',
    {
      config: { operation: 'item' },
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
