import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStored } from '../../src/db/items.js';
import { type Db, openReadOnly } from '../../src/db/open.js';
import { createRepositories } from '../../src/features/repositories.js';
import type { PageRequest } from '../../src/db/keyset.js';
import { TIMELINE_DEFAULTS } from '../../src/features/events/filters.js';
import type { Event } from '../../src/features/events/item.js';
import type { Quote } from '../../src/features/quotes/item.js';
import { tempDir, useSeededApp, writeSynthetic } from '../helpers.js';

/**
 * Pages read each event's participants and evidence, and each quote, from documents the seed derives
 * (event_documents, quote_documents). Events: Whatever an event shows must be exactly what the base tables say, in the
 * documented order: participants by role, then actor id; evidence grouped by source in source order,
 * each source's spans by start, then by the order they were annotated in.
 */
type Shown = Pick<Event, 'participants' | 'sources'> & { dates: Event['date']['by_source'] };

function expectedFromBaseTables(db: Db): Map<string, Shown> {
  const client = db.$client;
  const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const expected = new Map<string, Shown>();
  const of = (id: string) => {
    let entry = expected.get(id);
    if (!entry) expected.set(id, (entry = { participants: [], sources: [], dates: [] }));
    return entry;
  };
  for (const id of client.prepare('SELECT id FROM events').pluck().all() as string[]) of(id);

  const participants = client
    .prepare(
      'SELECT p.event_id, p.role, a.id, a.name, a.kind FROM event_participants p JOIN actors a ON a.id = p.actor_id',
    )
    .all() as { event_id: string; role: string; id: string; name: string; kind: string }[];
  participants.sort((x, y) => byCodeUnits(x.role, y.role) || byCodeUnits(x.id, y.id));
  for (const p of participants)
    of(p.event_id).participants.push({
      actor: { id: p.id, name: p.name, kind: p.kind as Event['participants'][number]['actor']['kind'] },
      role: p.role as Event['participants'][number]['role'],
    });

  const evidence = client.prepare('SELECT * FROM event_evidence').all() as {
    id: number;
    event_id: string;
    source_id: string;
    start: number;
    end: number;
    text: string;
  }[];
  evidence.sort((x, y) => byCodeUnits(x.source_id, y.source_id) || x.start - y.start || x.id - y.id);
  for (const e of evidence) {
    const sources = of(e.event_id).sources;
    let group = sources.find((s) => s.source === e.source_id);
    if (!group) sources.push((group = { source: e.source_id, evidence: [] }));
    group.evidence.push({ source: e.source_id, start: e.start, end: e.end, text: e.text });
  }

  // Each source's date: its `date` claim, by source.
  const dates = client
    .prepare(
      `SELECT c.*, a.name AS actor_name, a.kind AS actor_kind FROM claims c
         LEFT JOIN actors a ON a.id = c.attributed_actor_id WHERE c.property = 'date'`,
    )
    .all() as Record<string, string | number | null>[];
  dates.sort((x, y) => byCodeUnits(String(x.source_id), String(y.source_id)));
  for (const c of dates) {
    const value = JSON.parse(String(c.value));
    const source = String(c.source_id);
    of(String(c.event_id)).dates.push({
      source,
      start: value.start,
      end: value.end,
      precision: value.precision,
      edtf: value.edtf,
      approximate: value.approximate,
      phrase: value.phrase,
      reason: value.reason,
      evidence: { source, start: Number(c.start), end: Number(c.end), text: String(c.text) },
      status: c.status as Event['date']['status'],
      attributed_to:
        c.attributed_actor_id === null && c.attributed_description === null
          ? null
          : {
              actor:
                c.attributed_actor_id === null
                  ? null
                  : {
                      id: String(c.attributed_actor_id),
                      name: String(c.actor_name),
                      kind: String(c.actor_kind),
                    },
              description: c.attributed_description === null ? null : String(c.attributed_description),
            },
    });
  }
  return expected;
}

