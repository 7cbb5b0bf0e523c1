import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createJsonSchemaTransform, createJsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { Repositories } from '../../features/repositories.js';
import { z } from 'zod';
import { TimelineJsSchema } from '../../features/events/timelinejs.js';
import { polishDocument } from './conventions.js';
import { documentExamples } from './examples.js';

const API_VERSION = '1.0.0';

/** Who answers for the API: the maintainers, as the repository's commits name them. */
const CONTACT = {
  name: 'Parallax maintainers',
  email: 'maintainers@users.noreply.r-seed-f92dda2a.example',
};

const TAGS = [
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

const toComponents = createJsonSchemaTransformObject({});

const MEDIA_SCHEMAS = { timelinejs: toJsonSchema(TimelineJsSchema) };

/** A zod schema as plain JSON Schema, inline (without the dialect a document does not repeat). */
function toJsonSchema(schema: z.ZodType) {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema);
  return json;
}

/**
 * The OpenAPI 3.1 document from the routes' zod schemas, finished by the conventions every
 * operation kind follows and with examples from the dataset, served at /openapi.json and in
 * Swagger UI at /docs.
 */
async function openapi(app: FastifyInstance, { repositories }: { repositories: Repositories }) {
  const examples = documentExamples(repositories);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Parallax',
        version: API_VERSION,
        contact: CONTACT,
        description:
          'A source-attributed event timeline built from news articles. Every event, claim, quote and actor points at the exact words of a source; where two outlets disagree, the API says so instead of picking one.',
      },
      // Relative, so the document works wherever the service is deployed (and in /docs).
      servers: [{ url: '/', description: 'This service' }],
      // The API is public and read-only: no operation needs credentials.
      security: [],
      tags: TAGS,
    },
    transform: createJsonSchemaTransform({ skipList: ['/docs', '/docs/*', '/openapi.json'] }),
    transformObject: (input) => polishDocument(toComponents(input), examples, MEDIA_SCHEMAS),
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { displayOperationId: true, deepLinking: true, validatorUrl: null },
    // The UI's own policy hashes its inline scripts; it also sets style attributes from script,
    // which needs 'unsafe-inline' for styles (ignored by browsers when hashes are listed). It never
    // needs the online validator, and "Try it out" must reach a service deployed on plain HTTP.
    staticCSP: true,
    transformStaticCSP: (policy) =>
      policy
        .replace(/style-src [^;]*;/, "style-src 'self' 'unsafe-inline';")
        .replace(' validator.swagger.io', '')
        .replace(' upgrade-insecure-requests;', ''),
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export default fp(openapi, { name: 'openapi', dependencies: ['operation-kinds'] });
