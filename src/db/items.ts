import { z } from 'zod';

/**
 * Items prepared once. The dataset is immutable, so each item's JSON as the API answers it is
 * rendered by the seed, from the same code that builds the item's object, and checked against its
 * zod schema there: an item that does not match fails the seed, and nothing is written. A page is
 * then the stored text spliced together (http/representations/respond.ts), with no parse, no
 * objects, no per-request schema check and no stringify.
 */
export interface ItemRendering<R> {
  /** What an item is, and its schema's name, for the error that fails the seed. */
  what: string;
  schemaName: string;
  schema: z.ZodType;
  /** The rows after `after` in key order, a batch at a time; none when all are read. */
  batch(after: number): R[];
  keyOf(row: R): number;
  /** The rows' items, in order (the objects the API would build for them). */
  toItems(rows: R[]): unknown[];
  store(key: number, json: string): void;
}

/** How many rows a renderer reads (`batch`) and renders at a time. */
export const RENDER_BATCH = 1000;

/** Renders and stores every item; returns how many. Runs inside the seed's transaction. */
export function renderItems<R>(rendering: ItemRendering<R>): number {
  let after = 0;
  let count = 0;
  for (let rows = rendering.batch(after); rows.length > 0; rows = rendering.batch(after)) {
    const items = rendering.toItems(rows);
    rows.forEach((row, i) => rendering.store(rendering.keyOf(row), renderChecked(rendering, items[i])));
    count += rows.length;
    after = rendering.keyOf(rows[rows.length - 1] as R);
  }
  return count;
}

/** One item's JSON as the API's serialiser would write it: checked, in the schema's key order. */
export function renderChecked(
  { what, schemaName, schema }: Pick<ItemRendering<unknown>, 'what' | 'schemaName' | 'schema'>,
  item: unknown,
): string {
  const checked = schema.safeParse(item);
  if (!checked.success) {
    const id = (item as { id?: unknown } | undefined)?.id;
    throw new Error(
      `${what} ${String(id)} does not match the ${schemaName} schema: ${z.prettifyError(checked.error)}`,
    );
  }
  return JSON.stringify(checked.data);
}

/** `{…}` with the keys of the object `additions` (JSON text, `{…}` too) after its own. */
export function spliceObject(object: string, additions: string): string {
  if (!object.endsWith('}') || !additions.startsWith('{')) throw new Error('splicing needs two objects');
  if (additions === '{}') return object;
  return object === '{}' ? additions : `${object.slice(0, -1)},${additions.slice(1)}`;
}
