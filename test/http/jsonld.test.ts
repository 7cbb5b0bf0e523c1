import jsonld, { type JsonLdDocument, type Options } from 'jsonld';
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTOR_LD, ACTOR_PROFILE_LD } from '../../src/features/actors/linked-data.js';
import { ACTOR_PROFILES, ACTORS } from '../../src/features/actors/linked-data.js';
import { CLAIM_LD } from '../../src/features/claims/linked-data.js';
import { CLAIMS } from '../../src/features/claims/linked-data.js';
import { EVENT_DETAIL_LD, EVENT_LD } from '../../src/features/events/linked-data.js';
import { EVENT_DETAILS, EVENTS } from '../../src/features/events/linked-data.js';
import { OWN_TERMS } from '../../src/features/linked-data/context.js';
import { QUOTE_LD } from '../../src/features/quotes/linked-data.js';
import { type Quote } from '../../src/features/quotes/item.js';
import { QUOTES } from '../../src/features/quotes/linked-data.js';
import { SOURCE_LD } from '../../src/features/sources/linked-data.js';
import { SOURCES } from '../../src/features/sources/linked-data.js';
import { CONTEXT_PATH, itemDocument } from '../../src/http/representations/jsonld.js';
import type { Resource } from '../../src/http/representations/respond.js';
import { getter, slice, useSeededApp } from '../helpers.js';

/**
 * JSON-LD (SPEC §4.2): every list and item expands, offline and in safe mode, with nothing but the
 * context the API serves, so a term the context does not map fails; nothing of the JSON item is
 * dropped; and every evidence span is a Web Annotation whose selectors read back as the span.
 */

// --- Expanding, offline and safely ----------------------------------------------------------------

/** The origin the documents are read as fetched from (their IRIs are relative). */
const BASE = 'http://127.0.0.1';
const SCHEMA = 'https://schema.org/';
const OA = 'http://www.w3.org/ns/oa#';
const PROV = 'http://www.w3.org/ns/prov#';
const PX = `${BASE}${CONTEXT_PATH}#`;

/** An expanded node or value object, read by key. */
type Node = Record<string, unknown>;

let servedContext: unknown;

/** Serves our context, as fetched from the app, and nothing else: no document is ever fetched. */
async function documentLoader(url: string) {
  if (url !== `${BASE}${CONTEXT_PATH}`) throw new Error(`the test serves only our context, not ${url}`);
  return { contextUrl: undefined, documentUrl: url, document: servedContext as JsonLdDocument };
}

/** Expands `doc` as fetched from `url`, in safe mode: a term the context does not map is an error. */
async function expand(doc: unknown, url: string): Promise<Node[]> {
  // `safe` is jsonld 9's (README "Safe Mode"); @types/jsonld predates it.
  const options = { base: `${BASE}${url}`, documentLoader, safe: true } as Options.Expand;
  return (await jsonld.expand(doc as JsonLdDocument, options)) as Node[];
}

const objects = (value: unknown): Node[] => (Array.isArray(value) ? value : [value]).filter(isObject);
const isObject = (value: unknown): value is Node => typeof value === 'object' && value !== null;
const typesOf = (node: Node) => (node['@type'] ?? []) as string[];
const idOf = (value: unknown) => objects(value)[0]?.['@id'];
const valueOf = (value: unknown) => objects(value)[0]?.['@value'];

/** Every node object of an expanded document, at any depth, reverse properties and lists included. */
function* nodesOf(value: unknown): Generator<Node> {
  for (const object of objects(value)) {
    if ('@value' in object) continue;
    if (!('@list' in object)) yield object;
    for (const [key, inner] of Object.entries(object)) {
      if (key === '@reverse') for (const reversed of Object.values(inner as Node)) yield* nodesOf(reversed);
      else if (key !== '@id' && key !== '@type') yield* nodesOf(inner);
    }
  }
}

/** The properties of an expanded node, a reverse one as `^<property>`. */
const termsOf = (node: Node) => [
  ...Object.keys(node).filter((k) => !k.startsWith('@')),
  ...Object.keys((node['@reverse'] ?? {}) as Node).map((k) => `^${k}`),
];

