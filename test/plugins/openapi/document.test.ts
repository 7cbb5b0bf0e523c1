import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_FILE, renderOpenApiDocument } from '../../../tools/openapi-document.js';

describe('openapi/openapi.json', () => {
  it('is what the app serves: run `npm run openapi` after changing a schema', async () => {
    expect(readFileSync(OPENAPI_FILE, 'utf8')).toBe(await renderOpenApiDocument());
  });
});
