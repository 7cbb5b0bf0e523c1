/**
 * JSON-LD (SPEC §4.2): each resource's items as linked data, with the context the API serves at
 * CONTEXT_PATH. Identifiers are relative IRIs (`/v1/events/<id>`), resolved against the URL a
 * document was fetched from, so one answer holds for every host the service is reached by (and the
 * response cache and ETags, keyed by path, stay right).
 */

/** Where the API serves its JSON-LD context. */
export const CONTEXT_PATH = '/ns/v1';

/** A JSON-LD node object, as plain JSON. */
export type JsonLdNode = { '@id'?: string; '@type'?: string | string[] } & Record<string, unknown>;

/**
 * How a resource's items are linked data: an item's node holds its `@id` and `@type` always, and
 * for each of the item's fields kept (`fields=`; all when undefined) the terms that field renders.
 */
export interface LinkedData<T> {
  node(item: T, fields: ReadonlySet<string> | undefined): JsonLdNode;
}

/** A page of a list: a schema.org ItemList of the items' nodes, linked to the next page. */
export function listDocument(url: string, nodes: JsonLdNode[], next: string | undefined): JsonLdNode {
  return {
    '@context': CONTEXT_PATH,
    '@id': url,
    '@type': 'ItemList',
    itemListElement: nodes,
    ...(next === undefined ? {} : { next }),
  };
}

/** One item as a document. */
export function itemDocument(node: JsonLdNode): JsonLdNode {
  return { '@context': CONTEXT_PATH, ...node };
}

// --- Mapping an item, field by field ----------------------------------------------------------------

/**
 * The terms one field of an item renders on its node. A term whose value is undefined, null or an
 * empty array is left out. `kept` says whether a field is kept, for a field whose terms depend on
 * another's (an event's aspects cite its claims by `@id` when the claims are there in full).
 */
export type FieldTerms<T> = (item: T, kept: (field: string) => boolean) => Record<string, unknown>;

/** Each field of an item with the terms it renders: every field, so that none is dropped. */
export type FieldMap<T> = { readonly [K in keyof T]-?: FieldTerms<T> };

/** A resource's mapping: `node` renders the fields kept, `fields` says how each one renders. */
export interface ItemMapping<T> extends LinkedData<T> {
  readonly fields: FieldMap<T>;
  /** The fields the node's `@id` and `@type` say, which need no terms of their own. */
  readonly identifiedBy: readonly (keyof T & string)[];
}

export function itemMapping<T>(
  identify: (item: T) => { '@id': string; '@type': string | string[] },
  identifiedBy: readonly (keyof T & string)[],
  fields: FieldMap<T>,
): ItemMapping<T> {
  return {
    fields,
    identifiedBy,
    node(item, kept) {
      const keep = (field: string) => kept === undefined || kept.has(field);
      const node: JsonLdNode = { ...identify(item) };
      for (const [field, render] of Object.entries(fields) as [string, FieldTerms<T>][])
        if (keep(field)) addTerms(node, render(item, keep));
      return node;
    },
  };
}

/** Adds terms to a node; two fields rendering one term (a quotation's event and subject) add up. */
function addTerms(node: Record<string, unknown>, terms: Record<string, unknown>): void {
  for (const [term, value] of Object.entries(terms)) {
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
    const present = node[term];
    node[term] = present === undefined ? value : [present, value].flat();
  }
}

/** A node of nested terms, with those left out that have no value (see addTerms). */
export function compactNode(terms: Record<string, unknown>): JsonLdNode {
  const node: JsonLdNode = {};
  addTerms(node, terms);
  return node;
}

// --- Identifiers and literals -----------------------------------------------------------------------

const under =
  (collection: string) =>
  (id: string): string =>
    `/v1/${collection}/${encodeURIComponent(id)}`;

/** The relative IRIs of the API's resources: the URLs their JSON is served at. */
export const iri = {
  event: under('events'),
  actor: under('actors'),
  source: under('sources'),
  claim: under('claims'),
  quote: under('quotes'),
  /** A source's exact text, which every span indexes. */
  text: (source: string) => `${under('sources')(source)}/text`,
};

/** An ISO 8601 date or date-time as a typed literal (`xsd:date` or `xsd:dateTime`). */
export function dateLiteral(value: string): { '@value': string; '@type': string } {
  return { '@value': value, '@type': /^\d{4}-\d{2}-\d{2}$/.test(value) ? 'xsd:date' : 'xsd:dateTime' };
}

// --- Evidence as W3C Web Annotations ----------------------------------------------------------------

/** Words of a source: code-point offsets into its text, end exclusive, and the words themselves. */
export interface TextSpan {
  source: string;
  start: number;
  end: number;
  text: string;
}

/**
 * What the words are to the node that cites them (the annotation's oa:motivatedBy): they tell what
 * the node states (`describing`: an event, a claim, a date, a role), or they are the node itself or
 * its name (`identifying`: a quotation's words, a name an outlet calls an actor by).
 */
export type Motivation = 'describing' | 'identifying';

/**
 * A span as a W3C Web Annotation: its target is the span of the source's text, selected both by
 * position (oa:TextPositionSelector: code points, end exclusive, as the model counts them) and by
 * quote (oa:TextQuoteSelector: the exact words, with the context around them where it is known).
 * Its body is the node that holds it: the context maps `evidence` to the reverse of oa:hasBody.
 */
export function annotation(
  span: TextSpan,
  motivation: Motivation,
  around: { prefix?: string; suffix?: string } = {},
): JsonLdNode {
  const quote: JsonLdNode = { '@type': 'TextQuoteSelector', exact: span.text };
  if (around.prefix) quote.prefix = around.prefix;
  if (around.suffix) quote.suffix = around.suffix;
  return {
    '@type': 'Annotation',
    motivation: `oa:${motivation}`,
    target: {
      '@type': 'SpecificResource',
      source: iri.text(span.source),
      selector: [{ '@type': 'TextPositionSelector', start: span.start, end: span.end }, quote],
    },
  };
}

/** The `evidence` term of a node: an annotation of each span, whose body is the node. */
export function evidence(spans: TextSpan | readonly TextSpan[], motivation: Motivation = 'describing') {
  return { evidence: [spans].flat().map((span) => annotation(span, motivation)) };
}
