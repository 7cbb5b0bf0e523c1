import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseRangeBound } from '../domain/dates.js';
import { invalidParameter } from './problems.js';
import { fieldsParam, formatParam, ITEM_FORMATS } from './representations/formats.js';

/**
 * Query strings (SPEC §4): strict (an unknown parameter is a 400, so a typo never silently returns
 * everything), with repeatable parameters and date bounds shared by every operation.
 */

/** The query of an operation that takes none: any parameter is unknown, so a 400 (SPEC §4). */
export const NoQuerySchema = z.strictObject({});

/** The query of an item: which of its fields to keep, and its representation. */
export const ItemQuerySchema = z.strictObject({ fields: fieldsParam, format: formatParam(ITEM_FORMATS) });

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

/** The names of the parameters whose bytes were not validly percent-encoded UTF-8. */
const MALFORMED = Symbol('malformed query parameters');
type ParsedQuery = Record<string, string | string[]> & { [MALFORMED]?: string[] };

/**
 * The query string parser (Fastify's `querystringParser`): `&`-separated `name=value` pairs, `+`
 * as a space, a repeated name gathered into an array. Decoding is strict: a lenient parser turns
 * `%zz` or `%C3%28` into some other string and the request quietly matches nothing. A pair that
 * does not decode is kept raw and its name recorded, so that `rejectMalformedQuery` can answer a
 * 400 naming it (a parser cannot answer: it runs inside the router).
 */
export function parseQueryString(query: string): ParsedQuery {
  const parsed: ParsedQuery = {};
  if (query.length === 0) return parsed;
  for (const pair of query.split('&')) {
    if (pair.length === 0) continue;
    const eq = pair.indexOf('=');
    const rawName = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    const name = strictDecode(rawName);
    const value = strictDecode(rawValue);
    if (name === undefined || value === undefined) (parsed[MALFORMED] ??= []).push(name ?? rawName);
    const key = name ?? rawName;
    const decoded = value ?? rawValue;
    const previous = parsed[key];
    // An own property only: `__proto__` or `constructor` is just another (unknown) parameter.
    if (!Object.hasOwn(parsed, key))
      Object.defineProperty(parsed, key, {
        value: decoded,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else parsed[key] = Array.isArray(previous) ? [...previous, decoded] : [previous as string, decoded];
  }
  return parsed;
}

function strictDecode(text: string): string | undefined {
  const spaced = text.includes('+') ? text.replaceAll('+', ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return undefined;
  }
}

/**
 * One parameter of the query as the client sent it, before the route's schema validates it: for
 * what is decided before validation, as the representation is (plugins/negotiation.ts).
 */
export function rawQueryParam(request: FastifyRequest, name: string): string | string[] | undefined {
  return (request.query as ParsedQuery)[name];
}

/** A 400 naming the first parameter that was not validly percent-encoded UTF-8 (see parseQueryString). */
export async function rejectMalformedQuery(request: FastifyRequest): Promise<void> {
  const malformed = (request.query as ParsedQuery)[MALFORMED];
  if (malformed?.[0] !== undefined)
    throw invalidParameter(malformed[0], 'is not validly percent-encoded UTF-8');
}

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
