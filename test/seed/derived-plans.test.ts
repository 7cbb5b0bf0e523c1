import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDatabase } from '../../src/db/open.js';
import { DERIVED_SQL } from '../../src/seed/derived.js';
import { tempDir } from '../helpers.js';

/**
 * The derived tables are built before the planner has statistics (the seed gathers them last), so
 * SQLite chooses between indexes by its defaults, and on a tie by the order the indexes were made.
 * A subquery run once per row must then still look its rows up by the row's key: one that reads a
 * value index instead (every date claim of the dataset, for each event) makes the seed quadratic.
 * Found when a new migration baseline reordered the indexes and 50,000 events took minutes.
 */

const dir = tempDir('parallax-derived-plans-');

/** A search by a key: an id, an event's or actor's id, a rowid, or a reading rank. */
const BY_KEY = /\((\w*_)?(id|rowid|rank)=\?/;

describe('the derived tables, planned without statistics', () => {
  it('look up the rows of every correlated subquery by their key', () => {
    const db = createDatabase(path.join(dir, 'empty.db'));
    const checked: string[] = [];
    for (const statement of DERIVED_SQL) {
      const plan = db.$client.prepare(`EXPLAIN QUERY PLAN ${statement}`).all() as {
        id: number;
        parent: number;
        detail: string;
      }[];
      const correlated = new Set(plan.filter((r) => r.detail.startsWith('CORRELATED')).map((r) => r.id));
      for (const row of plan)
        if (correlated.has(row.parent) && row.detail.startsWith('SEARCH')) {
          expect(row.detail, statement.slice(0, 80)).toMatch(BY_KEY);
          checked.push(row.detail);
        }
      db.$client.exec(statement);
    }
    // The event documents alone look up participants, actors, evidence and date claims.
    expect(checked.length).toBeGreaterThanOrEqual(5);
    db.$client.close();
  });
});
