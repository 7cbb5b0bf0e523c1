import { z } from 'zod';
import { parseRangeBound } from '../domain/dates.js';
import { DATE_PRECISIONS } from '../domain/vocabulary.js';
import { named } from './registry.js';

/** The query of an operation that takes none: any parameter is unknown, so a 400 (SPEC §4). */
export const NoQuerySchema = z.strictObject({});

export const IdParamsSchema = z.strictObject({
  id: z.string().min(1).max(200).describe('The resource id (a slug).'),
});

export const SpanSchema = named(
  'Span',
  'Code-point offsets into the source text (W3C TextPositionSelector): `end` is exclusive.',
  z.object({
    source: z.string().describe('Id of the source whose text the span indexes.'),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    text: z.string().describe('The exact words at the span.'),
  }),
);

export const DateValueSchema = named(
  'DateValue',
  'A resolved date: the inclusive interval the phrase implies, with what the article said.',
  z.object({
    start: z.iso.date(),
    end: z.iso.date(),
    precision: z.enum(DATE_PRECISIONS),
    edtf: z.string().describe('Extended Date/Time Format (ISO 8601-2) form.'),
    approximate: z.boolean(),
    phrase: z.string().describe('The words of the article that date it.'),
    source: z.string().describe('Id of the source the phrase came from.'),
  }),
);

export const ActorRefSchema = named(
  'ActorRef',
  'A short reference to an actor.',
  z.object({ id: z.string(), name: z.string(), kind: z.string() }),
);

export const PageSchema = named(
  'Page',
  'Keyset pagination state: pass `next_cursor` as `cursor` to get the next page.',
  z.object({
    limit: z.number().int(),
    next_cursor: z.string().nullable(),
  }),
);

/** `{ data: [...], page }` — the list envelope of SPEC §4, named `<Item>List`. */
export function listOf<T extends z.ZodType>(name: string, item: T) {
  return named(
    `${name}List`,
    `A page of ${name} items.`,
    z.object({ data: z.array(item), page: PageSchema }),
  );
}

export const ProblemSchema = named(
  'Problem',
  'An RFC 9457 problem detail.',
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    errors: z
      .array(z.object({ in: z.enum(['query', 'path', 'header']), name: z.string(), message: z.string() }))
      .optional()
      .describe('For validation failures: one entry per invalid parameter.'),
  }),
);

export const limitParam = z.coerce
  .number()
  .int()
  .min(1)
  .max(200)
  .default(50)
  .describe('Page size, 1 to 200.');

export const cursorParam = z
  .string()
  .min(1)
  .max(512)
  .optional()
  .describe('The `next_cursor` of the previous page.');

export const orderParam = z
  .enum(['asc', 'desc'])
  .default('asc')
  .describe('Sort direction of the list’s order; `desc` reverses it.');

/** `order`, `limit` and `cursor`: the paging parameters of every list. */
export const pageParams = { order: orderParam, limit: limitParam, cursor: cursorParam };

/** How many times one repeatable parameter may be given: bounds the work (and SQL) one request asks for. */
export const MAX_REPEATS = 20;

/** A repeatable query parameter (`?actor=a&actor=b`); a single value arrives as a one-item array. */
export const repeatable = <T extends z.ZodType>(item: T) =>
  z.array(item).max(MAX_REPEATS, `may be given at most ${MAX_REPEATS} times`).optional();

export const dateBound = (side: 'from' | 'to') =>
  z
    .string()
    .refine(
      (v) => parseRangeBound(v, side) !== undefined,
      'must be a real date as YYYY, YYYY-MM or YYYY-MM-DD',
    )
    .optional()
    .describe(
      side === 'from'
        ? 'Earliest date (YYYY, YYYY-MM or YYYY-MM-DD; a partial date means its first day).'
        : 'Latest date (YYYY, YYYY-MM or YYYY-MM-DD; a partial date means its last day).',
    );
