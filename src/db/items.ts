/**
 * Items as the seed stored them (src/seed/items.ts): each one's JSON text exactly as the API
 * answers it, checked against its schema when it was rendered. A page is the stored text spliced
 * together (http/representations/respond.ts), with no parse, no objects, no per-request schema
 * check and no stringify; a representation that reshapes items parses them.
 */

declare const item: unique symbol;

/** The stored JSON text of an item of type `T`. */
export type Stored<T> = string & { readonly [item]?: T };

/** The item a stored text holds. */
export function parseStored<T>(json: Stored<T>): T {
  return JSON.parse(json) as T;
}

/** `{…}` with the keys of the object `additions` (JSON text, `{…}` too) after its own. */
export function spliceObject(object: string, additions: string): string {
  if (!object.endsWith('}') || !additions.startsWith('{')) throw new Error('splicing needs two objects');
  if (additions === '{}') return object;
  return object === '{}' ? additions : `${object.slice(0, -1)},${additions.slice(1)}`;
}
