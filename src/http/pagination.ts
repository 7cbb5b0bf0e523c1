import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CursorKey, KeysetList, Order, Page } from '../db/keyset.js';
import { named } from '../component.js';
import { invalidParameter } from './problems.js';
import { fieldsParam, formatParam, LIST_FORMATS } from './representations/formats.js';

/**
 * Lists (SPEC §4): `{ data, page: { limit, next_cursor } }` with an RFC 8288 `Link: rel="next"`
 * header, paged by opaque keyset cursors. A cursor is the sort key of the last item of a page,
 * bound to the list and the order it came from, so it stays valid and O(page) at any depth, and a
 * cursor from elsewhere is a 400 rather than a wrong page.
 */

const limitParam = z.coerce.number().int().min(1).max(200).default(50).describe('Page size, 1 to 200.');

const cursorParam = z.string().min(1).max(512).optional().describe('The `next_cursor` of the previous page.');

const orderParam = z
  .enum(['asc', 'desc'])
  .default('asc')
  .describe('Sort direction of the list’s order; `desc` reverses it.');

/**
 * `order`, `limit` and `cursor`: the paging parameters of every list; with `fields` and `format`,
 * its representation. An export (CSV, NDJSON) streams every item after `cursor`: `limit` is a page's.
 */
export const pageParams = {
  order: orderParam,
  limit: limitParam,
  cursor: cursorParam,
  fields: fieldsParam,
  format: formatParam(LIST_FORMATS),
};

/** The paging and representation parameters every list query has, as validated (see `pageParams`). */
export type PageQuery = z.output<z.ZodObject<typeof pageParams>>;

export const PageSchema = named(
  'Page',
  'Keyset pagination state: pass `next_cursor` as `cursor` to get the next page.',
  z.object({
    limit: z.number().int(),
    next_cursor: z.string().nullable(),
  }),
);

/** `{ data: [...], page }` — the list envelope of SPEC §4, named `<Item>List`. */
export function listOf<T extends z.ZodType>(name: string, item: T) {
  return named(
    `${name}List`,
    `A page of ${name} items.`,
    z.object({ data: z.array(item), page: PageSchema }),
  );
}

/** The cursor of `key` in the list `list` read in `order`: what `next_cursor` would be. */
export function cursorFor(list: string, order: Order, key: CursorKey): string {
  return Buffer.from(JSON.stringify([`${list}:${order}`, ...key]), 'utf8').toString('base64url');
}

/** The key, or undefined when the cursor is malformed or belongs to another list or order. */
export function decodeCursor(
  cursor: string,
  list: string,
  order: Order,
  shape: readonly ('string' | 'number')[],
): CursorKey | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length + 1 || parsed[0] !== `${list}:${order}`)
    return undefined;
  const key = parsed.slice(1) as unknown[];
  return key.every((v, i) => typeof v === shape[i]) ? (key as CursorKey) : undefined;
}

/**
 * Answers one page of `list` under `filters`, from the request's `order`, `limit` and `cursor`.
 * `name` tells this list's cursors from every other's (two lists may share an order).
 */
export function paginate<F, T>(
  request: FastifyRequest,
  reply: FastifyReply,
  name: string,
  list: KeysetList<F, T>,
  filters: F,
  query: Pick<PageQuery, 'order' | 'limit' | 'cursor'>,
) {
  const { order, limit } = query;
  const after = resumeAfter(name, list, query);
  return sendPage(request, reply, list(filters, { order, limit, after }), name, order, limit);
}

/** The key the request's `cursor` resumes `list` after (undefined without one); a 400 for a foreign cursor. */
export function resumeAfter<F, T>(
  name: string,
  list: KeysetList<F, T>,
  { order, cursor }: Pick<PageQuery, 'order' | 'cursor'>,
): CursorKey | undefined {
  if (cursor === undefined) return undefined;
  const after = decodeCursor(cursor, name, order, list.key.shape);
  if (!after)
    throw invalidParameter(
      'cursor',
      'not a cursor of this list and order; use the next_cursor you were given',
    );
  return after;
}

function sendPage<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  page: Page<T>,
  name: string,
  order: Order,
  limit: number,
) {
  const nextCursor = page.nextKey ? cursorFor(name, order, page.nextKey) : null;
  if (nextCursor) {
    const url = new URL(request.url, 'http://placeholder');
    url.searchParams.set('cursor', nextCursor);
    reply.header('link', `<${url.pathname}${url.search}>; rel="next"`);
  }
  return { data: page.items, page: { limit, next_cursor: nextCursor } };
}
