import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Db, openReadOnly } from '../../src/db/open.js';
import type { Page, PageRequest } from '../../src/db/keyset.js';
import type { EventRepository } from '../../src/features/events/repository.js';
import type { TimelineFilters } from '../../src/features/events/filters.js';
import { precisionRanges } from '../../src/features/events/timeline.js';
import type { QuoteRepository } from '../../src/features/quotes/repository.js';
import { createRepositories } from '../../src/features/repositories.js';
import {
  DATE_PRECISIONS,
  type DatePrecision,
  EVENT_TYPES,
  type EventType,
} from '../../src/domain/vocabulary.js';
import { asDense, tempDir, writeSynthetic } from '../helpers.js';

describe('precisionRanges', () => {
  const longest = new Map([
    ['day', 0],
    ['month', 30],
    ['year', 365],
  ]);

  it('starts each precision its own longest event before `from`', () => {
    expect(precisionRanges('2001-03-01', '2001-03-31', longest, { order: 'asc' })).toEqual({
      lower: new Map([
        ['day', '2001-03-01'],
        ['month', '2001-01-30'],
        ['year', '2000-03-01'],
      ]),
      upper: '2001-03-31',
    });
  });

  it('begins at the cursor on a later page, whichever way the page moves', () => {
    const after = ['2001-03-10', '2001-03-10', 'e9'];
    expect(precisionRanges('2001-03-01', undefined, longest, { order: 'asc', after }).lower).toEqual(
      new Map([
        ['day', '2001-03-10'],
        ['month', '2001-03-10'],
        ['year', '2001-03-10'],
      ]),
    );
    expect(precisionRanges('2001-03-01', '2001-03-31', longest, { order: 'desc', after }).upper).toBe(
      '2001-03-10',
    );
    // A cursor before a bound does not loosen it.
    expect(
      precisionRanges('2001-03-01', '2001-03-05', longest, { order: 'desc', after: ['2001-04-01', 'x', 'y'] })
        .upper,
    ).toBe('2001-03-05');
  });
});

/**
 * Every page walk of a timeline, in either order and any page size, must list exactly the events a
 * plain reading of SPEC §3 selects: overlap (ends on or after `from`, starts on or before `to`) or
 * within, of the given types, sorted by start, end and id. The oracle is JavaScript over every row; the repository takes
 * whichever query path the filters lead to (one index range, merged ranges per precision, an
 * actor's own timeline).
 */
