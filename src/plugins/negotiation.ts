import accepts from '@fastify/accepts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { operationOf } from '../http/operations.js';
import { HttpProblem } from '../http/problems.js';

/**
 * 406 for an Accept header that allows nothing an operation produces (its kind says what it
 * produces); problem+json is always acceptable for errors.
 */
async function negotiation(app: FastifyInstance) {
  await app.register(accepts);
  app.addHook('onRequest', async (request) => {
    const { produces } = operationOf(request);
    if (!produces || request.headers.accept === undefined) return;
    if (request.accepts().type([...produces]) === false)
      throw new HttpProblem(
        406,
        `this operation produces ${produces.join(', ')}; the Accept header allows none of them`,
      );
  });
}

export default fp(negotiation, { name: 'negotiation', dependencies: ['errors'] });
