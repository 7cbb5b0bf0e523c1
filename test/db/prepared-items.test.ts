import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DATASET_TABLES, type Dataset, type DatasetTable } from '../../src/db/dataset.js';
import { parseStored, spliceObject } from '../../src/db/items.js';
import { openReadOnly } from '../../src/db/open.js';
import { TIMELINE_DEFAULTS } from '../../src/features/events/filters.js';
import { ActorProfileSchema } from '../../src/features/actors/item.js';
import { EventSchema } from '../../src/features/events/item.js';
import { EventDetailSchema } from '../../src/features/events/schema.js';
import { QuoteSchema } from '../../src/features/quotes/item.js';
import { createRepositories } from '../../src/features/repositories.js';
import { DEFAULT_SEEDS_DIR } from '../../src/seed/defaults.js';
import { prepareSeeds } from '../../src/seed/load.js';
import { DatasetWriter } from '../../src/seed/writer.js';
import { bothCorpora, getter, tempDir, useSeededApp } from '../helpers.js';

/**
 * Timeline items, quotes and actor profiles are rendered once by the seed and served as stored
 * (db/items.ts). What holds that to the contract: every item is stored, once, as the serialiser
 * would write it against its schema; the JSON answer, the NDJSON export and `fields=` (which parses
 * the items) agree; and an item that does not match its schema fails the seed, leaving no database.
 */

const ctx = useSeededApp();
const get = getter(ctx);

/** Stored text is the serialiser's bytes: valid against `schema`, and in the schema's key order. */
function expectSerialised(schema: z.ZodType, json: string | undefined, what: string) {
  expect(json, what).toBeDefined();
  const checked = schema.safeParse(JSON.parse(json ?? 'null'));
  expect(checked.success, what).toBe(true);
  expect(json, what).toBe(JSON.stringify(checked.data));
}

describe('stored timeline items', () => {
  it('are one per event, in timeline order, each as the serialiser writes the Event schema', () => {
    const { events } = createRepositories(ctx.db);
    const stored = events.list(TIMELINE_DEFAULTS, { order: 'asc', limit: 500 }).items;
    const ids = ctx.db.$client.prepare('SELECT id FROM events ORDER BY start, "end", id').pluck().all();
    expect(ids.length).toBeGreaterThan(30);
    expect(stored.map((json) => parseStored(json).id)).toEqual(ids);
    for (const json of stored) expectSerialised(EventSchema, json, json.slice(0, 40));
  });

  it('answer the JSON page, the NDJSON export and every field selection alike', async () => {
    const url = '/v1/events?from=2020-06&to=2020-06&order=desc&limit=200';
    const page = (await get(url).expect(200)).body as { data: object[]; page: object };
    const lines = (await get(`${url}&format=ndjson`).expect(200)).text.trim().split('\n');
    expect(lines).toEqual(page.data.map((item) => JSON.stringify(item)));
    const fields = Object.keys(EventSchema.shape).join(',');
    const selected = (await get(`${url}&fields=${fields}`).expect(200)).body as { data: object[] };
    expect(selected.data).toEqual(page.data);
    const counted = (await get(`${url}&facets=type,source&count=exact`).expect(200)).body as {
      data: object[];
      page: { total: number };
      facets: object;
    };
    expect(counted.data).toEqual(page.data);
    expect(counted.page.total).toBe(page.data.length);
    expect(Object.keys(counted)).toEqual(['data', 'page', 'facets']);
  });
});

