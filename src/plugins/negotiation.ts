import accepts from '@fastify/accepts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from './errors.js';

/**
 * 406 for an Accept header that allows nothing an operation produces. Operations produce JSON
 * unless their schema says otherwise (`produces`); problem+json is always acceptable for errors.
 */
async function negotiation(app: FastifyInstance) {
  await app.register(accepts);
  app.addHook('onRequest', async (request) => {
    const schema = request.routeOptions.schema as { operationId?: string; produces?: string[] } | undefined;
    if (!schema?.operationId || request.headers.accept === undefined) return;
    const produces = schema.produces ?? ['application/json'];
    if (request.accepts().type(produces) === false)
      throw new HttpProblem(
        406,
        `this operation produces ${produces.join(', ')}; the Accept header allows none of them`,
      );
  });
}

export default fp(negotiation, { name: 'negotiation', dependencies: ['errors'] });
