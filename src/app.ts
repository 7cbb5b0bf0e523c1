import { statSync } from 'node:fs';
import type { Server } from 'node:http';
import Fastify, { type FastifyInstance, type FastifyServerFactory, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { META, readRecorded } from './db/meta.js';
import type { Db } from './db/open.js';
import { actorRoutes } from './features/actors/routes.js';
import { claimRoutes } from './features/claims/routes.js';
import { compareRoutes } from './features/compare/routes.js';
import { dumpRoutes } from './features/dumps/routes.js';
import { eventRoutes } from './features/events/routes.js';
import { healthRoutes } from './features/health/routes.js';
import { quoteRoutes } from './features/quotes/routes.js';
import { createRepositories } from './features/repositories.js';
import { sourceRoutes } from './features/sources/routes.js';
import { type ConnectionOptions, connectionOptions } from './http/connection.js';
import { normaliseRepeatableParams, parseQueryString, rejectMalformedQuery } from './http/querystring.js';
import compression from './plugins/compression.js';
import conditionalGet from './plugins/conditional-get.js';
import errors, { clientErrorHandler, frameworkErrorHandler } from './plugins/errors.js';
import gracefulDrain from './plugins/graceful-drain.js';
import loadShedding, { type PressureOptions } from './plugins/load-shedding.js';
import negotiation from './plugins/negotiation.js';
import openapi from './plugins/openapi/index.js';
import operationKinds from './plugins/operation-kinds.js';
import rateLimit, { type RateLimitOptions } from './plugins/rate-limit.js';
import responseCache from './plugins/response-cache.js';
import security from './plugins/security.js';
import requestId, { requestIdOf } from './plugins/request-id.js';
import metricsPlugin from './plugins/metrics.js';
import tracingPlugin from './plugins/tracing.js';
import type { Metrics } from './metrics.js';
import { traceStatements, type Tracing } from './tracing.js';

export interface AppOptions {
  db: Db;
  logger?: FastifyServerOptions['logger'];
  /** The rate limit and load shedding; each off when absent. */
  limits?: { rateLimit?: RateLimitOptions; pressure?: PressureOptions };
  /** Bound of the cache of finished responses (plugins/response-cache.ts); 0 turns it off. */
  responseCacheBytes?: number;
  /** trustProxy and the HTTP timeouts; Fastify's defaults when absent. */
  connection?: ConnectionOptions;
  /**
   * An HTTP server the app answers on without owning it (the production server's, which hands each
   * request to the app of the current dataset); the app then neither listens nor closes it.
   */
  server?: Server;
  /**
   * Called on the bare instance before anything is registered: the profiler
   * (tools/bench/phases.ts) wraps each hook, validator, handler and serialiser to time it.
   */
  observe?: (app: FastifyInstance) => void;
  /** The process's metrics (src/metrics.ts), when they are collected. */
  metrics?: Metrics;
  /** The process's tracing (src/tracing.ts), when it is on; the database's statements too. */
  tracing?: Tracing;
  /** The sites that may frame the page at /embed (plugins/page.ts); none by default, and no /embed. */
  embedFrameAncestors?: readonly string[];
}

/** When the database file was built: its modification time (the seed renames it in whole). */
function builtAtOf(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

const DEFAULT_RESPONSE_CACHE_BYTES = 64 * 2 ** 20;

/** Builds the app on an open database. Reads no environment: the caller passes everything. */
export async function buildApp({
  db,
  logger = false,
  limits = {},
  connection,
  responseCacheBytes = DEFAULT_RESPONSE_CACHE_BYTES,
  server,
  observe,
  metrics,
  tracing,
  embedFrameAncestors = [],
}: AppOptions) {
  const app = Fastify({
    logger,
    // Read by genReqId, which keeps only a well-formed id (plugins/request-id.ts).
    genReqId: requestIdOf,
    requestIdHeader: false,
    // Ids may be 200 characters (IdParamsSchema); the router's own errors become problems too.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200, querystringParser: parseQueryString },
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    ...connectionOptions(connection),
    ...(server ? { serverFactory: (() => server) satisfies FastifyServerFactory } : {}),
  }).withTypeProvider<ZodTypeProvider>();
  observe?.(app);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Before the repositories prepare their statements: each then runs in a span of its own.
  if (tracing) traceStatements(db.$client, tracing.tracer);
  const repositories = createRepositories(db);
  app.decorate('datasetVersion', readRecorded(db.$client, META.datasetVersion) ?? 'unknown');

  // Hooks run in the order their plugins are registered: an overloaded process sheds a request
  // before spending anything on it, and every request is counted before a 304 or a cache hit.
  await app.register(tracingPlugin, { tracing, datasetVersion: app.datasetVersion });
  await app.register(requestId);
  await app.register(metricsPlugin, {
    metrics,
    datasetVersion: app.datasetVersion,
    builtAt: builtAtOf(db.$client.name),
  });
  await app.register(errors);
  await app.register(security);
  // Before every route: it attaches its hook to each route as the route is added.
  await app.register(compression);
  await app.register(gracefulDrain);
  await app.register(loadShedding, { ...limits.pressure, metrics });
  await app.register(rateLimit, { ...(limits.rateLimit ?? { max: 0, timeWindow: 60_000 }), metrics });
  await app.register(negotiation);
  await app.register(conditionalGet, { datasetVersion: app.datasetVersion });
  await app.register(responseCache, { maxBytes: responseCacheBytes, metrics });
  await app.register(operationKinds);
  await app.register(openapi, { repositories });
  app.addHook('preValidation', rejectMalformedQuery);
  app.addHook('preValidation', normaliseRepeatableParams);

  await app.register(healthRoutes, { db });
  await app.register(sourceRoutes, repositories);
  await app.register(eventRoutes, repositories);
  await app.register(actorRoutes, repositories);
  await app.register(quoteRoutes, repositories);
  await app.register(claimRoutes, repositories);
  await app.register(compareRoutes, repositories);
  await app.register(dumpRoutes, { database: db.$client.name, datasetVersion: app.datasetVersion });
  await app.register(import('./features/linked-data/routes.js'));
  await app.register(import('./plugins/page.js'), { embedFrameAncestors });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
