import type { z } from 'zod';

/**
 * Registers `schema` as the OpenAPI component `#/components/schemas/<id>`. Ids live in zod's global
 * registry, beside the `.describe()` texts, which is where the type provider reads both from.
 */
export function named<T extends z.ZodType>(id: string, description: string, schema: T): T {
  return schema.meta({ id, description });
}

/** A readable text of an array field, for the column a spreadsheet reader sees beside its JSON. */
export interface ReadableColumn {
  name: string;
  text: (value: never) => string;
}

const readableColumns = new WeakMap<z.ZodType, ReadableColumn>();

/**
 * Gives an array field a readable CSV column beside its JSON one (http/representations/csv.ts):
 * `name`, each cell `text(value)`. Returns the schema, to be used where it is declared.
 */
export function withReadableColumn<T extends z.ZodType>(
  schema: T,
  name: string,
  text: (value: z.output<T>) => string,
): T {
  readableColumns.set(schema, { name, text: text as (value: never) => string });
  return schema;
}

/** The readable column a schema was given, if any. */
export function readableColumnOf(schema: z.ZodType): ReadableColumn | undefined {
  return readableColumns.get(schema);
}
