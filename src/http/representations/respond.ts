import { Readable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type CursorKey, type KeysetList, keysetList } from '../../db/keyset.js';
import { parseStored, type Stored } from '../../db/items.js';
import { type PageQuery, paginate, resumeAfter } from '../pagination.js';
import { invalidParameter } from '../problems.js';
import { columnsOf, csvHeader, csvRows, keptColumns } from './csv.js';
import { project, selectedFields } from './fields.js';
import { EXPORT_FORMATS, type Format, MEDIA_TYPES, PARTIAL_JSON } from './formats.js';
import { itemDocument, type JsonLdNode, type LinkedData, listDocument } from './jsonld.js';

/**
 * Every list and item answers through here (each function sends, and returns the reply), in the representation negotiation chose
 * (`request.format`): a JSON page or item as the route's schema describes it, with `fields=`
 * applied; or, for a list, the whole filtered list streamed in key order (CSV, NDJSON), a page at a
 * time, so memory stays bounded, the socket's backpressure paces the queries, and a client that
 * goes away stops them.
 */

/** What a resource's items are, for every representation. */
export interface Resource {
  /** The item's schema: its fields (`fields=`) and its CSV columns. */
  item: z.ZodObject;
  /** Its items as JSON-LD, for the routes whose `format` offers `jsonld`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each resource maps its own item type
  linked?: LinkedData<any>;
}

/**
 * A list's items: objects its repository builds per request, or each item's JSON text as the seed
 * stored it (db/items.ts). A JSON page of stored items is spliced from the text, its envelope
 * checked against `page` (the page's schema); every other representation parses the items.
 */
export type ListItems<F, I> = { list: KeysetList<F, I> } & (I extends string
  ? { page: z.ZodType }
  : { page?: undefined });

/** The item of a list whose items are `I`: `I` itself, or the object a stored text holds. */
export type ItemOf<I> = (I extends Stored<infer T> ? T : I) & object;

export type ListAnswer<F, I> = ListItems<F, I> & {
  /** The list's name, which its cursors carry. */
  name: string;
  /** What its export files are called (before the dataset version); `name` by default. */
  file?: string;
  resource: Resource;
  filters: F;
  /** The request's paging parameters and `fields`, as its route validated them. */
  query: Pick<PageQuery, 'order' | 'limit' | 'cursor' | 'fields'>;
  /** What a JSON page carries besides its items (facets, a summary): computed only for one. */
  extend?: (page: { data: unknown[]; page: { limit: number; next_cursor: string | null } }) => object;
  /** Exports of this list beyond CSV and NDJSON (a timeline's TimelineJS document). */
  exports?: Partial<Record<Format, () => Serialiser<ItemOf<I>>>>;
};

/** How an export writes a list: what comes first, each page of items, what comes last. */
export interface Serialiser<T> {
  head: string;
  /** A page of items; `first` when nothing has been written of them yet. */
  body(items: T[], first: boolean): string;
  tail: string;
}

/** How many items an export reads per query. */
const EXPORT_PAGE = 500;

const EXTENSIONS: Partial<Record<Format, string>> = {
  csv: 'csv',
  ndjson: 'ndjson',
  timelinejs: 'timeline.json',
};

export function respondList<F, I extends object | string>(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: ListAnswer<F, I>,
) {
  const format = request.format ?? 'json';
  const fields = fieldsOf(answer.query, answer.resource);
  if (EXPORT_FORMATS.includes(format)) return exportList(request, reply, answer, format, fields);
  if (answer.page && storedAnswers(format, fields))
    return sendStoredPage(request, reply, answer, answer.page);
  const page = paginate(request, reply, answer.name, objectsOf(answer), answer.filters, answer.query);
  if (format === 'jsonld') {
    const next = reply.getHeader('link');
    const nodes = page.data.map((item) => linkedData(answer.resource).node(item, fields && new Set(fields)));
    return sendJsonLd(
      reply,
      listDocument(
        request.url,
        nodes,
        typeof next === 'string' ? next.slice(1, next.indexOf('>')) : undefined,
      ),
    );
  }
  const body = answer.extend ? answer.extend(page) : page;
  if (fields === undefined) return reply.send(body);
  // The route's schema describes whole items; a selection is serialised as it is, as partial JSON.
  return reply
    .serializer(JSON.stringify)
    .type(`${PARTIAL_JSON}; charset=utf-8`)
    .send({ ...body, data: page.data.map((item) => project(item, fields)) });
}

/** A list's items as objects: built, or parsed from the stored text. */
function objectsOf<F, I>(items: ListItems<F, I>): KeysetList<F, ItemOf<I>> {
  // A list has a page schema exactly when its items are stored text (ListItems).
  if (!items.page) return items.list as KeysetList<F, ItemOf<I>>;
  const stored = items.list as KeysetList<F, Stored<ItemOf<I>>>;
  return keysetList(stored.key, (filters: F, request) => {
    const page = stored(filters, request);
    return { ...page, items: page.items.map(parseStored) };
  });
}

/** Whether what the seed stored is the answer as it is: JSON, with every field. */
function storedAnswers(format: Format, fields: string[] | undefined): boolean {
  return format === 'json' && fields === undefined;
}

/**
 * A JSON page of stored items: the envelope (page state, facets …) checked against the page's
 * schema and written as the serialiser would, with the items' stored JSON put in its `data`. The
 * items were checked against their schema when the seed stored them.
 */
function sendStoredPage<F, I>(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: ListAnswer<F, I>,
  schema: z.ZodType,
) {
  const stored = answer.list as KeysetList<F, string>;
  const page = paginate(request, reply, answer.name, stored, answer.filters, answer.query);
  const empty = { ...page, data: [] };
  const envelope = JSON.stringify(schema.parse(answer.extend ? answer.extend(empty) : empty));
  return reply.type('application/json; charset=utf-8').send(spliceItems(envelope, page.data));
}

const EMPTY_DATA = '{"data":[]';

/** `{"data":[],…}` with `items` (each one JSON text) in its array. */
export function spliceItems(envelope: string, items: readonly string[]): string {
  if (!envelope.startsWith(EMPTY_DATA)) throw new Error('a list page must begin with its data');
  return `{"data":[${items.join(',')}]${envelope.slice(EMPTY_DATA.length)}`;
}

/** NDJSON of items stored as JSON text. */
const STORED_NDJSON: Serialiser<string> = {
  head: '',
  body: (items) => `${items.join('\n')}\n`,
  tail: '',
};

/**
 * One item: an object, or its JSON text as stored (db/items.ts), which is the answer as it is for
 * JSON with every field, and is parsed for `fields=` and the other representations.
 */
export function respondItem<T extends object>(
  request: FastifyRequest,
  reply: FastifyReply,
  resource: Resource,
  item: T | Stored<T>,
  query: ItemQuery,
) {
  const fields = fieldsOf(query, resource);
  if (typeof item === 'string') {
    if (storedAnswers(request.format ?? 'json', fields))
      return reply.type('application/json; charset=utf-8').send(item);
    return respondItem(request, reply, resource, parseStored(item), query);
  }
  if (request.format === 'jsonld')
    return sendJsonLd(reply, itemDocument(linkedData(resource).node(item, fields && new Set(fields))));
  if (fields === undefined) return reply.send(item);
  return reply.serializer(JSON.stringify).type(`${PARTIAL_JSON}; charset=utf-8`).send(project(item, fields));
}

function linkedData(resource: Resource): LinkedData<unknown> {
  if (!resource.linked) throw new Error('a route offers jsonld for a resource without linked data');
  return resource.linked;
}

function sendJsonLd(reply: FastifyReply, document: JsonLdNode) {
  return reply.serializer(JSON.stringify).type('application/ld+json; charset=utf-8').send(document);
}

/** What an item's query asks of its representation (`fields`). */
export interface ItemQuery {
  fields?: string | undefined;
}

function fieldsOf({ fields }: ItemQuery, resource: Resource): string[] | undefined {
  return selectedFields(fields, Object.keys(resource.item.shape));
}

function exportList<F, I>(
  request: FastifyRequest,
  reply: FastifyReply,
  answer: ListAnswer<F, I>,
  format: Format,
  fields: string[] | undefined,
) {
  const { name, file = name, resource, filters, query, exports } = answer;
  const custom = exports?.[format];
  if (fields !== undefined && custom)
    throw invalidParameter('fields', `does not apply to format=${format}, whose shape is fixed`);
  const onEarlyEnd = (bytes: number) => request.log.info({ bytes }, 'export stopped: the client went away');
  const after = resumeAfter(name, answer.list, query);
  const chunks = exportChunks(answer, filters, {
    name,
    resource,
    format,
    order: query.order,
    after,
    fields,
    custom,
  });
  const filename = `${file.replace(/[^a-z0-9-]+/g, '-')}-${request.server.datasetVersion}.${EXTENSIONS[format] ?? 'json'}`;
  return reply
    .type(`${MEDIA_TYPES[format]}; charset=utf-8`)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(exportStream(chunks, onEarlyEnd));
}

interface ExportRequest<I> {
  /** The list's name, for the error when it has no export in `format`. */
  name: string;
  resource: Resource;
  format: Format;
  order: PageQuery['order'];
  /** The key to resume after (a cursor's), or none for the whole list. */
  after: CursorKey | undefined;
  fields: string[] | undefined;
  /** The list's own serialiser for `format`, where it has one (TimelineJS). */
  custom?: (() => Serialiser<ItemOf<I>>) | undefined;
}

/**
 * An export's text, a chunk at a time, reading the list a page at a time as it is asked for more:
 * stored items as they are for NDJSON with every field, else parsed (the same objects a new build
 * would make, with far less garbage) and serialised.
 */
export function exportChunks<F, I>(
  items: ListItems<F, I>,
  filters: F,
  { name, resource, format, order, after, fields, custom }: ExportRequest<I>,
): Generator<string> {
  if (items.page && !custom && format === 'ndjson' && fields === undefined)
    return serialised(pagesOf(items.list as KeysetList<F, string>, filters, order, after), STORED_NDJSON);
  const serialiser = custom ? custom() : builtInSerialiser<ItemOf<I>>(format, resource.item, fields);
  if (!serialiser) throw new Error(`no ${format} export for the list ${name}`);
  return serialised(pagesOf(objectsOf(items), filters, order, after), serialiser);
}

/** Every page of the list after `after`, read one query at a time as the consumer asks for more. */
export function* pagesOf<F, T>(
  list: KeysetList<F, T>,
  filters: F,
  order: PageQuery['order'],
  after: CursorKey | undefined,
): Generator<T[]> {
  let key = after;
  do {
    const page = list(filters, { order, limit: EXPORT_PAGE, after: key });
    yield page.items;
    key = page.nextKey;
  } while (key);
}

/** CSV and NDJSON, which every list has. */
export function builtInSerialiser<T extends object>(
  format: Format,
  item: z.ZodObject,
  fields: string[] | undefined,
): Serialiser<T> | undefined {
  if (format === 'csv') {
    const columns = keptColumns(columnsOf(item), fields);
    return { head: csvHeader(columns), body: (items) => csvRows(items, columns), tail: '' };
  }
  if (format === 'ndjson')
    return {
      head: '',
      body: (items) => items.map((one) => `${JSON.stringify(project(one, fields))}\n`).join(''),
      tail: '',
    };
  return undefined;
}

/**
 * The export as a byte stream: it asks for the next chunk only when the consumer has taken the
 * previous one (so the socket paces the queries), and destroying it ends `chunks` there.
 * `onEarlyEnd` is called when the consumer goes away before the end, with the bytes it was given.
 */
export function exportStream(chunks: Iterable<string>, onEarlyEnd: (bytes: number) => void) {
  return Readable.from(counted(paced(chunks), onEarlyEnd), { objectMode: false });
}

/**
 * Items per chunk of an export. A whole page's text (500 events, ~600 kB) is one string in V8's
 * large-object space, which only a full collection frees: a whole export grew the heap by ~100 MB.
 * Chunks of ~60 kB die young in the nursery.
 */
const CHUNK_ITEMS = 50;

/** A list's text as the serialiser writes it: the head, the items a chunk at a time, the tail. */
export function* serialised<T>(pages: Iterable<T[]>, { head, body, tail }: Serialiser<T>): Generator<string> {
  if (head) yield head;
  let first = true;
  for (const items of pages)
    for (let i = 0; i < items.length; i += CHUNK_ITEMS) {
      const chunk = body(items.slice(i, i + CHUNK_ITEMS), first);
      if (chunk) {
        yield chunk;
        first = false;
      }
    }
  if (tail) yield tail;
}

/**
 * Lets the event loop turn after each chunk: a fast reader on loopback never fills the socket, and
 * a stream fed only by promises would then hold the loop for the whole export, starving every other
 * request.
 */
async function* paced(chunks: Iterable<string>): AsyncGenerator<string> {
  for (const chunk of chunks) {
    yield chunk;
    await setImmediate();
  }
}

/** Passes the chunks on, and reports a consumer that left before the end. */
async function* counted(
  chunks: AsyncGenerator<string>,
  onEarlyEnd: (bytes: number) => void,
): AsyncGenerator<string> {
  let bytes = 0;
  let finished = false;
  try {
    for await (const chunk of chunks) {
      bytes += Buffer.byteLength(chunk);
      yield chunk;
    }
    finished = true;
  } finally {
    if (!finished) onEarlyEnd(bytes);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The version of the dataset being served (its files and ETags carry it). */
    datasetVersion: string;
  }
}