/** The top-level items of an expanded answer: a list's elements, or the item itself. */
function itemsOf(expanded: Node[]): Node[] {
  const [top] = expanded;
  if (!top || !typesOf(top).includes(`${SCHEMA}ItemList`)) return expanded;
  return objects(objects(top[`${SCHEMA}itemListElement`])[0]?.['@list']);
}

/**
 * Property and type IRIs outside the vocabularies the context maps to. Safe mode rejects a key the
 * context does not define, but resolves an unknown `@type` against the base; our own terms must be
 * ones the vocabulary at /ns/v1 describes.
 */
function foreignIris(expanded: Node[]): string[] {
  const known = (iri: string) =>
    [SCHEMA, OA, PROV].some((ns) => iri.startsWith(ns)) ||
    (iri.startsWith(PX) && iri.slice(PX.length) in OWN_TERMS);
  const foreign = new Set<string>();
  for (const node of nodesOf(expanded)) {
    const reversed = Object.keys((node['@reverse'] ?? {}) as Node);
    for (const iri of [...Object.keys(node), ...reversed, ...typesOf(node)])
      if (!iri.startsWith('@') && !known(iri)) foreign.add(iri);
  }
  return [...foreign];
}

// --- What is read back --------------------------------------------------------------------------

interface Span {
  source: string;
  start: number;
  end: number;
  text: string;
}

const spanKey = (s: { source: string; start: number; end: number }) => `${s.source}:${s.start}:${s.end}`;

/** Every span a JSON answer holds: `{ source, start, end, text }`, and each quote's words. */
function jsonSpans(value: unknown, spans = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) for (const v of value) jsonSpans(v, spans);
  else if (isObject(value)) {
    const { source, start, end, text, span } = value as Partial<Span> & {
      span?: { start: number; end: number };
    };
    if (typeof source === 'string' && typeof text === 'string') {
      if (typeof start === 'number' && typeof end === 'number')
        spans.set(spanKey({ source, start, end }), text);
      else if (span && typeof span.start === 'number') spans.set(spanKey({ source, ...span }), text);
    }
    for (const inner of Object.values(value)) jsonSpans(inner, spans);
  }
  return spans;
}

interface Selection extends Span {
  prefix: unknown;
  suffix: unknown;
}

/** Every annotation's target: the source text and the two selectors' readings. */
function selectionsOf(expanded: Node[]): Selection[] {
  const selections: Selection[] = [];
  for (const target of nodesOf(expanded)) {
    if (!typesOf(target).includes(`${OA}SpecificResource`)) continue;
    const text = String(idOf(target[`${OA}hasSource`]));
    const source = /^http:\/\/127\.0\.0\.1\/v1\/sources\/([^/]+)\/text$/.exec(text)?.[1];
    if (source === undefined) throw new Error(`an annotation targets ${text}, not a source's text`);
    const selectors = objects(target[`${OA}hasSelector`]);
    const position = selectors.find((s) => typesOf(s).includes(`${OA}TextPositionSelector`));
    const quote = selectors.find((s) => typesOf(s).includes(`${OA}TextQuoteSelector`));
    if (!position || !quote) throw new Error(`an annotation of ${source} lacks a selector`);
    selections.push({
      source: decodeURIComponent(source),
      start: Number(valueOf(position[`${OA}start`])),
      end: Number(valueOf(position[`${OA}end`])),
      text: String(valueOf(quote[`${OA}exact`])),
      prefix: valueOf(quote[`${OA}prefix`]),
      suffix: valueOf(quote[`${OA}suffix`]),
    });
  }
  return selections;
}

/** Leaf values of a JSON answer's items, but an actor's kind (which its node's `@type` says). */
function leavesOf(value: unknown, key = ''): (string | number | boolean)[] {
  if (Array.isArray(value)) return value.flatMap((v) => leavesOf(v, key));
  if (isObject(value)) return Object.entries(value).flatMap(([k, v]) => leavesOf(v, k));
  if (key === 'kind' || value === null || value === '') return [];
  return [value as string | number | boolean];
}

// --- The routes ---------------------------------------------------------------------------------

