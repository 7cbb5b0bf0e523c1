import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { TrustProxy } from '../config.js';
import { HttpProblem, sendProblem } from './errors.js';

/**
 * Production limits: a per-client rate limit (429) and load shedding when the process is overloaded
 * (503), both answered as problem+json with `Retry-After`, plus the HTTP server's connection
 * options. Everything is off unless the caller passes it: server.ts passes the validated
 * configuration; tests and scripts that build the app get Fastify's defaults.
 */

export interface LimitsOptions {
  /** Requests per client (by `request.ip`, see `trustProxy`) per window; absent or `max: 0` is off. */
  rateLimit?: { max: number; timeWindow: number };
  /** @fastify/under-pressure thresholds; each absent or 0 is off. */
  pressure?: {
    maxEventLoopDelay?: number;
    maxEventLoopUtilization?: number;
    maxHeapUsedBytes?: number;
    maxRssBytes?: number;
    /** How often the process is measured (ms); the plugin's default is 1000. */
    sampleInterval?: number;
  };
}

/**
 * Probes are exempt from the rate limit: an orchestrator polls them from one address, and a 429
 * there would take a healthy instance out of service. Liveness is also exempt from load shedding
 * (restarting an overloaded process only moves the load), while readiness is not: a 503 from
 * /readyz under pressure is exactly what tells a load balancer to send traffic elsewhere.
 */
const RATE_LIMIT_EXEMPT = new Set(['/healthz', '/readyz']);
const PRESSURE_EXEMPT = new Set(['/healthz']);

/**
 * Seconds a shed request is told to wait. Pressure is re-measured every sample interval, so a
 * retry sooner than a few intervals would likely be shed again and add to the load.
 */
const PRESSURE_RETRY_AFTER_S = 5;

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

async function limits(app: FastifyInstance, options: LimitsOptions) {
  drainKeepAliveOnClose(app);

  // Registered first so that an overloaded process spends nothing on a request before shedding it.
  const pressure = options.pressure ?? {};
  await app.register(underPressure, {
    maxEventLoopDelay: pressure.maxEventLoopDelay ?? 0,
    maxEventLoopUtilization: pressure.maxEventLoopUtilization ?? 0,
    // Cumulative utilisation (the plugin's default) averages over the whole uptime; shedding must
    // react to the last interval.
    eventLoopUtilizationMode: 'interval',
    maxHeapUsedBytes: pressure.maxHeapUsedBytes ?? 0,
    maxRssBytes: pressure.maxRssBytes ?? 0,
    ...(pressure.sampleInterval ? { sampleInterval: pressure.sampleInterval } : {}),
    // Rejecting (rather than sending) stops the onRequest chain: the error handler answers, and no
    // later hook, such as the response cache, can answer the request as well.
    pressureHandler: async (request, reply) => {
      if (PRESSURE_EXEMPT.has(request.routeOptions.url ?? '')) return; // handled as if all were well
      reply.header('retry-after', PRESSURE_RETRY_AFTER_S);
      throw new HttpProblem(503, `the service is overloaded; retry after ${PRESSURE_RETRY_AFTER_S} seconds`);
    },
  });

  const { max = 0, timeWindow = 60_000 } = options.rateLimit ?? {};
  if (max <= 0) return;
  // `global: false` with our own app-level hook, rather than the plugin's per-route hooks: those run
  // after every app-level onRequest hook, so a 304 from the ETag check or a 404 for an unknown path
  // would never be counted. Here every request counts, in an order this file decides.
  await app.register(rateLimit, { global: false, max, timeWindow });
  const limiter = app.createRateLimit();
  app.addHook('onRequest', async (request, reply) => {
    if (RATE_LIMIT_EXEMPT.has(request.routeOptions.url ?? '')) return;
    const result = await limiter(request);
    if (result.isAllowed) return;
    const retryAfter = Math.max(1, result.ttlInSeconds);
    reply
      .header('x-ratelimit-limit', result.max)
      .header('x-ratelimit-remaining', result.remaining)
      .header('x-ratelimit-reset', retryAfter);
    if (!result.isExceeded) return;
    reply.header('retry-after', retryAfter);
    return sendProblem(
      request,
      reply,
      429,
      `more than ${max} requests in ${seconds(timeWindow)} from this client; retry after ${retryAfter} seconds`,
    );
  });
}

/**
 * Graceful drain for keep-alive clients. When the app closes, Node closes the connections that are
 * idle at that moment, once; a connection whose response is still being written becomes idle later
 * and would stay open — holding the process up after SIGTERM — until its keep-alive timeout. While
 * closing, responses say `Connection: close`, and each finished response closes the connections
 * that have become idle (never one with a response still being written).
 */
function drainKeepAliveOnClose(app: FastifyInstance) {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async () => {
    // After this turn, so Node has finished the response's bookkeeping and sees the connection idle.
    if (closing) setImmediate(() => app.server.closeIdleConnections());
  });
}

export default fp(limits, { name: 'limits', dependencies: ['errors'] });

export interface ConnectionOptions {
  trustProxy?: TrustProxy;
  /** The whole request must arrive within this (ms; 0 disables). */
  requestTimeout?: number;
  /** The request's headers must arrive within this (ms; 0 disables): cuts off slowloris clients. */
  headersTimeout?: number;
  /** Idle time after which a keep-alive connection is closed (ms). */
  keepAliveTimeout?: number;
  /** Socket inactivity while a request is open, e.g. a client that stops reading (ms; 0 disables). */
  connectionTimeout?: number;
}

/**
 * Fastify server options for the connection limits. Node enforces the headers and request timeouts
 * from a periodic sweep (every 30 s by default), so a 10 s headers timeout could take up to 40 s to
 * bite; sweeping a quarter of the shortest timeout keeps enforcement within 25 % of what is
 * configured, at the cost of one pass over open connections per sweep.
 */
export function connectionOptions(options: ConnectionOptions = {}): Partial<FastifyServerOptions> & {
  http?: { requestTimeout?: number; headersTimeout?: number; connectionsCheckingInterval?: number };
} {
  const { trustProxy, requestTimeout, headersTimeout, keepAliveTimeout, connectionTimeout } = options;
  const sweptTimeouts = [requestTimeout, headersTimeout].filter((t): t is number => t !== undefined && t > 0);
  const sweep =
    sweptTimeouts.length > 0 ? Math.min(30_000, Math.max(50, Math.floor(Math.min(...sweptTimeouts) / 4))) : 0;
  const defined = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  const http = defined({
    requestTimeout,
    headersTimeout,
    connectionsCheckingInterval: sweep || undefined,
  });
  return {
    ...defined({ trustProxy, requestTimeout, keepAliveTimeout, connectionTimeout }),
    ...(Object.keys(http).length > 0 ? { http } : {}),
  };
}
