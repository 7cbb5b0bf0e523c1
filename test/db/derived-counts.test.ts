import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStored } from '../../src/db/items.js';
import { type Db, openReadOnly } from '../../src/db/open.js';
import { createRepositories } from '../../src/features/repositories.js';
import { tempDir, writeSynthetic } from '../helpers.js';

/**
 * A profile's counts come from tables the seed derives (actor_event_counts, actor_quote_counts), so
 * that they cost one lookup for the busiest actor too. They must say what the base tables say.
 */
describe("an actor profile's counts", () => {
  let db: Db;
  beforeAll(() => {
    db = openReadOnly(writeSynthetic(tempDir(), 1_500, 13));
  });
  afterAll(() => db.$client.close());

  it('match the base tables for every actor', () => {
    const client = db.$client;
    const actorIds = client.prepare('SELECT id FROM actors').pluck().all() as string[];
    const eventsByType = client.prepare(
      `SELECT e.type, count(DISTINCT e.id) AS n, min(e.start) AS first, max(e."end") AS last
         FROM event_participants p JOIN events e ON e.id = p.event_id
        WHERE p.actor_id = ? GROUP BY e.type`,
    );
    const quoteCount = client.prepare('SELECT count(*) FROM quotes WHERE speaker_id = ?').pluck();
    const { actors } = createRepositories(db);
    let quoted = 0;
    for (const id of actorIds) {
      const rows = eventsByType.all(id) as { type: string; n: number; first: string; last: string }[];
      const quotes = quoteCount.get(id) as number;
      if (quotes > 0) quoted++;
      const stored = actors.findProfile(id);
      const profile = stored && parseStored(stored);
      expect(
        profile && { counts: profile.counts, first: profile.first_event_date, last: profile.last_event_date },
        id,
      ).toEqual({
        counts: {
          events: rows.reduce((sum, r) => sum + r.n, 0),
          quotes,
          events_by_type: Object.fromEntries(rows.map((r) => [r.type, r.n])),
        },
        first: rows.length ? rows.map((r) => r.first).sort()[0] : null,
        last: rows.length
          ? rows
              .map((r) => r.last)
              .sort()
              .at(-1)
          : null,
      });
    }
    expect(quoted).toBeGreaterThan(5);
  });
});
