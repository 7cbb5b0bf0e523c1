import accepts from '@fastify/accepts';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { operationOf } from '../http/operations.js';
import { HttpProblem } from '../http/problems.js';
import { rawQueryParam } from '../http/querystring.js';
import { chooseFormat, formatsOf } from '../http/representations/formats.js';

/**
 * The representation of each answer: for a route with a `format` parameter, the format it asks
 * for or the best its Accept header allows (`request.format`); for the others, a 406 when Accept
 * allows nothing the operation's kind produces. problem+json is always acceptable for errors.
 */
async function negotiation(app: FastifyInstance) {
  await app.register(accepts);
  app.addHook('onRequest', async (request) => {
    const formats = formatsOf(request.routeOptions.schema?.querystring);
    if (formats) {
      request.format = chooseFormat(request, rawQueryParam(request, 'format'), formats);
      return;
    }
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
