import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { tempDir, useSyntheticApp } from '../helpers.js';
import { WAIT, available, drawn, opener, axeViolations, useBrowser } from './chromium.js';

/**
 * The page with eight outlets telling the same weeks (the synthetic corpus, `outlets: 8`): lanes
 * chosen, ordered and folded; the source filter holding several sources; the compare view's
 * matrix of pairs, each cell what the API says of that pair, and a way to compare it. Skipped
 * without Chromium, except in CI (./chromium.ts). No assertion depends on how fast anything is.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOTS = process.env.SCREENSHOTS ? path.join(ROOT, 'docs/images') : tempDir('parallax-shots-');

/** What the callbacks run in the page use of its globals (the type check has no DOM library). */
declare const document: {
  activeElement: { id: string; getAttribute(name: string): string | null } | null;
  querySelector(selector: string): unknown;
};

interface Pair {
  sources: string[];
  shared: number;
  aspects: Record<string, number>;
}

const web = useBrowser(useSyntheticApp(120, 11, 8));
const open = opener(web);

async function api<T>(url: string): Promise<T> {
  return (await (await fetch(`${web.baseUrl}${url}`)).json()) as T;
}

function laneTitles(page: Page): Promise<string[]> {
  return page.locator('svg.lanes .lane-title').allTextContents();
}

/** The compare view, once its matrix is drawn. */
async function openCompare(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Compare the outlets' }).click();
  await page.locator('.matrix').waitFor(WAIT);
}

