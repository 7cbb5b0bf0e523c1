import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { paginate } from '../../http/pagination.js';
import { notFound, problems } from '../../http/problems.js';
import { IdParamsSchema, NoQuerySchema } from '../../http/querystring.js';
// The actor schemas register first: components are listed in the order they register.
import { ActorListQuerySchema, ActorListSchema, ActorProfileSchema } from './schema.js';
import type { EventRepository } from '../events/repository.js';
import { TimelineQuerySchema, timelineFilters } from '../events/query.js';
import { timelinePage } from '../events/routes.js';
import { EventListSchema } from '../events/schema.js';
import type { QuoteRepository } from '../quotes/repository.js';
import { ActorQuoteListQuerySchema, QuoteListSchema } from '../quotes/schema.js';
import type { ActorRepository } from './repository.js';

export const actorRoutes: FastifyPluginAsyncZod<{
  actors: ActorRepository;
  events: EventRepository;
  quotes: QuoteRepository;
}> = async (app, { actors, events, quotes }) => {
  app.get(
    '/v1/actors',
    {
      config: { operation: 'list' },
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
    async (request, reply) => paginate(request, reply, 'actors', actors.list, request.query),
  );

  app.get(
    '/v1/actors/:id',
    {
      config: { operation: 'item' },
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
      config: { operation: 'list' },
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
      return timelinePage(request, reply, 'actor-events', events, filters);
    },
  );

  app.get(
    '/v1/actors/:id/quotes',
    {
      config: { operation: 'list' },
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
      return paginate(request, reply, 'actor-quotes', quotes.list, { ...request.query, speaker: [id] });
    },
  );
};
