import type { z } from 'zod';

/**
 * Registers `schema` as the OpenAPI component `#/components/schemas/<id>`. Ids live in zod's global
 * registry, beside the `.describe()` texts, which is where the type provider reads both from.
 */
export function named<T extends z.ZodType>(id: string, description: string, schema: T): T {
  return schema.meta({ id, description });
}
