import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import openapiTS, { astToString } from 'openapi-typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSeededApp } from '../helpers.js';

/**
 * The SDK path: types generated from the committed openapi/openapi.json, a client written against
 * them type-checked strictly, then run against a real server on a loopback port.
 */

/** What the test uses of client.ts, by shape. */
interface Client {
  timeline(from: string, to: string): Promise<{ id: string; date: { start: string; end: string } }[]>;
  profile(id: string): Promise<{ name: string; counts: { quotes: number } } | undefined>;
  quotesOf(id: string): Promise<{ text: string }[]>;
  compare(
    a: string,
    b: string,
  ): Promise<{
    summary: { shared: number };
    data: { event: { id: string }; aspects: { property: string; status: string }[] }[];
  }>;
  timelineCsv(actor: string): Promise<string>;
  quotesNdjson(): Promise<{ id: string; text: string }[]>;
  weekly(
    from: string,
    to: string,
  ): Promise<{ total: number; periods: { period: string; events: number }[]; apart: { events: number }[] }>;
}

const run = promisify(execFile);
const HERE = import.meta.dirname;
const ROOT = path.resolve(HERE, '../..');
const ctx = useSeededApp();
let baseUrl: string;

beforeAll(async () => {
  const ast = await openapiTS(new URL(`file://${path.join(ROOT, 'openapi/openapi.json')}`));
  mkdirSync(path.join(HERE, 'generated'), { recursive: true });
  writeFileSync(path.join(HERE, 'generated/openapi.d.ts'), astToString(ast));
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  const address = ctx.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  baseUrl = `http://127.0.0.1:${address.port}`;
});

describe('a client generated from openapi/openapi.json', () => {
  it('type-checks strictly (and refuses misuse)', async () => {
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const result = await run(process.execPath, [tsc, '-p', path.join(HERE, 'tsconfig.json')]).catch(
      (error: { stdout: string }) => ({ stdout: error.stdout, failed: true }),
    );
    expect(result.stdout).toBe('');
  });

  it('reads a timeline by date, an actor’s profile and that actor’s quotes from a live server', async () => {
    // client.ts is compiled by its own tsconfig once the types exist, so the project's type check
    // (which runs before any test, on a fresh clone) must not follow this import.
    const clientModule = './client.js';
    const { parallax } = (await import(clientModule)) as { parallax: (baseUrl: string) => Client };
    const api = parallax(baseUrl);

    const june = await api.timeline('2020-06-20', '2020-06-24');
    expect(june.length).toBeGreaterThan(2);
    for (const e of june) expect(e.date.start <= '2020-06-24' && e.date.end >= '2020-06-20').toBe(true);
    expect(june.map((e) => e.id)).toContain('cmc-suspends-military-action-plans');

    const kim = await api.profile('kim-yo-jong');
    expect(kim?.name).toBe('Kim Yo-jong');
    expect(kim?.counts.quotes).toBe(2);
    expect(await api.profile('nobody')).toBeUndefined();

    const quotes = await api.quotesOf('kim-yo-jong');
    expect(quotes.map((q) => q.text)).toEqual(['insane', 'sickening.']);
    await expect(api.timeline('2020-13', '2020-14')).rejects.toThrow(/^400 Bad Request/);

    const compared = await api.compare('nki-2020-06-24', 'nyt-2020-06-24');
    expect(compared.summary.shared).toBe(11);
    const decision = compared.data.find((c) => c.event.id === 'cmc-suspends-military-action-plans');
    expect(decision?.aspects.find((a) => a.property === 'date')?.status).toBe('contested');
    await expect(api.compare('nki-2020-06-24', 'nki-2020-06-24')).rejects.toThrow(/^400 Bad Request/);

    const csv = (await api.timelineCsv('kim-yo-jong')).split('\r\n').filter(Boolean);
    expect(csv[0]).toMatch(/^id,title,summary,type,date\.start,/);
    const hers = await api.timeline('1900', '2100');
    expect(csv.length - 1).toBe(hers.filter((e) => JSON.stringify(e).includes('"kim-yo-jong"')).length);
    const everyQuote = await api.quotesNdjson();
    expect(everyQuote.length).toBeGreaterThan(10);
    expect(new Set(everyQuote.map((q) => q.id)).size).toBe(everyQuote.length);

    const weekly = await api.weekly('2020-06', '2020-06');
    expect(weekly.periods.map((p) => p.period)).toEqual([
      '2020-W23',
      '2020-W24',
      '2020-W25',
      '2020-W26',
      '2020-W27',
    ]);
    expect(weekly.total).toBe(
      weekly.periods.reduce((n, p) => n + p.events, 0) + weekly.apart.reduce((n, a) => n + a.events, 0),
    );
  });
});