describe('an event in detail', () => {
  it('is its stored item with what the detail adds spliced after it, as the serialiser writes it', () => {
    const { events } = createRepositories(ctx.db);
    const ids = ctx.db.$client.prepare('SELECT id FROM events ORDER BY id').pluck().all() as string[];
    expect(ids.length).toBeGreaterThan(30);
    const listed = events.list(TIMELINE_DEFAULTS, { order: 'asc', limit: 500 }).items;
    const items = new Map(listed.map((json) => [parseStored(json).id, json]));
    for (const id of ids) {
      const detail = events.findById(id);
      expectSerialised(EventDetailSchema, detail, id);
      // The event's item, then what the detail adds.
      expect(detail?.startsWith(`${items.get(id)?.slice(0, -1)},"claims":`), id).toBe(true);
    }
    expect(events.findById('nothing')).toBeUndefined();
  });

  it.each(bothCorpora(ctx, 3000, 7))(
    "judges each event's claims as the claims list does, on %s",
    (_, open) => {
      // The detail judges an event's claims among themselves; the list reads every claim about the
      // same events to judge them. Same verdicts, each list (rivals, supporters …) in the same order.
      const db = open();
      const { claims } = createRepositories(db);
      const ids = db.$client
        .prepare('SELECT DISTINCT event_id FROM claims ORDER BY 1')
        .pluck()
        .all() as string[];
      let compared = 0;
      for (const id of ids) {
        const judged = claims.listByEvent(id);
        const listed = claims.list({ event: id }, { order: 'asc', limit: 500 }).items;
        expect(
          [...judged].sort((a, b) => (a.id < b.id ? -1 : 1)),
          id,
        ).toEqual(listed);
        compared += judged.filter((c) => c.status !== 'single_source').length;
      }
      // Claims judged against another source's, not only single-source ones.
      expect(compared).toBeGreaterThan(ids.length / 10);
    },
  );

  it.each([
    ['{"a":1}', '{"b":2}', '{"a":1,"b":2}'],
    ['{"a":{"x":[]}}', '{"b":[{}],"c":"}"}', '{"a":{"x":[]},"b":[{}],"c":"}"}'],
    ['{}', '{"b":2}', '{"b":2}'],
    ['{"a":1}', '{}', '{"a":1}'],
  ])('splices %s and %s', (object, additions, spliced) => {
    expect(spliceObject(object, additions)).toBe(spliced);
    expect(JSON.parse(spliced)).toEqual({ ...JSON.parse(object), ...JSON.parse(additions) });
  });

  it('refuses to splice what is not two objects', () => {
    expect(() => spliceObject('[1]', '{"b":2}')).toThrow(/two objects/);
    expect(() => spliceObject('{"a":1}', '"b"')).toThrow(/two objects/);
  });
});

describe('stored quote items', () => {
  it('are one per quote, in reading order, each as the serialiser writes the Quote schema', () => {
    const { quotes } = createRepositories(ctx.db);
    const stored = quotes.list({}, { order: 'asc', limit: 500 }).items;
    const ids = ctx.db.$client.prepare('SELECT id FROM quotes ORDER BY source_id, ordinal').pluck().all();
    expect(ids.length).toBeGreaterThan(10);
    expect(stored.map((json) => parseStored(json).id)).toEqual(ids);
    for (const json of stored) expectSerialised(QuoteSchema, json, json.slice(0, 40));
    for (const json of stored) expect(quotes.findById(parseStored(json).id)).toBe(json);
  });

  it("answer a search, its NDJSON export, a field selection and an actor's quotes alike", async () => {
    const url = '/v1/quotes?q=military&order=desc';
    const page = (await get(url).expect(200)).body as { data: { speaker: { id: string } | null }[] };
    expect(page.data.length).toBeGreaterThan(0);
    const lines = (await get(`${url}&format=ndjson`).expect(200)).text.trim().split('\n');
    expect(lines).toEqual(page.data.map((item) => JSON.stringify(item)));
    const fields = Object.keys(QuoteSchema.shape).join(',');
    expect((await get(`${url}&fields=${fields}`).expect(200)).body).toEqual(page);
    const speaker = page.data.find((q) => q.speaker)?.speaker?.id ?? 'kcna';
    const own = (await get(`/v1/actors/${speaker}/quotes`).expect(200)).body as { data: object[] };
    const filtered = (await get(`/v1/quotes?speaker=${speaker}`).expect(200)).body as { data: object[] };
    expect(own.data).toEqual(filtered.data);
    expect(own.data.length).toBeGreaterThan(0);
  });
});

