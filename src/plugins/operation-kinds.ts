import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { statusesOf, TRAITS } from '../http/operations.js';
import { problems } from '../http/problems.js';
import { type Column, columnsOf } from '../http/representations/csv.js';
import { formatsOf, mediaTypesOf } from '../http/representations/formats.js';

/**
 * Completes each declared operation's schema from its kind, so a route states only what is its own:
 * the media types it produces, the problem responses the kind's plugins can answer (406, 500, and
 * 429 and 503 where the limits apply), and the kind itself for the OpenAPI conventions
 * (`x-operation-kind`, read and removed by plugins/openapi/conventions.ts).
 */
async function operationKinds(app: FastifyInstance) {
  app.addHook('onRoute', (route) => {
    const kind = route.config?.operation;
    if (kind === undefined) return;
    const traits = TRAITS[kind];
    const schema = route.schema ?? {};
    const formats = formatsOf(schema.querystring);
    const produces = formats ? mediaTypesOf(formats) : traits.produces;
    const completed = {
      ...schema,
      ...(produces ? { produces: [...produces] } : {}),
      response: { ...problems(...statusesOf(traits)), ...(schema.response as object) },
      'x-operation-kind': kind,
      ...(formats
        ? {
            'x-formats': formats,
            'x-csv-columns': csvColumnsOf(schema.response).map((c) => c.name),
            'x-csv-readable': csvColumnsOf(schema.response)
              .filter((c) => c.readable !== undefined)
              .map((c) => c.name),
          }
        : {}),
    };
    route.schema = completed;
  });
}

/** The CSV columns of the items of a route's 200 answer: a list's `data`, or the item itself. */
function csvColumnsOf(response: unknown): Column[] {
  const ok = (response as Record<number, unknown> | undefined)?.[200];
  if (!(ok instanceof z.ZodObject)) return [];
  const data = (ok.shape as Record<string, unknown>).data;
  const item = data instanceof z.ZodArray ? data.element : ok;
  return item instanceof z.ZodType ? columnsOf(item) : [];
}

export default fp(operationKinds, { name: 'operation-kinds' });
