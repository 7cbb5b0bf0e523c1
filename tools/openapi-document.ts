import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../src/app.js';
import { openReadOnly } from '../src/db/open.js';
import { DEFAULT_SEEDS_DIR } from '../src/seed/defaults.js';
import { seed } from '../src/seed/load.js';
import { DUMPS } from '../src/features/dumps/beside.js';

export const OPENAPI_FILE = path.join(import.meta.dirname, '..', 'openapi', 'openapi.json');

/** The OpenAPI document as the app serves it, built on a freshly seeded temporary database. */
export async function renderOpenApiDocument(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'parallax-openapi-'));
  try {
    const file = path.join(dir, 'parallax.db');
    await seed(DEFAULT_SEEDS_DIR, file, { beside: DUMPS });
    const db = openReadOnly(file);
    const app = await buildApp({ db });
    await app.ready();
    const document = app.swagger();
    await app.close();
    db.$client.close();
    return `${JSON.stringify(document, null, 2)}\n`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
