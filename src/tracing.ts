import { FastifyOtelInstrumentation } from '@fastify/otel';
import { context, type Span, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-node';
import type Database from 'better-sqlite3';

/**
 * Traces (OpenTelemetry), off unless an OTLP endpoint is configured: a span per request from
 * @fastify/otel, named by its route and carrying its operation and the dataset version, with a
 * child span per SQL statement it runs. The provider is this process's own (not the global one),
 * so a test can hold several; the context (AsyncLocalStorage) and the W3C `traceparent` header are
 * registered globally, so an incoming trace is continued.
 */

export interface Tracing {
  /** Registered first in each app (src/app.ts), before every other plugin and route. */
  instrumentation: FastifyOtelInstrumentation;
  /** For spans of our own (SQL statements). */
  tracer: Tracer;
  /** Sends what is buffered and stops. */
  shutdown: () => Promise<void>;
}

/** Attributes a request's span carries besides @fastify/otel's (method, route, path, status). */
export const ATTR_OPERATION = 'parallax.operation';
export const ATTR_DATASET_VERSION = 'parallax.dataset.version';
export const ATTR_REQUEST_ID = 'parallax.request_id';

/** A tracing pipeline sending spans to `processor` (the OTLP exporter, or a test's memory). */
export function createTracing(processor: SpanProcessor, serviceName = 'parallax'): Tracing {
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [processor],
  });
  provider.register();
  const instrumentation = new FastifyOtelInstrumentation({
    // A span per hook would be a dozen per request, each costing more than the hook.
    instrumentHooks: false,
  });
  instrumentation.setTracerProvider(provider);
  return {
    instrumentation,
    tracer: provider.getTracer('parallax'),
    shutdown: () => provider.shutdown(),
  };
}

/**
 * The server's tracing, from the standard OpenTelemetry environment: on when
 * OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_EXPORTER_OTLP_ENDPOINT is set (the exporter reads
 * them, with OTEL_EXPORTER_OTLP_HEADERS and the OTEL_BSP_* batch settings), off otherwise or when
 * OTEL_SDK_DISABLED=true.
 */
export function tracingFromEnvironment(env: NodeJS.ProcessEnv = process.env): Tracing | undefined {
  if (env.OTEL_SDK_DISABLED === 'true') return undefined;
  if (!env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT && !env.OTEL_EXPORTER_OTLP_ENDPOINT) return undefined;
  const exporter: SpanExporter = new OTLPTraceExporter();
  return createTracing(new BatchSpanProcessor(exporter), env.OTEL_SERVICE_NAME || 'parallax');
}

const RUNS = ['all', 'get', 'run', 'iterate'] as const;
const traced = new WeakSet<Database.Database>();

/** `SELECT`, `WITH`…: the statement's first word, as the span's name. */
export function statementName(source: string): string {
  return /^\s*(\w+)/.exec(source)?.[1]?.toUpperCase() ?? 'SQL';
}

/**
 * Every statement `client` prepares from now on runs in a span of its own, a child of the span
 * active at the time (the request's); outside any span it runs untraced. An iteration's span lasts
 * until the iteration ends (an export streams from one).
 */
export function traceStatements(client: Database.Database, tracer: Tracer): void {
  if (traced.has(client)) return; // one span per statement, however many apps share the client
  traced.add(client);
  const prepare = client.prepare.bind(client);
  client.prepare = ((source: string) => {
    const statement = prepare(source) as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const method of RUNS) {
      const run = statement[method] as (...args: unknown[]) => unknown;
      statement[method] = function inSpan(this: unknown, ...args: unknown[]) {
        if (!trace.getSpan(context.active())) return run.apply(this, args);
        const span = tracer.startSpan(statementName(source), {
          kind: SpanKind.CLIENT,
          attributes: { 'db.system.name': 'sqlite', 'db.query.text': source },
        });
        try {
          const result = run.apply(this, args);
          if (method === 'iterate') return endWhenDone(result as Iterable<unknown>, span);
          span.end();
          return result;
        } catch (error) {
          failed(span, error);
          span.end();
          throw error;
        }
      };
    }
    return statement;
  }) as unknown as typeof client.prepare;
}

function* endWhenDone(rows: Iterable<unknown>, span: Span): Generator<unknown> {
  try {
    yield* rows;
  } catch (error) {
    failed(span, error);
    throw error;
  } finally {
    span.end();
  }
}

function failed(span: Span, error: unknown): void {
  span.recordException(error as Error);
  span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
}
