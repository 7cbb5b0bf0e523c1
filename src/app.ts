import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from './db/open.js';
import caching from './plugins/caching.js';
import docs from './plugins/docs.js';
import errors, { frameworkErrorHandler } from './plugins/errors.js';
import limits, { type ConnectionOptions, connectionOptions, type LimitsOptions } from './plugins/limits.js';
import negotiation from './plugins/negotiation.js';
import type { DocumentExamples } from './plugins/openapi-polish.js';
import responseCache from './plugins/response-cache.js';
import security from './plugins/security.js';
import { type ActorRepository, createActorRepository } from './repositories/actors.js';
import { type ClaimRepository, createClaimRepository } from './repositories/claims.js';
import { createEventRepository, type EventRepository } from './repositories/events.js';
import { createQuoteRepository, type QuoteRepository } from './repositories/quotes.js';
import { createSourceRepository, type SourceRepository } from './repositories/sources.js';
import { actorRoutes } from './routes/actors.js';
import { claimRoutes } from './routes/claims.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes, readDatasetVersion } from './routes/health.js';
import { normaliseRepeatableParams } from './routes/lists.js';
import { quoteRoutes } from './routes/quotes.js';
import { sourceRoutes } from './routes/sources.js';

export interface AppOptions {
  db: Db;
  logger?: FastifyServerOptions['logger'];
  /** Rate limit and load shedding (src/plugins/limits.ts); off when absent. */
  limits?: LimitsOptions;
  /** Bound of the cache of finished responses (src/plugins/response-cache.ts); 0 turns it off. */
  responseCacheBytes?: number;
  /** trustProxy and the HTTP timeouts; Fastify's defaults when absent. */
  connection?: ConnectionOptions;
}

const DEFAULT_RESPONSE_CACHE_BYTES = 64 * 2 ** 20;

/** Builds the app on an open database. Reads no environment: the caller passes everything. */
export async function buildApp({
  db,
  logger = false,
  limits: limitOptions = {},
  connection,
  responseCacheBytes = DEFAULT_RESPONSE_CACHE_BYTES,
}: AppOptions) {
  const app = Fastify({
    logger,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: 'x-request-id',
    // Ids may be 200 characters (IdParamsSchema); the router's own errors become problems too.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    frameworkErrors: frameworkErrorHandler,
    ...connectionOptions(connection),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const claims = createClaimRepository(db);
  const quotes = createQuoteRepository(db);
  const events = createEventRepository(db, claims, quotes);
  const actors = createActorRepository(db);
  const sources = createSourceRepository(db);

  await app.register(errors);
  await app.register(security);
  await app.register(limits, limitOptions);
  await app.register(negotiation);
  await app.register(caching, { datasetVersion: readDatasetVersion(db) ?? 'unknown' });
  await app.register(responseCache, { maxBytes: responseCacheBytes });
  await app.register(docs, { examples: documentExamples({ events, actors, quotes, claims, sources }) });
  app.addHook('preValidation', async (request) => normaliseRepeatableParams(request));

  await app.register(healthRoutes, { db });
  await app.register(sourceRoutes, { sources });
  await app.register(eventRoutes, { events });
  await app.register(actorRoutes, { actors, events, quotes });
  await app.register(quoteRoutes, { quotes });
  await app.register(claimRoutes, { claims });
  return app;
}

const FIRST = { order: 'asc', limit: 1 } as const;

/** Examples for the OpenAPI document, taken from the dataset itself so they are always real. */
function documentExamples(repos: {
  events: EventRepository;
  actors: ActorRepository;
  quotes: QuoteRepository;
  claims: ClaimRepository;
  sources: SourceRepository;
}): DocumentExamples {
  const event = repos.events.list({ dateMatch: 'overlap', actorMatch: 'any', status: 'contested' }, FIRST)
    .items[0];
  const detail = event && repos.events.findById(event.id);
  const actorId = event?.participants[0]?.actor.id;
  const profile = actorId === undefined ? undefined : repos.actors.findProfile(actorId);
  const quote = repos.quotes.list({}, FIRST).items[0];
  const claim = detail?.claims[0];
  const source = repos.sources.list(FIRST).items[0];
  const components: Record<string, unknown> = {};
  const add = (name: string, value: unknown) => {
    if (value !== undefined) components[name] = value;
  };
  add('Event', event);
  add('EventDetail', detail);
  add('DateValue', event?.date);
  add('ActorProfile', profile);
  add('Quote', quote);
  add('Claim', claim);
  add('Source', source);
  const parameters: Record<string, unknown> = {
    from: '2020-06',
    to: '2020-06-30',
    ...(actorId ? { actor: [actorId], speaker: [actorId] } : {}),
    ...(source ? { source: source.id } : {}),
  };
  return { components, parameters };
}

export type App = Awaited<ReturnType<typeof buildApp>>;
