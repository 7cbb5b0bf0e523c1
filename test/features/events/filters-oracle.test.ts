import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../src/app.js';
import { DATE_PRECISIONS, FACETS } from '../../../src/domain/vocabulary.js';
import type { FacetCounts } from '../../../src/features/events/aggregates.js';
import { timelineFilterParams } from '../../../src/features/events/filters.js';
import type { Event } from '../../../src/features/events/item.js';
import { useSeededApp, useSyntheticApp } from '../../helpers.js';
import { countsOf, FACET_VALUES } from './facet-values.js';

/**
 * Every timeline filter against an oracle it cannot share a mistake with, on both corpora, over
 * HTTP. For each filter alone (with a value the corpus makes narrowing) and for random combinations:
 * `count=exact`'s total and every facet equal what a walk of the pages lists; the walk is a strict
 * subset of the whole timeline (so a filter whose SQL term is gone, which narrows nothing, fails);
 * a combination lists no event that one of its parts leaves out; and where a filter's meaning is
 * plain in the item (type, status, actor, source, precision), every event listed has it. A filter
 * missing from the derived-slice guard answers the unfiltered total and fails the first check.
 */

const seeded = useSeededApp();

interface Corpus {
  name: string;
  app: () => App;
  /** The whole timeline, walked. */
  everything: Event[];
  /** One narrowing value per filter, as a query string, and the test each event listed must pass. */
  alone: Record<string, { query: string; holds?: (e: Event) => boolean }>;
}

/** A synthetic corpus as built (a date range reads one range), and looking dense (merged ranges). */
const synthetic = useSyntheticApp(1_500, 11);
const dense = useSyntheticApp(1_500, 11, 2, { dense: true });

async function get<T>(app: App, url: string): Promise<T> {
  const res = await app.inject({ url });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  return res.json() as T;
}

