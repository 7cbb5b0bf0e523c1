import { describe, expect, it } from 'vitest';
import { slice, useSeededApp } from '../helpers.js';

const ctx = useSeededApp();

describe('the seeded database', () => {
  it('has every evidence span read back as its annotated text', () => {
    const client = ctx.db.$client;
    const bodies = new Map(
      (client.prepare('SELECT id, body FROM sources').all() as { id: string; body: string }[]).map((s) => [
        s.id,
        s.body,
      ]),
    );
    const spans = client
      .prepare(
        `SELECT 'event_evidence' AS tbl, source_id, start, "end", text FROM event_evidence
         UNION ALL SELECT 'claims', source_id, start, "end", text FROM claims
         UNION ALL SELECT 'quotes', source_id, start, "end", text FROM quotes
         UNION ALL SELECT 'actor_aliases', source_id, start, "end", alias FROM actor_aliases`,
      )
      .all() as { tbl: string; source_id: string; start: number; end: number; text: string }[];
    expect(spans.length).toBeGreaterThan(100);
    for (const s of spans)
      expect(slice(bodies.get(s.source_id) ?? '', s.start, s.end), `${s.tbl} ${s.start}`).toBe(s.text);
  });

  it('has every passage in quotation marks of every text as a quote, verbatim', () => {
    const client = ctx.db.$client;
    const sources = client.prepare('SELECT id, body FROM sources').all() as { id: string; body: string }[];
    for (const { id, body } of sources) {
      const quoted = [...body.matchAll(/“([^”]+)”/g)].map((m) => m[1]);
      const stored = client
        .prepare('SELECT text FROM quotes WHERE source_id = ? ORDER BY ordinal')
        .pluck()
        .all(id);
      expect(quoted.length, id).toBeGreaterThan(0);
      expect(stored, id).toEqual(quoted);
    }
  });

  it('holds a full annotation: 25+ events, 20+ actors, and contested and corroborated claims', () => {
    const count = (table: string) =>
      (ctx.db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect(count('events')).toBeGreaterThanOrEqual(25);
    expect(count('actors')).toBeGreaterThanOrEqual(20);
    expect(count("claims WHERE status = 'contested'")).toBeGreaterThanOrEqual(2);
    expect(count("claims WHERE status = 'corroborated'")).toBeGreaterThanOrEqual(2);
  });

  it('refuses writes through the server’s connection', () => {
    expect(() => ctx.db.$client.prepare("INSERT INTO meta (key, value) VALUES ('x', 'y')").run()).toThrow(
      /readonly|read-only|query_only/i,
    );
  });
});
