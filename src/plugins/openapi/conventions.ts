/**
 * Finishing touches on the generated OpenAPI document that the zod → JSON Schema step cannot
 * express: response descriptions and media types, the caching and paging headers, parameter
 * descriptions and serialisation, and examples drawn from the seeded data. Pure: document in,
 * document out.
 */

import { type OperationKind, TRAITS } from '../../http/operations.js';
import { PARTIAL_JSON } from '../../http/representations/formats.js';
import { CONTEXT_PATH } from '../../http/representations/jsonld.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the OpenAPI document is plain JSON walked by key
type Json = any;

const RESPONSE_DESCRIPTIONS: Record<string, string> = {
  '200': 'OK',
  '304': 'Not Modified: the representation matching `If-None-Match` is still current.',
  '400': 'Invalid request: a parameter is malformed, out of range or unknown (see `errors`).',
  '404': 'No resource with this id.',
  '406': 'The `Accept` header allows no media type this operation produces.',
  '500': 'An unexpected server error, logged: its `request_id` finds the request in the logs.',
  '429': 'Too many requests; retry after `Retry-After` seconds.',
  '503': 'Not ready, or overloaded; retry later.',
};

const HEADERS = {
  ETag: {
    description: 'Derived from the dataset version and the request; send it back in `If-None-Match`.',
    schema: { type: 'string' },
  },
  'Cache-Control': { description: '`public, max-age=60`', schema: { type: 'string' } },
  Link: {
    description: 'RFC 8288 link to the next page: `<url>; rel="next"`, present when there is one.',
    schema: { type: 'string' },
  },
  'X-Cache': {
    description:
      "`hit` when the server's response cache gave the answer, `miss` when it was computed (then kept); absent when the cache is off.",
    schema: { type: 'string', enum: ['hit', 'miss'] },
  },
  'Retry-After': {
    description: 'Seconds to wait before retrying: sent with every 429, and with a 503 for overload.',
    schema: { type: 'integer', minimum: 1 },
  },
};

/** Answers that tell the client when to come back. */
const RETRYABLE = new Set(['429', '503']);

export interface DocumentExamples {
  /** Component name → an example value (e.g. `Event` → the first event of the timeline). */
  components: Record<string, unknown>;
  /** Query or path parameter name → an example value that returns data. */
  parameters: Record<string, unknown>;
}

/**
 * The building blocks every resource uses come first among the components, whichever module
 * happened to register them first; the resources' own follow in the order they were registered.
 */
const SHARED_COMPONENTS = ['Span', 'DateValue', 'ActorRef', 'Page', 'Problem'];

const ACTOR_TYPES =
  'a schema.org `Person`, `Organization`, `Country`, `GovernmentOrganization` or `NewsMediaOrganization` by its kind';

/** The JSON-LD types of each item schema's node (src/features/<name>/linked-data.ts). */
const LINKED_TYPES: Record<string, string> = {
  Event: 'a schema.org `Event`',
  EventDetail: 'a schema.org `Event`, with its claims as `Claim`s and its quotes as `Quotation`s',
  Actor: ACTOR_TYPES,
  ActorProfile: ACTOR_TYPES,
  Quote: 'a schema.org `Quotation`',
  Claim: 'a schema.org `Claim`',
  Source: 'a schema.org `NewsArticle`',
};

const JSON_LD_NODE = {
  type: 'object',
  required: ['@id', '@type'],
  properties: {
    '@id': { type: 'string', description: 'The relative IRI of the item: the URL its JSON is served at.' },
    '@type': { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] },
  },
};

