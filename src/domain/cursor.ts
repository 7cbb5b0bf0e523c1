/**
 * Opaque keyset cursors: the sort key of the last item of a page, bound to the list and ordering it
 * came from. Positional, not offset-based, so a cursor stays valid and O(page) at any depth.
 */

export type CursorKey = (string | number)[];

export function encodeCursor(scope: string, key: CursorKey): string {
  return Buffer.from(JSON.stringify([scope, ...key]), 'utf8').toString('base64url');
}

/** The key, or undefined when the cursor is malformed or belongs to another list or ordering. */
export function decodeCursor(
  cursor: string,
  scope: string,
  shape: readonly ('string' | 'number')[],
): CursorKey | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length + 1 || parsed[0] !== scope) return undefined;
  const key = parsed.slice(1) as unknown[];
  return key.every((v, i) => typeof v === shape[i]) ? (key as CursorKey) : undefined;
}
