import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { afterAll, beforeAll, expect } from 'vitest';
import { type App, type AppOptions, buildApp } from '../src/app.js';
import { META } from '../src/db/meta.js';
import { type Db, openReadOnly } from '../src/db/open.js';
import { DEFAULT_SEEDS_DIR } from '../src/seed/defaults.js';
import { seed } from '../src/seed/load.js';
import { DUMPS } from '../src/features/dumps/beside.js';
import { generateSynthetic } from '../tools/synthetic/generate.js';
import { DatasetWriter } from '../src/seed/writer.js';

export { DEFAULT_SEEDS_DIR };

/** A fresh temporary folder, removed after the file's tests. */
export function tempDir(prefix = 'parallax-'): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A copy of the project's seeds that a test may break. */
export function copySeeds(into: string): string {
  const dir = path.join(into, 'seeds');
  cpSync(DEFAULT_SEEDS_DIR, dir, { recursive: true });
  return dir;
}

/**
 * A copy of the project's seeds with one event (`RETITLED_EVENT`) titled `title`: another dataset
 * version, for tests that swap datasets.
 */
export function retitledSeeds(into: string, title: string): string {
  const dir = mkdtempSync(path.join(into, 'seeds-'));
  cpSync(DEFAULT_SEEDS_DIR, dir, { recursive: true });
  const annotation = path.join(dir, '000_4b06048074e592c0.json');
  const json = JSON.parse(readFileSync(annotation, 'utf8')) as { events: { id: string; title: string }[] };
  const event = json.events.find((e) => e.id === RETITLED_EVENT);
  if (!event) throw new Error(`the seeds no longer have ${RETITLED_EVENT}`);
  event.title = title;
  writeFileSync(annotation, JSON.stringify(json, null, 2));
  return dir;
}

/** The event `retitledSeeds` retitles. */
export const RETITLED_EVENT = 'cmc-suspends-military-action-plans';

export interface TestContext {
  app: App;
  db: Db;
  file: string;
}

/**
 * Seeds a real SQLite database from seeds/ into a temporary folder and builds the app on it,
 * read-only, as the server does, with `options` (the database aside). Use inside a describe
 * block; the returned object fills in beforeAll.
 */
export function useSeededApp(options: Omit<AppOptions, 'db'> = {}): TestContext {
  const ctx = {} as TestContext;
  const dir = mkdtempSync(path.join(tmpdir(), 'parallax-app-'));
  beforeAll(async () => {
    ctx.file = path.join(dir, 'parallax.db');
    await seed(DEFAULT_SEEDS_DIR, ctx.file, { beside: DUMPS });
    ctx.db = openReadOnly(ctx.file);
    ctx.app = await buildApp({ ...options, db: ctx.db });
    await ctx.app.ready();
  });
  afterAll(async () => {
    await ctx.app?.close();
    ctx.db?.$client.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return ctx;
}

/**
 * An app over a synthetic corpus (tools/synthetic/generate.ts), `outlets` sources a week, like
 * useSeededApp; `dense`, planned as a large dataset would be (asDense).
 */
export function useSyntheticApp(
  events: number,
  seed: number,
  outlets = 2,
  { dense = false }: { dense?: boolean } = {},
): TestContext {
  const ctx = {} as TestContext;
  const dir = tempDir();
  beforeAll(async () => {
    const file = writeSynthetic(dir, events, seed, outlets);
    ctx.file = dense ? asDense(file) : file;
    ctx.db = openReadOnly(ctx.file);
    ctx.app = await buildApp({ db: ctx.db });
    await ctx.app.ready();
  });
  afterAll(async () => {
    await ctx.app?.close();
    ctx.db?.$client.close();
  });
  return ctx;
}

/**
 * The seed corpus and a synthetic one, for `it.each`: a check that holds on the annotated articles
 * and on what the generator makes at scale. The synthetic corpus is written and opened when first
 * asked for, and closed after the file's tests.
 */
export function bothCorpora(ctx: TestContext, events: number, seed: number): [string, () => Db][] {
  const dir = tempDir();
  let synthetic: Db | undefined;
  afterAll(() => synthetic?.$client.close());
  return [
    ['the seed corpus', () => ctx.db],
    ['a synthetic corpus', () => (synthetic ??= openReadOnly(writeSynthetic(dir, events, seed)))],
  ];
}

/**
 * Writes a synthetic corpus (tools/synthetic/generate.ts) into `dir`, `outlets` sources a week, and
 * returns the file's path.
 */
export function writeSynthetic(dir: string, events: number, seed: number, outlets = 2): string {
  const name = `synthetic-${events}-${seed}${outlets === 2 ? '' : `-${outlets}`}`;
  const file = path.join(dir, `${name}.db`);
  const writer = DatasetWriter.open(file);
  for (const item of generateSynthetic({ events, seed, outlets })) writer.insertItem(item);
  writer.commit(name);
  return file;
}

/**
 * A copy of the dataset at `file` whose recorded event count makes it look dense: its timeline
 * then plans a date range from `from` as merged ranges, as on a large dataset (plan.ts), so a test
 * on a small corpus reads both paths.
 */
export function asDense(file: string): string {
  const dense = file.replace(/\.db$/, '-dense.db');
  cpSync(file, dense);
  const db = new Database(dense);
  try {
    db.prepare("UPDATE meta SET value = json_set(value, '$.events', 100000000) WHERE key = ?").run(
      META.eventsExtent.key,
    );
  } finally {
    db.close();
  }
  return dense;
}

/** Code-point slice, the unit of every span. */
export function slice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

/** GET on the app's server through supertest. */
export function getter(ctx: TestContext) {
  return (url: string) => request(ctx.app.server).get(url);
}

/**
 * Follows `next_cursor` from `url` to the end, `limit` items a page, checking the envelope and the
 * `Link` header on the way; returns every item in the order received.
 */
export async function walk<T = unknown>(ctx: TestContext, url: string, limit: number): Promise<T[]> {
  const get = getter(ctx);
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const res: request.Response = await get(
      `${url}${sep}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`,
    ).expect(200);
    expect(res.body.data.length).toBeLessThanOrEqual(limit);
    expect(res.body.page.limit).toBe(limit);
    items.push(...res.body.data);
    cursor = res.body.page.next_cursor;
    if (cursor) {
      expect(res.body.data.length).toBe(limit);
      expect(res.headers.link).toContain(`cursor=${cursor}`);
      expect(res.headers.link).toMatch(/; rel="next"$/);
    } else expect(res.headers.link).toBeUndefined();
  } while (cursor);
  return items;
}
