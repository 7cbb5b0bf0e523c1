import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fitRecord } from '../../page/days.js';
import { namedFirst } from '../../page/relevance.js';
import { tempDir } from '../helpers.js';
import { WAIT, available, drawn, opener, axeViolations, useBrowser } from './chromium.js';

/**
 * The parallax page (SPEC §4.3) as a person uses it, in Debian's Chromium driven by playwright-core:
 * by mouse and by keyboard, at a phone's width and a desktop's, with axe-core looking on. Skipped
 * without Chromium, except in CI (./chromium.ts). No assertion here depends on how fast anything is.
 *
 * With SCREENSHOTS=1 the screenshots go to docs/images/ (tools/screenshots.sh); otherwise to a
 * temporary folder, so that a test run leaves the tree as it was.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const SHOTS = process.env.SCREENSHOTS ? path.join(ROOT, 'docs/images') : tempDir('parallax-shots-');
const DECISION = 'cmc-suspends-military-action-plans';
const NKI = 'nki-2020-06-24';
const NYT = 'nyt-2020-06-24';

/**
 * What the callbacks run in the page use of its globals: the project's type check has no DOM
 * library (src/ runs on Node), so they are declared here, for this file only.
 */
interface PageElement {
  id: string;
  textContent: string | null;
  offsetTop: number;
  offsetHeight: number;
  scrollTop: number;
  clientHeight: number;
  getAttribute(name: string): string | null;
  closest(selector: string): PageElement | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  click(): void;
  scrollIntoView(): void;
}
declare const document: {
  activeElement: PageElement | null;
  documentElement: { scrollWidth: number };
  querySelector(selector: string): PageElement | null;
  getElementById(id: string): PageElement | null;
};

const web = useBrowser();
const open = opener(web);

function draws(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByName('parallax:timeline-drawn').length);
}

/** The events whose bars are drawn, once each. */
async function barEvents(page: Page): Promise<string[]> {
  const ids = await page.locator('.bar').evaluateAll((bars) => bars.map((b) => b.getAttribute('data-event')));
  return [...new Set(ids)].filter((id): id is string => id !== null).sort();
}

async function api<T>(url: string): Promise<T> {
  return (await (await fetch(`${web.baseUrl}${url}`)).json()) as T;
}

interface DateClaim {
  source: string;
  start: string;
  status: string;
  evidence: { text: string };
}

/** The contested decision's date claims, as the API gives them. */
async function decisionDates(): Promise<Map<string, DateClaim>> {
  const event = await api<{ date: { by_source: DateClaim[] } }>(`/v1/events/${DECISION}`);
  return new Map(event.date.by_source.map((d) => [d.source, d]));
}

/**
 * What an article shows as chosen: the text of its active marks, and whether the first of them is
 * within the article's scrolled view.
 */
function highlighted(page: Page, source: string) {
  return page.evaluate((id) => {
    const article = document.querySelector(`.article[data-source="${id}"]`);
    const box = article?.querySelector('.article-text');
    const marks = [...(article?.querySelectorAll('mark.active') ?? [])];
    const first = marks[0];
    const inView =
      box && first
        ? first.offsetTop >= box.scrollTop &&
          first.offsetTop + first.offsetHeight <= box.scrollTop + box.clientHeight
        : false;
    return { text: marks.map((m) => m.textContent).join(''), inView };
  }, source);
}

/** Checks what selecting the contested decision must show: both dates, their verdicts, their words. */
async function expectBothDates(page: Page): Promise<void> {
  await page.locator('#detail-heading').waitFor(WAIT);
  expect(page.url()).toContain(`event=${DECISION}`);
  const dates = await decisionDates();
  expect([...dates.keys()].sort()).toEqual([NKI, NYT]);
  for (const [source, date] of dates) {
    const card = page.locator(`.date-card[data-source="${source}"]`);
    const day = Number(date.start.slice(8));
    await expect.poll(() => card.locator('.card-date').textContent()).toContain(`${day} Jun 2020`);
    expect(await card.locator('.badge').first().textContent()).toBe(date.status);
    expect(date.status).toBe('contested');
    // The words the date rests on are marked in the article, and scrolled into its view.
    await expect
      .poll(() => highlighted(page, source), WAIT)
      .toEqual({ text: date.evidence.text, inView: true });
  }
  expect(await page.locator('.date-card .card-date').allTextContents()).toEqual([
    'Wed, 24 Jun 2020',
    'Tue, 23 Jun 2020',
  ]);
  // Both bars of the event are marked as the open one.
  expect(await page.locator(`.bar[data-event="${DECISION}"][aria-current="true"]`).count()).toBe(2);
}