interface Route {
  url: string;
  resource: Resource;
  /** Its mapping, read as a whole: which fields it renders, and which `@id` and `@type` say. */
  mapping: { fields: object; identifiedBy: readonly string[] };
  list?: true;
}

/** Where an item of the resource lives: its node's `@id`. */
function collectionOf(resource: Resource): string {
  if (resource === EVENTS || resource === EVENT_DETAILS) return 'events';
  if (resource === ACTORS || resource === ACTOR_PROFILES) return 'actors';
  if (resource === QUOTES) return 'quotes';
  return resource === CLAIMS ? 'claims' : 'sources';
}

const ROUTES: Route[] = [
  { url: '/v1/events?limit=200', resource: EVENTS, mapping: EVENT_LD, list: true },
  { url: '/v1/events/cmc-suspends-military-action-plans', resource: EVENT_DETAILS, mapping: EVENT_DETAIL_LD },
  { url: '/v1/actors/kim-jong-un/events?limit=200', resource: EVENTS, mapping: EVENT_LD, list: true },
  { url: '/v1/actors?limit=200', resource: ACTORS, mapping: ACTOR_LD, list: true },
  { url: '/v1/actors/kim-jong-un', resource: ACTOR_PROFILES, mapping: ACTOR_PROFILE_LD },
  { url: '/v1/actors/kcna', resource: ACTOR_PROFILES, mapping: ACTOR_PROFILE_LD },
  { url: '/v1/actors/kcna/quotes?limit=200', resource: QUOTES, mapping: QUOTE_LD, list: true },
  { url: '/v1/quotes?limit=200', resource: QUOTES, mapping: QUOTE_LD, list: true },
  { url: '/v1/quotes/nki-2020-06-24-q1', resource: QUOTES, mapping: QUOTE_LD },
  { url: '/v1/claims?limit=200', resource: CLAIMS, mapping: CLAIM_LD, list: true },
  {
    url: '/v1/claims/nyt-2020-06-24.cmc-suspends-military-action-plans.date',
    resource: CLAIMS,
    mapping: CLAIM_LD,
  },
  { url: '/v1/sources?limit=200', resource: SOURCES, mapping: SOURCE_LD, list: true },
  { url: '/v1/sources/nyt-2020-06-24', resource: SOURCES, mapping: SOURCE_LD },
];

/**
 * The terms two fields render: a quotation is about its event and its subject, and its position,
 * prefix and suffix are one annotation's selectors.
 */
const SHARED_TERMS: Record<string, string[]> = {
  about: ['event', 'subject'],
  hasBody: ['span', 'prefix', 'suffix'],
};

const withQuery = (url: string, query: string) => `${url}${url.includes('?') ? '&' : '?'}${query}`;
const pathOf = (url: string) => url.split('?')[0] ?? url;

