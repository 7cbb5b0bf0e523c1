import { describe, expect, it } from 'vitest';
import { available, useBrowser } from './chromium.js';

/** The interactive docs in a real browser (see ./chromium.ts for which, and when it is skipped). */

const web = useBrowser();

describe.skipIf(!available)('/docs in headless Chromium', () => {
  it('lists every operation of the document and runs “Try it out” on /v1/events', async () => {
    const doc = (await (await fetch(`${web.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const operationIds = Object.values(doc.paths).flatMap((item) =>
      Object.values(item).map((op) => op.operationId),
    );

    const page = await web.browser.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));

    await page.goto(`${web.baseUrl}/docs`);
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
