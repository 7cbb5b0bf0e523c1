import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../plugins/errors.js';
import type { ActorRepository } from '../repositories/actors.js';
import { type EventRepository, TIMELINE_CURSOR_SHAPE } from '../repositories/events.js';
import { QUOTE_CURSOR_SHAPE, type QuoteRepository } from '../repositories/quotes.js';
import { ActorListQuerySchema, ActorListSchema, ActorProfileSchema } from '../schemas/actors.js';
import { IdParamsSchema } from '../schemas/common.js';
import { EventListSchema, TimelineQuerySchema } from '../schemas/events.js';
import { ActorQuoteListQuerySchema, QuoteListSchema } from '../schemas/quotes.js';
import { timelineFilters } from './events.js';
import { readCursor, sendPage } from './lists.js';
import { problems } from './responses.js';

export const actorRoutes: FastifyPluginAsyncZod<{
  actors: ActorRepository;
  events: EventRepository;
  quotes: QuoteRepository;
}> = async (app, { actors, events, quotes }) => {
  app.get(
    '/v1/actors',
    {
      schema: {
        operationId: 'listActors',
        tags: ['actors'],
        summary: 'List actors',
        description:
          'Actors by id, filtered by `q` (words of a name or alias; case-, accent- and hyphen-insensitive, the last word also as a prefix) and `kind`.',
        querystring: ActorListQuerySchema,
        response: { 200: ActorListSchema, ...problems(400) },
      },
    },
    async (request, reply) => {
      const { q, kind, limit, cursor } = request.query;
      const after = readCursor(cursor, 'actors', ['string']);
      return sendPage(
        request,
        reply,
        actors.list({ q, kind }, limit, after?.[0] as string | undefined),
        'actors',
        limit,
      );
    },
  );

  app.get(
    '/v1/actors/:id',
    {
      schema: {
        operationId: 'getActor',
        tags: ['actors'],
        summary: "Get an actor's profile",
        description:
          'The actor with its aliases, roles and relations (each with evidence), counts of events (by type) and quotes, and the dates of its first and last events.',
        params: IdParamsSchema,
        response: { 200: ActorProfileSchema, ...problems(404) },
      },
    },
    async (request) =>
      actors.findProfile(request.params.id) ?? Promise.reject(notFound('actor', request.params.id)),
  );

  app.get(
    '/v1/actors/:id/events',
    {
      schema: {
        operationId: 'listActorEvents',
        tags: ['actors', 'events'],
        summary: "List an actor's events",
        description:
          'The timeline of the events the actor takes part in, with the same filters as `/v1/events`.',
        params: IdParamsSchema,
        querystring: TimelineQuerySchema,
        response: { 200: EventListSchema, ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!actors.exists(id)) throw notFound('actor', id);
      const { order, limit, cursor } = request.query;
      const scope = `actor-events:${order}`;
      const after = readCursor(cursor, scope, TIMELINE_CURSOR_SHAPE);
      const page = events.list({ ...timelineFilters(request.query), requiredActor: id }, order, limit, after);
      return sendPage(request, reply, page, scope, limit);
    },
  );

  app.get(
    '/v1/actors/:id/quotes',
    {
      schema: {
        operationId: 'listActorQuotes',
        tags: ['actors', 'quotes'],
        summary: "List an actor's quotes",
        description:
          'The quotes the actor spoke, in reading order, with the filters of `/v1/quotes` but `speaker`.',
        params: IdParamsSchema,
        querystring: ActorQuoteListQuerySchema,
        response: { 200: QuoteListSchema, ...problems(400, 404, 406) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!actors.exists(id)) throw notFound('actor', id);
      const { limit, cursor, ...filters } = request.query;
      const after = readCursor(cursor, 'actor-quotes', QUOTE_CURSOR_SHAPE);
      const page = quotes.list({ ...filters, speakers: [id] }, limit, after);
      return sendPage(request, reply, page, 'actor-quotes', limit);
    },
  );
};
