import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { named } from '../../component.js';
import { problems } from '../../http/problems.js';
import { NoQuerySchema } from '../../http/querystring.js';
import { CONTEXT_PATH } from '../../http/representations/jsonld.js';
import { contextDocument } from './context.js';

const JsonLdContextSchema = named(
  'JsonLdContext',
  `The JSON-LD 1.1 context of every \`application/ld+json\` answer (\`"@context": "${CONTEXT_PATH}"\`), mapping each term to schema.org, the W3C Web Annotation vocabulary (oa:), PROV-O (prov:) or the API's own vocabulary (px:, \`${CONTEXT_PATH}#<term>\`), which \`@graph\` describes.`,
  z.object({
    '@context': z.array(z.record(z.string(), z.unknown())),
    '@graph': z.array(z.object({ '@id': z.string(), '@type': z.string(), 'rdfs:comment': z.string() })),
  }),
);

/** The JSON-LD context the API's JSON-LD answers name, and the vocabulary of its own terms. */
export const linkedDataRoutes: FastifyPluginAsyncZod = async (app) => {
  const document = contextDocument();
  app.get(
    CONTEXT_PATH,
    {
      config: { operation: 'vocabulary' },
      schema: {
        operationId: 'getJsonLdContext',
        tags: ['operations'],
        summary: 'Get the JSON-LD context',
        description:
          'The context every JSON-LD answer (`Accept: application/ld+json` or `format=jsonld`) refers to, and the vocabulary of the API’s own terms. In JSON-LD, or as plain JSON to a client that accepts only that.',
        querystring: NoQuerySchema,
        response: { 200: JsonLdContextSchema, ...problems(400) },
      },
    },
    async (request, reply) => {
      const type =
        request.accepts().type(['application/ld+json', 'application/json']) || 'application/ld+json';
      return reply.serializer(JSON.stringify).type(`${type}; charset=utf-8`).send(document);
    },
  );
};

export default linkedDataRoutes;