describe('JSON-LD', () => {
  const ctx = useSeededApp();
  const get = getter(ctx);
  const texts = new Map<string, string>();

  beforeAll(async () => {
    servedContext = (await get(CONTEXT_PATH).expect(200)).body;
  });

  async function textOf(source: string): Promise<string> {
    let text = texts.get(source);
    if (text === undefined) {
      text = (await get(`/v1/sources/${source}/text`).expect(200)).text;
      texts.set(source, text);
    }
    return text;
  }

  /** The route's JSON-LD answer (by format=), checked for its media type, and expanded. */
  async function linked(url: string) {
    const res = await get(withQuery(url, 'format=jsonld')).expect(200);
    expect(res.headers['content-type'], url).toBe('application/ld+json; charset=utf-8');
    const body = JSON.parse(res.text) as Node;
    return { body, expanded: await expand(body, withQuery(url, 'format=jsonld')) };
  }

  const jsonItems = async (route: Route) => {
    const body = (await get(route.url).expect(200)).body;
    return (route.list ? body.data : [body]) as Node[];
  };

  it('is offered by every list and item of events, actors, quotes, claims and sources, and only them', async () => {
    const doc = (await get('/openapi.json').expect(200)).body;
    const offering = Object.entries<Node>(doc.paths)
      .filter(([, item]) => {
        const ok = (item.get as { responses: Record<string, { content?: Node }> }).responses['200'];
        return ok?.content?.['application/ld+json'] !== undefined;
      })
      .map(([template]) => template);
    const templates = ROUTES.map((r) => pathOf(r.url).replace(/^(\/v1\/\w+)\/[^/]+/, '$1/{id}'));
    expect(new Set(offering)).toEqual(new Set([...templates, CONTEXT_PATH]));
  });

  describe.each(ROUTES)('$url', (route) => {
    it('answers application/ld+json by Accept and by format=, and expands safely with only our context', async () => {
      const { body, expanded } = await linked(route.url);
      const accepted = await get(route.url).set('Accept', 'application/ld+json').expect(200);
      expect(accepted.headers['content-type']).toBe('application/ld+json; charset=utf-8');
      const byAccept = JSON.parse(accepted.text) as Node;
      expect(byAccept['@context']).toBe(CONTEXT_PATH);
      if (route.list) expect(byAccept.itemListElement).toEqual(body.itemListElement);
      else expect(byAccept).toEqual(body);
      await expand(byAccept, route.url);

      expect(foreignIris(expanded)).toEqual([]);
      const json = await jsonItems(route);
      expect(json.length).toBeGreaterThan(0);
      expect(itemsOf(expanded).map((n) => n['@id'])).toEqual(
        json.map(
          (item) => `${BASE}/v1/${collectionOf(route.resource)}/${encodeURIComponent(String(item.id))}`,
        ),
      );
    });

    it('drops nothing: every field of the JSON item is mapped, and every value is in the graph', async () => {
      expect(route.resource.linked).toBe(route.mapping);
      expect(Object.keys(route.mapping.fields).sort()).toEqual(Object.keys(route.resource.item.shape).sort());

      const { expanded } = await linked(route.url);
      const literals = new Set<string>();
      const iris: string[] = [];
      for (const node of nodesOf(expanded)) {
        if (typeof node['@id'] === 'string') iris.push(decodeURIComponent(node['@id']));
        for (const [key, value] of Object.entries(node))
          if (!key.startsWith('@'))
            for (const v of objects(value)) {
              if ('@value' in v) literals.add(JSON.stringify(v['@value']));
              if (typeof v['@id'] === 'string') iris.push(decodeURIComponent(v['@id']));
            }
      }
      const leaves = leavesOf(await jsonItems(route));
      expect(leaves.length).toBeGreaterThan(0);
      const missing = leaves.filter(
        (leaf) =>
          !literals.has(JSON.stringify(leaf)) &&
          !(typeof leaf === 'string' && iris.some((iri) => iri.includes(leaf))),
      );
      expect([...new Set(missing)]).toEqual([]);
    });

    it('gives each field with a value terms of its own, and renders it alone with fields=', async () => {
      const full = itemsOf((await linked(route.url)).expanded);
      const json = await jsonItems(route);
      /** Term → the fields that render it; node → the terms its fields rendered one at a time. */
      const owners = new Map<string, Set<string>>();
      const rendered = new Map<unknown, Set<string>>();
      for (const field of Object.keys(route.resource.item.shape)) {
        const url = withQuery(route.url, `fields=${field}&format=jsonld`);
        const nodes = itemsOf(await expand(JSON.parse((await get(url).expect(200)).text), url));
        expect(nodes.length).toBe(full.length);
        for (const [i, node] of nodes.entries()) {
          expect(node['@id']).toBe(full[i]?.['@id']);
          expect(node['@type']).toEqual(full[i]?.['@type']);
          const terms = termsOf(node);
          const value = json[i]?.[field];
          const empty = value === null || (Array.isArray(value) && value.length === 0);
          if (!empty && !route.mapping.identifiedBy.includes(field))
            expect(terms.length, `${url}: ${field} renders nothing`).toBeGreaterThan(0);
          for (const term of terms) {
            owners.set(term, (owners.get(term) ?? new Set()).add(field));
            rendered.set(node['@id'], (rendered.get(node['@id']) ?? new Set()).add(term));
          }
        }
      }
      // Between them, the fields render the whole node, and no term but these renders two fields.
      for (const node of full)
        expect([...(rendered.get(node['@id']) ?? [])].sort()).toEqual(termsOf(node).sort());
      for (const [term, fields] of owners)
        if (fields.size > 1) expect([...fields], term).toEqual(SHARED_TERMS[term.replace(/^.*[/#]/, '')]);
    });

    it('annotates every evidence span, and its selectors read back as the span', async () => {
      const { expanded } = await linked(route.url);
      const spans = jsonSpans(await jsonItems(route));
      const selections = selectionsOf(expanded);
      if (route.resource !== SOURCES && route.resource !== ACTORS) expect(spans.size).toBeGreaterThan(0);
      expect(new Set(selections.map(spanKey))).toEqual(new Set(spans.keys()));
      for (const s of selections) {
        const text = await textOf(s.source);
        expect(slice(text, s.start, s.end), spanKey(s)).toBe(s.text);
        expect(s.text, spanKey(s)).toBe(spans.get(spanKey(s)));
        if (s.prefix !== undefined)
          expect(slice(text, s.start - Array.from(String(s.prefix)).length, s.start)).toBe(s.prefix);
        if (s.suffix !== undefined)
          expect(slice(text, s.end, s.end + Array.from(String(s.suffix)).length)).toBe(s.suffix);
      }
      // Each annotation's body is the node that cites it, and it says why.
      const annotations = [...nodesOf(expanded)].filter((n) => typesOf(n).includes(`${OA}Annotation`));
      const withBody = [...nodesOf(expanded)].flatMap((n) =>
        objects(((n['@reverse'] ?? {}) as Node)[`${OA}hasBody`]),
      );
      expect(annotations.length).toBe(selections.length);
      expect(withBody.length).toBe(annotations.length);
      for (const a of annotations)
        expect([`${OA}describing`, `${OA}identifying`]).toContain(idOf(a[`${OA}motivatedBy`]));
    });
  });
  describe('fields=', () => {
    it('keeps @id, @type and the terms of the fields named, in lists and items', async () => {
      const cases: [string, string[]][] = [
        ['/v1/events?fields=id,title', ['name']],
        ['/v1/quotes?fields=text,speaker', ['spokenByCharacter', 'text', 'wasAttributedTo']],
        ['/v1/claims?fields=value,event', ['about', 'value']],
        ['/v1/sources/nyt-2020-06-24?fields=title', ['headline']],
        ['/v1/actors/kim-jong-un?fields=roles', ['role']],
      ];
      for (const [url, terms] of cases) {
        const body = JSON.parse((await get(withQuery(url, 'format=jsonld')).expect(200)).text) as Node;
        const nodes = body.itemListElement ? objects(body.itemListElement) : [body];
        const rendered = new Set<string>();
        for (const node of nodes) {
          expect(node['@id'], url).toBeTypeOf('string');
          expect(node['@type'], url).toBeDefined();
          for (const key of Object.keys(node)) if (!key.startsWith('@')) rendered.add(key);
        }
        expect([...rendered].sort(), url).toEqual([...terms].sort());
      }
    });

    it('cites an aspect’s claims by @id when the claims are kept in full, and gives them whole otherwise', async () => {
      const url = '/v1/events/cmc-suspends-military-action-plans?format=jsonld';
      const alone = JSON.parse((await get(`${url}&fields=aspects`).expect(200)).text) as Node;
      const both = JSON.parse((await get(`${url}&fields=aspects,claims`).expect(200)).text) as Node;
      const citedAlone = objects(alone.comparedAspect).flatMap((a) => a.claim as unknown[]);
      const cited = objects(both.comparedAspect).flatMap((a) => a.claim as unknown[]);
      expect(citedAlone.length).toBeGreaterThan(0);
      expect(citedAlone.every((c) => isObject(c) && c['@type'] === 'Claim')).toBe(true);
      const claims = new Set(objects(both.claim).map((c) => c['@id']));
      expect(cited.length).toBe(citedAlone.length);
      for (const id of cited) expect(claims.has(id), String(id)).toBe(true);
    });

    it('answers an unknown field with a 400 naming fields', async () => {
      for (const [url, accept] of [
        ['/v1/events?fields=titel&format=jsonld', undefined],
        ['/v1/quotes/nki-2020-06-24-q1?fields=nope', 'application/ld+json'],
      ] as const) {
        const req = get(url);
        const res = await (accept ? req.set('Accept', accept) : req).expect(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.errors).toEqual([expect.objectContaining({ in: 'query', name: 'fields' })]);
      }
    });
  });

  describe('who said and who relayed what (PROV)', () => {
    const KCNA = `${BASE}/v1/actors/kcna`;

    it('attributes KCNA’s quotes to KCNA, their speaker, and its narration of Kim to Kim as subject', async () => {
      const quotes = itemsOf((await linked('/v1/actors/kcna/quotes')).expanded);
      expect(quotes).toHaveLength(4);
      for (const q of quotes) {
        expect(typesOf(q)).toEqual([`${SCHEMA}Quotation`]);
        expect(objects(q[`${PROV}wasAttributedTo`]).map((a) => a['@id'])).toEqual([KCNA]);
        expect(idOf(q[`${SCHEMA}spokenByCharacter`])).toBe(KCNA);
        // The article names KCNA itself as the speaker: nothing relayed the words to it.
        expect(q[`${PROV}wasDerivedFrom`]).toBeUndefined();
      }
      const narration = quotes.filter((q) =>
        String(valueOf(q[`${SCHEMA}text`])).includes('took stock of the prevailing situation'),
      );
      expect(narration).toHaveLength(2);
      for (const q of narration)
        expect(objects(q[`${SCHEMA}about`]).map((a) => a['@id'])).toEqual([
          `${BASE}/v1/events/cmc-suspends-military-action-plans`,
          `${BASE}/v1/actors/kim-jong-un`,
        ]);
    });

    it('attributes the claims the outlets attribute to KCNA, or to a described agent, to them', async () => {
      const kcna = itemsOf((await linked('/v1/claims?attributed_to=kcna&limit=200')).expanded);
      expect(kcna.length).toBeGreaterThanOrEqual(10);
      for (const c of kcna) expect(idOf(c[`${PROV}wasAttributedTo`])).toBe(KCNA);

      const json = (await get('/v1/claims?limit=200').expect(200)).body.data as {
        id: string;
        attributed_to: { actor: unknown; description: string | null } | null;
      }[];
      const described = json.filter((c) => c.attributed_to?.actor === null);
      expect(described.length).toBeGreaterThan(0);
      const nodes = new Map(
        itemsOf((await linked('/v1/claims?limit=200')).expanded).map((n) => [n['@id'], n]),
      );
      for (const c of described) {
        const node = nodes.get(`${BASE}/v1/claims/${encodeURIComponent(c.id)}`) ?? {};
        const [agent] = objects(node[`${PROV}wasAttributedTo`]);
        expect(typesOf(agent ?? {})).toEqual([`${PROV}Agent`]);
        expect(valueOf(agent?.[`${SCHEMA}name`])).toBe(c.attributed_to?.description);
      }
    });

    it('derives relayed words from a report attributed to the relaying actor', async () => {
      // The corpus has no relayed quote (KCNA speaks in its own name): relay one of its words.
      const [quote] = (await get('/v1/actors/kcna/quotes').expect(200)).body.data as Quote[];
      if (!quote) throw new Error('KCNA has no quote');
      const kim = { id: 'kim-jong-un', name: 'Kim Jong-un', kind: 'person' };
      const relayed = { ...quote, speaker: kim, subject: null, reported_via: quote.speaker };
      const url = `/v1/quotes/${quote.id}`;
      const [node = {}] = await expand(itemDocument(QUOTE_LD.node(relayed, undefined)), url);
      expect(objects(node[`${PROV}wasAttributedTo`]).map((a) => a['@id'])).toEqual([
        `${BASE}/v1/actors/kim-jong-un`,
      ]);
      const [report = {}] = objects(node[`${PROV}wasDerivedFrom`]);
      expect(typesOf(report)).toEqual([`${PROV}Entity`]);
      expect(idOf(report[`${PROV}wasAttributedTo`])).toBe(KCNA);
    });
  });

  it('links a page to the next one, as the Link header does', async () => {
    const url = '/v1/events?limit=3&format=jsonld';
    const res = await get(url).expect(200);
    const body = JSON.parse(res.text) as Node;
    const target = /^<([^>]*)>; rel="next"$/.exec(String(res.headers.link))?.[1];
    expect(target).toContain('format=jsonld');
    expect(body['@id']).toBe(url);
    expect(body.next).toBe(target);
    const [list = {}] = await expand(body, url);
    expect(idOf(list[`${PX}next`])).toBe(`${BASE}${target}`);
    const next = JSON.parse((await get(String(target)).expect(200)).text) as Node;
    const ids = (doc: Node) => objects(doc.itemListElement).map((n) => n['@id']);
    expect(ids(body)).toHaveLength(3);
    expect(ids(next).filter((id) => ids(body).includes(id))).toEqual([]);
  });

  describe(`GET ${CONTEXT_PATH}`, () => {
    it('serves the context as JSON-LD (or JSON), cacheably', async () => {
      const res = await get(CONTEXT_PATH).expect(200);
      expect(res.headers['content-type']).toBe('application/ld+json; charset=utf-8');
      expect(res.headers['cache-control']).toBe('public, max-age=60');
      expect(res.headers.etag).toMatch(/^"[^"]+"$/);
      await get(CONTEXT_PATH).set('If-None-Match', String(res.headers.etag)).expect(304);
      const json = await get(CONTEXT_PATH).set('Accept', 'application/json').expect(200);
      expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(json.body).toEqual(JSON.parse(res.text));
      await get(CONTEXT_PATH).set('Accept', 'text/html').expect(406);
      await get(`${CONTEXT_PATH}?v=2`).expect(400);
    });

    it('is valid JSON-LD: a document using it expands, and it describes every term of our own', async () => {
      const doc = {
        '@context': CONTEXT_PATH,
        '@id': '/v1/events/x',
        '@type': 'Event',
        name: 'X',
        status: 'contested',
        startDate: '2020-06-23',
      };
      expect(await expand(doc, '/v1/events/x')).toEqual([
        {
          '@id': `${BASE}/v1/events/x`,
          '@type': [`${SCHEMA}Event`],
          [`${SCHEMA}name`]: [{ '@value': 'X' }],
          [`${PX}status`]: [{ '@value': 'contested' }],
          [`${SCHEMA}startDate`]: [
            { '@value': '2020-06-23', '@type': 'http://www.w3.org/2001/XMLSchema#date' },
          ],
        },
      ]);
      const vocabulary = await expand(servedContext, CONTEXT_PATH);
      expect(vocabulary.map((n) => n['@id']).sort()).toEqual(
        Object.keys(OWN_TERMS)
          .map((t) => `${PX}${t}`)
          .sort(),
      );
      for (const term of vocabulary)
        expect(valueOf(term['http://www.w3.org/2000/01/rdf-schema#comment']), String(term['@id'])).toMatch(
          /\w/,
        );
    });

    it('makes a safe expansion fail on a term it does not map, and the type check catch a misspelt type', async () => {
      const url = '/v1/sources/nyt-2020-06-24';
      const { body } = await linked(url);
      await expect(expand({ ...body, colour: 'red' }, url)).rejects.toThrow(/Safe mode validation error/);
      const encoding = body.encoding as Node;
      await expect(expand({ ...body, encoding: { ...encoding, size: 5751 } }, url)).rejects.toThrow(
        /Safe mode validation error/,
      );
      // Without safe mode the term would vanish silently: safe mode is what holds the context whole.
      const lenient = await jsonld.expand(
        { ...body, colour: 'red' } as JsonLdDocument,
        {
          base: `${BASE}${url}`,
          documentLoader,
        } as Options.Expand,
      );
      expect(JSON.stringify(lenient)).not.toContain('red');
      expect(foreignIris(await expand({ ...body, '@type': 'NewsArticel' }, url))).toEqual([
        `${BASE}/v1/sources/NewsArticel`,
      ]);
    });
  });
});
