import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound, problems } from '../../http/problems.js';
import { IdParamsSchema, ItemQuerySchema } from '../../http/querystring.js';
import { respondItem, respondList } from '../../http/representations/respond.js';
import type { ZodApp } from '../../http/zod-app.js';
// The actor schemas register first: components are listed in the order they register.
import { ActorProfileSchema } from './item.js';
import { ActorListQuerySchema, ActorListSchema } from './schema.js';
import { ACTOR_PROFILES, ACTORS } from './linked-data.js';
import type { EventRepository } from '../events/repository.js';
import { timelineFilters } from '../events/filters.js';
import { TimelineQuerySchema } from '../events/query.js';
import { timelinePage } from '../events/routes.js';
import { EventListSchema } from '../events/schema.js';
import type { QuoteRepository } from '../quotes/repository.js';
import { ActorQuoteListQuerySchema, QuoteListSchema } from '../quotes/schema.js';
import { QUOTES } from '../quotes/linked-data.js';
import type { SourceRepository } from '../sources/repository.js';
import type { ActorRepository } from './repository.js';

interface Repositories {
  actors: ActorRepository;
  events: EventRepository;
  quotes: QuoteRepository;
  sources: SourceRepository;
}

/** The actors and their profiles; each actor's timeline and quotes (below). */
export const actorRoutes: FastifyPluginAsyncZod<Repositories> = async (app, repositories) => {
  const { actors } = repositories;
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
    async (request, reply) =>
      respondList(request, reply, {
        query: request.query,
        name: 'actors',
        resource: ACTORS,
        list: actors.list,
        filters: request.query,
      }),
  );

  actorProfileRoute(app, actors);

  await app.register(actorListRoutes, repositories);
};

/** What is listed under an actor: its events (a timeline) and its quotes. */
const actorListRoutes: FastifyPluginAsyncZod<Repositories> = async (
  app,
  { actors, events, quotes, sources },
) => {
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
      return timelinePage(request, reply, {
        name: 'actor-events',
        file: `actor-${id}-events`,
        events,
        sources,
        filters,
        query: request.query,
      });
    },
  );

  actorQuotesRoute(app, { actors, quotes });
};

/** An actor's profile. */
function actorProfileRoute(app: ZodApp, actors: ActorRepository) {
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
        querystring: ItemQuerySchema,
        response: { 200: ActorProfileSchema, ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const profile = actors.findProfile(request.params.id);
      if (!profile) throw notFound('actor', request.params.id);
      return respondItem(request, reply, ACTOR_PROFILES, profile, request.query);
    },
  );
}

/** The quotes an actor spoke. */
function actorQuotesRoute(app: ZodApp, { actors, quotes }: Pick<Repositories, 'actors' | 'quotes'>) {
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
      const filters = { ...request.query, speaker: [id] };
      return respondList(request, reply, {
        query: request.query,
        name: 'actor-quotes',
        file: `actor-${id}-quotes`,
        resource: QUOTES,
        list: quotes.list,
        page: QuoteListSchema,
        filters,
      });
    },
  );
}
