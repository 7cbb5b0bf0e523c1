import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { getter, useSeededApp } from '../helpers.js';

/**
 * Calls every documented GET with real data and validates each live body against the schema the
 * served OpenAPI document declares for that operation and status (JSON Schema 2020-12). The URLs
 * cover every operation; the test fails if an operation is added without one.
 */

const ctx = useSeededApp();
const get = getter(ctx);

const CALLS: [template: string, url: string][] = [
  ['/healthz', '/healthz'],
  ['/readyz', '/readyz'],
  ['/v1/sources', '/v1/sources'],
  ['/v1/sources', '/v1/sources?limit=1'],
  ['/v1/sources/{id}', '/v1/sources/nki-2020-06-24'],
  ['/v1/sources/{id}', '/v1/sources/nope'],
  ['/v1/sources/{id}/text', '/v1/sources/nyt-2020-06-24/text'],
  ['/v1/events', '/v1/events?limit=200'],
  ['/v1/events', '/v1/events?from=2020-06&to=2020-06-30&actor=kim-jong-un&order=desc&limit=2'],
  ['/v1/events', '/v1/events?from=June'],
  ['/v1/events/{id}', '/v1/events/cmc-suspends-military-action-plans'],
  ['/v1/events/{id}', '/v1/events/kim-yo-jong-insults-moon'],
  ['/v1/events/{id}', '/v1/events/nope'],
  ['/v1/actors', '/v1/actors?limit=200'],
  ['/v1/actors', '/v1/actors?kind=planet'],
  ['/v1/actors/{id}', '/v1/actors/kim-jong-un'],
  ['/v1/actors/{id}', '/v1/actors/kcna'],
  ['/v1/actors/{id}', '/v1/actors/nope'],
  ['/v1/actors/{id}/events', '/v1/actors/moon-jae-in/events?limit=200'],
  ['/v1/actors/{id}/events', '/v1/actors/nope/events'],
  ['/v1/actors/{id}/quotes', '/v1/actors/kim-yo-jong/quotes'],
  ['/v1/quotes', '/v1/quotes?limit=200'],
  ['/v1/quotes', '/v1/quotes?limit=500'],
  ['/v1/quotes/{id}', '/v1/quotes/nki-2020-06-24-q1'],
  ['/v1/quotes/{id}', '/v1/quotes/nope'],
  ['/v1/claims', '/v1/claims?limit=200'],
  ['/v1/claims/{id}', '/v1/claims/nyt-2020-06-24.cmc-suspends-military-action-plans.date'],
  ['/v1/claims/{id}', '/v1/claims/nope'],
];

describe('every documented GET', () => {
  it('answers with a status the document declares and a body that validates against its schema', async () => {
    const doc = (await get('/openapi.json').expect(200)).body;
    // The document is not itself a schema: its OpenAPI-only keys are registered as annotations so
    // that Ajv's strict mode still rejects anything unknown inside the schemas.
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats.default(ajv);
    ajv.addVocabulary(['openapi', 'info', 'servers', 'security', 'tags', 'paths', 'components', 'example']);
    ajv.addSchema({ ...doc, $id: 'openapi.json' });

    const operations = Object.entries<Record<string, unknown>>(doc.paths).flatMap(([p, item]) =>
      Object.keys(item)
        .filter((m) => m === 'get')
        .map(() => p),
    );
    expect(new Set(CALLS.map(([t]) => t))).toEqual(new Set(operations));

    // The schemas have teeth: a list item missing its fields, or an extra status, is refused.
    const events = ajv.getSchema('openapi.json#/components/schemas/EventList');
    expect(events?.({ data: [{ id: 'x' }], page: { limit: 1, next_cursor: null } })).toBe(false);
    expect(events?.({ data: [], page: { limit: 1, next_cursor: null } })).toBe(true);

    for (const [template, url] of CALLS) {
      const res = await get(url);
      const responses = doc.paths[template].get.responses;
      expect(Object.keys(responses), `${url} answered ${res.status}`).toContain(String(res.status));
      const [mediaType, content] = Object.entries<{ schema: object }>(responses[res.status].content)[0] ?? [];
      expect(res.headers['content-type'], url).toContain(mediaType);
      const pointer = [
        'paths',
        template,
        'get',
        'responses',
        String(res.status),
        'content',
        mediaType,
        'schema',
      ]
        .map((k) => String(k).replaceAll('~', '~0').replaceAll('/', '~1'))
        .join('/');
      const validate = ajv.getSchema(`openapi.json#/${pointer}`);
      expect(validate, pointer).toBeDefined();
      expect(content).toBeDefined();
      const body = mediaType?.startsWith('text/') ? res.text : res.body;
      const ok = validate?.(body);
      expect(validate?.errors ?? [], `${url} (${res.status})`).toEqual([]);
      expect(ok).toBe(true);
    }
  });
});
