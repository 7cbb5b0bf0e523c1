import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { invalidParameter, problems } from '../../http/problems.js';
import { respondList } from '../../http/representations/respond.js';
import { timelineFilters } from '../events/filters.js';
import type { SourceRepository } from '../sources/repository.js';
import type { CompareRepository } from './repository.js';
import { COMPARISONS, CompareQuerySchema, CompareResultSchema } from './schema.js';

export const compareRoutes: FastifyPluginAsyncZod<{
  compare: CompareRepository;
  sources: SourceRepository;
}> = async (app, { compare, sources }) => {
  app.get(
    '/v1/compare',
    {
      config: { operation: 'list' },
      schema: {
        operationId: 'compareSources',
        tags: ['claims'],
        summary: 'Compare what two or more sources report',
        description:
          'The events any of the sources reports, in timeline order and under every timeline filter, each with which of them report it and every aspect they speak to: each source’s claim, value and evidence, and the verdict among the compared sources alone (`corroborated`, `compatible`, `contested`, `differing_characterisation`). `source_match=all` keeps the events they share, `one` those only one reports. The summary counts the whole comparison.',
        querystring: CompareQuerySchema,
        response: { 200: CompareResultSchema, ...problems(400) },
      },
    },
    async (request, reply) => {
      const unknown = request.query.source.filter((id) => !sources.findById(id));
      if (unknown.length > 0)
        throw invalidParameter('source', `no source with id ${unknown.map((id) => `"${id}"`).join(', ')}`);
      const filters = { ...timelineFilters(request.query), source: request.query.source };
      return respondList(request, reply, {
        query: request.query,
        name: 'compare',
        file: `compare-${request.query.source.join('-')}`,
        resource: COMPARISONS,
        list: compare.list,
        filters,
        extend: (page) => ({ ...page, summary: compare.summary(filters) }),
      });
    },
  );
};
