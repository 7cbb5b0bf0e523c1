import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/app.js';
import { type Db, openReadOnly } from '../../src/db/open.js';
import {
  ATTR_DATASET_VERSION,
  ATTR_OPERATION,
  ATTR_REQUEST_ID,
  createTracing,
  statementName,
  traceStatements,
  type Tracing,
  tracingFromEnvironment,
} from '../../src/tracing.js';
import { useSeededApp } from '../helpers.js';

/**
 * Traces in process, into an in-memory exporter: one span per request named by its route, with
 * the operation, the dataset version and the request id; one child span per SQL statement the
 * request runs, each holding its text; none for an answer the response cache gives; off unless an
 * OTLP endpoint is configured.
 */

const ctx = useSeededApp();
const exporter = new InMemorySpanExporter();
let tracing: Tracing;
let db: Db;
let app: App;

beforeAll(async () => {
  tracing = createTracing(new SimpleSpanProcessor(exporter));
  db = openReadOnly(ctx.file);
  app = await buildApp({ db, tracing });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  db.$client.close();
  await tracing.shutdown();
});
beforeEach(() => exporter.reset());

const spans = () => exporter.getFinishedSpans();
const requestSpan = () => {
  const found = spans().filter((s) => s.attributes[ATTR_OPERATION] !== undefined);
  expect(found).toHaveLength(1);
  return found[0] as ReadableSpan;
};
/** Whether `span` descends from `ancestor`, through the spans recorded. */
function descends(span: ReadableSpan, ancestor: ReadableSpan): boolean {
  const byId = new Map(spans().map((s) => [s.spanContext().spanId, s]));
  for (let at: ReadableSpan | undefined = span; at;) {
    const parent: string | undefined = at.parentSpanContext?.spanId;
    if (parent === ancestor.spanContext().spanId) return true;
    at = parent ? byId.get(parent) : undefined;
  }
  return false;
}
const statements = () => spans().filter((s) => s.attributes['db.system.name'] === 'sqlite');

describe('a traced request', () => {
  it('is one server span named by its route, with operation, dataset version and request id', async () => {
    const res = await app.inject({ url: '/v1/events/nope-nope', headers: { 'x-request-id': 'trace-me' } });
    expect(res.statusCode).toBe(404);
    const span = requestSpan();
    expect(span.name).toBe('GET /v1/events/:id');
    expect(span.kind).toBe(SpanKind.SERVER);
    expect(span.attributes).toMatchObject({
      [ATTR_OPERATION]: 'getEvent',
      [ATTR_DATASET_VERSION]: app.datasetVersion,
      [ATTR_REQUEST_ID]: 'trace-me',
      'http.request.method': 'GET',
      'http.route': '/v1/events/:id',
      'http.response.status_code': 404,
    });
  });

  it('has a child span for each SQL statement it runs, with its text', async () => {
    expect((await app.inject('/v1/events?limit=3&actor=kim-yo-jong')).statusCode).toBe(200);
    const request = requestSpan();
    const sql = statements();
    expect(sql.length).toBeGreaterThan(0);
    for (const span of sql) {
      expect(span.spanContext().traceId).toBe(request.spanContext().traceId);
      expect(descends(span, request), span.name).toBe(true);
      expect(span.kind).toBe(SpanKind.CLIENT);
      expect(span.name).toBe(statementName(String(span.attributes['db.query.text'])));
    }
    expect(sql.some((s) => /\bevents\b/.test(String(s.attributes['db.query.text'])))).toBe(true);
  });

  it('has no SQL span when the response cache answers', async () => {
    await app.inject('/v1/sources');
    exporter.reset();
    const hit = await app.inject('/v1/sources');
    expect(hit.headers['x-cache']).toBe('hit');
    expect(requestSpan().attributes[ATTR_OPERATION]).toBe('listSources');
    expect(statements()).toEqual([]);
  });

  it('continues the trace of an incoming traceparent', async () => {
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    await app.inject({
      url: '/v1/actors?limit=1',
      headers: { traceparent: `00-${traceId}-b7ad6b7169203331-01` },
    });
    expect(requestSpan().spanContext().traceId).toBe(traceId);
  });
});

describe('statement spans', () => {
  it('end when an iteration ends, and record a failing statement', async () => {
    const { tracer } = tracing;
    await tracer.startActiveSpan('outer', async (outer) => {
      const own = openReadOnly(ctx.file);
      try {
        traceStatements(own.$client, tracer);
        traceStatements(own.$client, tracer); // a second time changes nothing
        const rows = [
          ...(own.$client.prepare('SELECT id FROM events LIMIT 2').iterate() as Iterable<unknown>),
        ];
        expect(rows).toHaveLength(2);
        // Read-only: prepared, then refused when it runs.
        expect(() => own.$client.prepare('DELETE FROM events').run()).toThrow(/readonly/);
      } finally {
        own.$client.close();
        outer.end();
      }
    });
    const sql = statements();
    expect(sql.map((s) => s.attributes['db.query.text'])).toEqual([
      'SELECT id FROM events LIMIT 2',
      'DELETE FROM events',
    ]);
    const [read, write] = sql as [ReadableSpan, ReadableSpan];
    expect(read.status.code).toBe(SpanStatusCode.UNSET);
    expect(write.status.code).toBe(SpanStatusCode.ERROR);
    expect(write.events.map((e) => e.name)).toEqual(['exception']);
    expect(read.parentSpanContext?.spanId).toBe(
      spans()
        .find((s) => s.name === 'outer')
        ?.spanContext().spanId,
    );
  });

  it.each([
    ['SELECT 1', 'SELECT'],
    ['  with x as (select 1) select * from x', 'WITH'],
    ['', 'SQL'],
  ])('names %j %s', (source, name) => expect(statementName(source)).toBe(name));
});

describe('tracing from the environment', () => {
  it('is off unless an OTLP endpoint is set, and when the SDK is disabled', async () => {
    expect(tracingFromEnvironment({})).toBeUndefined();
    expect(
      tracingFromEnvironment({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
        OTEL_SDK_DISABLED: 'true',
      }),
    ).toBeUndefined();
    const on = tracingFromEnvironment({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:1/v1/traces' });
    expect(on).toBeDefined();
    await on?.shutdown();
  });
});
