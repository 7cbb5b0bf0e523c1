import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/features/actors/item.js';
import type { Event } from '../../../src/features/events/item.js';
import { useSeededApp } from '../../helpers.js';

const ctx = useSeededApp();
const get = (url: string) => request(ctx.app.server).get(url);

describe('GET /v1/actors', () => {
  it('reaches one actor from both spellings of Kim’s name', async () => {
    const spellings = ['Kim Jong Un', 'Kim Jong-un', 'kim jong un', 'KIM JONG-UN'];
    for (const q of spellings) {
      const res = await get(`/v1/actors?q=${encodeURIComponent(q)}`).expect(200);
      expect(
        res.body.data.map((a: Actor) => a.id),
        q,
      ).toEqual(['kim-jong-un']);
    }
    const kim = (await get('/v1/actors/kim-jong-un').expect(200)).body;
    expect(kim.aliases).toEqual(expect.arrayContaining(['Kim Jong Un', 'Kim Jong-un', 'Mr. Kim']));
  });

  it('filters by kind', async () => {
    const res = await get('/v1/actors?kind=person&limit=200').expect(200);
    expect(res.body.data.length).toBeGreaterThan(3);
    for (const a of res.body.data as Actor[]) expect(a.kind).toBe('person');
  });

  it('treats search syntax as words and answers 400 for an unknown kind', async () => {
    for (const q of ['"kim', 'kim OR', '(', '*', 'NEAR(', '-'])
      await get(`/v1/actors?q=${encodeURIComponent(q)}`).expect(200);
    await get('/v1/actors?kind=alien').expect(400);
  });
});

describe('GET /v1/actors/{id}', () => {
  it('profiles an actor with roles, relations, counts and event dates', async () => {
    const kim = (await get('/v1/actors/kim-jong-un').expect(200)).body;
    expect(kim.kind).toBe('person');
    expect(kim.roles.length).toBeGreaterThan(0);
    expect(kim.relations.map((r: { actor: { id: string } }) => r.actor.id)).toContain('kim-yo-jong');
    const timeline: Event[] = (await get('/v1/actors/kim-jong-un/events?limit=200').expect(200)).body.data;
    expect(kim.counts.events).toBe(timeline.length);
    expect(kim.first_event_date).toBe(timeline[0]?.date.start);
    const byType = Object.values(kim.counts.events_by_type as Record<string, number>).reduce(
      (a, b) => a + b,
      0,
    );
    expect(byType).toBe(kim.counts.events);
  });

  it('answers 404 for an unknown actor, and for its timeline', async () => {
    await get('/v1/actors/nobody').expect(404);
    await get('/v1/actors/nobody/events').expect(404);
  });
});