// Generous: Chromium on a busy 2-core machine; nothing here measures speed.
describe.skipIf(!available)('the parallax page in headless Chromium', { timeout: 120_000 }, () => {
  it('loads without an error and draws a lane per outlet, the contested decision in each, linked', async () => {
    const { page, problems, requests } = await open();
    const lanes = await page
      .locator('svg.lanes [role="list"]')
      .evaluateAll((lists) => lists.map((l) => l.getAttribute('aria-label')));
    expect(lanes).toEqual([
      expect.stringMatching(/^North Korean Insight: /),
      expect.stringMatching(/^The New York Times: /),
    ]);
    expect(await page.locator('svg.lanes .lane-title').allTextContents()).toEqual([
      'North Korean Insight',
      'The New York Times',
    ]);

    const bars = page.locator(`.bar[data-event="${DECISION}"]`);
    expect(
      await bars.evaluateAll((b) =>
        b.map((bar) => [bar.getAttribute('data-lane'), bar.getAttribute('class')]),
      ),
    ).toEqual([
      ['0', 'bar bar-contested'],
      ['1', 'bar bar-contested'],
    ]);
    // Each bar says which outlet dates it when, and on which words.
    const labels = await bars.evaluateAll((b) => b.map((bar) => bar.getAttribute('aria-label')));
    expect(labels[0]).toContain(
      'North Korean Insight: Wed, 24 Jun 2020 (to the day, “on Wednesday”); date contested',
    );
    expect(labels[1]).toContain('The New York Times: Tue, 23 Jun 2020 (to the day, “on Tuesday”');
    // One link joins them, drawn as contested.
    expect(
      await page
        .locator(`.link[data-event="${DECISION}"]`)
        .evaluateAll((l) => l.map((e) => e.getAttribute('class'))),
    ).toEqual(['link link-contested']);
    // The verdict reads without its colour too: a glyph on each bar, as in the legend.
    expect(await page.locator(`.bar[data-event="${DECISION}"] .bar-glyph`).allTextContents()).toEqual([
      '≠',
      '≠',
    ]);
    expect(await page.locator('#legend-bars .swatch.bar-contested').textContent()).toBe('≠');
    // A date NKI only works out fits the NYT's stated one: a link of its own kind, not corroboration.
    expect(await page.locator('.link[data-event="kcna-reports-suspension"]').getAttribute('class')).toBe(
      'link link-compatible',
    );
    // The articles' outlets came in one request for all of them, not one per article.
    expect(requests.filter((r) => r.startsWith('/v1/sources'))).toEqual([
      '/v1/sources?limit=100&id=nki-2020-06-24&id=nyt-2020-06-24',
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows both date claims of the contested decision with their verdict when it is clicked', async () => {
    const { page, problems } = await open();
    await page.locator(`.bar[data-event="${DECISION}"][data-lane="1"] .fill`).click();
    await expectBothDates(page);

    // A quote's words, chosen, are marked in its article.
    const quote = page.locator('.quote[data-quote="nyt-2020-06-24-q2"]');
    await quote.locator('.show-text').click();
    const text = await api<{ text: string }>('/v1/quotes/nyt-2020-06-24-q2');
    await expect.poll(() => highlighted(page, NYT), WAIT).toEqual({ text: text.text, inView: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('lists every claim of an event, one outlet’s alone in its column', async () => {
    const { page, problems } = await open('/?event=liaison-office-demolished');
    const table = page.locator('.claims-table');
    await table.waitFor(WAIT);
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.children].map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim())),
      );
    // Date, then who did it (both outlets), then the motive only NKI reports.
    expect(rows.map((r) => r[0])).toEqual([
      'date compatible',
      'actor: agent corroborated',
      'motive: stated one source only',
    ]);
    const motive = rows[2] ?? [];
    expect(motive[1]).toMatch(/^to punish South Korea/);
    expect(motive[2]).toBe('says nothing of it');
    // Its words are one press away in the article.
    await table.locator('tbody tr').nth(2).locator('.show-text').click();
    await expect
      .poll(() => highlighted(page, NKI), WAIT)
      .toMatchObject({ text: expect.stringMatching(/^North Korea’s stated motivation/) });
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('compares the outlets: by verdict, each outlet on its words, shareable, and back from an event', async () => {
    const { page, problems } = await open();
    await page.locator('#open-compare').click();
    await page.locator('#detail-heading').waitFor(WAIT);
    await expect.poll(() => new URL(page.url()).searchParams.get('compare'), WAIT).toBe('1');
    expect(await page.locator('#detail-heading').textContent()).toBe(
      'North Korean Insight · The New York Times',
    );
    // It compares over the window the timeline draws.
    const [from, to] = [await page.locator('#f-from').inputValue(), await page.locator('#f-to').inputValue()];
    const compare = await api<{ summary: { aspects: Record<string, number> } }>(
      `/v1/compare?from=${from}&to=${to}&source=${NKI}&source=${NYT}&limit=1`,
    );
    // Each verdict's section counts what the API counts.
    for (const verdict of ['contested', 'differing_characterisation', 'compatible']) {
      const section = page.locator(`[data-verdict="${verdict}"]`);
      expect(await section.locator('.compare-item').count(), verdict).toBe(compare.summary.aspects[verdict]);
    }
    // The escalation's causes, told differently: each outlet's words side by side.
    const cause = page
      .locator('[data-verdict="differing_characterisation"] .compare-item')
      .filter({ has: page.locator('.aspect', { hasText: 'Cause: Escalation' }) });
    expect(
      await cause.locator('.compare-claim[data-source="nyt-2020-06-24"] .words').first().textContent(),
    ).toMatch(/seized upon anti-Kim leaflets/);
    expect(await cause.locator(`.compare-claim[data-source="${NKI}"] .words`).count()).toBeGreaterThan(1);
    // NKI's worked-out date for KCNA's report says so.
    expect(
      await page
        .locator(
          `[data-event="kcna-reports-suspension"][data-aspect="date:"] .compare-claim[data-source="${NKI}"]`,
        )
        .textContent(),
    ).toMatch(/Not stated, worked out/);
    expect(await axeViolations(page)).toEqual([]);

    // An event opens from it, and closing the event returns to the comparison.
    await page.locator('[data-verdict="contested"] .compare-item').first().locator('.link-button').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('event'), WAIT).toBeTruthy();
    await page.locator('#detail .close').click();
    await expect
      .poll(() => page.locator('#detail-heading').textContent(), WAIT)
      .toBe('North Korean Insight · The New York Times');
    // The URL alone opens the same comparison.
    const shared = await open(`/?compare=1`);
    await shared.page.locator('[data-verdict="contested"] .compare-item').first().waitFor(WAIT);
    expect(shared.problems).toEqual([]);
    await shared.page.close();
    expect(problems).toEqual([]);
    await page.close();
  });

  it('searches events, actors and quotes from one box, by keyboard, and lists every quote as passages', async () => {
    const { page, problems } = await open();
    await page.locator('#find-q').focus();
    await page.keyboard.type('Christmas');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q'), WAIT).toBe('Christmas');
    await expect.poll(() => page.locator('#detail-heading').textContent(), WAIT).toBe('Search: “Christmas”');
    const quotes = await api<{ data: { id: string; text: string }[] }>('/v1/quotes?q=Christmas');
    const events = await api<{ data: { id: string; title: string }[] }>('/v1/events?q=Christmas');
    expect(
      await page
        .locator('.find-quotes .quote-meta')
        .evaluateAll((ps) => ps.map((p) => p.getAttribute('data-quote'))),
    ).toEqual(quotes.data.map((q) => q.id));
    expect(
      await page.locator('.find-events li').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-event'))),
    ).toEqual(namedFirst(events.data, 'Christmas', (e) => e.title).map((e) => e.id)); // named for it first
    // The quote's words, in its article.
    await page.locator('.find-quotes .show-text').first().click();
    await expect
      .poll(() => highlighted(page, NKI), WAIT)
      .toMatchObject({ text: quotes.data[0]?.text, inView: true });
    expect(await axeViolations(page)).toEqual([]);

    // Every quote: KCNA's words in both articles are one passage, told twice.
    await page.locator('#open-quotes').click();
    await expect.poll(() => page.locator('#detail-heading').textContent(), WAIT).toBe('Every quote');
    const all = await api<{ data: unknown[] }>('/v1/quotes?limit=200');
    expect(await page.locator('.find-quotes .quote-meta').count()).toBe(all.data.length);
    const twice = page
      .locator('.passage[data-told="2"]')
      .filter({ hasText: 'took stock of the prevailing situation' });
    expect(await twice.locator('.quote-meta').evaluateAll((ps) => ps.map((p) => p.textContent))).toEqual([
      expect.stringContaining('in North Korean Insight'),
      expect.stringContaining('in The New York Times'),
    ]);
    expect(await axeViolations(page)).toEqual([]);
    // Closing the quotes closes the view: nothing is left open below the timeline.
    await page.locator('#detail .close').click();
    await expect.poll(() => page.locator('#detail').isHidden(), WAIT).toBe(true);
    expect(new URL(page.url()).search).toBe('');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('task 1: what each outlet said of the liaison office, on its own words, in 4 actions', async () => {
    const { page, problems } = await open();
    await page.locator('#find-q').click(); // 1
    await page.keyboard.type('liaison'); // 2
    await page.keyboard.press('Enter'); // 3
    const result = page.locator('.find-events li[data-event="liaison-office-demolished"] .link-button');
    await result.click(); // 4
    await expect
      .poll(() => new URL(page.url()).searchParams.get('event'), WAIT)
      .toBe('liaison-office-demolished');
    // Each article is open beside the other, the event's words marked in it.
    const marked = (source: string) =>
      page
        .locator(`.article[data-source="${source}"] mark`)
        .evaluateAll((ms) => ms.map((m) => m.textContent).join(''));
    await expect.poll(() => marked(NKI), WAIT).toContain('North Korea blew up their joint liaison office');
    await expect.poll(() => marked(NYT), WAIT).toContain('blowing up a joint inter-Korean liaison office');
    // And who did it, by both, is one corroborated row.
    expect(await page.locator('.claims-table tr[data-property="actor"]').textContent()).toContain(
      'corroborated',
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('task 3: everything Kim Yo-jong did or said, from the search box to her profile, in 4 actions', async () => {
    const { page, problems } = await open();
    await page.locator('#find-q').click(); // 1
    await page.keyboard.type('yo jong'); // 2
    await page.keyboard.press('Enter'); // 3
    await page.locator('.find-actors li[data-actor="kim-yo-jong"] .link-button').click(); // 4
    await expect.poll(() => new URL(page.url()).searchParams.get('profile'), WAIT).toBe('kim-yo-jong');
    await expect.poll(() => page.locator('#detail-heading').textContent(), WAIT).toBe('Kim Yo-jong');
    const quotes = await api<{ data: { text: string }[] }>('/v1/actors/kim-yo-jong/quotes');
    expect(quotes.data.map((q) => q.text)).toEqual(['insane', 'sickening.']);
    for (const q of quotes.data)
      expect(await page.locator('#detail .quote blockquote').allTextContents()).toContain(`“${q.text}”`);
    // Closing the profile returns to the search.
    await page.locator('#detail .close').click();
    await expect.poll(() => page.locator('#detail-heading').textContent(), WAIT).toBe('Search: “yo jong”');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('task 7a: task 1 by keyboard alone, in 4 keys, and the whole search in 7', async () => {
    const { page, problems } = await open();
    const active = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    const LIAISON = 'North Korea blows up the joint inter-Korean liaison office';
    await page.keyboard.press('/'); // 1
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('find-q');
    await page.keyboard.type('liaison'); // 2
    // What is named for the words is suggested first.
    const first = page.locator('#find-options [role="option"]').first();
    await expect.poll(() => first.textContent(), WAIT).toBe(`Event · ${LIAISON}`);
    expect(await axeViolations(page)).toEqual([]); // with the suggestions open
    await page.keyboard.press('ArrowDown'); // 3
    expect(await page.locator('#find-q').getAttribute('aria-activedescendant')).toBe(
      await first.getAttribute('id'),
    );
    await page.keyboard.press('Enter'); // 4
    await expect
      .poll(() => new URL(page.url()).searchParams.get('event'), WAIT)
      .toBe('liaison-office-demolished');
    await expect.poll(() => active(), WAIT).toBe(LIAISON);
    // Each outlet's words, marked in its article, and the way back to the bar.
    for (const source of [NKI, NYT])
      await expect
        .poll(() => page.locator(`.article[data-source="${source}"] mark`).count(), WAIT)
        .toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-event'))).toBe(
      'liaison-office-demolished',
    );

    // Enter with no suggestion chosen searches everything: the event named for it comes first.
    await page.keyboard.press('/'); // 1
    await page.keyboard.type('liaison'); // 2
    await page.keyboard.press('Enter'); // 3
    await expect.poll(() => active(), WAIT).toBe('Search: “liaison”');
    for (const key of ['Tab', 'Tab', 'Tab']) await page.keyboard.press(key); // 4, 5, 6: Back, Close
    expect(await active()).toBe(LIAISON);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('tasks 3, 5 and 6 by keyboard alone: her profile in 4 keys, every quote in 4, a download in 5', async () => {
    const { page, problems } = await open();
    const active = () => page.evaluate(() => document.activeElement?.textContent ?? '');
    // Task 3: Kim Yo-jong's profile.
    await page.keyboard.press('/'); // 1
    await page.keyboard.type('yo jong'); // 2
    await expect
      .poll(() => page.locator('#find-options [role="option"]').first().textContent(), WAIT)
      .toBe('Actor · Kim Yo-jong');
    await page.keyboard.press('ArrowDown'); // 3
    await page.keyboard.press('Enter'); // 4
    await expect.poll(() => new URL(page.url()).searchParams.get('profile'), WAIT).toBe('kim-yo-jong');
    await expect.poll(() => active(), WAIT).toBe('Kim Yo-jong');
    // Task 5: every quote.
    await page.keyboard.press('/'); // 1
    await page.keyboard.press('Tab'); // 2: Search
    await page.keyboard.press('Tab'); // 3: Every quote
    await page.keyboard.press('Enter'); // 4
    // The view's heading has the focus once it is drawn (the button's words are the same).
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), WAIT).toBe('detail-heading');
    expect(await active()).toBe('Every quote');
    const quotes = await api<{ data: unknown[] }>('/v1/quotes?limit=200');
    expect(await page.locator('.find-quotes .quote-meta').count()).toBe(quotes.data.length);
    // Task 6: the events shown, as CSV, from the top of the page.
    await page.goto(web.baseUrl);
    await drawn(page, 1);
    await page.keyboard.press('Tab'); // 1: the skip link
    await page.keyboard.press('Enter'); // 2: to the timeline
    await page.keyboard.press('Tab'); // 3: the timeline, one stop
    await page.keyboard.press('Tab'); // 4: the first download
    expect(await active()).toBe('CSV');
    const [download] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('format=csv')),
      page.keyboard.press('Enter'), // 5
    ]);
    expect(download.status()).toBe(200);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('task 7b: task 2 by keyboard alone, the framing differences side by side in 5 keys', async () => {
    const { page, problems } = await open();
    await page.keyboard.press('/'); // 1
    for (const key of ['Tab', 'Tab', 'Tab']) await page.keyboard.press(key); // 2, 3, 4: Search, Every quote
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Compare the outlets');
    await page.keyboard.press('Enter'); // 5
    await page.locator('[data-verdict="differing_characterisation"] .compare-item').first().waitFor(WAIT);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-heading');
    // Each told-differently aspect with both outlets' words, in view for the next Tab.
    const first = page.locator('[data-verdict="differing_characterisation"] .compare-item').first();
    expect(await first.locator('.compare-claim blockquote.words').count()).toBe(2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('task 7c: task 1 on a phone, one tap on the bar once scrolled to it', async () => {
    const page = await web.browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(web.baseUrl);
    await drawn(page, 1);
    const bar = page.locator('.bar[data-event="liaison-office-demolished"][data-lane="1"]');
    const box = await bar.locator('.fill').boundingBox();
    expect(box?.height).toBeGreaterThanOrEqual(24);
    await bar.tap(); // 1 (Playwright scrolls it into view first, as the person does)
    await expect
      .poll(() => new URL(page.url()).searchParams.get('event'), WAIT)
      .toBe('liaison-office-demolished');
    await page.locator('#detail-heading').waitFor(WAIT);
    // The articles stack under the dates, each as wide as the screen allows.
    const articles = await page
      .locator('.article')
      .evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect()).map((r) => [r.left, r.width]));
    expect(articles).toHaveLength(2);
    expect(articles[0]?.[0]).toBe(articles[1]?.[0]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.close();
  });

  it('lets the keyboard alone reach and open it, and return to the timeline', async () => {
    const { page, problems } = await open();
    // Tab to the timeline: one tab stop for all its bars.
    let inTimeline = false;
    for (let i = 0; i < 40 && !inTimeline; i++) {
      await page.keyboard.press('Tab');
      inTimeline = await page.evaluate(() => document.activeElement?.closest('svg.lanes') !== null);
    }
    expect(inTimeline).toBe(true);
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-event') ?? null);
    // Along the first lane until the decision.
    for (let i = 0; i < 40 && (await focused()) !== DECISION; i++) await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe(DECISION);
    // Down to the other outlet's version of the same event, and back up.
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe(DECISION);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-lane'))).toBe('1');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-lane'))).toBe('0');
    // Only one bar is in the tab order.
    expect(await page.locator('svg.lanes [tabindex="0"]').count()).toBe(1);

    await page.keyboard.press('Enter');
    await expectBothDates(page);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-heading');
    // Forward from the heading, the way back and the way out come first.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Back to the timeline');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Close');
    await page.keyboard.press('Escape');
    expect(await focused()).toBe(DECISION);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('scrolls evidence into view at once when the person asks for less motion', async () => {
    const page = await web.browser.newPage({
      viewport: { width: 1280, height: 800 },
      reducedMotion: 'reduce',
    });
    await page.goto(`${web.baseUrl}/?event=${DECISION}`);
    await page.locator('.quote[data-quote="nki-2020-06-24-q7"]').waitFor(WAIT);
    // The click and the reading happen in one task: a smooth scroll would not have moved yet.
    const inView = await page.evaluate(() => {
      document.querySelector('.quote[data-quote="nki-2020-06-24-q7"] .show-text')?.click();
      const box = document.querySelector('.article[data-source="nki-2020-06-24"] .article-text');
      const mark = box?.querySelector('mark.active');
      return (
        !!box &&
        !!mark &&
        mark.offsetTop >= box.scrollTop &&
        mark.offsetTop <= box.scrollTop + box.clientHeight
      );
    });
    expect(inView).toBe(true);
    await page.close();
  });

  it('filters to Kim Yo-jong by name, keeps it in the URL, and restores it on reload, back and forward', async () => {
    const { page, problems } = await open();
    const all = await barEvents(page);
    await page.locator('#f-actor').fill('kim yo jong');
    await page.locator('#f-actor-options [role="option"]', { hasText: 'Kim Yo-jong' }).waitFor(WAIT);
    await page.keyboard.press('Enter');
    await drawn(page, 2);
    expect(new URL(page.url()).searchParams.getAll('actor')).toEqual(['kim-yo-jong']);

    const hers = (await api<{ data: { id: string }[] }>('/v1/actors/kim-yo-jong/events')).data
      .map((e) => e.id)
      .sort();
    expect(hers.length).toBeGreaterThan(0);
    expect(await barEvents(page)).toEqual(hers);
    expect(all.length).toBeGreaterThan(hers.length);
    await expect
      .poll(() => page.locator('#f-actor-chips .chip').textContent(), WAIT)
      .toContain('Kim Yo-jong');

    // Back and forward step through the filter, in the same page.
    await page.goBack();
    await expect.poll(() => barEvents(page), WAIT).toEqual(all);
    expect(new URL(page.url()).searchParams.has('actor')).toBe(false);
    await page.goForward();
    await expect.poll(() => barEvents(page), WAIT).toEqual(hers);

    // A reload comes back to the same view.
    await page.reload();
    await drawn(page, 1);
    expect(await barEvents(page)).toEqual(hers);
    await expect
      .poll(() => page.locator('#f-actor-chips .chip').textContent(), WAIT)
      .toContain('Kim Yo-jong');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows an actor: profile, how each outlet names them, relations and quotes, each on its words', async () => {
    interface Evidence {
      source: string;
      text: string;
    }
    const profile = await api<{
      name: string;
      relations: { actor: { name: string }; evidence: Evidence }[];
      mentions: { source: string; names: { name: string; evidence: Evidence[] }[] }[];
    }>('/v1/actors/kim-yo-jong');
    const quotes = await api<{ data: { id: string; text: string; source: string }[] }>(
      '/v1/actors/kim-yo-jong/quotes',
    );
    const { page, problems } = await open('/?profile=kim-yo-jong');
    await page.locator('.name-card').first().waitFor(WAIT);
    expect(await page.locator('#detail-heading').textContent()).toBe(profile.name);
    // How each outlet names them: every name of every outlet.
    for (const mention of profile.mentions) {
      const names = page.locator(`.name-card[data-source="${mention.source}"] .name-chip`);
      expect(await names.evaluateAll((chips) => chips.map((c) => c.firstChild?.textContent))).toEqual(
        mention.names.map((n) => n.name),
      );
    }
    // The article shown, and what is marked in it, scrolled into its view.
    const viewed = (evidence: Evidence | undefined) =>
      expect
        .poll(
          async () => ({
            source: await page.locator('.article-viewer .article').getAttribute('data-source'),
            ...(await highlighted(page, evidence?.source ?? 'x')),
          }),
          WAIT,
        )
        .toEqual({ source: evidence?.source, text: evidence?.text, inView: true });
    // The first name is shown in its article as the view opens; another, once chosen.
    const [first] = profile.mentions;
    await viewed(first?.names[0]?.evidence[0]);
    const last = first?.names.at(-1);
    await page.locator('.name-chip', { hasText: last?.name ?? 'x' }).click();
    await viewed(last?.evidence[0]);
    // Relations, each on its words.
    const relations = page.locator('.relation-list > li');
    expect(await relations.count()).toBe(profile.relations.length);
    const relation = profile.relations[0];
    await relations
      .filter({ hasText: relation?.actor.name ?? 'x' })
      .locator('.show-text')
      .click();
    await viewed(relation?.evidence);
    // Their quotes, each on its words.
    expect(quotes.data.length).toBeGreaterThan(0);
    for (const quote of quotes.data) {
      await page.locator(`.quote[data-quote="${quote.id}"] .show-text`).click();
      await viewed(quote);
    }
    expect(problems).toEqual([]);
    await page.close();
  });

  it('narrows the window by its dates and the events by their verdict', async () => {
    const { page, problems } = await open();
    await page.locator('#f-from').fill('2020-06-20');
    await page.locator('#f-to').fill('2020-06-25');
    await page.locator('#f-to').blur();
    await expect.poll(() => new URL(page.url()).search, WAIT).toBe('?from=2020-06-20&to=2020-06-25');
    // One step in the history for the range, not one per field.
    await page.goBack();
    await expect.poll(() => new URL(page.url()).search, WAIT).toBe('');
    await page.goForward();
    await expect.poll(() => new URL(page.url()).search, WAIT).toBe('?from=2020-06-20&to=2020-06-25');
    const inWindow = (
      await api<{ data: { id: string }[] }>('/v1/events?from=2020-06-20&to=2020-06-25&limit=200')
    ).data
      .map((e) => e.id)
      .sort();
    await expect.poll(() => barEvents(page), WAIT).toEqual(inWindow);

    await page.locator('#f-status').selectOption('contested');
    await expect.poll(() => new URL(page.url()).searchParams.get('status'), WAIT).toBe('contested');
    const contested = (
      await api<{ data: { id: string }[] }>('/v1/events?from=2020-06-20&to=2020-06-25&status=contested')
    ).data
      .map((e) => e.id)
      .sort();
    expect(contested).toContain(DECISION);
    await expect.poll(() => barEvents(page), WAIT).toEqual(contested);

    // The events the outlets frame differently are a verdict of their own.
    await page.locator('#f-status').selectOption({ label: 'Told differently' });
    const told = (
      await api<{ data: { id: string }[] }>(
        '/v1/events?from=2020-06-20&to=2020-06-25&status=differing_characterisation',
      )
    ).data
      .map((e) => e.id)
      .sort();
    expect(told).toContain('inter-korean-tensions-escalate');
    await expect.poll(() => barEvents(page), WAIT).toEqual(told);

    // What is shown downloads with the same filters: the API takes the link as it is.
    const csv = await page.locator('#download a[data-format="csv"]').getAttribute('href');
    expect(csv).toBe('/v1/events?from=2020-06-20&to=2020-06-25&status=differing_characterisation&format=csv');
    const rows = (await (await fetch(`${web.baseUrl}${csv}`)).text()).trimEnd().split('\r\n');
    expect(
      rows
        .slice(1)
        .map((r) => r.split(',')[0])
        .sort(),
    ).toEqual(told);
    for (const link of await page
      .locator('#download a')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
      expect((await fetch(`${web.baseUrl}${link}`)).status, link ?? '').toBe(200);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('holds only the events dated within the window when asked, not those that merely overlap it', async () => {
    const { page, problems } = await open('/?from=2020-06-20&to=2020-06-25');
    const ids = async (query: string) =>
      (await api<{ data: { id: string }[] }>(`/v1/events?${query}&limit=200`)).data.map((e) => e.id).sort();
    const overlapping = await ids('from=2020-06-20&to=2020-06-25');
    const within = await ids('from=2020-06-20&to=2020-06-25&date_match=within');
    expect(within.length).toBeLessThan(overlapping.length);
    await expect.poll(() => barEvents(page), WAIT).toEqual(overlapping);
    await page.locator('#f-date-match').selectOption({ label: 'Dated within' });
    await expect.poll(() => new URL(page.url()).searchParams.get('date_match'), WAIT).toBe('within');
    await expect.poll(() => barEvents(page), WAIT).toEqual(within);
    expect(await page.locator('#download a[data-format="csv"]').getAttribute('href')).toContain(
      'date_match=within',
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('task 4 by keyboard alone: 22–24 June, dated within, in 12 keys', async () => {
    const { page, problems } = await open();
    let keys = 0;
    /** Tabs forward until `id` has the focus (a date field takes a Tab per part it moves past). */
    const tabTo = async (id: string) => {
      for (let tabs = 0; tabs < 8; tabs++) {
        if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
        await page.keyboard.press('Tab');
        keys++;
      }
      throw new Error(`Tab never reached #${id}`);
    };
    await tabTo('f-from'); // the skip link, the name, API, From (the Filters heading folds only on a phone)
    await page.keyboard.type('06222020'); // month, day and year, as the field reads them here
    keys++;
    await tabTo('f-to');
    await page.keyboard.type('06242020');
    keys++;
    await tabTo('f-date-match');
    await page.keyboard.press('ArrowDown'); // Dated within
    keys++;
    expect(keys).toBe(12);
    await expect
      .poll(() => Object.fromEntries(new URL(page.url()).searchParams), WAIT)
      .toEqual({ from: '2020-06-22', to: '2020-06-24', date_match: 'within' });
    const within = (
      await api<{ data: { id: string }[] }>(
        '/v1/events?from=2020-06-22&to=2020-06-24&date_match=within&limit=200',
      )
    ).data
      .map((e) => e.id)
      .sort();
    await expect.poll(() => barEvents(page), WAIT).toEqual(within);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('zooms out no further than the record', async () => {
    const { page, problems } = await open('/?from=2015-01-01&to=2020-12-31');
    // Six years, 12, 24, 48, then not 96: the war's day to the last day reported and a tenth of that
    // either side (it went on to 1920-2120).
    for (let i = 2; i <= 5; i++) {
      await page.click('.zoom [data-action="zoom-out"]');
      await drawn(page, i);
    }
    const end = async (order: string) =>
      (await api<{ data: { date: { start: string; end: string } }[] }>(`/v1/events?order=${order}&limit=1`))
        .data[0]?.date;
    const record = { from: (await end('asc'))?.start ?? '', to: (await end('desc'))?.end ?? '' };
    expect(record.from).toBe('1950-06-25');
    const url = new URL(page.url());
    const shown = { from: url.searchParams.get('from'), to: url.searchParams.get('to') };
    expect(shown).toEqual(fitRecord({ from: '1900-01-01', to: '2100-12-31' }, record));
    expect(shown.from).toBe('1943-06-25');
    expect(await page.locator('svg.volume .axis.y').textContent()).not.toContain('.0k');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows volume over time when zoomed out, and a period opens the lanes again', async () => {
    const { page, problems } = await open('/?from=2015-01-01&to=2020-12-31');
    expect(await page.locator('svg.volume').count()).toBe(1);
    expect(await page.locator('.bar').count()).toBe(0);
    expect(await page.locator('#legend-volume').isVisible()).toBe(true);
    const june = page.locator('.period[aria-label^="1–30 Jun 2020"]');
    expect(await june.getAttribute('aria-label')).toMatch(/^1–30 Jun 2020: \d+ events \(.*contested/);
    const before = await draws(page);
    await june.focus();
    await page.keyboard.press('Enter');
    await drawn(page, before + 1);
    expect(new URL(page.url()).searchParams.get('from')).toBe('2020-06-01');
    expect(await page.locator(`.bar[data-event="${DECISION}"]`).count()).toBe(2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('says why a day with more events than lanes can draw cannot open, and goes to the filters', async () => {
    // As on a dense day at 100k events: the day's page of events does not hold them all.
    const page = await web.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.route('**/v1/events?*limit=200*', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { page: { next_cursor: string | null } };
      body.page.next_cursor = 'more';
      await route.fulfill({ response, json: body });
    });
    await page.goto(`${web.baseUrl}/?from=2020-06-23&to=2020-06-23`);
    await drawn(page, 1);
    expect(await page.locator('svg.volume').count()).toBe(1);
    expect(await page.locator('#summary').textContent()).toContain('filter to see each outlet’s lane');
    const day = page.locator('.period');
    expect(await day.count()).toBe(1);
    expect(await day.getAttribute('data-opens')).toBe('false');
    expect(await day.getAttribute('aria-label')).toContain('Too many to draw one by one');
    await day.focus();
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('f-status');
    expect(new URL(page.url()).searchParams.get('from')).toBe('2020-06-23');
    await page.close();
  });

  it('finds no accessibility violation in the timeline, an event or an actor', async () => {
    const wide = { width: 1280, height: 800 };
    const views = [
      ['/', wide, () => Promise.resolve()],
      ['/', { width: 360, height: 740 }, () => Promise.resolve()],
      [
        `/?event=${DECISION}`,
        wide,
        (page: Page) => page.locator('.article mark.active').first().waitFor(WAIT),
      ],
      ['/?profile=kim-yo-jong', wide, (page: Page) => page.locator('.name-card').first().waitFor(WAIT)],
      ['/?from=2015-01-01&to=2020-12-31', wide, () => Promise.resolve()],
    ] as const;
    for (const [url, viewport, ready] of views) {
      const { page, problems } = await open(url, viewport);
      await ready(page);
      expect(await axeViolations(page), `${url} at ${viewport.width} px`).toEqual([]);
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('reads at 360 px and at 1440 px: nothing wider than the screen, every lane named', async () => {
    for (const width of [360, 1440]) {
      const { page, problems } = await open('/', { width, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const svgWidth = await page.locator('svg.lanes').evaluate((svg) => svg.getBoundingClientRect().right);
      expect(svgWidth).toBeLessThanOrEqual(width);
      expect(await page.locator('svg.lanes .lane-title').allTextContents()).toEqual([
        'North Korean Insight',
        'The New York Times',
      ]);
      expect(await page.locator('.bar').count()).toBeGreaterThan(10);
      // On a phone every bar is a 24 px target (WCAG 2.2, 2.5.8); wider screens keep them slim.
      const heights = await page
        .locator('.bar .fill')
        .evaluateAll((fills) => [...new Set(fills.map((f) => Number(f.getAttribute('height'))))]);
      expect(heights).toEqual([width < 640 ? 24 : 14]);
      expect(problems).toEqual([]);
      await page.close();
    }
  });

  it('opens a link to an event elsewhere in time on a window that shows it, scrolled to it', async () => {
    const { page, problems } = await open('/?event=korean-war-begins');
    await page.locator('#detail-heading').waitFor(WAIT);
    // The war's day is 70 years before the latest event: the window moved to it, its bar drawn.
    expect(await page.locator('.bar[data-event="korean-war-begins"]').count()).toBeGreaterThan(0);
    expect(await page.locator('#f-from').inputValue()).toBe('1950-06-14');
    await expect
      .poll(() => page.locator('#detail').evaluate((d) => Math.round(d.getBoundingClientRect().top)), WAIT)
      .toBeLessThan(100);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('prints what it says without its controls, and the articles in full', async () => {
    const { page, problems } = await open(`/?event=${DECISION}`);
    await page.locator('.article mark.active').first().waitFor(WAIT);
    await page.emulateMedia({ media: 'print' });
    const shown = (selector: string) =>
      page
        .locator(selector)
        .evaluateAll((nodes) => nodes.filter((n) => n.getClientRects().length > 0).length);
    for (const control of ['#filters-panel', '#find', '.zoom', '.detail-actions', '.show-text', '#download'])
      expect(await shown(control), control).toBe(0);
    for (const content of ['svg.lanes', '#detail-heading', '.date-card', '.claims-table', '.article-text'])
      expect(await shown(content), content).toBeGreaterThan(0);
    // Each article whole: nothing left to scroll in its box.
    const clipped = await page
      .locator('.article-text')
      .evaluateAll((boxes) => boxes.filter((b) => b.scrollHeight > b.clientHeight + 1).length);
    expect(clipped).toBe(0);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('writes screenshots of the timeline, wide and narrow, of an event and of an actor', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const shots: string[] = [];
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 390, height: 844 },
    ]) {
      const { page } = await open('/', viewport, 'reduce');
      const file = path.join(SHOTS, `timeline-${viewport.width}x${viewport.height}.png`);
      await page.screenshot({ path: file });
      shots.push(file);
      await page.close();
    }
    // Without motion: a picture taken while an article scrolls to its marks would miss them.
    const { page } = await open(`/?event=${DECISION}`, undefined, 'reduce');
    await page.locator('.article mark.active').first().waitFor(WAIT);
    await page.evaluate(() => document.getElementById('detail')?.scrollIntoView());
    const file = path.join(SHOTS, 'event-1280x800.png');
    await page.screenshot({ path: file });
    shots.push(file);
    await page.close();
    const actor = await open('/?profile=kim-yo-jong', undefined, 'reduce');
    await actor.page.locator('.article-viewer mark.active').first().waitFor(WAIT);
    await actor.page.evaluate(() => document.getElementById('detail')?.scrollIntoView());
    const actorFile = path.join(SHOTS, 'actor-1280x800.png');
    await actor.page.screenshot({ path: actorFile });
    shots.push(actorFile);
    await actor.page.close();
    for (const shot of shots) expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
  });
});
