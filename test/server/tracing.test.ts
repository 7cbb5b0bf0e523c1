import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exitWithin, seededDatabase, startServer } from './process.js';

/**
 * OTEL_EXPORTER_OTLP_ENDPOINT with a real process: the server sends its spans by OTLP/HTTP to a
 * collector (here a stand-in on loopback that keeps what it is sent), the request's span with its
 * operation, dataset version and request id, and its SQL statements' spans in the same trace.
 */

interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: number | string };
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: OtlpAttribute[];
}
interface OtlpExport {
  resourceSpans: { resource: { attributes: OtlpAttribute[] }; scopeSpans: { spans: OtlpSpan[] }[] }[];
}

const received: OtlpExport[] = [];
let collector: Server;
let endpoint: string;
let file: string;
let version: string;

beforeAll(async () => {
  ({ file, version } = await seededDatabase());
  collector = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      if (request.method === 'POST' && request.url === '/v1/traces')
        received.push(JSON.parse(body) as OtlpExport);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => collector.close(() => resolve())));

const attribute = (attributes: OtlpAttribute[], key: string) => {
  const value = attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? value?.intValue;
};
const allSpans = () =>
  received.flatMap((e) =>
    e.resourceSpans.flatMap((r) =>
      r.scopeSpans.flatMap((s) => s.spans.map((span) => ({ span, resource: r.resource.attributes }))),
    ),
  );

async function until<T>(find: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const found = find();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the collector never received ${what}`);
}

describe('OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('sends each request’s span and its statements’ spans to the collector', async () => {
    const server = await startServer({
      DATABASE_PATH: file,
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_SERVICE_NAME: 'parallax-test',
      OTEL_BSP_SCHEDULE_DELAY: '50',
    });
    const res = await fetch(`${server.url}/v1/events?limit=2`, { headers: { 'x-request-id': 'otlp-1' } });
    expect(res.status).toBe(200);

    const { span, resource } = await until(
      () => allSpans().find(({ span }) => attribute(span.attributes, 'parallax.request_id') === 'otlp-1'),
      'the request’s span',
    );
    expect(span.name).toBe('GET /v1/events');
    expect(attribute(span.attributes, 'parallax.operation')).toBe('listEvents');
    expect(attribute(span.attributes, 'parallax.dataset.version')).toBe(version);
    expect(attribute(resource, 'service.name')).toBe('parallax-test');
    const statements = await until(() => {
      const found = allSpans().filter(
        (s) => s.span.traceId === span.traceId && attribute(s.span.attributes, 'db.system.name') === 'sqlite',
      );
      return found.length > 0 ? found : undefined;
    }, 'a statement’s span');
    for (const { span: statement } of statements)
      expect(String(attribute(statement.attributes, 'db.query.text'))).toMatch(/^\s*(select|with)\b/i);

    server.child.kill('SIGTERM');
    expect(await exitWithin(server, 15_000)).toEqual({ code: 0, signal: null });
  });
});
