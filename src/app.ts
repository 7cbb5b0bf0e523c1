import Fastify, { type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db } from './db/open.js';
import docs from './plugins/docs.js';
import errors from './plugins/errors.js';
import { createActorRepository } from './repositories/actors.js';
import { createClaimRepository } from './repositories/claims.js';
import { createEventRepository } from './repositories/events.js';
import { createQuoteRepository } from './repositories/quotes.js';
import { createSourceRepository } from './repositories/sources.js';
import { actorRoutes } from './routes/actors.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes } from './routes/health.js';
import { normaliseRepeatableParams } from './routes/lists.js';
import { sourceRoutes } from './routes/sources.js';

export interface AppOptions {
  db: Db;
  logger?: FastifyServerOptions['logger'];
}

/** Builds the app on an open database. Reads no environment: the caller passes everything. */
export async function buildApp({ db, logger = false }: AppOptions) {
  const app = Fastify({
    logger,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: 'x-request-id',
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(errors);
  await app.register(docs);
  app.addHook('preValidation', async (request) => normaliseRepeatableParams(request));

  const claims = createClaimRepository(db);
  const quotes = createQuoteRepository(db);
  const events = createEventRepository(db, claims, quotes);
  const actors = createActorRepository(db);
  const sources = createSourceRepository(db);

  await app.register(healthRoutes, { db });
  await app.register(sourceRoutes, { sources });
  await app.register(eventRoutes, { events });
  await app.register(actorRoutes, { actors, events });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
