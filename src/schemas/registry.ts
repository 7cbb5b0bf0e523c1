import { z } from 'zod';

/**
 * The named component schemas of the OpenAPI document. A project registry rather than zod's global
 * one, so building two apps (as tests do) never registers a name twice.
 */
export const apiRegistry = z.registry<{ id: string; description?: string }>();

/** Registers `schema` as the component `#/components/schemas/<id>`. */
export function named<T extends z.ZodType>(id: string, description: string, schema: T): T {
  apiRegistry.add(schema, { id, description });
  return schema.describe(description);
}
