import { describe, expect, it } from 'vitest';
import { PARTIAL_JSON } from '../../../src/http/representations/formats.js';
import { getter, useSeededApp } from '../../helpers.js';
import { createDocumentValidator } from './validator.js';

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
  ['/v1/events', '/v1/events?facets=type,status,source,actor,precision&count=exact&limit=3'],
  ['/v1/events/volume', '/v1/events/volume?from=2020-06&to=2020-06&interval=week&by=source'],
  ['/v1/events/volume', '/v1/events/volume?interval=year&by=type&actor=kim-jong-un'],
  ['/v1/events/volume', '/v1/events/volume?interval=day'],
  ['/v1/compare', '/v1/compare?source=nki-2020-06-24&source=nyt-2020-06-24&limit=5'],
  ['/v1/compare', '/v1/compare?source=nki-2020-06-24'],
  ['/v1/events/{id}', '/v1/events/cmc-suspends-military-action-plans'],
  ['/v1/events/{id}', '/v1/events/kim-yo-jong-insults-moon'],
  ['/v1/events/{id}', '/v1/events/nope'],
  ['/v1/actors', '/v1/actors?limit=200'],
  ['/v1/actors', '/v1/actors?kind=planet'],
  ['/v1/actors/{id}', '/v1/actors/kim-jong-un'],
  ['/v1/actors/{id}', '/v1/actors/kcna'],
  ['/v1/actors/{id}/events', '/v1/actors/kim-jong-un/events?facets=actor&count=exact'],
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
  ['/v1/events', '/v1/events?limit=3&format=jsonld'],
  ['/v1/events/{id}', '/v1/events/cmc-suspends-military-action-plans?format=jsonld'],
  ['/v1/actors/{id}', '/v1/actors/kim-jong-un?format=jsonld&fields=roles,relations'],
  ['/v1/claims', '/v1/claims?format=jsonld&fields=value'],
  ['/ns/v1', '/ns/v1'],
  ['/v1/dumps', '/v1/dumps'],
  ['/v1/dumps/{file}', '/v1/dumps/sources.csv'],
  ['/v1/dumps/{file}', '/v1/dumps/no-such-file.csv'],
];

describe('every documented GET', () => {
  it('answers with a status the document declares and a body that validates against its schema', async () => {
    const doc = (await get('/openapi.json').expect(200)).body;
    const { ajv, operations, response } = createDocumentValidator(doc);
    expect(new Set(CALLS.map(([t]) => t))).toEqual(new Set(operations.map((o) => o.template)));

    // The schemas have teeth: a list item missing its fields, or an extra status, is refused.
    const events = ajv.getSchema('openapi.json#/components/schemas/EventList');
    expect(events?.({ data: [{ id: 'x' }], page: { limit: 1, next_cursor: null } })).toBe(false);
    expect(events?.({ data: [], page: { limit: 1, next_cursor: null } })).toBe(true);

    for (const [template, url] of CALLS) {
      const res = await get(url);
      const responses = doc.paths[template].get.responses;
      expect(Object.keys(responses), `${url} answered ${res.status}`).toContain(String(res.status));
      const declared = response(template, res.status, res.headers['content-type']);
      expect(declared, `${url} (${res.status}) declares a body`).toBeDefined();
      if (!declared) continue;
      expect(res.headers['content-type'], url).toContain(declared.mediaType);
      const body = declared.mediaType.startsWith('text/') ? res.text : res.body;
      const ok = declared.validate(body);
      expect(declared.validate.errors ?? [], `${url} (${res.status})`).toEqual([]);
      expect(ok).toBe(true);
    }
  });
});

describe('every `fields=` answer', () => {
  it('is described by the document as partial JSON, for each field alone, which the whole answer’s schema refuses', async () => {
    const doc = (await get('/openapi.json').expect(200)).body;
    const { operations, response } = createDocumentValidator(doc);
    const schemas = doc.components.schemas;
    const selecting = operations.filter((o) => o.operation.parameters?.some((p) => p.name === 'fields'));
    expect(selecting.length).toBeGreaterThanOrEqual(13);
    let refused = 0;
    for (const { template } of selecting) {
      const url = CALLS.find(
        ([t, u]) => t === template && !/nope|format=|kind=planet|from=June/.test(u),
      )?.[1];
      expect(url, `a call of ${template} that answers 200`).toBeDefined();
      const partial = doc.paths[template].get.responses['200'].content[PARTIAL_JSON]?.schema;
      expect(partial, template).toBeDefined();
      const named = (ref: unknown) => schemas[String(ref).split('/').pop() ?? ''];
      const component = named(partial.$ref);
      const item = component.properties.data?.items?.$ref
        ? named(component.properties.data.items.$ref)
        : component;
      const fields = Object.keys(item.properties);
      expect(item.required, `${template}: a partial item requires nothing`).toBeUndefined();
      for (const field of fields) {
        const res = await get(`${url}${url?.includes('?') ? '&' : '?'}fields=${field}`);
        const where = `${url} fields=${field}`;
        expect(res.status, where).toBe(200);
        const declared = response(template, 200, res.headers['content-type']);
        expect(declared?.mediaType, where).toBe(PARTIAL_JSON);
        expect(declared?.validate(res.body), where).toBe(true);
        expect(declared?.validate.errors ?? [], where).toEqual([]);
        const items: object[] = component === item ? [res.body] : res.body.data;
        for (const one of items) expect(Object.keys(one), where).toEqual(field in one ? [field] : []);
        // The description is needed: an answer without the other fields is not a whole one.
        if (fields.length > 1 && items.length > 0) {
          expect(response(template, 200, 'application/json')?.validate(res.body), where).toBe(false);
          refused++;
        }
      }
    }
    // Every operation, nearly every field: the whole schema refused that many partial answers.
    expect(refused).toBeGreaterThan(100);
  });
});
