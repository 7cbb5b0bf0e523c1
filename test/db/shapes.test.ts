import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Db, openReadOnly } from '../../src/db/open.js';
import { Bindings } from '../../src/db/shapes.js';
import { events } from '../../src/db/schema.js';
import { DATE_PRECISIONS, EVENT_STATUSES, EVENT_TYPES } from '../../src/domain/vocabulary.js';
import type { PageRequest } from '../../src/db/keyset.js';
import type { TimelineFilters } from '../../src/features/events/filters.js';
import { createRepositories } from '../../src/features/repositories.js';
import { tempDir, writeSynthetic } from '../helpers.js';

describe('Bindings', () => {
  it('names the shape by its placeholders and flags, in order', () => {
    const b = new Bindings();
    b.bind('from', '2020-01-01');
    b.flag('desc');
    b.bindList('types', ['war', 'attack']);
    expect(b.shape).toBe('from,#desc,types');
    expect(b.values).toEqual({ from: '2020-01-01', types: '["war","attack"]' });
  });

  it('refuses a name bound twice, which would make two shapes one', () => {
    const b = new Bindings();
    b.bind('id', 'a');
    expect(() => b.bind('id', 'b')).toThrow(/bound twice/);
  });

  it('compares with one distinct value and lists several, under different names', () => {
    const one = new Bindings();
    one.anyOf(events.type, 'type', ['war', 'war']);
    expect([one.shape, one.values]).toEqual(['type', { type: 'war' }]);
    const many = new Bindings();
    many.anyOf(events.type, 'type', ['war', 'attack']);
    expect([many.shape, many.values]).toEqual(['type[]', { 'type[]': '["war","attack"]' }]);
  });
});

/**
 * A list query is built and prepared once per shape, then reused with other values. If two
 * descriptions that differ in SQL ever shared a shape, a reused query would answer with the wrong
 * SQL. So: random filters through one long-lived repository (every shape reused many times, in
 * random order) must give exactly what a repository built afresh for that one call gives.
 */
describe('queries reused by shape', () => {
  let db: Db;
  beforeAll(() => {
    db = openReadOnly(writeSynthetic(tempDir(), 2_000, 11));
    return () => db.$client.close();
  });

  const repositories = () => createRepositories(db);

  /** Absent three times in four: with every filter present, nearly every page would be empty. */
  const maybe = <T>(arb: fc.Arbitrary<T>) =>
    fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: arb, weight: 1 });
  const actor = fc.integer({ min: 0, max: 60 }).map((i) => `syn-a${i}`);
  const source = fc.integer({ min: 0, max: 40 }).map((i) => `syn-s${i}`);
  const day = fc
    .date({ min: new Date('1995-01-01'), max: new Date('2025-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const some = <T>(arb: fc.Arbitrary<T>) => maybe(fc.array(arb, { minLength: 1, maxLength: 3 }));
  const timeline: fc.Arbitrary<TimelineFilters> = fc.record({
    from: maybe(day),
    to: maybe(day),
    date_match: fc.constantFrom('overlap', 'within'),
    actor: some(actor),
    actor_match: fc.constantFrom('any', 'all'),
    source_match: fc.constantFrom('any', 'all', 'one'),
    precision: maybe(fc.constantFrom(...DATE_PRECISIONS)),
    type: some(fc.constantFrom(...EVENT_TYPES)),
    source: some(source),
    status: maybe(fc.constantFrom(...EVENT_STATUSES)),
    q: maybe(fc.constantFrom('water', 'harvest river', '*', 'the')),
    requiredActor: maybe(actor),
  });
  const page: fc.Arbitrary<PageRequest> = fc.record({
    order: fc.constantFrom('asc', 'desc'),
    limit: fc.integer({ min: 1, max: 30 }),
  });

  it('timelines: a reused query answers exactly as a fresh one', () => {
    const warm = repositories();
    let nonEmpty = 0;
    fc.assert(
      fc.property(timeline, page, (filters, request) => {
        const first = warm.events.list(filters, request);
        expect(first).toEqual(repositories().events.list(filters, request));
        if (first.items.length > 0) nonEmpty++;
        // And the page after, through the cursor's shape.
        if (first.nextKey) {
          const next = { ...request, after: first.nextKey };
          expect(warm.events.list(filters, next)).toEqual(repositories().events.list(filters, next));
        }
      }),
      { numRuns: 150, seed: 5 },
    );
    // The comparison means something only if many pages have rows.
    expect(nonEmpty).toBeGreaterThan(50);
  });

  it('quotes, claims and actors: a reused query answers exactly as a fresh one', () => {
    const warm = repositories();
    const quoteFilters = fc.record({
      speaker: some(actor),
      source: maybe(source),
      kind: maybe(fc.constantFrom('full', 'fragment')),
      q: maybe(fc.constantFrom('water', 'harvest', '--')),
    });
    const claimFilters = fc.record({
      source: maybe(source),
      property: maybe(fc.constantFrom('date', 'count', 'location')),
      status: maybe(fc.constantFrom(...EVENT_STATUSES)),
    });
    const actorFilters = fc.record({
      kind: maybe(fc.constantFrom('person', 'organisation', 'state')),
      q: maybe(fc.constantFrom('ana', 'syn', '*')),
    });
    let nonEmpty = 0;
    fc.assert(
      fc.property(quoteFilters, claimFilters, actorFilters, page, (qf, cf, af, request) => {
        const fresh = repositories();
        const pages = [
          warm.quotes.list(qf, request),
          warm.claims.list(cf, request),
          warm.actors.list(af, request),
        ];
        expect(pages).toEqual([
          fresh.quotes.list(qf, request),
          fresh.claims.list(cf, request),
          fresh.actors.list(af, request),
        ]);
        if (pages.every((p) => p.items.length > 0)) nonEmpty++;
      }),
      { numRuns: 100, seed: 6 },
    );
    expect(nonEmpty).toBeGreaterThan(20);
  });
});
