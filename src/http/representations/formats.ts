import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { HttpProblem } from '../problems.js';

/**
 * The representations an operation answers in (SPEC §4.2), chosen by `format=` or else by `Accept`.
 * A route offers the formats its `format` parameter lists: that enum is the one statement of them,
 * read here for negotiation and by the document's conventions.
 */

export const FORMATS = ['json', 'jsonld', 'csv', 'ndjson', 'timelinejs'] as const;
export type Format = (typeof FORMATS)[number];

export const MEDIA_TYPES: Record<Format, string> = {
  json: 'application/json',
  jsonld: 'application/ld+json',
  csv: 'text/csv',
  ndjson: 'application/x-ndjson',
  // TimelineJS reads plain JSON; its own subtype keeps its schema apart from the JSON page's.
  timelinejs: 'application/vnd.parallax.timelinejs+json',
};

/**
 * A JSON answer cut down by `fields=`: still JSON (any client reads it as such), with a profile
 * (RFC 6906) saying its items hold only the fields named, so the document can describe it apart
 * from the whole answer, whose fields are all required.
 */
export const PARTIAL_JSON = 'application/json; profile="urn:parallax:partial"';

/** Formats that stream a whole list rather than answer one page. */
export const EXPORT_FORMATS: readonly Format[] = ['csv', 'ndjson', 'timelinejs'];

/** What every list answers in; a timeline adds TimelineJS. */
export const LIST_FORMATS = ['json', 'jsonld', 'csv', 'ndjson'] as const;
export const ITEM_FORMATS = ['json', 'jsonld'] as const;

const FORMAT_HELP: Record<Format, string> = {
  json: '`json`: the JSON page (or item)',
  jsonld: '`jsonld`: JSON-LD (schema.org, W3C Web Annotation selectors for evidence)',
  csv: '`csv`: the whole filtered list as CSV (RFC 4180, a header row)',
  ndjson: '`ndjson`: the whole filtered list, one JSON item per line',
  timelinejs: '`timelinejs`: the whole filtered timeline as a TimelineJS document, one group per outlet',
};

/** The `format` parameter of an operation answering in `formats`. */
export function formatParam<const F extends readonly [Format, ...Format[]]>(formats: F) {
  return z
    .enum(formats)
    .optional()
    .describe(`The representation, overriding \`Accept\`: ${formats.map((f) => FORMAT_HELP[f]).join('; ')}.`);
}

/** The `fields` parameter: which fields of each item to keep (checked against the item's own). */
export const fieldsParam = z
  .string()
  .regex(/^[a-z_]+(,[a-z_]+)*$/, 'must be a comma-separated list of field names')
  .max(500)
  .optional()
  .describe(
    'Comma-separated top-level fields of each item to keep, in any representation; the others are left out. The JSON answer is then sent, and described, as `application/json; profile="urn:parallax:partial"`: the same shape with only the fields named, so none of them is required.',
  );

const formatsCache = new WeakMap<object, readonly Format[] | null>();

/** The formats a route's querystring schema offers, or undefined when it has no `format` parameter. */
export function formatsOf(schema: unknown): readonly Format[] | undefined {
  if (!(schema instanceof z.ZodObject)) return undefined;
  let formats = formatsCache.get(schema);
  if (formats === undefined) {
    let field: unknown = (schema.shape as Record<string, unknown>).format;
    while (field instanceof z.ZodOptional || field instanceof z.ZodDefault) field = field.unwrap();
    formats = field instanceof z.ZodEnum ? (field.options as Format[]) : null;
    formatsCache.set(schema, formats);
  }
  return formats ?? undefined;
}

/** The media types a route with these formats produces. */
export function mediaTypesOf(formats: readonly Format[]): string[] {
  return [...new Set(formats.map((f) => MEDIA_TYPES[f]))];
}

/**
 * The format of a request to a route offering `formats`: `asked`, its `format` parameter as sent
 * (validated later, with the rest of the query), else the best of them its `Accept` allows, else a 406.
 */
export function chooseFormat(request: FastifyRequest, asked: unknown, formats: readonly Format[]): Format {
  if (typeof asked === 'string' && (formats as readonly string[]).includes(asked)) return asked as Format;
  if (request.headers.accept === undefined) return formats[0] ?? 'json';
  const chosen = request.accepts().type(formats.map((f) => MEDIA_TYPES[f]));
  const format = formats.find((f) => MEDIA_TYPES[f] === chosen);
  if (format === undefined)
    throw new HttpProblem(
      406,
      `this operation produces ${mediaTypesOf(formats).join(', ')}; the Accept header allows none of them`,
    );
  return format;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The representation the answer takes, for routes that offer several (see chooseFormat). */
    format?: Format;
  }
}
