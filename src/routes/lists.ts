import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type CursorKey, decodeCursor, encodeCursor } from '../domain/cursor.js';
import { invalidParameter } from '../plugins/errors.js';
import type { Order, Page, PageRequest } from '../repositories/keyset.js';

/** The paging parameters every list query has (see `pageParams`). */
export interface PageQuery {
  order: Order;
  limit: number;
  cursor?: string | undefined;
}

/**
 * Runs one page of a list and answers with the envelope of SPEC §4. The cursor is checked against
 * the list and its order, so a cursor from elsewhere is a 400 rather than a wrong page.
 */
export function paginate<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  list: { name: string; shape: readonly ('string' | 'number')[]; query: PageQuery },
  run: (page: PageRequest) => Page<T>,
) {
  const { order, limit, cursor } = list.query;
  const { name, shape } = list;
  const scope = `${name}:${order}`;
  const page = run({ order, limit, after: readCursor(cursor, scope, shape) });
  return sendPage(request, reply, page, scope, limit);
}

/** The list envelope and `Link: rel="next"` header of SPEC §4. */
function sendPage<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  page: Page<T>,
  scope: string,
  limit: number,
) {
  const nextCursor = page.nextKey ? encodeCursor(scope, page.nextKey) : null;
  if (nextCursor) {
    const url = new URL(request.url, 'http://placeholder');
    url.searchParams.set('cursor', nextCursor);
    reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
  }
  return { data: page.items, page: { limit, next_cursor: nextCursor } };
}

/** Decodes `cursor` for this list, or answers 400: a cursor from another list or order is a client bug. */
function readCursor(
  cursor: string | undefined,
  scope: string,
  shape: readonly ('string' | 'number')[],
): CursorKey | undefined {
  if (cursor === undefined) return undefined;
  const key = decodeCursor(cursor, scope, shape);
  if (!key)
    throw invalidParameter(
      'cursor',
      'not a cursor of this list and order; use the next_cursor you were given',
    );
  return key;
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
export function normaliseRepeatableParams(request: FastifyRequest): void {
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
