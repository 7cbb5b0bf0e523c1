import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The page's scripts are plain JavaScript the browser runs as it is, type-checked from their JSDoc
 * by their own tsconfig (browser globals, not Node's). The types they give the API's answers
 * (page/api-types.d.ts) must be what the OpenAPI document says: the document's types, generated
 * here, must be assignable to them.
 */

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
const dir = mkdtempSync(path.join(tmpdir(), 'parallax-page-types-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** tsc's report on a project: empty when it type-checks. */
async function tsc(project: string): Promise<string> {
  const result = await run(process.execPath, [TSC, '-p', project]).catch(
    (error: { stdout: string }) => error,
  );
  return result.stdout;
}

describe('the page’s scripts', () => {
  it('type-check strictly against the DOM and d3', async () => {
    expect(await tsc(path.join(ROOT, 'page/tsconfig.json'))).toBe('');
  });

  it('read the API by the shapes of the OpenAPI document', async () => {
    const ast = await openapiTS(new URL(`file://${path.join(ROOT, 'openapi/openapi.json')}`));
    writeFileSync(path.join(dir, 'openapi.d.ts'), astToString(ast));
    const page = path.join(ROOT, 'page/api-types.js');
    writeFileSync(
      path.join(dir, 'compat.ts'),
      `import type { components } from './openapi.js';
import type * as Page from ${JSON.stringify(page)};
type S = components['schemas'];
type Assignable<T extends U, U> = [T, U];
export type Checks = [
  Assignable<S['Event'], Page.Event>,
  Assignable<S['EventDetail'], Page.EventDetail>,
  Assignable<S['EventList'], Page.EventList>,
  Assignable<S['Volume'], Page.Volume>,
  Assignable<S['ActorProfile'], Page.ActorProfile>,
  Assignable<S['ActorList'], Page.List<Page.Actor>>,
  Assignable<S['QuoteList'], Page.List<Page.Quote>>,
  Assignable<S['Source'], Page.Source>,
];
`,
    );
    writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          skipLibCheck: true,
          types: [],
        },
        files: ['compat.ts'],
      }),
    );
    expect(await tsc(path.join(dir, 'tsconfig.json'))).toBe('');
  });
});
