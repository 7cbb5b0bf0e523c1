import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { notFound, problems } from '../../http/problems.js';
import { IdParamsSchema, ItemQuerySchema } from '../../http/querystring.js';
import { respondItem, respondList } from '../../http/representations/respond.js';
import type { QuoteRepository } from './repository.js';
import { QuoteSchema } from './item.js';
import { QuoteListQuerySchema, QuoteListSchema } from './schema.js';
import { QUOTES } from './linked-data.js';

export const quoteRoutes: FastifyPluginAsyncZod<{ quotes: QuoteRepository }> = async (app, { quotes }) => {
  app.get(
    '/v1/quotes',
    {
      config: { operation: 'list' },
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
    async (request, reply) =>
      respondList(request, reply, {
        query: request.query,
        name: 'quotes',
        resource: QUOTES,
        list: quotes.list,
        page: QuoteListSchema,
        filters: request.query,
      }),
  );

  app.get(
    '/v1/quotes/:id',
    {
      config: { operation: 'item' },
      schema: {
        operationId: 'getQuote',
        tags: ['quotes'],
        summary: 'Get a quote',
        description: 'One quote with its speaker, source span and context (W3C TextQuoteSelector).',
        params: IdParamsSchema,
        querystring: ItemQuerySchema,
        response: { 200: QuoteSchema, ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const quote = quotes.findById(request.params.id);
      if (!quote) throw notFound('quote', request.params.id);
      return respondItem(request, reply, QUOTES, quote, request.query);
    },
  );
};
