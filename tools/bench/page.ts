/**
 * `npm run bench:page -- --database FILE [--rounds N] [--no-build]`: the page's targets
 * in headless Chromium against the production build, response cache off: how long the
 * first meaningful render takes (navigation start to the timeline drawn, a fresh browser profile
 * each round) and how long a filter change takes to be redrawn (the change to the timeline drawn),
 * both read from the page's own performance marks. Medians over the rounds. Builds dist/ first
 * unless `--no-build`; Chromium from CHROMIUM_PATH or /usr/bin/chromium.
 *
 * Two views each round: the page as it opens (on a big corpus, volume over time) and the lanes of
 * the busiest recent day whose events fit on one page (bars, each article's outlet looked up).
 * Then, on that day's lanes, every view below the timeline, each opened from the one before by
 * what a person does (an event, one of its actors, the comparison, a search, every quote), and a
 * filter change with the comparison open: the action to the view drawn (`parallax:detail-shown`).
 */
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { type Page, chromium } from 'playwright-core';
import { waitUntilAnswering } from '../child-server.js';
import { buildUnless, median, startServer, machine } from './harness.js';

const { values } = parseArgs({
  options: {
    database: { type: 'string' },
    rounds: { type: 'string', default: '5' },
    'no-build': { type: 'boolean', default: false },
  },
});
if (!values.database) {
  console.error('usage: npx tsx tools/bench/page.ts --database FILE [--rounds N] [--no-build]');
  process.exit(2);
}
const database = values.database;
const ROUNDS = Number(values.rounds);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TARGETS = { render: 2000, change: 500 };

/** Resolves once the timeline has been drawn `times` times since the page loaded. */
async function drawn(page: Page, times: number): Promise<void> {
  await page.waitForFunction(
    (n) => performance.getEntriesByName('parallax:timeline-drawn').length >= n,
    times,
    { timeout: 60_000 },
  );
}

/** The duration of the latest redraw after a change, from the page's `parallax:redraw` measure. */
async function lastRedraw(page: Page): Promise<number> {
  return page.evaluate(
    () => performance.getEntriesByName('parallax:redraw', 'measure').at(-1)?.duration ?? NaN,
  );
}

/** The filter changes measured each round, in order, each on the view the one before left. */
const CHANGES: { name: string; apply: (page: Page) => Promise<void> }[] = [
  {
    name: 'verdict: contested',
    apply: (page) => page.selectOption('#f-status', 'contested').then(() => undefined),
  },
  { name: 'zoom out', apply: (page) => page.click('.zoom [data-action="zoom-out"]') },
  { name: 'verdict: any', apply: (page) => page.selectOption('#f-status', '').then(() => undefined) },
  { name: 'zoom in', apply: (page) => page.click('.zoom [data-action="zoom-in"]') },
];

/** The changes measured on the lanes of a day. */
const LANE_CHANGES: typeof CHANGES = [CHANGES[0], CHANGES[2]].filter((c) => c !== undefined);

/**
 * The views below the timeline, in order, each from where the one before left the page: what is
 * done to open it (`act`, timed) after anything done first (`prepare`, not timed).
 */
const VIEWS: { name: string; prepare?: (page: Page) => Promise<void>; act: (page: Page) => Promise<void> }[] =
  [
    { name: 'an event (its bar chosen)', act: (page) => page.locator('.bar').first().click() },
    {
      name: 'an actor (a participant of the event)',
      act: (page) => page.locator('#detail .participants .link-button').first().click(),
    },
    { name: 'the comparison of the outlets', act: (page) => page.click('#open-compare') },
    {
      name: 'the comparison, after a filter change (verdict: contested)',
      act: (page) => page.selectOption('#f-status', 'contested').then(() => undefined),
    },
    {
      name: 'a search (a word of an event title)',
      prepare: async (page) => {
        const title = (await page.locator('.bar').first().getAttribute('aria-label')) ?? 'the';
        await page.fill('#find-q', title.split(/\s+/)[0] ?? 'the');
      },
      act: (page) => page.press('#find-q', 'Enter'),
    },
    { name: 'every quote', act: (page) => page.click('#open-quotes') },
  ];

/** Opens each view in turn on the lanes at `url`, in a fresh profile: how long each took to show. */
async function viewsRound(browser: Browser, url: string): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto(url);
    await drawn(page, 1);
    const times: number[] = [];
    for (const view of VIEWS) {
      await view.prepare?.(page);
      const shown = await page.evaluate(() => {
        performance.mark('bench:action');
        return performance.getEntriesByName('parallax:detail-shown').length;
      });
      await view.act(page);
      await page
        .waitForFunction((n) => performance.getEntriesByName('parallax:detail-shown').length > n, shown, {
          timeout: 60_000,
        })
        .catch((error: unknown) => {
          throw new Error(`${view.name}: not shown (${String(error)})`);
        });
      times.push(
        await page.evaluate(
          () =>
            (performance.getEntriesByName('parallax:detail-shown').at(-1)?.startTime ?? NaN) -
            (performance.getEntriesByName('bench:action').at(-1)?.startTime ?? NaN),
        ),
      );
    }
    return times;
  } finally {
    await context.close();
  }
}

interface Round {
  render: number;
  mode: string;
  requests: number;
  changes: number[];
}

