import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type TestContext, useSeededApp } from '../helpers.js';

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

/**
 * The app and a browser for this file's tests, started before them and closed after: the app of
 * the seeds unless another is given (filled in by its own beforeAll, registered before this one).
 */
export function useBrowser(ctx: TestContext = useSeededApp()): Web {
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

/** How long a page may take to show something: generous, for Chromium on a busy 2-core machine. */
export const WAIT = { timeout: 20_000 };

const AXE = readFileSync(path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

declare const window: { axe: { run(): Promise<{ violations: Violation[] }> } };
interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: unknown[] }[];
}

export interface Opened {
  page: Page;
  /** Console errors, uncaught exceptions and failed requests (but cancelled ones), as they happen. */
  problems: string[];
  /** The paths and queries of the API requests the page made, in order. */
  requests: string[];
}

/** Opens pages of `web`'s app: at `url`, once its timeline is drawn; `reducedMotion` as the person's setting. */
export function opener(web: Web) {
  return async function open(
    url = '/',
    viewport = { width: 1280, height: 800 },
    reducedMotion: 'reduce' | 'no-preference' = 'no-preference',
  ): Promise<Opened> {
    const page = await web.browser.newPage({ viewport, reducedMotion });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    const requests: string[] = [];
    page.on('request', (request) => {
      const { pathname, search } = new URL(request.url());
      if (pathname.startsWith('/v1/')) requests.push(`${pathname}${search}`);
    });
    page.on('requestfailed', (request) => {
      // The page cancels a request that a newer view has made useless; anything else is a problem.
      const error = request.failure()?.errorText;
      if (error !== 'net::ERR_ABORTED') problems.push(`${request.url()}: ${error}`);
    });
    await page.goto(`${web.baseUrl}${url}`);
    await drawn(page, 1);
    return { page, problems, requests };
  };
}

/** Waits until the timeline has been drawn `times` times since the page loaded. */
export async function drawn(page: Page, times: number): Promise<void> {
  await page.waitForFunction(
    (n) => performance.getEntriesByName('parallax:timeline-drawn').length >= n,
    times,
    WAIT,
  );
}

/** axe-core's violations on the page as it is now, of any impact (minor ones too). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => (await window.axe.run()).violations);
  return violations.map(
    (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
  );
}