/** The JSON-LD answer of a list (a schema.org ItemList of nodes) or of an item (a node). */
function jsonLdSchema(itemName: string, list: boolean): Json {
  const node = `${LINKED_TYPES[itemName] ?? 'a node'} (fields= keeps the terms of the fields named; \`@id\` and \`@type\` always)`;
  const about = `JSON-LD 1.1 in the context served at \`${CONTEXT_PATH}\` (\`"@context": "${CONTEXT_PATH}"\`): schema.org, PROV-O for who said and who relayed what, and every evidence span a W3C Web Annotation whose target selects the words of \`/v1/sources/{id}/text\` by a \`TextPositionSelector\` (code points, end exclusive) and a \`TextQuoteSelector\`. IRIs are relative to the request URL.`;
  const context = { const: CONTEXT_PATH };
  if (!list)
    return {
      ...JSON_LD_NODE,
      description: `${about} The ${itemName} as ${node}.`,
      required: ['@context', ...JSON_LD_NODE.required],
      properties: { '@context': context, ...JSON_LD_NODE.properties },
    };
  return {
    type: 'object',
    description: `${about} A page of the list as a schema.org \`ItemList\`, each ${itemName} ${node}, in the list's order; \`next\` is the next page, as in the \`Link\` header.`,
    required: ['@context', '@id', '@type', 'itemListElement'],
    properties: {
      '@context': context,
      '@id': { type: 'string', description: 'The request URL, relative.' },
      '@type': { const: 'ItemList' },
      itemListElement: { type: 'array', items: JSON_LD_NODE },
      next: { type: 'string', description: 'The URL of the next page, relative; absent on the last.' },
    },
  };
}

/**
 * The 200 answer in each format the operation offers (plugins/operation-kinds.ts reads them off its
 * `format` parameter): the JSON schema under application/json, and what the others hold.
 */
function describeRepresentations(
  ok: Json,
  {
    formats,
    columns,
    readable,
    partial,
  }: {
    formats: readonly string[];
    columns: readonly string[];
    readable: readonly string[];
    partial: boolean;
  },
  schemas: Record<string, Json>,
  media: MediaSchemas,
) {
  const json = ok.content?.['application/json'];
  const resolve = (schema: Json) =>
    typeof schema?.$ref === 'string' ? schemas[schema.$ref.split('/').pop()] : schema;
  const listItem = resolve(json?.schema)?.properties?.data?.items;
  const itemName = String((listItem ?? json?.schema)?.$ref ?? '/item')
    .split('/')
    .pop();
  const content: Record<string, Json> = {};
  for (const format of formats) {
    if (format === 'json') content['application/json'] = json;
    if (format === 'json' && partial)
      content[PARTIAL_JSON] = { schema: { $ref: `#/components/schemas/${partialOf(schemas, json.schema)}` } };
    if (format === 'csv')
      content['text/csv'] = {
        schema: {
          type: 'string',
          description: `Every ${itemName} of the filtered list after \`cursor\`, streamed in the list's order: RFC 4180, UTF-8, CRLF, a header row, one row per ${itemName}. Columns (\`fields=\` keeps those of the fields named): ${columns.map((c) => `\`${c}\``).join(', ')}. Nested objects flatten to dotted names; an array is one cell holding its JSON${readable.length > 0 ? `, and ${readable.map((c) => `\`${c}\``).join(', ')} each hold the array before it as readable text (names and roles, or ids, separated by \`; \`)` : ''}; an empty cell is null. A text cell starting with \`=\`, \`+\`, \`-\`, \`@\`, a tab or a carriage return is prefixed with \`'\` so that no spreadsheet runs it.`,
        },
      };
    if (format === 'jsonld')
      content['application/ld+json'] = { schema: jsonLdSchema(String(itemName), listItem !== undefined) };
    if (format === 'ndjson')
      content['application/x-ndjson'] = {
        schema: {
          type: 'string',
          description: `Every ${itemName} of the filtered list after \`cursor\`, streamed in the list's order: one ${itemName} (as in the JSON answer, with \`fields=\` applied) per line.`,
        },
      };
    if (format === 'timelinejs')
      content['application/vnd.parallax.timelinejs+json'] = { schema: media.timelinejs };
  }
  ok.content = content;
  if (formats.some((f) => f === 'csv' || f === 'ndjson'))
    ok.headers = {
      ...ok.headers,
      'Content-Disposition': {
        description:
          'For an export (CSV, NDJSON, TimelineJS): `attachment; filename="<list>-<dataset version>.<ext>"`.',
        schema: { type: 'string' },
      },
    };
}