/** Every event a timeline URL lists, a page at a time. */
async function walk(app: App, url: string): Promise<Event[]> {
  const events: Event[] = [];
  let cursor: string | null = null;
  do {
    const page: { data: Event[]; page: { next_cursor: string | null } } = await get(
      app,
      `${url}${url.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${cursor}` : ''}`,
    );
    events.push(...page.data);
    cursor = page.page.next_cursor;
  } while (cursor);
  return events;
}

/** The top 20 values of a facet over `events`, most frequent first, ties by value. */
function facetOf(events: Event[], valuesOf: (e: Event) => string[]) {
  const counts = countsOf(events, valuesOf);
  const values = [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 20)
    .map(([value, count]) => ({ value, count }));
  return { values, truncated: counts.size > 20 };
}

/** The walk of `url`, after checking its total and facets against it. */
async function checkedWalk(app: App, url: string): Promise<Event[]> {
  const events = await walk(app, url);
  const body = await get<{ page: { total: number }; facets: Record<string, FacetCounts> }>(
    app,
    `${url}${url.includes('?') ? '&' : '?'}limit=1&count=exact&facets=${FACETS.join(',')}`,
  );
  expect(body.page.total, `${url}: total`).toBe(events.length);
  for (const [facet, valuesOf] of Object.entries(FACET_VALUES))
    expect(body.facets[facet], `${url}: facet ${facet}`).toEqual(facetOf(events, valuesOf));
  return events;
}

const ids = (events: Event[]) => new Set(events.map((e) => e.id));

/** A value of `valuesOf` that some events have and others do not, the most common such. */
function narrowing(events: Event[], valuesOf: (e: Event) => string[]): string | undefined {
  const { values } = facetOf(events, valuesOf);
  return values.find((v) => v.count < events.length)?.value;
}

/** One narrowing value per filter, chosen from the corpus itself. */
async function filtersOf(app: App, everything: Event[]): Promise<Corpus['alone']> {
  const alone: Corpus['alone'] = {};
  const middle = everything[Math.floor(everything.length / 2)] as Event;
  // Days, not months: the seed corpus lies almost all in one month.
  const [start, end] = [middle.date.start.slice(0, 10), middle.date.end.slice(0, 10)];
  alone.from = { query: `from=${end}` };
  alone.to = { query: `to=${start}` };
  alone.range = { query: `from=${start}&to=${start}` };
  alone.within = { query: `from=${start}&to=${end}&date_match=within` };
  for (const [name, valuesOf] of [
    ['type', FACET_VALUES.type],
    ['status', FACET_VALUES.status],
    ['actor', FACET_VALUES.actor],
    ['source', FACET_VALUES.source],
  ] as const) {
    const value = narrowing(everything, valuesOf);
    if (value) alone[name] = { query: `${name}=${value}`, holds: (e) => valuesOf(e).includes(value) };
  }
  // Two actors together: a plan reads one actor's index range, and the other actors are terms.
  const pair = everything.find((e) => e.participants.length >= 2)?.participants.slice(0, 2);
  if (pair) {
    const [a, b] = pair.map((p) => p.actor.id) as [string, string];
    const both = (e: Event) => [a, b].every((id) => FACET_VALUES.actor(e).includes(id));
    alone.actors = { query: `actor=${a}&actor=${b}&actor_match=all`, holds: both };
  }
  // Two sources of one event: all of them report it, or exactly one does.
  const told = everything.map((e) => [...new Set(FACET_VALUES.source(e))]).find((s) => s.length >= 2);
  if (told) {
    const [a, b] = told as [string, string];
    const count = (e: Event) => [a, b].filter((id) => FACET_VALUES.source(e).includes(id)).length;
    const query = `source=${a}&source=${b}&source_match=`;
    alone.sources_all = { query: `${query}all`, holds: (e) => count(e) === 2 };
    alone.sources_one = { query: `${query}one`, holds: (e) => count(e) === 1 };
  }
  const order = (p: string) => DATE_PRECISIONS.indexOf(p as (typeof DATE_PRECISIONS)[number]);
  const finest = [...new Set(everything.map((e) => e.date.precision))].sort((a, b) => order(a) - order(b));
  if (finest.length > 1) {
    const p = finest[0] as string;
    alone.precision = { query: `precision=${p}`, holds: (e) => order(e.date.precision) <= order(p) };
  }
  // The middle event's rarest word: a template's words may be in every event.
  let rarest: { word: string; total: number } | undefined;
  for (const [word] of `${middle.title} ${middle.summary}`.matchAll(/[A-Za-z]{5,}/g)) {
    const q = word.toLowerCase();
    const { page } = await get<{ page: { total: number } }>(app, `/v1/events?q=${q}&limit=1&count=exact`);
    if (page.total > 0 && page.total < (rarest?.total ?? everything.length))
      rarest = { word: q, total: page.total };
  }
  if (rarest) alone.q = { query: `q=${rarest.word}` };
  // Publication dates: the latest and the earliest, or past the corpus when every source shares one.
  const { data: sources } = await get<{ data: { published: string }[] }>(app, '/v1/sources?limit=100');
  const days = sources.map((s) => s.published.slice(0, 10)).sort();
  const [first, last] = [days[0] as string, days.at(-1) as string];
  alone.published_from = { query: `published_from=${first === last ? '2999-01-01' : last}` };
  alone.published_to = { query: `published_to=${first === last ? '1000-01-01' : first}` };
  return alone;
}

describe.each([
  ['the seed corpus', () => seeded.app],
  ['a synthetic corpus of 1,500 events', () => synthetic.app],
  ['the same synthetic corpus, looking dense', () => dense.app],
])('every timeline filter, on %s', (name, app) => {
  let corpus: Corpus;
  beforeAll(async () => {
    const everything = await checkedWalk(app(), '/v1/events');
    corpus = { name, app, everything, alone: await filtersOf(app(), everything) };
  });

  it('has a narrowing value for every filter the API takes', () => {
    const asked = new Set(
      Object.values(corpus.alone).flatMap(({ query }) => [...new URLSearchParams(query).keys()]),
    );
    for (const param of Object.keys(timelineFilterParams)) expect(asked, param).toContain(param);
  });

  it('narrows by each filter alone, and counts what it lists', async () => {
    const all = ids(corpus.everything);
    for (const [filter, { query, holds }] of Object.entries(corpus.alone)) {
      const listed = await checkedWalk(corpus.app(), `/v1/events?${query}`);
      expect(listed.length, `${filter}: ${query} narrows`).toBeLessThan(corpus.everything.length);
      for (const e of listed) {
        expect(all.has(e.id), `${query}: ${e.id}`).toBe(true);
        if (holds) expect(holds(e), `${query}: ${e.id}`).toBe(true);
      }
    }
  });

  it('counts what any combination lists, and lists no event one of its parts leaves out', async () => {
    const alone = Object.entries(corpus.alone);
    const walks = new Map<string, Set<string>>();
    const listedBy = async (query: string) => {
      if (!walks.has(query)) walks.set(query, ids(await walk(corpus.app(), `/v1/events?${query}`)));
      return walks.get(query) as Set<string>;
    };
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(alone, { minLength: 2, maxLength: 3 }),
        fc.constantFrom('', '&actor_match=all', '&source_match=all', '&source_match=one'),
        async (parts, match) => {
          // One date window per combination: two would be a 400 when they cross.
          const dated = parts.filter(([f]) => ['from', 'to', 'range', 'within'].includes(f));
          fc.pre(dated.length <= 1);
          // Nor two publication bounds: they are chosen to cross.
          fc.pre(parts.filter(([f]) => f.startsWith('published_')).length <= 1);
          const query = parts.map(([, p]) => p.query).join('&') + match;
          // One actor_match and one source_match per combination too.
          const matches = [...new URLSearchParams(query).keys()].filter((k) => k.endsWith('_match'));
          fc.pre(new Set(matches).size === matches.length);
          const listed = await checkedWalk(corpus.app(), `/v1/events?${query}`);
          for (const [filter, { query: own, holds }] of parts) {
            const partListed = await listedBy(own + match);
            for (const e of listed) {
              expect(partListed.has(e.id), `${query}: ${e.id} is not in ${filter}'s own list`).toBe(true);
              if (holds) expect(holds(e), `${query}: ${e.id}`).toBe(true);
            }
          }
        },
      ),
      { numRuns: 25, seed: 26 },
    );
  });

  it('on an actor’s own timeline, counts what it lists: the actor’s events the filter keeps', async () => {
    const actor = narrowing(corpus.everything, FACET_VALUES.actor) as string;
    const own = ids(await checkedWalk(corpus.app(), `/v1/actors/${actor}/events`));
    for (const { query } of Object.values(corpus.alone)) {
      const listed = await checkedWalk(corpus.app(), `/v1/actors/${actor}/events?${query}`);
      const filtered = ids(await walk(corpus.app(), `/v1/events?${query}`));
      expect(ids(listed), query).toEqual(new Set([...own].filter((id) => filtered.has(id))));
    }
  });
});
