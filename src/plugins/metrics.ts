import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Metrics } from '../metrics.js';

/**
 * Counts every answer into the process's metrics (src/metrics.ts), by operation, and says which
 * dataset this app serves for as long as it is open. Without metrics, nothing is registered.
 */

/**
 * A request's operation, as the metrics name it: the OpenAPI operationId, else the route's pattern
 * (the page, the docs), else `unmatched`; never the raw URL, so the labels stay few.
 */
export function operationLabel(request: FastifyRequest): string {
  const route = request.routeOptions;
  const id = (route.schema as { operationId?: unknown } | undefined)?.operationId;
  if (typeof id === 'string') return id;
  return route.url ?? 'unmatched';
}

interface MetricsOptions {
  metrics?: Metrics;
  datasetVersion: string;
  /** When the dataset was built, in ms. */
  builtAt: number;
}

async function metricsPlugin(app: FastifyInstance, { metrics, datasetVersion, builtAt }: MetricsOptions) {
  if (!metrics) return;
  const version = { version: datasetVersion };
  metrics.dataset.inc(version);
  metrics.datasetBuilt.set(version, Math.round(builtAt / 1000));
  app.addHook('onClose', async () => {
    metrics.dataset.dec(version);
    const { values } = await metrics.dataset.get();
    if (!values.some((v) => v.labels.version === datasetVersion && v.value > 0)) {
      metrics.dataset.remove(version);
      metrics.datasetBuilt.remove(version);
    }
  });
  // prom-client hashes a sample's labels on every call; the few children are looked up once.
  const counted = new Map<string, ReturnType<Metrics['requests']['labels']>>();
  const timed = new Map<string, ReturnType<Metrics['duration']['labels']>>();
  app.addHook('onResponse', async (request, reply) => {
    const operation = operationLabel(request);
    const statusClass = `${Math.floor(reply.statusCode / 100)}xx`;
    const key = `${operation} ${statusClass}`;
    let count = counted.get(key);
    if (!count) counted.set(key, (count = metrics.requests.labels(operation, statusClass)));
    count.inc();
    let time = timed.get(operation);
    if (!time) timed.set(operation, (time = metrics.duration.labels(operation)));
    time.observe(reply.elapsedTime / 1000);
  });
}

export default fp(metricsPlugin, { name: 'metrics' });
