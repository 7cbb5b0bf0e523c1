import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, useSeededApp } from '../helpers.js';
import { WAIT, available, opener, axeViolations, useBrowser } from './chromium.js';

/**
 * The embeddable page (`/embed`, EMBED_FRAME_ANCESTORS) in a newsroom's iframe, in Chromium: a
 * named site frames it and it works; another site, or the plain page, is refused by the browser.
 * The newsroom is a server on loopback (Chromium lets no public origin frame a loopback one), as
 * `localhost`, which the app names; the same server as `127.0.0.1` is another origin, which it
 * does not.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOTS = process.env.SCREENSHOTS ? path.join(ROOT, 'docs/images') : tempDir('parallax-shots-');
const NAMED = 'http://localhost:*';
const DECISION = 'cmc-suspends-military-action-plans';

declare const document: {
  documentElement: { hasAttribute(name: string): boolean };
  getElementById(
    id: string,
  ): { open?: boolean; hidden?: boolean; getAttribute(name: string): string | null } | null;
};

const web = useBrowser(useSeededApp({ embedFrameAncestors: [NAMED] }));
const open = opener(web);

/** A newsroom's story: `/story?src=URL` is a page with URL in an iframe. */
let newsroom: Server;
let port = 0;
beforeAll(async () => {
  newsroom = createServer((request, response) => {
    const src = new URL(request.url ?? '/', 'http://x').searchParams.get('src') ?? '';
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(`<!doctype html><html lang="en"><title>A story</title><h1>A story</h1>
<iframe src="${src.replaceAll('"', '&quot;')}" title="The timeline" width="1200" height="760"></iframe></html>`);
  });
  await new Promise<void>((resolve) => newsroom.listen(0, '127.0.0.1', resolve));
  port = (newsroom.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => newsroom.close(() => resolve())));

/** A page of `host` (the newsroom as localhost or 127.0.0.1) framing `url` of the service. */
async function framedBy(host: string, url: string): Promise<{ page: Page; refusals: string[] }> {
  const page = await web.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (/frame-ancestors|X-Frame-Options/.test(message.text())) refusals.push(message.text());
  });
  await page.goto(`http://${host}:${port}/story?src=${encodeURIComponent(`${web.baseUrl}${url}`)}`);
  return { page, refusals };
}

/** The service's frame of a newsroom's page. */
function frameOf(page: Page): Frame {
  const frame = page.frames().find((f) => f.url().startsWith(web.baseUrl));
  if (!frame) throw new Error('no frame of the service');
  return frame;
}

describe.skipIf(!available)('the embeddable page in headless Chromium', { timeout: 120_000 }, () => {
  it('works in an iframe of a site it names, folded, with a way out to the same view', async () => {
    const { page, refusals } = await framedBy('localhost', `/embed?event=${DECISION}`);
    const frame = frameOf(page);
    await frame.locator('svg.lanes .bar').first().waitFor(WAIT);
    await frame.locator('#detail-heading').waitFor(WAIT);
    expect(await frame.evaluate(() => document.documentElement.hasAttribute('data-embed'))).toBe(true);
    expect(await frame.evaluate(() => document.getElementById('filters-panel')?.open)).toBe(false);
    expect(await frame.locator('.tagline').isVisible()).toBe(false);
    const full = frame.getByRole('link', { name: 'Open in Parallax' });
    expect(await full.getAttribute('href')).toBe(`/?event=${DECISION}`);
    expect(await full.getAttribute('target')).toBe('_blank');
    // Choosing another event moves the way out with it, and the frame stays on /embed.
    await frame.locator('.bar').first().click();
    await expect.poll(() => frame.url(), WAIT).not.toContain(DECISION);
    expect(new URL(frame.url()).pathname).toBe('/embed');
    expect(await full.getAttribute('href')).toBe(`/${new URL(frame.url()).search}`);
    expect(refusals).toEqual([]);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'embed-1280x900.png') });
    await page.close();
  });

  it('is refused to a site it does not name, and the plain page to every site', async () => {
    for (const [site, url] of [
      ['127.0.0.1', '/embed'],
      ['localhost', '/'],
    ] as const) {
      const { page, refusals } = await framedBy(site, url);
      await expect.poll(() => refusals.length, WAIT).toBeGreaterThan(0);
      // The frame holds the browser's error page, not the service's.
      expect(
        page.frames().filter((f) => f.url().startsWith(web.baseUrl)),
        `${url} in ${site}`,
      ).toEqual([]);
      expect(refusals.join('\n')).toMatch(/frame-ancestors/);
      await page.close();
    }
  });

  it('finds no accessibility violation when embedded', async () => {
    const { page, problems } = await open(`/embed?event=${DECISION}`);
    await page.locator('#detail-heading').waitFor(WAIT);
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
