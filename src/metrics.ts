import cluster from 'node:cluster';
import { createServer, type Server } from 'node:http';
import {
  AggregatorRegistry,
  Counter,
  Gauge,
  Histogram,
  Registry,
  collectDefaultMetrics,
  register,
} from 'prom-client';

/**
 * Prometheus metrics (prom-client): what an operator watches. One set of instruments per process,
 * shared by every dataset's app in it (a swap builds a new app; the counts go on), in a registry
 * the caller chooses: the global one in the server, whose workers the cluster primary then
 * aggregates (AggregatorRegistry); a fresh one in a test. Served on a port of their own
 * (`METRICS_PORT`), never on the API's.
 */

export interface Metrics {
  registry: Registry;
  /** Requests answered, by operation (the OpenAPI operationId) and status class. */
  requests: Counter<'operation' | 'status_class'>;
  /** Time to answer, by operation. */
  duration: Histogram<'operation'>;
  cacheHits: Counter;
  cacheMisses: Counter;
  cacheEvictions: Counter;
  /** Bytes of response bodies the caches hold. */
  cacheBytes: Gauge;
  /** 429s of the rate limit, and 503s of load shedding, by operation. */
  rateLimited: Counter<'operation'>;
  shed: Counter<'operation'>;
  /** 1 per process serving each dataset version (summed over workers: how many serve it). */
  dataset: Gauge<'version'>;
  /** When each dataset being served was built (the file's modification time), in Unix seconds. */
  datasetBuilt: Gauge<'version'>;
}

/** Latency buckets (seconds): a cache hit takes well under a millisecond, an export seconds. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

export function createMetrics(registry: Registry = new Registry()): Metrics {
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: L[] = []) =>
    new Counter<L>({ name, help, labelNames, registers });
  return {
    registry,
    requests: counter('parallax_http_requests_total', 'Requests answered, by operation and status class.', [
      'operation',
      'status_class',
    ]),
    duration: new Histogram({
      name: 'parallax_http_request_duration_seconds',
      help: 'Time from the request to the end of its answer, by operation.',
      labelNames: ['operation'],
      buckets: BUCKETS,
      registers,
    }),
    cacheHits: counter('parallax_response_cache_hits_total', 'Answers the response cache gave.'),
    cacheMisses: counter('parallax_response_cache_misses_total', 'Cacheable requests it did not have.'),
    cacheEvictions: counter(
      'parallax_response_cache_evictions_total',
      'Entries it dropped to stay in bounds.',
    ),
    cacheBytes: new Gauge({
      name: 'parallax_response_cache_bytes',
      help: 'Bytes of response bodies the response cache holds.',
      registers,
    }),
    rateLimited: counter('parallax_rate_limited_total', 'Requests refused with 429 by the rate limit.', [
      'operation',
    ]),
    shed: counter('parallax_shed_total', 'Requests refused with 503 while overloaded.', ['operation']),
    dataset: new Gauge({
      name: 'parallax_dataset_info',
      help: 'The dataset version served: 1 per process serving it (summed over workers).',
      labelNames: ['version'],
      registers,
    }),
    datasetBuilt: new Gauge({
      name: 'parallax_dataset_build_timestamp_seconds',
      help: 'When the dataset being served was built, in Unix seconds.',
      labelNames: ['version'],
      registers,
      // Over workers the same version has the same build time: not a sum.
      aggregator: 'max',
    }),
  };
}

let processMetrics: Metrics | undefined;

/**
 * The server's instruments, in the global registry (what a cluster worker reports), with the
 * process's own (CPU, memory, event-loop delay, handles), which prom-client collects.
 */
export function serverMetrics(): Metrics {
  if (!processMetrics) {
    // prom-client answers the primary's scrape requests in a worker only once an aggregator has
    // been made in it.
    if (cluster.isWorker) new AggregatorRegistry();
    collectDefaultMetrics({ register });
    processMetrics = createMetrics(register);
  }
  return processMetrics;
}

/** What the cluster primary counts itself. */
export interface PrimaryMetrics {
  registry: Registry;
  workerRestarts: Counter;
}

export function createPrimaryMetrics(): PrimaryMetrics {
  const registry = new Registry();
  return {
    registry,
    workerRestarts: new Counter({
      name: 'parallax_worker_restarts_total',
      help: 'Workers that died while serving and were replaced.',
      registers: [registry],
    }),
  };
}

/**
 * The scrape endpoint on its own server: `GET /metrics` answers `scrape()`, anything else 404.
 * Listens on `host:port`; resolves once it does.
 */
export async function serveMetrics(
  scrape: () => Promise<string>,
  port: number,
  host: string,
): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: GET /metrics\n');
      return;
    }
    scrape().then(
      (text) => response.writeHead(200, { 'content-type': register.contentType }).end(text),
      (error: unknown) =>
        response.writeHead(500, { 'content-type': 'text/plain' }).end(`${(error as Error).message}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  server.unref();
  return server;
}

/** The primary's scrape: every worker's metrics, summed, and its own. */
export function clusterScrape(primary: PrimaryMetrics): () => Promise<string> {
  const aggregator = new AggregatorRegistry();
  return async () => `${await aggregator.clusterMetrics()}\n${await primary.registry.metrics()}`;
}
