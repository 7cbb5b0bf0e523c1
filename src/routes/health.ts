import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type Db, readMeta } from '../db/open.js';
import { HttpProblem } from '../plugins/errors.js';
import { NoQuerySchema } from '../schemas/common.js';
import { named } from '../schemas/registry.js';
import { probeProblems } from './responses.js';

const HealthSchema = named('Health', 'Liveness: the process is up.', z.object({ status: z.literal('ok') }));

const ReadinessSchema = named(
  'Readiness',
  'Readiness: the dataset can be read, and which version it is.',
  z.object({
    status: z.literal('ready'),
    dataset_version: z.string().describe('A content hash of the dataset.'),
  }),
);

export function readDatasetVersion(db: Db): string | undefined {
  return readMeta(db.$client, 'dataset_version');
}

export const healthRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/healthz',
    {
      config: { noStore: true },
      schema: {
        operationId: 'getHealth',
        tags: ['operations'],
        summary: 'Liveness',
        description: 'Answers 200 while the process runs.',
        querystring: NoQuerySchema,
        response: { 200: HealthSchema, ...probeProblems(400) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { noStore: true },
      schema: {
        operationId: 'getReadiness',
        tags: ['operations'],
        summary: 'Readiness',
        description:
          'Answers 200 with the dataset version when the database can be read and the service is not overloaded, 503 otherwise.',
        querystring: NoQuerySchema,
        response: { 200: ReadinessSchema, ...probeProblems(400, 503) },
      },
    },
    async () => {
      let version: string | undefined;
      try {
        version = readDatasetVersion(db);
      } catch (error) {
        throw new HttpProblem(503, `the database cannot be read: ${(error as Error).message}`);
      }
      if (!version) throw new HttpProblem(503, 'the database has no dataset version; re-run the seed');
      return { status: 'ready' as const, dataset_version: version };
    },
  );
};
