import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../plugins/errors.js';
import type { ClaimRepository } from '../repositories/claims.js';
import { ClaimListQuerySchema, ClaimListSchema, ClaimSchema } from '../schemas/claims.js';
import { IdParamsSchema } from '../schemas/common.js';
import { readCursor, sendPage } from './lists.js';
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
        response: { 200: ClaimListSchema, ...problems(400, 406) },
      },
    },
    async (request, reply) => {
      const { limit, cursor, ...filters } = request.query;
      const after = readCursor(cursor, 'claims', ['string']);
      return sendPage(
        request,
        reply,
        claims.list(filters, limit, after?.[0] as string | undefined),
        'claims',
        limit,
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
        response: { 200: ClaimSchema, ...problems(404, 406) },
      },
    },
    async (request) =>
      claims.findById(request.params.id) ?? Promise.reject(notFound('claim', request.params.id)),
  );
};
