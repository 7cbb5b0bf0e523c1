import { readFileSync } from 'node:fs';
import * as fc from 'fast-check';
import Fastify from 'fastify';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_FILE } from '../../tools/openapi-document.js';
import errors, { frameworkErrorHandler } from '../../src/plugins/errors.js';
import { useSeededApp } from '../helpers.js';
import {
  createDocumentValidator,
  type DocumentValidator,
  type JsonSchema,
  type OpenApiDocument,
  type OpenApiParameter,
  type Operation,
} from '../plugins/openapi/validator.js';

/**
 * Property-based fuzzing of every operation the served OpenAPI document declares. For each GET,
 * fast-check builds requests from the operation's own parameter list: values drawn from each
 * parameter's schema and from the seeded data (real ids, cursors, dates), boundary values, and
 * hostile ones (SQL, FTS5 syntax, path traversal, NUL, huge numbers, impossible dates, 10 kB
 * strings, unicode and lone surrogates, malformed percent-encoding, repeated and unknown
 * parameters). Whatever the input, every answer must keep the contract of SPEC §4:
 *
 * - never a 5xx;
 * - a status the document declares for the operation the URL routes to (304 only when the request
 *   sent If-None-Match), or 404 when it routes to none;
 * - every 4xx is an `application/problem+json` body with `status` equal to the HTTP status;
 * - every 2xx body validates (JSON Schema 2020-12) against the schema the document declares.
 *
 * `FUZZ_RUNS` is the total number of cases, split evenly over the operations (`npm run fuzz` runs
 * 50,000). Each run uses a fresh random seed; a failure prints the seed and path of the shrunk
 * counterexample, which `FUZZ_SEED=<seed> FUZZ_PATH=<path> npx vitest run test/fuzz -t <operationId>`
 * replays.
 *
 * Requests go through `app.inject`, which parses the URL with WHATWG `URL` as a browser would: dot
 * segments are resolved, and raw spaces, non-ASCII and lone surrogates are percent-encoded before
 * the app sees them. Raw bytes a real socket could carry are therefore not covered here.
 */

const TOTAL_RUNS = positiveInteger('FUZZ_RUNS', 2100);
const REPLAY: { seed?: number; path?: string; endOnFailure?: boolean } =
  process.env.FUZZ_SEED === undefined
    ? {}
    : { seed: Number(process.env.FUZZ_SEED), path: process.env.FUZZ_PATH, endOnFailure: true };