/**
 * The partial twin of a JSON answer's component (`Event` → `EventPartial`, `EventList` →
 * `EventListPartial`), added to `schemas` on first use, and its name: an item with the item's
 * properties and none required (`fields=` keeps those named), a list with such items and the
 * list's own envelope.
 */
function partialOf(schemas: Record<string, Json>, ref: Json): string {
  const name =
    String(ref?.$ref ?? '')
      .split('/')
      .pop() ?? '';
  const whole = schemas[name];
  if (!whole) throw new Error(`no component ${name} for a partial answer`);
  const partial = `${name}Partial`;
  if (partial in schemas) return partial;
  const items = whole.properties?.data?.items;
  if (whole.properties?.data?.type === 'array' && items?.$ref) {
    schemas[partial] = {
      ...whole,
      description: `${whole.description ?? name} With \`fields=\`: each item holds only the fields named.`,
      properties: {
        ...whole.properties,
        data: {
          ...whole.properties.data,
          items: { $ref: `#/components/schemas/${partialOf(schemas, items)}` },
        },
      },
    };
    delete schemas[partial].examples;
  } else {
    const { required: _required, examples: _examples, ...rest } = whole;
    schemas[partial] = {
      ...rest,
      description: `${whole.description ?? name} With \`fields=\`: only the fields named, so none is required.`,
    };
  }
  return partial;
}

/**
 * A file's answers: its bytes in one of `mediaTypes`, whole or a byte range (206), revalidated by
 * its own ETag and Last-Modified (304), and 416 for a range it does not have.
 */