describe('stored actor profiles', () => {
  it('are one for every actor, each as the serialiser writes the ActorProfile schema', () => {
    const { actors } = createRepositories(ctx.db);
    const ids = ctx.db.$client.prepare('SELECT id FROM actors ORDER BY id').pluck().all() as string[];
    expect(ids.length).toBeGreaterThan(30);
    for (const id of ids) {
      const profile = actors.findProfile(id);
      expectSerialised(ActorProfileSchema, profile, id);
      expect(profile && parseStored(profile).id).toBe(id);
    }
  });

  it('answer the profile, a full field selection and JSON-LD alike', async () => {
    const profile = (await get('/v1/actors/kim-yo-jong').expect(200)).body as { id: string };
    expect(profile.id).toBe('kim-yo-jong');
    const fields = Object.keys(ActorProfileSchema.shape).join(',');
    expect((await get(`/v1/actors/kim-yo-jong?fields=${fields}`).expect(200)).body).toEqual(profile);
    const linked = await get('/v1/actors/kim-yo-jong').set('accept', 'application/ld+json').expect(200);
    expect(linked.type).toBe('application/ld+json');
    await get('/v1/actors/nobody').expect(404);
  });
});

describe('an item that does not match its schema', () => {
  const dir = tempDir();

  /** The seeds with the first row of `table` given a value its column stores but its schema refuses. */
  type Planting = (dataset: Dataset) => { dataset: Dataset; id: string };
  const plant =
    <K extends 'events' | 'quotes' | 'actors'>(table: K, change: Partial<Dataset[K][number]>): Planting =>
    (dataset) => {
      const [first, ...rest] = dataset[table];
      if (!first) throw new Error(`the seeds have no ${table}`);
      return { dataset: { ...dataset, [table]: [{ ...first, ...change }, ...rest] }, id: first.id };
    };

  it.each([
    ['event', 'Event', 'status', plant('events', { status: 'rumoured' as never })],
    ['quote', 'Quote', 'kind', plant('quotes', { kind: 'rumour' as never })],
    ['actor', 'ActorProfile', 'kind', plant('actors', { kind: 'alien' as never })],
  ] as const)(
    'fails the seed when one %s does not match the %s schema, and nothing is written',
    async (what, schema, field, planting) => {
      const prepared = await prepareSeeds(DEFAULT_SEEDS_DIR);
      const { dataset, id } = planting(prepared.dataset);
      const target = path.join(dir, `planted-${what}.db`);
      const writer = DatasetWriter.open(target);
      for (const table of Object.keys(DATASET_TABLES) as DatasetTable[])
        writer.insertAll(table, dataset[table]);
      expect(() => writer.commit(prepared.version)).toThrow(
        new RegExp(`${what} ${id} does not match the ${schema} schema[^]*${field}`),
      );
      expect(existsSync(target)).toBe(false);
    },
  );

  it('is caught only at seed time: a database seeded whole serves every item as stored', () => {
    // The counterpart of the above: with the real seeds every event rendered, one stored item each.
    const db = openReadOnly(ctx.db.$client.name);
    try {
      const events = db.$client.prepare('SELECT count(*) FROM events').pluck().get();
      const items = db.$client.prepare('SELECT count(*) FROM event_items').pluck().get();
      expect(items).toBe(events);
      const quotes = db.$client.prepare('SELECT count(*) FROM quotes').pluck().get();
      const quoteItems = db.$client.prepare('SELECT count(*) FROM quote_items').pluck().get();
      expect(quoteItems).toBe(quotes);
      const actors = db.$client.prepare('SELECT count(*) FROM actors').pluck().get();
      const profiles = db.$client.prepare('SELECT count(*) FROM actor_profiles').pluck().get();
      expect(profiles).toBe(actors);
    } finally {
      db.$client.close();
    }
  });
});
