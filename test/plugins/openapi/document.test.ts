import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_FILE, renderOpenApiDocument } from '../../../tools/openapi-document.js';

describe('openapi/openapi.json', () => {
  it('is what the app serves: run `npm run openapi` after changing a schema', async () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(await renderOpenApiDocument());
  });
});

describe('every operation', () => {
  it('names the schema of its answer as a component, as an SDK names its type', () => {
    const doc = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as {
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, Response> }>>;
    };
    const inline: string[] = [];
    for (const item of Object.values(doc.paths))
      for (const op of Object.values(item)) {
        // The first media type is the operation's own answer (JSON where it has one); the other
        // representations are described beside it.
        const [first] = Object.entries(op.responses['200']?.content ?? {});
        if (!first?.[1].schema?.$ref) inline.push(`${op.operationId} (${first?.[0] ?? 'no content'})`);
      }
    expect(inline).toEqual([]);
  });
});

interface Response {
  content?: Record<string, { schema?: { $ref?: string } }>;
}