type Browser = Awaited<ReturnType<typeof chromium.launch>>;

/** Opens `url` in a fresh profile (nothing cached, as on a first visit), then makes `changes`. */
async function round(browser: Browser, url: string, changes: typeof CHANGES): Promise<Round> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  let requests = 0;
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/v1/')) requests++;
  });
  try {
    await page.goto(url);
    await drawn(page, 1);
    const render = await page.evaluate(
      () => performance.getEntriesByName('parallax:timeline-drawn', 'mark')[0]?.startTime ?? NaN,
    );
    const atRender = requests;
    const mode = (await page.locator('svg.volume').count()) > 0 ? 'volume' : 'lanes';
    const redraws: number[] = [];
    for (const [i, change] of changes.entries()) {
      await change.apply(page);
      await drawn(page, i + 2);
      redraws.push(await lastRedraw(page));
    }
    return { render, mode, requests: atRender, changes: redraws };
  } finally {
    await context.close();
  }
}

/**
 * The busiest of the 60 days up to the latest event whose events (those whose dates overlap it)
 * fit on the one page the lanes draw.
 */
async function busyDay(base: string): Promise<{ day: string; events: number }> {
  const get = async <T>(path: string) => (await (await fetch(`${base}${path}`)).json()) as T;
  const latest = await get<{ data: { date: { start: string } }[] }>('/v1/events?order=desc&limit=1');
  const end = Date.parse(latest.data[0]?.date.start ?? '2020-06-24');
  let best = { day: new Date(end).toISOString().slice(0, 10), events: 0 };
  for (let i = 0; i < 60; i++) {
    const day = new Date(end - i * 86_400_000).toISOString().slice(0, 10);
    const page = await get<{ data: unknown[]; page: { next_cursor: string | null } }>(
      `/v1/events?from=${day}&to=${day}&limit=200`,
    );
    if (page.page.next_cursor === null && page.data.length > best.events)
      best = { day, events: page.data.length };
  }
  return best;
}

const ms = (value: number) => value.toFixed(0);

async function main() {
  buildUnless(values['no-build']);
  const { child, base } = startServer(database, false);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    await waitUntilAnswering(`${base}/healthz`, child, 120_000);
    const busy = await busyDay(base);
    const dayUrl = `${base}/?from=${busy.day}&to=${busy.day}`;
    // Warm: the server's first queries, Chromium's first page.
    await round(browser, `${base}/`, CHANGES);
    await round(browser, dayUrl, LANE_CHANGES);
    await viewsRound(browser, dayUrl);
    const rounds: Round[] = [];
    const dayRounds: Round[] = [];
    const viewRounds: number[][] = [];
    for (let r = 0; r < ROUNDS; r++) {
      rounds.push(await round(browser, `${base}/`, CHANGES));
      dayRounds.push(await round(browser, dayUrl, LANE_CHANGES));
      viewRounds.push(await viewsRound(browser, dayUrl));
      console.error(
        `round ${r + 1}: ${ms(rounds.at(-1)?.render ?? NaN)} ms, lanes ${ms(dayRounds.at(-1)?.render ?? NaN)} ms`,
      );
    }
    const events = new Database(database, { readonly: true })
      .prepare('SELECT count(*) FROM events')
      .pluck()
      .get();
    const row = (name: string, values: number[], target: number) =>
      `| ${name} | ${ms(median(values))} | ${ms(Math.min(...values))}–${ms(Math.max(...values))} | ${target} | ${(median(values) / target).toFixed(2)} |`;
    console.log(
      [
        `database: ${database} (${events} events); production build, response cache off; headless Chromium at 1280×800, a fresh profile each round; ${ROUNDS} rounds (medians; range)`,
        `machine: ${machine()}; ${await browser.version()}`,
        `the page as it opens drew ${rounds[0]?.mode} (${rounds[0]?.requests} API requests); the lanes of ${busy.day} (${busy.events} events) drew ${dayRounds[0]?.mode} (${dayRounds[0]?.requests} API requests)`,
        '',
        '| measure | median ms | range ms | target ms | median / target |',
        '| --- | --- | --- | --- | --- |',
        row(
          'first meaningful render (navigation to timeline drawn)',
          rounds.map((r) => r.render),
          TARGETS.render,
        ),
        ...CHANGES.map((change, i) =>
          row(
            `filter change redrawn: ${change.name}`,
            rounds.map((r) => r.changes[i] ?? NaN),
            TARGETS.change,
          ),
        ),
        row(
          `first meaningful render, lanes of ${busy.day}`,
          dayRounds.map((r) => r.render),
          TARGETS.render,
        ),
        ...LANE_CHANGES.map((change, i) =>
          row(
            `filter change redrawn, lanes of ${busy.day}: ${change.name}`,
            dayRounds.map((r) => r.changes[i] ?? NaN),
            TARGETS.change,
          ),
        ),
        ...VIEWS.map((view, i) =>
          row(
            `view shown, lanes of ${busy.day}: ${view.name}`,
            viewRounds.map((r) => r[i] ?? NaN),
            TARGETS.change,
          ),
        ),
      ].join('\n'),
    );
  } finally {
    await browser.close();
    child.kill('SIGTERM');
  }
}

await main();
