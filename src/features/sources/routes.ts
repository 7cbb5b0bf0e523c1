import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { named } from '../../component.js';
import { notFound, problems } from '../../http/problems.js';
import { IdParamsSchema, ItemQuerySchema, NoQuerySchema } from '../../http/querystring.js';
import { respondItem, respondList } from '../../http/representations/respond.js';
import type { ZodApp } from '../../http/zod-app.js';
import type { SourceRepository } from './repository.js';
import { SourceSchema } from './item.js';
import { SourceListQuerySchema, SourceListSchema } from './schema.js';
import { SOURCES } from './linked-data.js';

const SourceTextSchema = named(
  'SourceText',
  'A source’s article text exactly as received; every span in the API counts Unicode code points of it, end exclusive.',
  z.string(),
);

export const sourceRoutes: FastifyPluginAsyncZod<{ sources: SourceRepository }> = async (
  app,
  { sources },
) => {
  app.get(
    '/v1/sources',
    {
      config: { operation: 'list' },
      schema: {
        operationId: 'listSources',
        tags: ['sources'],
        summary: 'List sources',
        description:
          'The articles Parallax is built from, with their metadata and counts, by id; `id` picks some of them (the outlets of a page of events in one request).',
        querystring: SourceListQuerySchema,
        response: { 200: SourceListSchema, ...problems(400) },
      },
    },
    async (request, reply) =>
      respondList(request, reply, {
        query: request.query,
        name: 'sources',
        resource: SOURCES,
        list: sources.list,
        filters: { id: request.query.id },
      }),
  );

  app.get(
    '/v1/sources/:id',
    {
      config: { operation: 'item' },
      schema: {
        operationId: 'getSource',
        tags: ['sources'],
        summary: 'Get a source',
        description: 'One article with its metadata and counts.',
        params: IdParamsSchema,
        querystring: ItemQuerySchema,
        response: { 200: SourceSchema, ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const source = sources.findById(request.params.id);
      if (!source) throw notFound('source', request.params.id);
      return respondItem(request, reply, SOURCES, source, request.query);
    },
  );

  sourceTextRoute(app, sources);
};

/** A source's text, exactly as received. */
function sourceTextRoute(app: ZodApp, sources: SourceRepository) {
  app.get(
    '/v1/sources/:id/text',
    {
      config: { operation: 'text' },
      schema: {
        operationId: 'getSourceText',
        tags: ['sources'],
        summary: 'Get the exact text of a source',
        description:
          'The article text exactly as received (`text/plain; charset=utf-8`). Every span in the API counts Unicode code points of this text, end exclusive.',
        params: IdParamsSchema,
        querystring: NoQuerySchema,
        response: { 200: SourceTextSchema, ...problems(400, 404) },
      },
    },
    async (request, reply) => {
      const text = sources.text(request.params.id);
      if (text === undefined) throw notFound('source', request.params.id);
      return reply.type('text/plain; charset=utf-8').send(text);
    },
  );
}