// On the corpus as built, a date range reads one range; made to look dense, merged ranges (plan.ts).
describe.each(['sparse', 'dense'] as const)('timeline pages against an oracle (%s)', (corpus) => {
  let db: Db;
  let repository: EventRepository;
  let quoteRepository: QuoteRepository;
  interface Row {
    id: string;
    start: string;
    end: string;
    type: string;
    precision: DatePrecision;
    date_status: string;
    actors: Set<string>;
    /** Each source's date, from its `date` claim. */
    dates: { start: string; end: string }[];
  }
  let rows: Row[];
  beforeAll(() => {
    const file = writeSynthetic(tempDir(), 2_000, 3);
    db = openReadOnly(corpus === 'dense' ? asDense(file) : file);
    ({ events: repository, quotes: quoteRepository } = createRepositories(db));
    const participants = db.$client.prepare('SELECT event_id, actor_id FROM event_participants').all() as {
      event_id: string;
      actor_id: string;
    }[];
    const byEvent = new Map<string, Set<string>>();
    for (const p of participants)
      byEvent.set(p.event_id, (byEvent.get(p.event_id) ?? new Set()).add(p.actor_id));
    const dates = new Map<string, { start: string; end: string }[]>();
    for (const c of db.$client
      .prepare("SELECT event_id, value FROM claims WHERE property = 'date'")
      .all() as {
      event_id: string;
      value: string;
    }[])
      dates.set(c.event_id, [...(dates.get(c.event_id) ?? []), JSON.parse(c.value)]);
    const events = db.$client
      .prepare('SELECT id, start, "end", type, precision, date_status FROM events')
      .all() as Row[];
    rows = events.map((r) => ({
      ...r,
      actors: byEvent.get(r.id) ?? new Set(),
      dates: dates.get(r.id) ?? [],
    }));
    // The oracle means something only if some dates are contested.
    expect(rows.filter((r) => r.date_status === 'contested').length).toBeGreaterThan(20);
    return () => db.$client.close();
  });

  function oracle(f: TimelineFilters, order: PageRequest['order']): string[] {
    const selected = rows.filter((r) => {
      if (f.requiredActor && !r.actors.has(f.requiredActor)) return false;
      if (f.type && !f.type.includes(r.type as EventType)) return false;
      if (f.precision && DATE_PRECISIONS.indexOf(r.precision) > DATE_PRECISIONS.indexOf(f.precision))
        return false;
      // By any date a source gives where the dates are contested; else by the event's own.
      const candidates = r.date_status === 'contested' ? r.dates : [r];
      return candidates.some((d) =>
        f.date_match === 'within'
          ? (!f.from || d.start >= f.from) && (!f.to || d.end <= f.to)
          : (!f.from || d.end >= f.from) && (!f.to || d.start <= f.to),
      );
    });
    const key = (r: Row) => [r.start, r.end, r.id].join('\u0000');
    selected.sort((a, b) => (key(a) < key(b) ? -1 : 1));
    if (order === 'desc') selected.reverse();
    return selected.map((r) => r.id);
  }

  /** A walk over the stored items a JSON page splices (one statement per page). */
  function walk(f: TimelineFilters, order: PageRequest['order'], limit: number): string[] {
    return walkPages(
      parsed((request) => repository.list(f, request)),
      order,
      limit,
    );
  }

  /** A list of stored JSON items as a list of the items' objects. */
  function parsed(list: (request: PageRequest) => Page<string>) {
    return (request: PageRequest): Page<{ id: string }> => {
      const page = list(request);
      return { ...page, items: page.items.map((json) => JSON.parse(json) as { id: string }) };
    };
  }

  function walkPages(
    list: (request: PageRequest) => Page<{ id: string }>,
    order: PageRequest['order'],
    limit: number,
  ): string[] {
    const ids: string[] = [];
    let after: PageRequest['after'];
    for (let pages = 0; pages < 500; pages++) {
      const page = list({ order, limit, after });
      ids.push(...page.items.map((e) => e.id));
      if (!page.nextKey) return ids;
      after = page.nextKey;
    }
    throw new Error('more than 500 pages');
  }

  const day = fc
    .date({ min: new Date('1994-06-01'), max: new Date('2026-06-30'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

  it('lists exactly the selected events, in order, across pages', () => {
    let nonEmpty = 0;
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 400 }),
        fc.boolean(),
        fc.constantFrom('overlap', 'within'),
        fc.constantFrom('asc', 'desc'),
        fc.integer({ min: 1, max: 60 }),
        fc.option(
          fc.integer({ min: 0, max: 20 }).map((i) => `syn-a${i}`),
          { freq: 2 },
        ),
        fc.option(fc.subarray([...EVENT_TYPES], { minLength: 1, maxLength: 2 }), { freq: 3 }),
        fc.option(fc.constantFrom(...DATE_PRECISIONS), { freq: 3 }),
        (from, days, open, dateMatch, order, limit, actor, types, precision) => {
          const to = open
            ? undefined
            : new Date(Date.parse(from) + days * 86_400_000).toISOString().slice(0, 10);
          const f: TimelineFilters = {
            from,
            to,
            date_match: dateMatch,
            actor_match: 'any',
            source_match: 'any',
            requiredActor: actor ?? undefined,
            type: types ?? undefined,
            precision: precision ?? undefined,
          };
          const expected = oracle(f, order);
          if (expected.length > 0) nonEmpty++;
          const pageSize = open ? Math.max(limit, 40) : limit;
          expect(walk(f, order, pageSize)).toEqual(expected);
        },
      ),
      { numRuns: 120, seed: 9 },
    );
    expect(nonEmpty).toBeGreaterThan(60);
  });

  /**
   * A search reads its matches from the search index in reading order (by rank). The oracle finds
   * them the other way round: by the quote ids the index holds, sorted by (source, ordinal).
   */
  it('searches quotes: every match once, in reading order, across pages', () => {
    const oracleIds = db.$client.prepare(
      `SELECT id FROM quotes WHERE id IN (SELECT quote_id FROM quote_search WHERE quote_search MATCH ?)
         AND (? IS NULL OR speaker_id = ?) ORDER BY source_id, ordinal`,
    );
    const words = db.$client
      .prepare('SELECT text FROM quotes ORDER BY id LIMIT 40')
      .pluck()
      .all()
      .flatMap(
        (t) =>
          String(t)
            .toLowerCase()
            .match(/[a-z]{4,}/g) ?? [],
      );
    let matched = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...words),
        fc.constantFrom('asc', 'desc'),
        fc.integer({ min: 1, max: 40 }),
        fc.option(
          fc.integer({ min: 0, max: 10 }).map((i) => `syn-a${i}`),
          { freq: 2 },
        ),
        (word, order, limit, speaker) => {
          const expected = oracleIds.pluck().all(word, speaker, speaker) as string[];
          if (order === 'desc') expected.reverse();
          if (expected.length > 0) matched++;
          const filters = { q: word, speaker: speaker ? [speaker] : undefined };
          const stored = parsed((request) => quoteRepository.list(filters, request));
          expect(walkPages(stored, order, limit)).toEqual(expected);
        },
      ),
      { numRuns: 60, seed: 4 },
    );
    expect(matched).toBeGreaterThan(30);
  });
});
