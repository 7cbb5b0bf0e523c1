import { describe, expect, it } from 'vitest';
import type { Aspect, EventDetail } from '../../page/api-types.js';
import { aspectRows as rowsOf } from '../../page/claims-table.js';

const aspectRows = (detail: EventDetail): Aspect[] => rowsOf(detail);
import { useSeededApp } from '../helpers.js';

/** The event's claims table, from every event detail the API gives for the seeds. */

const ctx = useSeededApp();

async function details(): Promise<EventDetail[]> {
  const list = (await ctx.app.inject({ url: '/v1/events?limit=200' })).json() as { data: { id: string }[] };
  return Promise.all(
    list.data.map(async (e) => (await ctx.app.inject({ url: `/v1/events/${e.id}` })).json() as EventDetail),
  );
}

describe('the claims table', () => {
  it('holds every claim of every event once, dates first', async () => {
    const all = await details();
    expect(all.length).toBeGreaterThan(30);
    for (const detail of all) {
      const rows = aspectRows(detail);
      const shown = rows.flatMap((r) => r.claims.map((c) => c.id));
      expect(shown.toSorted(), detail.id).toEqual(detail.claims.map((c) => c.id).toSorted());
      const firstOther = rows.findIndex((r) => r.property !== 'date');
      if (firstOther !== -1)
        expect(
          rows.slice(firstOther).every((r) => r.property !== 'date'),
          detail.id,
        ).toBe(true);
    }
  });

  it('keeps the API’s verdict on an aspect two outlets speak to, and calls the rest single-source', async () => {
    const liaison = (await details()).find((d) => d.id === 'liaison-office-demolished');
    const rows = aspectRows(liaison as EventDetail);
    expect(rows.map((r) => [r.property, r.about, r.status, r.claims.map((c) => c.source)])).toEqual([
      ['date', null, 'compatible', ['nki-2020-06-24', 'nyt-2020-06-24']],
      ['actor', 'agent', 'corroborated', ['nki-2020-06-24', 'nyt-2020-06-24']],
      ['motive', 'stated', 'single_source', ['nki-2020-06-24']],
    ]);
  });

  it('puts one outlet’s several claims of an aspect in one row', async () => {
    const decision = (await details()).find((d) => d.id === 'cmc-suspends-military-action-plans');
    const motive = aspectRows(decision as EventDetail).find((r) => r.property === 'motive');
    expect(motive?.claims.map((c) => c.id)).toEqual(
      expect.arrayContaining([
        'nki-2020-06-24.cmc-suspends-military-action-plans.motive.decision',
        'nki-2020-06-24.cmc-suspends-military-action-plans.motive.decision.2',
      ]),
    );
  });
});