function describeFile(responses: Json, mediaTypes: readonly string[]) {
  // The route's own 200 schema (a named component), under each media type a file can be.
  const declared = Object.values<Json>(responses['200']?.content ?? {})[0]?.schema;
  const schema = declared ?? { type: 'string' };
  const bytes = Object.fromEntries(mediaTypes.map((type) => [type, { schema }]));
  const validators = {
    ETag: {
      description: 'The file’s own (weak) validator; send it back in `If-None-Match` or `If-Range`.',
      schema: { type: 'string' },
    },
    'Last-Modified': { description: 'When the seed wrote the file.', schema: { type: 'string' } },
    'Accept-Ranges': { description: '`bytes`', schema: { type: 'string' } },
    'Content-Disposition': {
      description: '`attachment; filename="<resource>-<dataset version>.<ext>"`.',
      schema: { type: 'string' },
    },
  };
  responses['200'] = { description: 'The whole file.', content: bytes, headers: validators };
  responses['206'] = {
    description: 'The byte range asked for (`Range: bytes=…`).',
    content: bytes,
    headers: {
      ...validators,
      'Content-Range': { description: '`bytes <first>-<last>/<size>`', schema: { type: 'string' } },
    },
  };
  responses['304'] = { description: RESPONSE_DESCRIPTIONS['304'] };
  responses['416'] = {
    description: 'The range lies outside the file.',
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
}

/** JSON Schemas of representations that are not the API's own components (TimelineJS). */
export interface MediaSchemas {
  timelinejs: Json;
}

export function polishDocument(doc: Json, examples: DocumentExamples, media: MediaSchemas): Json {
  const schemas = orderedComponents(doc, examples);
  for (const pathItem of Object.values<Json>(doc.paths ?? {}))
    for (const [method, op] of Object.entries<Json>(pathItem))
      if (method === 'get') polishOperation(op, examples, schemas, media);

  // The type provider emits an input twin of every named schema; only those referenced stay.
  const text = JSON.stringify(doc.paths);
  if (doc.components)
    doc.components.schemas = Object.fromEntries(
      Object.entries(schemas).filter(
        ([name]) => !name.endsWith('Input') || text.includes(`"#/components/schemas/${name}"`),
      ),
    );
  return doc;
}

/** The registered components, the shared ones first, without zod's ids, with their examples. */
function orderedComponents(doc: Json, examples: DocumentExamples): Record<string, Json> {
  const registered: Record<string, Json> = doc.components?.schemas ?? {};
  const schemas: Record<string, Json> = {};
  for (const name of [...SHARED_COMPONENTS, ...Object.keys(registered)])
    if (name in registered) schemas[name] = registered[name];
  for (const [name, schema] of Object.entries(schemas)) {
    delete schema.$schema;
    delete schema.$id;
    if (name in examples.components) schema.examples = [examples.components[name]];
  }
  return schemas;
}

/** One GET operation completed from what its route declared (plugins/operation-kinds.ts). */
function polishOperation(
  op: Json,
  examples: DocumentExamples,
  schemas: Record<string, Json>,
  media: MediaSchemas,
) {
  const kind = op['x-operation-kind'] as OperationKind;
  const formats = op['x-formats'] as string[] | undefined;
  const columns = op['x-csv-columns'] as string[] | undefined;
  const readable = (op['x-csv-readable'] as string[] | undefined) ?? [];
  const fileTypes = op['x-media-types'] as string[] | undefined;
  delete op['x-operation-kind'];
  delete op['x-formats'];
  delete op['x-csv-columns'];
  delete op['x-csv-readable'];
  delete op['x-media-types'];
  const traits = TRAITS[kind];
  const cacheable = traits.caching === 'dataset';
  for (const param of op.parameters ?? []) polishParameter(param, examples);
  for (const [status, response] of Object.entries<Json>(op.responses ?? {}))
    polishResponse(status, response, traits);
  const partial = (op.parameters ?? []).some((p: Json) => p.name === 'fields');
  if (formats)
    describeRepresentations(
      op.responses['200'],
      { formats, columns: columns ?? [], readable, partial },
      schemas,
      media,
    );
  if (cacheable) op.responses['304'] = { description: RESPONSE_DESCRIPTIONS['304'] };
  if (traits.caching === 'file') describeFile(op.responses, fileTypes ?? []);
}

/** A parameter with its description beside its schema, arrays exploded, and its example. */
function polishParameter(param: Json, examples: DocumentExamples) {
  if (param.schema?.description && !param.description) {
    param.description = param.schema.description;
    delete param.schema.description;
  }
  if (param.schema?.type === 'array') Object.assign(param, { style: 'form', explode: true });
  if (param.name in examples.parameters) {
    const example = examples.parameters[param.name];
    // One example serves a repeatable parameter whole and a single one by its first value.
    const wantsArray = param.schema?.type === 'array';
    param.example =
      wantsArray === Array.isArray(example) ? example : wantsArray ? [example] : (example as unknown[])[0];
  }
}

/** A response with its description, a problem for every error, and the headers its kind sends. */
function polishResponse(
  status: string,
  response: Json,
  { caching, paged, cached }: (typeof TRAITS)[OperationKind],
) {
  response.description = RESPONSE_DESCRIPTIONS[status] ?? response.description;
  // Every error is a problem, whatever the operation's 200 is (the route's `produces` would
  // otherwise describe a text operation's 404 as text/plain).
  if (Number(status) >= 400 && response.content)
    response.content = {
      'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
    };
  if (RETRYABLE.has(status)) response.headers = { 'Retry-After': HEADERS['Retry-After'] };
  if (status === '200' && caching === 'dataset')
    response.headers = {
      ETag: HEADERS.ETag,
      'Cache-Control': HEADERS['Cache-Control'],
      ...(paged ? { Link: HEADERS.Link } : {}),
      ...(cached ? { 'X-Cache': HEADERS['X-Cache'] } : {}),
    };
}
