import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../plugins/errors.js';
import { CLAIM_CURSOR_SHAPE, type ClaimRepository } from '../repositories/claims.js';
import { ClaimListQuerySchema, ClaimListSchema, ClaimSchema } from '../schemas/claims.js';
import { IdParamsSchema, NoQuerySchema } from '../schemas/common.js';
import { paginate } from './lists.js';
import { problems } from './responses.js';

export const claimRoutes: FastifyPluginAsyncZod<{ claims: ClaimRepository }> = async (app, { claims }) => {
  app.get(
    '/v1/claims',
    {
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
    async (request, reply) => {
      const { event, source, property, status } = request.query;
      return paginate(
        request,
        reply,
        { name: 'claims', shape: CLAIM_CURSOR_SHAPE, query: request.query },
        (page) => claims.list({ event, source, property, status }, page),
      );
    },
  );

  app.get(
    '/v1/claims/:id',
    {
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
