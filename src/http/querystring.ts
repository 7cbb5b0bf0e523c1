import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseRangeBound } from '../domain/dates.js';

/**
 * Query strings (SPEC §4): strict (an unknown parameter is a 400, so a typo never silently returns
 * everything), with repeatable parameters and date bounds shared by every operation.
 */

/** The query of an operation that takes none: any parameter is unknown, so a 400 (SPEC §4). */
export const NoQuerySchema = z.strictObject({});

export const IdParamsSchema = z.strictObject({
  id: z.string().min(1).max(200).describe('The resource id (a slug).'),
});

/** How many times one repeatable parameter may be given: bounds the work (and SQL) one request asks for. */
export const MAX_REPEATS = 20;

/** A repeatable query parameter (`?actor=a&actor=b`); a single value arrives as a one-item array. */
export const repeatable = <T extends z.ZodType>(item: T) =>
  z.array(item).max(MAX_REPEATS, `may be given at most ${MAX_REPEATS} times`).optional();

export const dateBound = (side: 'from' | 'to') =>
  z
    .string()
    .refine(
      (v) => parseRangeBound(v, side) !== undefined,
      'must be a real date as YYYY, YYYY-MM or YYYY-MM-DD',
    )
    .optional()
    .describe(
      side === 'from'
        ? 'Earliest date (YYYY, YYYY-MM or YYYY-MM-DD; a partial date means its first day).'
        : 'Latest date (YYYY, YYYY-MM or YYYY-MM-DD; a partial date means its last day).',
    );

const arrayKeysCache = new WeakMap<object, string[]>();

function isArraySchema(schema: unknown): boolean {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodDefault) s = s.unwrap();
  return s instanceof z.ZodArray;
}

/**
 * Repeatable parameters (`?actor=a&actor=b`) arrive as an array only when repeated; wrap a single
 * value so the schema sees one shape. Which keys repeat is read off the route's own zod schema.
 */
export async function normaliseRepeatableParams(request: FastifyRequest): Promise<void> {
  const schema = request.routeOptions.schema?.querystring;
  if (!(schema instanceof z.ZodObject)) return;
  let keys = arrayKeysCache.get(schema);
  if (!keys) {
    keys = Object.entries(schema.shape as Record<string, unknown>)
      .filter(([, field]) => isArraySchema(field))
      .map(([key]) => key);
    arrayKeysCache.set(schema, keys);
  }
  const query = request.query as Record<string, unknown>;
  for (const key of keys) if (typeof query[key] === 'string') query[key] = [query[key]];
}