function checkEveryEvent(db: Db) {
  const { events } = createRepositories(db);
  const expected = expectedFromBaseTables(db);
  let seen = 0;
  let after: PageRequest['after'];
  do {
    const page = events.list(TIMELINE_DEFAULTS, { order: 'asc', limit: 97, after });
    for (const event of page.items.map(parseStored)) {
      expect(
        { participants: event.participants, sources: event.sources, dates: event.date.by_source },
        event.id,
      ).toEqual(expected.get(event.id));
      seen++;
    }
    after = page.nextKey;
  } while (after);
  expect(seen).toBe(expected.size);
  // The detail of an event holds the same.
  const [first] = expected.keys();
  const stored = first === undefined ? undefined : events.findById(first);
  const detail = stored && parseStored(stored);
  expect(
    detail && { participants: detail.participants, sources: detail.sources, dates: detail.date.by_source },
  ).toEqual(first === undefined ? undefined : expected.get(first));
}

/** Every quote in reading order, as the base tables tell it. */
function quotesFromBaseTables(db: Db): Quote[] {
  const rows = db.$client
    .prepare(
      `SELECT q.*, s.name AS speaker_name, s.kind AS speaker_kind, v.name AS via_name, v.kind AS via_kind,
              j.name AS subject_name, j.kind AS subject_kind
         FROM quotes q LEFT JOIN actors s ON s.id = q.speaker_id LEFT JOIN actors v ON v.id = q.reported_via_id
         LEFT JOIN actors j ON j.id = q.subject_id
        ORDER BY q.source_id, q.ordinal`,
    )
    .all() as Record<string, string | number | null>[];
  const ref = (id: unknown, name: unknown, kind: unknown) =>
    id === null ? null : ({ id, name, kind } as NonNullable<Quote['speaker']>);
  return rows.map(
    (r) =>
      ({
        id: r.id,
        text: r.text,
        speaker: ref(r.speaker_id, r.speaker_name, r.speaker_kind),
        speaker_description: r.speaker_description,
        source: r.source_id,
        span: { start: r.start, end: r.end },
        prefix: r.prefix,
        suffix: r.suffix,
        kind: r.kind,
        event: r.event_id,
        reported_via: ref(r.reported_via_id, r.via_name, r.via_kind),
        subject: ref(r.subject_id, r.subject_name, r.subject_kind),
        attribution: r.attribution,
        attribution_reason: r.attribution_reason,
      }) as Quote,
  );
}

function checkEveryQuote(db: Db) {
  const { quotes } = createRepositories(db);
  const expected = quotesFromBaseTables(db);
  const listed: Quote[] = [];
  let after: PageRequest['after'];
  do {
    const page = quotes.list({}, { order: 'asc', limit: 41, after });
    listed.push(...page.items.map(parseStored));
    after = page.nextKey;
  } while (after);
  expect(listed).toEqual(expected);
  const byId = new Map(expected.map((q) => [q.id, q]));
  // A search and the quotes of an event read the same items.
  const word = expected[0]?.text.match(/[A-Za-z]{4,}/)?.[0];
  const found =
    word === undefined ? [] : quotes.list({ q: word }, { order: 'asc', limit: 200 }).items.map(parseStored);
  expect(found.length).toBeGreaterThan(0);
  for (const q of found) expect(q).toEqual(byId.get(q.id));
  const event = expected.find((q) => q.event !== null)?.event;
  if (event)
    expect(quotes.listByEvent(event).map(parseStored)).toEqual(expected.filter((q) => q.event === event));
}

describe('documents', () => {
  describe('on the seed corpus (real text: quotes, dashes, non-ASCII)', () => {
    const ctx = useSeededApp();
    it('show every event exactly as the base tables say', () => checkEveryEvent(ctx.db));
    it('show every quote exactly as the base tables say', () => {
      checkEveryQuote(ctx.db);
      // Every optional part is among them, present and absent: a subject, an inferred attribution.
      const quotes = quotesFromBaseTables(ctx.db);
      expect(new Set(quotes.map((q) => q.subject !== null))).toEqual(new Set([true, false]));
      expect(new Set(quotes.map((q) => q.attribution))).toEqual(new Set(['explicit', 'inferred']));
    });
  });

  describe('on a synthetic corpus', () => {
    let db: Db;
    beforeAll(() => {
      db = openReadOnly(writeSynthetic(tempDir(), 1_500, 11));
    });
    afterAll(() => db.$client.close());
    it('show every event exactly as the base tables say', () => checkEveryEvent(db));
    it('show every quote exactly as the base tables say', () => checkEveryQuote(db));
  });
});
