import { and, asc, desc, type Placeholder, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteSelect } from 'drizzle-orm/sqlite-core';
import type { Bindings } from './shapes.js';

/**
 * Keyset pagination shared by every list: a page is the `limit` rows after the last key seen, in the
 * list's sort order, so any page costs the same at any depth. Each list sorts on a unique key
 * (ending in an id), which makes the order total and a cursor unambiguous.
 */

export type Order = 'asc' | 'desc';

/** The values of a list's sort key for one item, as a cursor carries them. */
export type CursorKey = (string | number)[];

/**
 * A list's order, declared once where its query lives: the columns it sorts on, the kind of each
 * value (what a cursor must hold), and how a row gives its key. Each ends in a unique column, which
 * makes the order total and a cursor unambiguous.
 */
export interface ListKey<Row> {
  readonly columns: readonly SQLiteColumn[];
  readonly shape: readonly ('string' | 'number')[];
  of(row: Row): CursorKey;
}

export function listKey<Row>(
  ...parts: [column: SQLiteColumn, of: (row: Row) => string | number][]
): ListKey<Row> {
  return {
    columns: parts.map(([column]) => column),
    shape: parts.map(([column]) => (column.dataType === 'number' ? 'number' : 'string')),
    of: (row) => parts.map(([, of]) => of(row)),
  };
}

/** A list method with the order its pages follow, so that paging over HTTP needs nothing else. */
export type KeysetList<F, T> = ((filters: F, page: PageRequest) => Page<T>) & {
  readonly key: Pick<ListKey<unknown>, 'shape'>;
};

export function keysetList<F, T>(
  key: Pick<ListKey<never>, 'shape'>,
  list: (filters: F, page: PageRequest) => Page<T>,
): KeysetList<F, T> {
  return Object.assign(list, { key });
}

export interface PageRequest {
  order: Order;
  limit: number;
  /** The sort key of the last item of the previous page. */
  after?: CursorKey | undefined;
}

export interface Page<T> {
  items: T[];
  /** Sort key of the last item when more items follow. */
  nextKey: CursorKey | undefined;
}

/** How a page resumes after the cursor's key, given as placeholders. */
export type Resume = (after: Placeholder[], order: Order) => SQL;

/**
 * The keyset part of a list query, described on `b` (see db/prepared.ts): the `ORDER BY` terms on
 * `key`, the condition that resumes after `after` (undefined on the first page), and the `LIMIT`
 * of `limit + 1` rows, the one extra telling whether another page follows. By default a page
 * resumes with a row-value comparison on `key`, which holds the cursor's values; a list that sorts
 * on another column in the same order (a quote search, by rank) says how to resume instead.
 */
export function keyset(
  key: readonly SQLiteColumn[],
  { order, after, limit }: PageRequest,
  b: Bindings,
  resume: Resume = rowValueAfter(key),
) {
  const dir = order === 'asc' ? asc : desc;
  b.flag(order);
  const values = after?.map((v, i) => b.bind(`after${i}`, v));
  const page = {
    orderBy: key.map((column) => dir(column)),
    after: values && resume(values, order),
    limit: b.bind('limit', limit + 1),
    /**
     * The page of a select (in drizzle's dynamic mode): its own conditions and the resume condition,
     * in key order, `limit + 1` rows.
     */
    of<Q extends SQLiteSelect>(query: Q, ...where: (SQL | undefined)[]) {
      return query
        .where(and(...where, page.after))
        .orderBy(...page.orderBy)
        .limit(page.limit);
    },
  };
  return page;
}

/** `(key…) > (cursor…)` ascending, `<` descending. */
function rowValueAfter(key: readonly SQLiteColumn[]): Resume {
  return (after, order) => {
    const columns = sql.join([...key], sql`, `);
    const values = sql.join(after, sql`, `);
    return order === 'asc' ? sql`(${columns}) > (${values})` : sql`(${columns}) < (${values})`;
  };
}

/** Cuts the `limit + 1` rows a list fetched into a page and the key to resume from. */
export function toPage<R, T>(rows: R[], limit: number, key: ListKey<R>, map: (rows: R[]) => T[]): Page<T> {
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  return { items: map(page), nextKey: more && last !== undefined ? key.of(last) : undefined };
}

/** A page with nothing on it, for a filter that can match nothing. */
export const EMPTY_PAGE: Page<never> = { items: [], nextKey: undefined };
