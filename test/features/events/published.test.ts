import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../../src/app.js';
import { type Db, openReadOnly } from '../../../src/db/open.js';
import type { Event } from '../../../src/features/events/item.js';
import { seed } from '../../../src/seed/load.js';
import { copySeeds, tempDir } from '../../helpers.js';
import { editJson, FILE_B } from '../../seed/seed-helpers.js';

/**
 * `published_from` / `published_to`: events that a source published in the range reports. The
 * two articles share a day, so here the second one is published a day later, at 9:00 in Seoul.
 */
describe('GET /v1/events?published_from&published_to', () => {
  const dir = tempDir();
  let db: Db;
  let app: App;
  beforeAll(async () => {
    const seeds = copySeeds(dir);
    editJson(seeds, FILE_B, (b) => {
      b.source.published = '2020-06-25T09:00:00+09:00';
    });
    const file = path.join(dir, 'parallax.db');
    await seed(seeds, file);
    db = openReadOnly(file);
    app = await buildApp({ db });
  });
  afterAll(async () => {
    await app?.close();
    db?.$client.close();
  });

  const ids = async (query: string) => {
    const res = await app.inject({ url: `/v1/events?limit=200&${query}` });
    expect(res.statusCode, query).toBe(200);
    return (res.json().data as Event[]).map((e) => e.id);
  };

  it('keeps the events a source published in the range reports, like the source filter', async () => {
    const nki = await ids('source=nki-2020-06-24');
    const nyt = await ids('source=nyt-2020-06-24');
    expect(nki.length).toBeGreaterThan(5);
    expect(nyt.length).toBeGreaterThan(5);
    expect(await ids('published_to=2020-06-24')).toEqual(nki);
    expect(await ids('published_from=2020-06-25')).toEqual(nyt);
    expect(await ids('published_from=2020-06-24&published_to=2020-06-24')).toEqual(nki);
    // A partial date is its whole period; a date-time is published on the day it begins with.
    expect(await ids('published_from=2020-06&published_to=2020-06')).toEqual(await ids(''));
    expect(await ids('published_from=2020-06-26')).toEqual([]);
    expect(await ids('published_to=2020-06-23')).toEqual([]);
  });

  it('combines with the other filters', async () => {
    const decisions = await ids('type=decision&source=nyt-2020-06-24&from=2020-06');
    expect(decisions.length).toBeGreaterThan(0);
    expect(await ids('type=decision&published_from=2020-06-25&from=2020-06')).toEqual(decisions);
  });

  it('answers 400 naming the parameter for a bad bound or an empty range', async () => {
    for (const [query, name] of [
      ['published_from=2020-13', 'published_from'],
      ['published_to=yesterday', 'published_to'],
      ['published_from=2020-06-25&published_to=2020-06-24', 'published_to'],
    ] as const) {
      const res = await app.inject({ url: `/v1/events?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().errors.map((e: { name: string }) => e.name)).toEqual([name]);
    }
  });
});
