import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { paginate } from '../../http/pagination.js';
import { notFound, problems } from '../../http/problems.js';
import { IdParamsSchema, NoQuerySchema } from '../../http/querystring.js';
import type { ClaimRepository } from './repository.js';
import { ClaimListQuerySchema, ClaimListSchema, ClaimSchema } from './schema.js';

export const claimRoutes: FastifyPluginAsyncZod<{ claims: ClaimRepository }> = async (app, { claims }) => {
  app.get(
    '/v1/claims',
    {
      config: { operation: 'list' },
      schema: {
        operationId: 'listClaims',
        tags: ['claims'],
        summary: 'List claims',
        description:
          "Each source's statements about events, by id, filtered by event, source, property and status. A contested claim lists its rivals.",
        querystring: ClaimListQuerySchema,
        response: { 200: ClaimListSchema, ...problems(400) },
      },
    },
    async (request, reply) => paginate(request, reply, 'claims', claims.list, request.query),
  );

  app.get(
    '/v1/claims/:id',
    {
      config: { operation: 'item' },
      schema: {
        operationId: 'getClaim',
        tags: ['claims'],
        summary: 'Get a claim',
        description: 'One claim with its evidence, status, and the ids of rival and supporting claims.',
        params: IdParamsSchema,
        querystring: NoQuerySchema,
        response: { 200: ClaimSchema, ...problems(400, 404) },
      },
    },
    async (request) =>
      claims.findById(request.params.id) ?? Promise.reject(notFound('claim', request.params.id)),
  );
};
