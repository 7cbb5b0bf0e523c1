/**
 * A small Parallax client as an SDK user would write it: types generated from
 * openapi/openapi.json by openapi-typescript (into ./generated, by test/sdk/sdk.test.ts), calls made
 * with openapi-fetch. It is type-checked on its own, strictly (test/sdk/tsconfig.json).
 */
import createClient from 'openapi-fetch';
import type { components, paths } from './generated/openapi.js';

export type Event = components['schemas']['Event'];
export type ActorProfile = components['schemas']['ActorProfile'];
export type Quote = components['schemas']['Quote'];
export type Volume = components['schemas']['Volume'];
export type CompareResult = components['schemas']['CompareResult'];
type Problem = components['schemas']['Problem'];

function fail(problem: Problem): never {
  throw new Error(`${problem.status} ${problem.title}: ${problem.detail ?? ''}`);
}

export function parallax(baseUrl: string) {
  // The JSON answers, typed as such; the exports are read as text (`parseAs`).
  const client = createClient<paths, 'application/json' | 'application/problem+json'>({ baseUrl });
  return {
    /** Every event between two dates, following the cursor a small page at a time. */
    async timeline(from: string, to: string): Promise<Event[]> {
      const events: Event[] = [];
      let cursor: string | undefined;
      do {
        const { data, error } = await client.GET('/v1/events', {
          params: { query: { from, to, limit: 2, ...(cursor ? { cursor } : {}) } },
        });
        if (error) fail(error);
        events.push(...data.data);
        cursor = data.page.next_cursor ?? undefined;
      } while (cursor);
      return events;
    },

    async profile(id: string): Promise<ActorProfile | undefined> {
      const { data, error, response } = await client.GET('/v1/actors/{id}', { params: { path: { id } } });
      if (response.status === 404) return undefined;
      if (error) fail(error);
      return data;
    },

    /** Two sources side by side: the first page of their comparison, with its summary. */
    async compare(a: string, b: string): Promise<CompareResult> {
      const { data, error } = await client.GET('/v1/compare', {
        params: { query: { source: [a, b], limit: 50 } },
      });
      if (error) fail(error);
      return data;
    },

    /** How many events per week between two dates. */
    async weekly(from: string, to: string): Promise<Volume> {
      const { data, error } = await client.GET('/v1/events/volume', {
        params: { query: { from, to, interval: 'week' } },
      });
      if (error) fail(error);
      return data;
    },

    /** An actor's whole timeline as CSV, as a spreadsheet would take it. */
    async timelineCsv(actor: string): Promise<string> {
      const { data, error } = await client.GET('/v1/events', {
        params: { query: { actor: [actor], format: 'csv' } },
        parseAs: 'text',
      });
      if (error) fail(error);
      return data;
    },

    /** Every quote, one JSON object a line, as a notebook would stream them. */
    async quotesNdjson(): Promise<Quote[]> {
      const { data, error } = await client.GET('/v1/quotes', {
        params: { query: { format: 'ndjson' } },
        parseAs: 'text',
      });
      if (error) fail(error);
      return data
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Quote);
    },

    async quotesOf(id: string): Promise<Quote[]> {
      const { data, error } = await client.GET('/v1/actors/{id}/quotes', {
        params: { path: { id }, query: { limit: 200 } },
      });
      if (error) fail(error);
      return data.data;
    },
  };
}

/** Never called: each line must fail to type-check, which shows the generated types have teeth. */
export function misuses(client: ReturnType<typeof createClient<paths>>) {
  // @ts-expect-error limit is a number
  void client.GET('/v1/events', { params: { query: { limit: 'ten' } } });
  // @ts-expect-error there is no such parameter
  void client.GET('/v1/events', { params: { query: { actr: 'kim-jong-un' } } });
  // @ts-expect-error date_match is overlap or within
  void client.GET('/v1/events', { params: { query: { date_match: 'inside' } } });
  // @ts-expect-error the path needs its id
  void client.GET('/v1/actors/{id}', {});
  // @ts-expect-error there is no such path
  void client.GET('/v1/people');
  // @ts-expect-error interval is day, week, month or year
  void client.GET('/v1/events/volume', { params: { query: { interval: 'decade' } } });
}
