import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { operationOf } from '../http/operations.js';
import { sendProblem } from '../http/problems.js';
import type { Metrics } from '../metrics.js';
import { operationLabel } from './metrics.js';
import { SharedRateStore } from '../http/shared-rate-limit.js';

/**
 * A per-client rate limit (by `request.ip`, see `trustProxy`): past `max` requests in a window, a 429
 * problem with `Retry-After`. Off when `max` is 0.
 */

export interface RateLimitOptions {
  max: number;
  /** The window, in milliseconds. */
  timeWindow: number;
  /** Counted by the cluster's primary for every worker (http/shared-rate-limit.ts), not here. */
  shared?: boolean;
  /** Where refusals are counted. */
  metrics?: Metrics;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

async function limitRate(
  app: FastifyInstance,
  { max, timeWindow, shared = false, metrics }: RateLimitOptions,
) {
  if (max <= 0) return;
  // `global: false` with our own app-level hook, rather than the plugin's per-route hooks: those run
  // after every app-level onRequest hook, so a 304 from the ETag check or a 404 for an unknown path
  // would never be counted. Here every request counts, in an order this file decides.
  await app.register(rateLimit, {
    global: false,
    max,
    timeWindow,
    ...(shared ? { store: SharedRateStore as never } : {}),
  });
  const limiter = app.createRateLimit();
  app.addHook('onRequest', async (request, reply) => {
    if (!operationOf(request).rateLimited) return;
    const result = await limiter(request);
    if (result.isAllowed) return;
    const retryAfter = Math.max(1, result.ttlInSeconds);
    reply
      .header('x-ratelimit-limit', result.max)
      .header('x-ratelimit-remaining', result.remaining)
      .header('x-ratelimit-reset', retryAfter);
    if (!result.isExceeded) return;
    reply.header('retry-after', retryAfter);
    metrics?.rateLimited.inc({ operation: operationLabel(request) });
    return sendProblem(
      request,
      reply,
      429,
      `more than ${max} requests in ${seconds(timeWindow)} from this client; retry after ${retryAfter} seconds`,
    );
  });
}

export default fp(limitRate, { name: 'rate-limit', dependencies: ['errors'] });
