import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { useSeededApp } from '../helpers.js';

/**
 * Debian's Chromium, driven by playwright-core, against the seeded app listening on loopback: what
 * every browser test file shares. `.ci/run` installs Chromium; elsewhere, without it, a file is
 * skipped (`describe.skipIf(!available)`; CHROMIUM_PATH points elsewhere). In CI a missing browser
 * is a failure, not a skip.
 */

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`CI needs Chromium at ${CHROMIUM} for the browser test`);

export interface Web {
  browser: Browser;
  /** `http://127.0.0.1:<port>` of the app. */
  baseUrl: string;
}

/** The app and a browser for this file's tests, started before them and closed after. */
export function useBrowser(): Web {
  const ctx = useSeededApp();
  const web = {} as Web;
  beforeAll(async () => {
    if (!available) return;
    await ctx.app.listen({ host: '127.0.0.1', port: 0 });
    const address = ctx.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    web.baseUrl = `http://127.0.0.1:${address.port}`;
    web.browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  });
  afterAll(async () => {
    await web.browser?.close();
  });
  return web;
}
