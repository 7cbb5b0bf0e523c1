import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { statusesOf, TRAITS } from '../http/operations.js';
import { problems } from '../http/problems.js';

/**
 * Completes each declared operation's schema from its kind, so a route states only what is its own:
 * the media types it produces, the problem responses the kind's plugins can answer (406, 500, and
 * 429 and 503 where the limits apply), and the kind itself for the OpenAPI conventions
 * (`x-operation-kind`, read and removed by plugins/openapi/conventions.ts).
 */
async function operationKinds(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    const kind = route.config?.operation;
    if (kind === undefined) return;
    const traits = TRAITS[kind];
    const schema = route.schema ?? {};
    const completed = {
      ...schema,
      ...(traits.produces ? { produces: [...traits.produces] } : {}),
      response: { ...problems(...statusesOf(traits)), ...(schema.response as object) },
      'x-operation-kind': kind,
    };
    route.schema = completed;
  });
}

export default fp(operationKinds, { name: 'operation-kinds' });