function positiveInteger(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`);
  return value;
}

// The tests are declared before the app exists, so the operations are listed from the committed
// document; the first test checks that the served one has exactly these, so none goes unfuzzed.
const COMMITTED = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8')) as OpenApiDocument;
const OPERATIONS = Object.entries(COMMITTED.paths).flatMap(([template, item]) =>
  item.get ? [{ template, operationId: item.get.operationId }] : [],
);
const RUNS_PER_OPERATION = Math.ceil(TOTAL_RUNS / OPERATIONS.length);

// --- Values -------------------------------------------------------------------------------------

/** A value as text to be encoded, or as bytes already percent-encoded (possibly malformed). */
type Value = { text: string } | { raw: string };
/** How text goes into the URL: UTF-8 percent-encoding, with `+` for spaces, unencoded, or twice. */
type Encoding = 'percent' | 'form' | 'raw' | 'double';

const text = (t: string): Value => ({ text: t });
const raw = (r: string): Value => ({ raw: r });

/** Hostile texts by kind. Random cases draw a kind first, so that no kind drowns in a longer one. */
const HOSTILE_TEXT = {
  sql: [
    "' OR 1=1 --",
    '"; DROP TABLE events; --',
    "kim-jong-un' --",
    '1; SELECT * FROM meta',
    "') UNION SELECT sql FROM sqlite_master --",
    '%',
    '_',
    '\\',
  ],
  fts: [
    '"',
    '""',
    '*',
    'kim*',
    'NEAR(',
    'NEAR(kim moon, 2)',
    'OR',
    'AND',
    'NOT',
    'kim OR moon',
    '-x',
    '^',
    '^kim',
    '(',
    ')',
    '((kim)',
    'col:word',
    'title:kim',
    '{title summary}: kim',
    'kim + moon',
  ],
  path: [
    '../../etc/passwd',
    '..',
    '.',
    '/',
    '//',
    'a/b',
    '..\\..\\windows',
    'kim-jong-un/events',
    '?',
    '#',
    '&',
    '=',
    'a=b&c=d',
  ],
  control: ['\0', 'kim\0jong', '\t', '\r\n', '\u001b[31m'],
  number: [
    '1e308',
    '-1e308',
    '99999999999999999999',
    '9007199254740993',
    '-0',
    '0',
    '-1',
    'NaN',
    'Infinity',
    '-Infinity',
    '1.5',
    '1.0',
    '0x10',
    '0b1',
    '1e2',
    '+1',
    ' 1',
    '1_000',
    '١٢',
    'null',
    'undefined',
    'true',
    '[]',
    '{}',
  ],
  date: [
    '2020-02-30',
    '2019-02-29',
    '2020-13',
    '2020-00',
    '2020-06-31',
    '0000-00-00',
    '0000',
    '99999',
    '20200624',
    '2020/06/24',
    '2020-6-4',
    '-2020',
    '+002020',
    '2020-06-24T00:00:00Z',
    '2020-06-24/2020-06-25',
    'June 2020',
    'yesterday',
  ],
  unicode: [
    '🙂',
    '👩🏽‍🚀',
    '🇰🇷',
    'مرحبا',
    'שלום',
    '\u202Ekim',
    'e\u0301',
    'Z̴̧̛̝a̵͍͊l̸̢̛g̶o',
    '\uFEFF',
    '\u200B',
    'ｋｉｍ',
    '김정은',
    'KİM',
    '\uD800',
    '\uDC00',
    'kim\uD83D',
    '\uFFFF',
  ],
  blank: ['', ' ', '   '],
};

/** Already-encoded bytes: encoded hostile characters, and encodings that are malformed. */
const HOSTILE_RAW = [
  '%00',
  'kim%00',
  '%2e%2e%2f',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%2f..%2f',
  '%2F',
  '%5C',
  '%ED%A0%80',
  '%ED%B0%80',
  '%ED%A0%80%ED%B0%80',
  '%F0%9F%98',
  '%F0%9F',
  '%C0%AE',
  '%C0%80',
  '%FF',
  '%FE%FF',
  '%',
  '%z',
  '%zz',
  '%%',
  '%2',
  '%u0041',
  '+',
  '%2B',
  '%26',
  '%3D',
  '%23',
  '%3F',
];

/** 10 kB of one character or word, and the lengths around the 200-character limits. */
const LONG_TEXT = fc
  .tuple(
    fc.constantFrom('a', 'é', '🙂', 'kim ', '"', '%', '\uD800'),
    fc.constantFrom(10_240, 200, 201, 100, 101),
  )
  .map(([unit, length]) => text(unit.repeat(Math.ceil(length / unit.length))));

/** Any UTF-16 code unit, so lone surrogates included. */
const CODE_UNIT = fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u));

const RANDOM_TEXT = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.string({ unit: CODE_UNIT, maxLength: 10 }),
);

type HostileKind = keyof typeof HOSTILE_TEXT;
const hostileText = (...kinds: HostileKind[]) =>
  fc.constantFrom(...kinds.flatMap((k) => HOSTILE_TEXT[k])).map(text);

const HOSTILE: fc.Arbitrary<Value> = fc.oneof(
  ...Object.keys(HOSTILE_TEXT).map((kind) => hostileText(kind as HostileKind)),
  fc.constantFrom(...HOSTILE_RAW).map(raw),
  LONG_TEXT,
  RANDOM_TEXT.map(text),
);

/**
 * One value of each kind of trouble, tried at every parameter of every operation on every run (as
 * fast-check examples), so that none of them depends on the luck of the draw.
 */
const CANONICAL: Value[] = [
  ...[
    "' OR 1=1 --",
    '"; DROP TABLE events; --',
    '"',
    'NEAR(',
    '(kim',
    'col:word',
    '*',
    '-x',
    '^kim',
    '../../etc/passwd',
    '\0',
    '\uD800',
    '1e308',
    '99999999999999999999',
    '-0',
    'NaN',
    '2020-02-30',
    '2020-13',
    '0000-00-00',
    '🙂',
    '\u202Ee\u0301',
    '',
    'a'.repeat(10_240),
  ].map(text),
  ...['%', '%zz', '%2e%2e%2f'].map(raw),
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Real dates as query bounds take them: YYYY, YYYY-MM or YYYY-MM-DD. */
const DATE = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '2020',
      '2020-06',
      '2020-06-24',
      '2020-06-23',
      '2020-06-30',
      '1950',
      '2019-12-31',
      '2020-02-29',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 1, max: 3 }),
      )
      .map(([y, m, d, parts]) => [pad(y, 4), pad(m, 2), pad(d, 2)].slice(0, parts).join('-')),
  },
);

/** Words from the seeded articles, in the spellings a reader might type. */
const SEARCH_WORDS = [
  'kim',
  'Kim Jong-un',
  'kim jong un',
  'KIM JONG UN',
  'Kím Jöng Ün',
  'Mr. Kim',
  'kim jo',
  'moon',
  'military',
  'took stock of the prevailing situation',
  'liaison office',
  'leaflets',
  'Pyongyang',
  'k',
];

// --- The fuzzer ---------------------------------------------------------------------------------

/** Real values from the seeded database, so that valid requests find data. */
interface Pools {
  ids: Record<string, string[]>;
  allIds: string[];
  /** Path template → real cursors of that list (both orders). */
  cursors: Record<string, string[]>;
  properties: string[];
}

interface FuzzRequest {
  url: string;
  headers: Record<string, string>;
  /** After a 200 with an ETag, send the request again with If-None-Match: that tag. */
  revalidate: boolean;
}

/** A request before it is a URL: path parameter values, query pairs in order, headers. */
interface RequestParts {
  path: Record<string, [Value, Encoding]>;
  query: QueryPair[];
  headers: Record<string, string>;
}

interface QueryPair {
  name: Value;
  /** null: the name alone, no `=`. */
  value: Value | null;
  encoding: Encoding;
}

/** UTF-8 percent-encoding; a lone surrogate becomes its 3-byte (invalid UTF-8) form, `%ED%A0%80`. */
function percentEncode(input: string): string {
  let out = '';
  for (const char of input) {
    const cp = char.codePointAt(0) ?? 0;
    if (cp >= 0xd800 && cp <= 0xdfff) {
      const bytes = [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f)];
      out += bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    } else out += encodeURIComponent(char);
  }
  return out;
}

function encode(value: Value, encoding: Encoding): string {
  if ('raw' in value) return value.raw;
  switch (encoding) {
    case 'percent':
      return percentEncode(value.text);
    case 'form':
      return percentEncode(value.text).replaceAll('%20', '+');
    case 'raw':
      return value.text;
    case 'double':
      return percentEncode(percentEncode(value.text));
  }
}

const ENCODING: fc.Arbitrary<Encoding> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<Encoding>('percent') },
  { weight: 1, arbitrary: fc.constantFrom<Encoding>('form', 'raw', 'double') },
);

function buildUrl(template: string, path: Record<string, [Value, Encoding]>, query: QueryPair[]): string {
  const pathname = template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const [value, encoding] = path[name] ?? [text(''), 'percent'];
    return encode(value, encoding);
  });
  const search = query
    .map(({ name, value, encoding }) => {
      const key = encode(name, encoding);
      return value === null ? key : `${key}=${encode(value, encoding)}`;
    })
    .join('&');
  return search ? `${pathname}?${search}` : pathname;
}

/** The item schema of a repeatable parameter, or the parameter's own schema. */
const itemSchema = (p: OpenApiParameter): JsonSchema =>
  p.schema.type === 'array' ? (p.schema.items as JsonSchema) : p.schema;

function createFuzzer(validator: DocumentValidator, pools: Pools) {
  const allParamNames = [
    ...new Set(validator.operations.flatMap((o) => (o.operation.parameters ?? []).map((p) => p.name))),
  ];

  /** The resource a path template's `{id}` names: the segment before it. */
  function idPool(template: string): string[] {
    const segments = template.split('/');
    const resource = segments[segments.indexOf('{id}') - 1] ?? '';
    return pools.ids[resource] ?? pools.allIds;
  }

  /**
   * A valid value of one parameter (one item of a repeatable one): real data where the parameter
   * refers to it, else drawn from the schema (enums, integer bounds, strings within their lengths).
   */
  function validValue(p: OpenApiParameter, template: string): fc.Arbitrary<string> {
    const schema = itemSchema(p);
    const pick = (values: string[]) => fc.constantFrom(...values);
    if (p.in === 'path') return pick(idPool(template));
    if (p.name === 'from' || p.name === 'to') return DATE;
    if (p.name === 'cursor') return pick(pools.cursors[template] ?? Object.values(pools.cursors).flat());
    if (p.name === 'actor' || p.name === 'speaker') return pick(pools.ids.actors ?? pools.allIds);
    if (p.name === 'source') return pick(pools.ids.sources ?? pools.allIds);
    if (p.name === 'event') return pick(pools.ids.events ?? pools.allIds);
    if (p.name === 'property') return pick(pools.properties);
    if (p.name === 'q') return fc.oneof(pick(SEARCH_WORDS), fc.stringMatching(/^[a-z]{1,10}$/));
    if (Array.isArray(schema.enum)) return pick(schema.enum.map(String));
    if (schema.type === 'integer') {
      const min = Number(schema.minimum ?? 0);
      const max = Number(schema.maximum ?? 1_000_000);
      return fc.oneof(fc.constantFrom(min, min + 1, max - 1, max), fc.integer({ min, max })).map(String);
    }
    const minLength = Number(schema.minLength ?? 0);
    const maxLength = Math.min(Number(schema.maxLength ?? 30), 30);
    return fc.string({ minLength, maxLength });
  }

  /** Values just outside the schema: integers past their bounds, strings past their lengths, enum look-alikes. */
  function boundaryValue(p: OpenApiParameter): fc.Arbitrary<Value> {
    const schema = itemSchema(p);
    const values: string[] = [''];
    if (Array.isArray(schema.enum))
      for (const v of schema.enum.map(String)) values.push(v.toUpperCase(), ` ${v}`, `${v} `, `${v}x`);
    if (schema.type === 'integer') {
      const min = Number(schema.minimum ?? 0);
      const max = Number(schema.maximum ?? 0);
      values.push(String(min - 1), String(max + 1), '0', '-1', '1', '200', '201', `${max}.5`);
    }
    if (typeof schema.maxLength === 'number')
      values.push('x'.repeat(schema.maxLength), 'x'.repeat(schema.maxLength + 1));
    return fc.constantFrom(...values).map(text);
  }

  /**
   * Cursors are opaque to clients but not to a hostile one: real cursors of any list and order, and
   * real ones re-encoded with a key value, the scope or the length changed.
   */
  const FORGED_CURSOR: fc.Arbitrary<Value> = fc
    .tuple(
      fc.constantFrom(...Object.values(pools.cursors).flat()),
      fc.nat(),
      fc.oneof(
        fc.constantFrom<unknown>(
          '',
          "' OR 1=1 --",
          '\0',
          '9999-99-99',
          'zzzz',
          -1,
          0,
          1.5,
          1e308,
          -1e308,
          2 ** 53 + 1,
          null,
          true,
        ),
        fc.string({ unit: 'binary', maxLength: 20 }),
        fc.integer(),
      ),
      fc.constantFrom('replace', 'scope', 'append', 'drop', 'real'),
    )
    .map(([cursor, index, replacement, how]) => {
      if (how === 'real') return raw(cursor);
      const [scope, ...key] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
      if (how === 'replace') key[index % Math.max(key.length, 1)] = replacement;
      if (how === 'append') key.push(replacement);
      if (how === 'drop') key.pop();
      const other = String(scope).replace(/:(asc|desc)$/, (_, o) => (o === 'asc' ? ':desc' : ':asc'));
      const forged = [how === 'scope' ? other : scope, ...key];
      return raw(Buffer.from(JSON.stringify(forged)).toString('base64url'));
    });

  /**
   * A hostile value for one parameter: the kinds of trouble most likely to matter for it (FTS5
   * syntax for `q`, impossible dates for `from`, …), values just outside its schema, anything.
   */
  function hostileValue(p: OpenApiParameter): fc.Arbitrary<Value> {
    const kinds: HostileKind[] =
      p.in === 'path'
        ? ['path', 'sql', 'control']
        : p.name === 'q'
          ? ['fts', 'sql', 'unicode']
          : p.name === 'from' || p.name === 'to'
            ? ['date', 'number']
            : itemSchema(p).type === 'integer'
              ? ['number']
              : ['sql', 'path', 'control'];
    return fc.oneof(
      { weight: 3, arbitrary: hostileText(...kinds) },
      { weight: 2, arbitrary: p.name === 'cursor' ? FORGED_CURSOR : boundaryValue(p) },
      { weight: 3, arbitrary: HOSTILE },
    );
  }

  /** One occurrence of a parameter in a chaotic request: valid, hostile, or a bare name. */
  function anyValue(p: OpenApiParameter, template: string): fc.Arbitrary<Value | null> {
    return fc.oneof(
      { weight: 4, arbitrary: validValue(p, template).map(text) },
      { weight: 5, arbitrary: hostileValue(p) },
      { weight: 1, arbitrary: fc.constant(null) },
    );
  }

  /** Once usually; sometimes 2 to 50 times, with one value or several (beyond `maxItems`). */
  function occurrences<T>(value: fc.Arbitrary<T>): fc.Arbitrary<T[]> {
    return fc.oneof(
      { weight: 8, arbitrary: value.map((v) => [v]) },
      {
        weight: 1,
        arbitrary: fc
          .tuple(value, fc.oneof(fc.integer({ min: 2, max: 50 }), fc.constantFrom(20, 21)))
          .map(([v, n]) => Array.from({ length: n }, () => v)),
      },
      { weight: 1, arbitrary: fc.array(value, { minLength: 2, maxLength: 50 }) },
    );
  }

  const UNKNOWN_NAME: fc.Arbitrary<Value> = fc.oneof(
    fc
      .constantFrom(
        'actr',
        'foo',
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        'hasOwnProperty',
        'limit[]',
        'actor[]',
        'a[b]',
        'LIMIT',
        'Limit',
        ' limit',
        'limit ',
        '',
        'q.x',
        'ñ',
        '🙂',
        '\0',
        ...allParamNames,
      )
      .map(text),
    fc.constantFrom('%6Cimit', '%', '%ED%A0%80', 'limit%00', '%5B%5D').map(raw),
    RANDOM_TEXT.map(text),
  );

  const ACCEPT = fc.constantFrom(
    'application/json',
    '*/*',
    'text/plain',
    'text/html',
    'application/problem+json',
    'application/json;q=0',
    'text/*',
    'garbage',
    '',
    ';;;,,,',
    'application/json, text/plain;q=0.5',
    '*/*;q=abc',
  );
  const IF_NONE_MATCH = fc.constantFrom('*', '"nope"', 'W/"x"', ' * ', ',', '""', 'garbage');
  const sometimes = <T>(arb: fc.Arbitrary<T>) =>
    fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

  function headers(accept: fc.Arbitrary<string>): fc.Arbitrary<Record<string, string>> {
    return fc.tuple(sometimes(accept), sometimes(IF_NONE_MATCH)).map(([a, inm]) => ({
      ...(a === undefined ? {} : { accept: a }),
      ...(inm ? { 'if-none-match': inm } : {}),
    }));
  }

  /**
   * Random requests for one operation, of three sorts: valid by the document (so that bodies get
   * validated); valid but for one hostile parameter, path parameter or unknown parameter; and
   * chaos, where every parameter may be hostile, repeated or missing, in any order and encoding.
   */
  function requests({ template, operation }: Operation): fc.Arbitrary<FuzzRequest> {
    const params = operation.parameters ?? [];
    const pathParams = params.filter((p) => p.in === 'path');
    const queryParams = params.filter((p) => p.in === 'query');
    // Every media type the 200 comes in: each representation gets asked for by Accept.
    const produces = Object.keys(operation.responses['200']?.content ?? { 'application/json': {} });
    const pathOf = (value: (p: OpenApiParameter) => fc.Arbitrary<[Value, Encoding]>) =>
      fc
        .tuple(...pathParams.map((p) => value(p).map((v) => [p.name, v] as const)))
        .map((entries): Record<string, [Value, Encoding]> => Object.fromEntries(entries));
    const pairs = (name: string, values: (Value | null)[], encoding: Encoding): QueryPair[] =>
      values.map((value) => ({ name: text(name), value, encoding }));

    const validPath = pathOf((p) => validValue(p, template).map((v) => [text(v), 'percent']));
    // Each optional parameter in one valid request of three, so that valid requests mostly find
    // data; a required one always, with as many distinct values as it needs (the sources to compare).
    const validQuery = queryParams.map((p) => {
      const one = validValue(p, template);
      const least = Math.max(1, Number(p.schema.minItems ?? 1));
      const values =
        p.schema.type === 'array'
          ? fc.uniqueArray(one, { minLength: least, maxLength: Math.max(3, least), selector: String })
          : one.map((v) => [v]);
      const given = fc
        .tuple(values, fc.constantFrom<Encoding>('percent', 'form'))
        .map(([vs, encoding]) => pairs(p.name, vs.map(text), encoding));
      return p.required ? given : fc.oneof({ weight: 2, arbitrary: fc.constant<QueryPair[]>([]) }, given);
    });
    const validHeaders = headers(fc.constantFrom('*/*', ...produces));
    const unknownPairs = fc.array(
      fc.record({ name: UNKNOWN_NAME, value: fc.option(HOSTILE, { nil: null }), encoding: ENCODING }),
      { minLength: 1, maxLength: 3 },
    );

    const valid = fc.record({
      path: validPath,
      query: fc.tuple(...validQuery).map((all) => all.flat()),
      headers: validHeaders,
    });

    // The target is one parameter of the operation, or (the last index) unknown parameters.
    const targeted = fc
      .record({
        path: validPath,
        query: fc.tuple(...validQuery),
        target: fc.nat({ max: params.length }),
        hostile: fc.tuple(...params.map((p) => fc.tuple(occurrences(hostileValue(p)), ENCODING))),
        unknown: unknownPairs,
        headers: validHeaders,
      })
      .map(({ path, query, target, hostile, unknown, headers }): RequestParts => {
        const param = params[target];
        const [values, encoding] = hostile[target] ?? [[], 'percent'];
        if (param?.in === 'path')
          return {
            path: { ...path, [param.name]: [values[0] ?? text(''), encoding] },
            query: query.flat(),
            headers,
          };
        const replaced = queryParams.map((q, i) =>
          q === param ? pairs(q.name, values, encoding) : (query[i] ?? []),
        );
        return { path, query: [...replaced.flat(), ...(param ? [] : unknown)], headers };
      });

    const chaos = fc.record({
      path: pathOf((p) =>
        fc.tuple(
          fc.oneof(
            { weight: 2, arbitrary: validValue(p, template).map(text) },
            { weight: 3, arbitrary: hostileValue(p) },
          ),
          ENCODING,
        ),
      ),
      query: fc
        .tuple(
          ...queryParams.map((p) =>
            fc.option(
              fc
                .tuple(occurrences(anyValue(p, template)), ENCODING)
                .map(([values, encoding]) => pairs(p.name, values, encoding)),
              { nil: [] },
            ),
          ),
          fc.option(unknownPairs, { nil: [] }),
        )
        .map((all) => all.flat())
        .chain((all) => fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length })),
      headers: headers(ACCEPT),
    });

    return fc
      .tuple(
        fc.oneof(
          { weight: 3, arbitrary: valid },
          { weight: 4, arbitrary: targeted },
          { weight: 2, arbitrary: chaos },
        ),
        fc.boolean(),
      )
      .map(([{ path, query, headers }, revalidate]) => ({
        url: buildUrl(template, path, query),
        headers,
        revalidate,
      }));
  }

  /**
   * The fixed cases of one operation: each canonical hostile value alone at each parameter (path
   * parameters both percent-encoded and raw), each query parameter bare and repeated 21 times, an
   * unknown parameter, and the plain request with and without conditional and Accept headers.
   */
  function examples({ template, operation }: Operation): FuzzRequest[] {
    const params = operation.parameters ?? [];
    const path: Record<string, [Value, Encoding]> = {};
    for (const p of params) if (p.in === 'path') path[p.name] = [text(idPool(template)[0] ?? ''), 'percent'];
    const cases = new Map<string, FuzzRequest>();
    const add = (query: QueryPair[], pathValues = path, headers: Record<string, string> = {}) => {
      const request = { url: buildUrl(template, pathValues, query), headers, revalidate: true };
      cases.set(JSON.stringify(request), request);
    };
    add([]);
    add([], path, { 'if-none-match': '*' });
    add([], path, { accept: 'text/html' });
    add([{ name: text('actr'), value: text('kim-jong-un'), encoding: 'percent' }]);
    add([{ name: text('__proto__'), value: text('x'), encoding: 'percent' }]);
    for (const p of params) {
      if (p.in === 'path') {
        for (const value of CANONICAL)
          for (const encoding of ['percent', 'raw'] as const)
            add([], { ...path, [p.name]: [value, encoding] });
        continue;
      }
      const name = text(p.name);
      for (const value of CANONICAL) add([{ name, value, encoding: 'percent' }]);
      add([{ name, value: null, encoding: 'percent' }]);
      const [valid = ''] = fc.sample(validValue(p, template), { numRuns: 1, seed: 1 });
      add(Array.from({ length: 21 }, () => ({ name, value: text(valid), encoding: 'percent' as const })));
    }
    return [...cases.values()];
  }

  return { requests, examples };
}

// --- The properties -----------------------------------------------------------------------------

interface Tally {
  cases: number;
  byStatus: Record<number, number>;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/**
 * The operations a path routes to, as the router sees it (trailing slash ignored, `{param}` one
 * segment, possibly empty). Usually one; none means the not-found handler answers.
 */
function routesOf(operations: Operation[], pathname: string): Operation[] {
  const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  const segments = path.split('/');
  return operations.filter(({ template }) => {
    const parts = template.split('/');
    return (
      parts.length === segments.length &&
      parts.every((part, i) => /^\{.+\}$/.test(part) || part === segments[i])
    );
  });
}

function checkResponse(
  validator: DocumentValidator,
  request: FuzzRequest,
  res: LightMyRequestResponse,
): void {
  const status = res.statusCode;
  const where = `GET ${request.url.length > 300 ? `${request.url.slice(0, 300)}…` : request.url} ${JSON.stringify(request.headers)} → ${status}`;
  expect(status, `${where}: never a 5xx`).toBeLessThan(500);

  const routes = routesOf(validator.operations, new URL(request.url, 'http://localhost').pathname);
  const declares = ({ operation }: Operation) =>
    String(status) in operation.responses &&
    (status !== 304 || request.headers['if-none-match'] !== undefined);
  if (routes.length === 0) expect(status, `${where}: routes to no operation`).toBe(404);
  else expect(routes.some(declares), `${where}: a status the document declares`).toBe(true);

  const contentType = String(res.headers['content-type'] ?? '');
  if (status === 304) {
    expect(res.body, where).toBe('');
    return;
  }
  if (status >= 400) {
    expect(contentType, where).toMatch(/^application\/problem\+json(;|$)/);
    const body = parseJson(res.body) as Record<string, unknown> | undefined;
    expect(body, `${where}: a JSON body`).toBeTypeOf('object');
    expect(body?.status, where).toBe(status);
    for (const key of ['type', 'title', 'detail', 'instance'])
      expect(body?.[key], `${where}: ${key}`).toBeTypeOf('string');
    const validate =
      routes.map(({ template }) => validator.response(template, status)?.validate).find(Boolean) ??
      validator.ajv.getSchema('openapi.json#/components/schemas/Problem');
    expect(validate?.(body) ? [] : validate?.errors, `${where}: a Problem`).toEqual([]);
    return;
  }
  // A 2xx: its body must match what one of the routed operations declares (normally just one).
  const failures = routes.map(({ template }) => {
    const declared = validator.response(template, status, contentType);
    if (!declared) return `${template} declares no ${status} body in ${contentType}`;
    // JSON documents are validated as JSON; the exports (CSV, NDJSON) are text as a whole, their rows
    // checked by test/http/representations.test.ts.
    const json = declared.mediaType === 'application/json' || declared.mediaType.endsWith('+json');
    const body = json ? parseJson(res.body) : res.body;
    return declared.validate(body) ? undefined : JSON.stringify(declared.validate.errors);
  });
  expect(
    failures.some((f) => f === undefined),
    `${where}: ${failures.join('; ')}`,
  ).toBe(true);
}

type Send = (request: FuzzRequest) => Promise<LightMyRequestResponse>;

/**
 * What a 200 promises beyond its body: its ETag revalidates to an empty 304, and its
 * `Link: rel="next"` leads to a full-size next page that continues the list without repeating it.
 */
async function checkFollowUps(
  send: Send,
  validator: DocumentValidator,
  request: FuzzRequest,
  res: LightMyRequestResponse,
): Promise<void> {
  if (res.statusCode !== 200) return;
  const where = `GET ${request.url.slice(0, 300)} ${JSON.stringify(request.headers)}`;
  const { 'if-none-match': sentTag, ...headers } = request.headers;
  const etag = res.headers.etag;
  if (request.revalidate && typeof etag === 'string' && sentTag === undefined) {
    const again = await send({ ...request, headers: { ...headers, 'if-none-match': etag } });
    expect(again.statusCode, `${where} with If-None-Match: ${etag}`).toBe(304);
    expect(again.body, where).toBe('');
    expect(again.headers.etag, where).toBe(etag);
  }

  const link = res.headers.link;
  if (link === undefined) return;
  const target = /^<([^>]*)>; rel="next"$/.exec(String(link))?.[1];
  if (target === undefined) throw new Error(`${where}: malformed Link header ${String(link)}`);
  const next = { url: target, headers, revalidate: false };
  const nextRes = await send(next);
  checkResponse(validator, next, nextRes);
  expect(nextRes.statusCode, `${where}: next page ${target}`).toBe(200);
  const first = pageOf(res, request.url);
  const second = pageOf(nextRes, target);
  expect(first.ids.length, `${where}: a page with a next one is full`).toBe(first.limit);
  expect(second.limit, `${where}: next page ${target}`).toBe(first.limit);
  const seen = new Set(first.ids);
  expect(
    second.ids.filter((id) => seen.has(id)),
    `${where}: next page ${target} repeats items`,
  ).toEqual([]);
}

/**
 * A page's item ids and size: from the JSON envelope, or for JSON-LD (a schema.org ItemList, which
 * carries no page state) from its nodes' ids and the URL's `limit` (50 when not given).
 */
function pageOf(res: LightMyRequestResponse, url: string): { ids: unknown[]; limit: number } {
  type Body = { data?: { id: string }[]; page?: { limit: number }; itemListElement?: { '@id': string }[] };
  const body = JSON.parse(res.body) as Body;
  if (!String(res.headers['content-type']).startsWith('application/ld+json'))
    return { ids: (body.data ?? []).map((item) => item.id), limit: body.page?.limit ?? Number.NaN };
  const limit = new URL(url, 'http://localhost').searchParams.get('limit');
  return { ids: (body.itemListElement ?? []).map((node) => node['@id']), limit: Number(limit ?? 50) };
}

// --- The suite ----------------------------------------------------------------------------------

describe('fuzzing every operation of the served OpenAPI document', () => {
  const ctx = useSeededApp();
  let validator: DocumentValidator;
  let fuzzer: ReturnType<typeof createFuzzer>;
  const send: Send = ({ url, headers }) => ctx.app.inject({ method: 'GET', url, headers });

  async function getJson<T>(url: string): Promise<T> {
    const res = await ctx.app.inject(url);
    expect(res.statusCode, url).toBe(200);
    return res.json<T>();
  }

  beforeAll(async () => {
    validator = createDocumentValidator(await getJson<OpenApiDocument>('/openapi.json'));
    const ids: Record<string, string[]> = {};
    for (const resource of ['actors', 'events', 'sources', 'quotes', 'claims']) {
      const list = await getJson<{ data: { id: string }[] }>(`/v1/${resource}?limit=200`);
      ids[resource] = list.data.map((item) => item.id);
    }
    const claims = await getJson<{ data: { property: string }[] }>('/v1/claims?limit=200');
    // Real cursors of every list in both orders: valid for their own list, a 400 for any other.
    const cursors: Record<string, string[]> = {};
    for (const { template, operation } of validator.operations) {
      if (!operation.parameters?.some((p) => p.name === 'cursor')) continue;
      // The only lists under an id are an actor's, and Kim Jong-un has events and quotes.
      const path = template.replace('{id}', 'kim-jong-un');
      // A required parameter (the sources to compare) takes its documented example.
      const required = (operation.parameters ?? [])
        .filter((p) => p.in === 'query' && p.required)
        .flatMap((p) => [p.example ?? []].flat().map((v) => `&${p.name}=${encodeURIComponent(String(v))}`))
        .join('');
      for (const order of ['asc', 'desc']) {
        const page = await getJson<{ page: { next_cursor: string | null } }>(
          `${path}?limit=1&order=${order}${required}`,
        );
        if (page.page.next_cursor) (cursors[template] ??= []).push(page.page.next_cursor);
      }
    }
    const pools = {
      ids,
      allIds: Object.values(ids).flat(),
      cursors,
      properties: [...new Set(claims.data.map((c) => c.property))],
    };
    // The fuzz needs real data to reach the 2xx paths: the seeds must give it some of each.
    for (const pool of [...Object.values(ids), ...Object.values(cursors), pools.properties])
      expect(pool.length).toBeGreaterThan(0);
    expect(Object.keys(cursors).length).toBeGreaterThan(0);
    expect(ids.actors).toContain('kim-jong-un');
    expect(ids.sources).toContain('nyt-2020-06-24');
    expect(ids.events).toContain('cmc-suspends-military-action-plans');
    fuzzer = createFuzzer(validator, pools);
  });

  it('covers every GET the app serves', () => {
    expect(validator.operations.map((o) => o.template).sort()).toEqual(
      OPERATIONS.map((o) => o.template).sort(),
    );
  });

  for (const { template, operationId } of OPERATIONS) {
    it(
      `${operationId}: GET ${template}`,
      async () => {
        const operation = validator.operations.find((o) => o.template === template);
        if (!operation) throw new Error(`the served document has no GET ${template}`);
        const tally: Tally = { cases: 0, byStatus: {} };
        const examples = fuzzer.examples(operation);
        await fc.assert(
          fc.asyncProperty(fuzzer.requests(operation), async (request) => {
            const res = await send(request);
            tally.cases++;
            tally.byStatus[res.statusCode] = (tally.byStatus[res.statusCode] ?? 0) + 1;
            checkResponse(validator, request, res);
            await checkFollowUps(send, validator, request, res);
          }),
          // fast-check counts examples in numRuns; the random cases come on top of them.
          { numRuns: examples.length + RUNS_PER_OPERATION, examples: examples.map((e) => [e]), ...REPLAY },
        );
        if (process.env.FUZZ_RUNS !== undefined) console.info(operationId, JSON.stringify(tally));
        // The fuzz reaches both sides: some requests succeed (so bodies were validated), some fail.
        if (RUNS_PER_OPERATION >= 100 && REPLAY.seed === undefined) {
          const count = (from: number, to: number) =>
            Object.entries(tally.byStatus)
              .filter(([s]) => Number(s) >= from && Number(s) < to)
              .reduce((sum, [, n]) => sum + n, 0);
          expect(count(200, 300), `${operationId}: ${JSON.stringify(tally)}`).toBeGreaterThan(0);
          expect(count(400, 500), `${operationId}: ${JSON.stringify(tally)}`).toBeGreaterThan(0);
        }
      },
      30_000 + RUNS_PER_OPERATION * 40,
    );
  }

  describe('URLs the router rejects before any route', () => {
    it('are answered as problems by frameworkErrorHandler', async () => {
      const app = Fastify({ frameworkErrors: frameworkErrorHandler, routerOptions: { maxParamLength: 20 } });
      await app.register(errors);
      app.get('/things/:id', async () => 'found');
      for (const url of ['/things/%', '/things/%zz', '/things/%ED%A0%80', `/things/${'x'.repeat(21)}`]) {
        const res = await app.inject(url);
        expect(res.statusCode, url).toBe(400);
        expect(res.headers['content-type'], url).toMatch(/^application\/problem\+json/);
        expect(res.json(), url).toMatchObject({ status: 400, title: 'Bad Request', instance: url });
      }
      expect((await app.inject(`/things/${'x'.repeat(20)}`)).body).toBe('found');
      await app.close();
    });

    // Fastify's router answers these itself unless app.ts sets `frameworkErrors` and a
    // `maxParamLength` that matches IdParamsSchema; the fuzzer found both.
    it('answers a malformed percent-encoding in the path with a problem', async () => {
      const res = await ctx.app.inject('/v1/actors/%ED%A0%80');
      expect(res.statusCode).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('looks up an id of 101 to 200 characters, which the schema allows, and answers 404', async () => {
      const res = await ctx.app.inject(`/v1/actors/${'a'.repeat(150)}`);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });
  });
});
