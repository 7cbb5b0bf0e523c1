import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { ATTR_DATASET_VERSION, ATTR_OPERATION, ATTR_REQUEST_ID, type Tracing } from '../tracing.js';
import { operationLabel } from './metrics.js';

/**
 * A span per request (src/tracing.ts), when tracing is on: @fastify/otel's, named as
 * OpenTelemetry's HTTP conventions say (`GET /v1/events/{id}`'s route pattern, never the raw URL)
 * and carrying the operation, the dataset version this app serves and the request id. Registered
 * first, so that it sees every hook and route after it.
 */

interface TracingOptions {
  tracing?: Tracing;
  datasetVersion: string;
}

async function tracingPlugin(app: FastifyInstance, { tracing, datasetVersion }: TracingOptions) {
  if (!tracing) return;
  await app.register(tracing.instrumentation.plugin());
  app.addHook('onRequest', async (request) => {
    const { span } = request.opentelemetry();
    if (!span) return;
    const route = request.routeOptions.url;
    if (route) span.updateName(`${request.method} ${route}`);
    span.setAttributes({
      [ATTR_OPERATION]: operationLabel(request),
      [ATTR_DATASET_VERSION]: datasetVersion,
      [ATTR_REQUEST_ID]: request.id,
    });
  });
}

export default fp(tracingPlugin, { name: 'tracing' });
