import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound, problems } from '../../http/problems.js';
import { IdParamsSchema, ItemQuerySchema } from '../../http/querystring.js';
import { respondItem, respondList } from '../../http/representations/respond.js';
import type { ClaimRepository } from './repository.js';
import { ClaimSchema } from './item.js';
import { ClaimListQuerySchema, ClaimListSchema } from './schema.js';
import { CLAIMS } from './linked-data.js';

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
    async (request, reply) =>
      respondList(request, reply, {
        query: request.query,
        name: 'claims',
        resource: CLAIMS,
        list: claims.list,
        filters: request.query,
      }),
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
        querystring: ItemQuerySchema,
        response: { 200: ClaimSchema, ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const claim = claims.findById(request.params.id);
      if (!claim) throw notFound('claim', request.params.id);
      return respondItem(request, reply, CLAIMS, claim, request.query);
    },
  );
};
