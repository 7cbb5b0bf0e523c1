import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../plugins/errors.js';
import { ACTOR_CURSOR_SHAPE, type ActorRepository } from '../repositories/actors.js';
import { type EventRepository, TIMELINE_CURSOR_SHAPE } from '../repositories/events.js';
import { QUOTE_CURSOR_SHAPE, type QuoteRepository } from '../repositories/quotes.js';
import { ActorListQuerySchema, ActorListSchema, ActorProfileSchema } from '../schemas/actors.js';
import { IdParamsSchema, NoQuerySchema } from '../schemas/common.js';
import { EventListSchema, TimelineQuerySchema } from '../schemas/events.js';
import { ActorQuoteListQuerySchema, QuoteListSchema } from '../schemas/quotes.js';
import { timelineFilters } from './events.js';
import { paginate } from './lists.js';
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
      const { q, kind } = request.query;
      return paginate(
        request,
        reply,
        { name: 'actors', shape: ACTOR_CURSOR_SHAPE, query: request.query },
        (page) => actors.list({ q, kind }, page),
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
        querystring: NoQuerySchema,
        response: { 200: ActorProfileSchema, ...problems(400, 404) },
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
      const filters = { ...timelineFilters(request.query), requiredActor: id };
      return paginate(
        request,
        reply,
        { name: 'actor-events', shape: TIMELINE_CURSOR_SHAPE, query: request.query },
        (page) => events.list(filters, page),
      );
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
        response: { 200: QuoteListSchema, ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      if (!actors.exists(id)) throw notFound('actor', id);
      const { source, event, kind, q } = request.query;
      return paginate(
        request,
        reply,
        { name: 'actor-quotes', shape: QUOTE_CURSOR_SHAPE, query: request.query },
        (page) => quotes.list({ source, event, kind, q, speakers: [id] }, page),
      );
    },
  );
};
