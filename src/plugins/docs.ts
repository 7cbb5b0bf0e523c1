import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { type DocumentExamples, polishDocument } from './openapi-polish.js';

export const API_VERSION = '1.0.0';

export const TAGS = [
  {
    name: 'events',
    description: 'The timeline: what happened, when, who took part, and which sources say so.',
  },
  { name: 'actors', description: 'People, organisations, states, bodies, armed forces, outlets and groups.' },
  { name: 'quotes', description: 'Words in quotation marks, verbatim, with their speaker and source.' },
  { name: 'claims', description: "Each source's statements about an event, and where sources disagree." },
  { name: 'sources', description: 'The articles, their metadata and their exact texts.' },
  { name: 'operations', description: 'Health, readiness and the API description.' },
];

/** The OpenAPI 3.1 document from the routes' zod schemas, served at /openapi.json and /docs. */
const toComponents = createJsonSchemaTransformObject({});

async function docs(app: FastifyInstance, { examples }: { examples: DocumentExamples }) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Parallax',
        version: API_VERSION,
        description:
          'A source-attributed event timeline built from news articles. Every event, claim, quote and actor points at the exact words of a source; where two outlets disagree, the API says so instead of picking one.',
        license: { name: 'UNLICENSED' },
      },
      tags: TAGS,
    },
    transform: createJsonSchemaTransform({ skipList: ['/docs', '/docs/*', '/openapi.json'] }),
    transformObject: (input) => polishDocument(toComponents(input), examples),
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { displayOperationId: true, deepLinking: true },
    staticCSP: true,
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export default fp(docs, { name: 'docs' });
