import underPressure from '@fastify/under-pressure';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Metrics } from '../metrics.js';
import { operationLabel } from './metrics.js';
import { operationOf } from '../http/operations.js';
import { HttpProblem } from '../http/problems.js';

/**
 * Load shedding: while the process is overloaded, requests get a 503 problem with `Retry-After`
 * instead of queueing behind the ones it cannot finish. Off unless a threshold is passed.
 */

export interface PressureOptions {
  maxEventLoopDelay?: number;
  maxEventLoopUtilization?: number;
  maxHeapUsedBytes?: number;
  maxRssBytes?: number;
  /**
   * How often the process is measured (ms); the plugin's default is 1000. Keep it several times the
   * plugin's 10 ms delay resolution: an interval in which the delay histogram took no sample reads
   * as infinite delay, and every request would be shed.
   */
  sampleInterval?: number;
  /** Where shed requests are counted. */
  metrics?: Metrics;
}

/**
 * Seconds a shed request is told to wait. Pressure is re-measured every sample interval, so a
 * retry sooner than a few intervals would likely be shed again and add to the load.
 */
const PRESSURE_RETRY_AFTER_S = 5;

async function loadShedding(app: FastifyInstance, pressure: PressureOptions) {
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
      if (!operationOf(request).shed) return; // handled as if all were well
      reply.header('retry-after', PRESSURE_RETRY_AFTER_S);
      pressure.metrics?.shed.inc({ operation: operationLabel(request) });
      throw new HttpProblem(503, `the service is overloaded; retry after ${PRESSURE_RETRY_AFTER_S} seconds`);
    },
  });
}

export default fp(loadShedding, { name: 'load-shedding', dependencies: ['errors'] });
