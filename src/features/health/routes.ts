import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { META, readRecorded } from '../../db/meta.js';
import type { Db } from '../../db/open.js';
import { named } from '../../component.js';
import { HttpProblem, problems } from '../../http/problems.js';
import { NoQuerySchema } from '../../http/querystring.js';

const HealthSchema = named('Health', 'Liveness: the process is up.', z.object({ status: z.literal('ok') }));

const ReadinessSchema = named(
  'Readiness',
  'Readiness: the dataset can be read, and which version it is.',
  z.object({
    status: z.literal('ready'),
    dataset_version: z.string().describe('A content hash of the dataset.'),
  }),
);

export const healthRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/healthz',
    {
      config: { operation: 'liveness' },
      schema: {
        operationId: 'getHealth',
        tags: ['operations'],
        summary: 'Liveness',
        description: 'Answers 200 while the process runs.',
        querystring: NoQuerySchema,
        response: { 200: HealthSchema, ...problems(400) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { operation: 'readiness' },
      schema: {
        operationId: 'getReadiness',
        tags: ['operations'],
        summary: 'Readiness',
        description:
          'Answers 200 with the dataset version when the database can be read and the service is not overloaded, 503 otherwise.',
        querystring: NoQuerySchema,
        response: { 200: ReadinessSchema, ...problems(400, 503) },
      },
    },
    async () => {
      let version: string | undefined;
      try {
        version = readRecorded(db.$client, META.datasetVersion);
      } catch (error) {
        throw new HttpProblem(503, `the database cannot be read: ${(error as Error).message}`);
      }
      if (!version) throw new HttpProblem(503, 'the database has no dataset version; re-run the seed');
      return { status: 'ready' as const, dataset_version: version };
    },
  );
};