describe.skipIf(!available)('eight outlets in headless Chromium', { timeout: 120_000 }, () => {
  it('draws a lane per outlet, and lets them be reordered and folded', async () => {
    const { page, problems } = await open('/');
    const before = await laneTitles(page);
    expect(before).toHaveLength(8);
    expect(await page.locator('#summary').textContent()).toContain('told by 8 outlets');

    await page.locator('#lanes-choice summary').click();
    const rows = page.locator('.lane-option');
    expect(await rows.count()).toBe(8);
    const [first, second, third] = before as [string, string, string];
    // The second outlet up, by keyboard: the button keeps the focus as its row moves.
    await page.getByRole('button', { name: `Move ${second} up` }).focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      `Move ${second} down`, // at the top, up is disabled: its other button has the focus
    );
    await page.getByRole('checkbox', { name: `Fold ${third}` }).check();
    const draws = await page.evaluate(() => performance.getEntriesByName('parallax:timeline-drawn').length);
    await page.getByRole('button', { name: 'Show these lanes' }).click();
    await drawn(page, draws + 1);

    expect((await laneTitles(page)).slice(0, 3)).toEqual([second, first, third]);
    const url = new URL(page.url());
    expect(url.searchParams.getAll('lane').slice(0, 3)).toEqual([second, first, third]);
    expect(url.searchParams.getAll('fold')).toEqual([third]);
    // The folded lane says so, and its bars carry no label, though each still names its event.
    expect(await page.locator('svg.lanes .lane-note').nth(2).textContent()).toContain('folded');
    const folded = page.locator('.bars > g').nth(2);
    expect((await folded.locator('.bar-label').allTextContents()).join('')).toBe('');
    expect(await folded.locator('.bar').first().getAttribute('aria-label')).toMatch(/\. .+: /);
    expect(await page.locator('#lanes-choice summary').textContent()).toBe('Lanes: 8 of 8 outlets, 1 folded');

    // The URL alone gives the same lanes.
    const again = await open(`${url.pathname}${url.search}`);
    expect(await laneTitles(again.page)).toEqual(await laneTitles(page));
    expect(problems).toEqual([]);
    await again.page.close();
    await page.close();
  });

  it('filters on several sources at once, each a chip that removes it', async () => {
    const { page, problems, requests } = await open('/');
    const select = page.locator('#f-source');
    // The choices come with the window's facets, after the timeline.
    await expect.poll(() => select.locator('option').count(), WAIT).toBeGreaterThan(8);
    const values = await select
      .locator('option')
      .evaluateAll((options) =>
        options.map((o) => o.getAttribute('value')).filter((v): v is string => Boolean(v)),
      );
    expect(values.length).toBeGreaterThanOrEqual(8);
    const [a, b] = values as [string, string];
    let draws = 1;
    await select.selectOption(a);
    await drawn(page, ++draws);
    await select.selectOption(b);
    await drawn(page, ++draws);
    expect(new URL(page.url()).searchParams.getAll('source')).toEqual([a, b]);
    expect(await page.locator('#f-source-chips .chip').count()).toBe(2);
    expect(await select.locator('option').first().textContent()).toBe('Add a source');
    // The timeline asks for the events either reports.
    const asked = requests.filter((r) => r.startsWith('/v1/events?') && r.includes('limit=200')).at(-1);
    expect(new URLSearchParams(asked?.slice(asked.indexOf('?'))).getAll('source')).toEqual([a, b]);
    await page.locator('#f-source-chips .chip').first().click();
    await drawn(page, ++draws);
    expect(new URL(page.url()).searchParams.getAll('source')).toEqual([b]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('compares the eight in a matrix of pairs, each cell as the API counts it, and opens a pair', async () => {
    const { page, problems, requests } = await open('/');
    await openCompare(page);
    const headers = await page.locator('.matrix thead th').allTextContents();
    expect(headers).toHaveLength(8);
    expect(await page.locator('.matrix .matrix-pair').count()).toBe(8 * 7);

    const asked = requests.find((r) => r.startsWith('/v1/compare?')) as string;
    const compared = new URLSearchParams(asked.slice(asked.indexOf('?'))).getAll('source');
    expect(compared).toHaveLength(8);
    const { summary } = await api<{ summary: { pairs: Pair[] } }>(asked);
    expect(summary.pairs).toHaveLength(28);
    for (const pair of summary.pairs) {
      const cells = page.locator(`.matrix td[data-pair="${pair.sources.join(' ')}"]`);
      expect(await cells.count()).toBe(2); // above and below the diagonal
      expect(await cells.first().locator('.matrix-shared').textContent()).toBe(`${pair.shared} shared`);
      const apart = await cells.first().locator('.matrix-apart').textContent();
      if (pair.aspects.contested) expect(apart).toContain(`≠ ${pair.aspects.contested} contested`);
      if (pair.aspects.differing_characterisation)
        expect(apart).toContain(`${pair.aspects.differing_characterisation} told differently`);
    }

    // The busiest pair, by mouse: the comparison of those two alone, in the URL.
    const busiest = [...summary.pairs].sort((x, y) => y.shared - x.shared)[0] as Pair;
    await page
      .locator(`.matrix td[data-pair="${busiest.sources.join(' ')}"] button`)
      .first()
      .click();
    await page.waitForFunction(() => !document.querySelector('.matrix'), undefined, WAIT);
    await page.locator('.compare-summary').waitFor(WAIT);
    const url = new URL(page.url());
    expect(url.searchParams.getAll('source')).toEqual(busiest.sources);
    expect(url.searchParams.get('compare')).toBe('1');
    expect(await page.locator('.compare-summary').textContent()).toContain(
      `${busiest.shared} events told by all of them`,
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-heading');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('counts the eight outlets’ events over time when zoomed out, and a period opens their lanes', async () => {
    const { page, problems } = await open('/?from=1975-01-01&to=2025-12-31');
    expect(await page.locator('svg.volume').count()).toBe(1);
    const { page: all } = await api<{ page: { total: number } }>(
      '/v1/events?from=1975-01-01&to=2025-12-31&count=exact&limit=1',
    );
    expect(await page.locator('#summary').textContent()).toMatch(new RegExp(`^${all.total} events`));
    const periods = page.locator('.period');
    const labels = await periods.evaluateAll((ps) => ps.map((p) => p.getAttribute('aria-label') ?? ''));
    const busy = labels.findIndex((l) => /: [1-9]\d* events/.test(l));
    expect(busy).toBeGreaterThanOrEqual(0);
    const draws = await page.evaluate(() => performance.getEntriesByName('parallax:timeline-drawn').length);
    await periods.nth(busy).focus();
    await page.keyboard.press('Enter');
    await drawn(page, draws + 1);
    // Zoomed in far enough for lanes, or for a finer count: either way, closer to the week.
    expect(new URL(page.url()).searchParams.get('from')).not.toBe('1975-01-01');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('finds no accessibility violation with eight lanes, the chooser or the matrix', async () => {
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      const { page, problems } = await open('/', viewport);
      await page.locator('#lanes-choice summary').click();
      expect(await axeViolations(page), `lanes at ${viewport.width} px`).toEqual([]);
      await openCompare(page);
      expect(await axeViolations(page), `compare at ${viewport.width} px`).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('writes screenshots of eight lanes and their matrix, wide, at 1280 × 720 and on a phone', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const shots: string[] = [];
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 1280, height: 720 },
      { width: 390, height: 844 },
    ]) {
      const { page } = await open('/', viewport, 'reduce');
      const size = `${viewport.width}x${viewport.height}`;
      shots.push(path.join(SHOTS, `outlets-timeline-${size}.png`));
      await page.screenshot({ path: shots.at(-1) as string });
      await openCompare(page);
      await page.locator('.compare-matrix').scrollIntoViewIfNeeded();
      shots.push(path.join(SHOTS, `outlets-matrix-${size}.png`));
      await page.screenshot({ path: shots.at(-1) as string });
      await page.close();
    }
    for (const shot of shots) expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
  });
});
