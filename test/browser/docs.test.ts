import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../helpers.js';

/**
 * The interactive docs in a real browser: Debian's Chromium driven by playwright-core. `.ci/run`
 * installs Chromium; elsewhere, without it, this file is skipped (CHROMIUM_PATH points elsewhere).
 * In CI a missing browser is a failure, not a skip.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`CI needs Chromium at ${CHROMIUM} for the browser test`);

const ctx = useSeededApp();
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  if (!available) return;
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  const address = ctx.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  baseUrl = `http://127.0.0.1:${address.port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
});

describe.skipIf(!available)('/docs in headless Chromium', () => {
  it('lists every operation of the document and runs “Try it out” on /v1/events', async () => {
    const doc = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const operationIds = Object.values(doc.paths).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    );

    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(`${baseUrl}/docs`);
    await page.locator('.opblock').first().waitFor();
    const shown = await page.locator('.opblock .opblock-summary-operation-id').allTextContents();
    // An operation under two tags is listed under both.
    expect(new Set(shown.map((s) => s.trim()))).toEqual(new Set(operationIds));

    const events = page.locator('#operations-events-listEvents');
    await events.locator('.opblock-summary').click();
    await events.getByRole('button', { name: 'Try it out' }).click();
    await events.getByRole('button', { name: 'Execute' }).click();
    const status = events.locator('.live-responses-table .response .response-col_status').first();
    await status.waitFor();
    expect((await status.textContent())?.trim()).toBe('200');
    const body = await events
      .locator('.live-responses-table .response-col_description pre')
      .first()
      .textContent();
    expect(body).toContain('"next_cursor"');

    // Nothing was blocked by the Content-Security-Policy or failed to load.
    expect(problems).toEqual([]);
    await page.close();
  });
});
