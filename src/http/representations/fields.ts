import { invalidParameter } from '../problems.js';

/**
 * `fields=`: the top-level fields of each item a client keeps, in any representation. Checked
 * against the item's own fields, so a typo is a 400 naming it rather than a silently empty column.
 */

/** The fields asked for, in the item's own order; undefined for every field. */
export function selectedFields(param: string | undefined, fields: readonly string[]): string[] | undefined {
  if (param === undefined) return undefined;
  const asked = new Set(param.split(','));
  const unknown = [...asked].filter((f) => !fields.includes(f));
  if (unknown.length > 0)
    throw invalidParameter(
      'fields',
      `no field ${unknown.map((f) => `"${f}"`).join(', ')}; the fields are ${fields.join(', ')}`,
    );
  return fields.filter((f) => asked.has(f));
}

/** The item with only `fields` (all of it when undefined). */
export function project<T extends object>(item: T, fields: readonly string[] | undefined): Partial<T> {
  if (fields === undefined) return item;
  const kept: Record<string, unknown> = {};
  for (const field of fields) if (field in item) kept[field] = (item as Record<string, unknown>)[field];
  return kept as Partial<T>;
}
