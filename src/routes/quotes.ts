import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound } from '../plugins/errors.js';
import { QUOTE_CURSOR_SHAPE, type QuoteRepository } from '../repositories/quotes.js';
import { IdParamsSchema, NoQuerySchema } from '../schemas/common.js';
import { QuoteListQuerySchema, QuoteListSchema, QuoteSchema } from '../schemas/quotes.js';
import { paginate } from './lists.js';
import { problems } from './responses.js';

export const quoteRoutes: FastifyPluginAsyncZod<{ quotes: QuoteRepository }> = async (app, { quotes }) => {
  app.get(
    '/v1/quotes',
    {
      schema: {
        operationId: 'listQuotes',
        tags: ['quotes'],
        summary: 'List quotes',
        description:
          'Quotes in reading order (by source, then position in the text), filtered by speaker, source, event, kind and full-text `q`.',
        querystring: QuoteListQuerySchema,
        response: { 200: QuoteListSchema, ...problems(400) },
      },
    },
    async (request, reply) => {
      const { speaker, source, event, kind, q } = request.query;
      return paginate(
        request,
        reply,
        { name: 'quotes', shape: QUOTE_CURSOR_SHAPE, query: request.query },
        (page) => quotes.list({ speakers: speaker, source, event, kind, q }, page),
      );
    },
  );

  app.get(
    '/v1/quotes/:id',
    {
      schema: {
        operationId: 'getQuote',
        tags: ['quotes'],
        summary: 'Get a quote',
        description: 'One quote with its speaker, source span and context (W3C TextQuoteSelector).',
        params: IdParamsSchema,
        querystring: NoQuerySchema,
        response: { 200: QuoteSchema, ...problems(400, 404) },
      },
    },
    async (request) =>
      quotes.findById(request.params.id) ?? Promise.reject(notFound('quote', request.params.id)),
  );
};
