import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Request ids: a client's or a proxy's `X-Request-Id` is kept when it is well-formed (so one id
 * follows a request through HAProxy, the replica and the client's own logs), otherwise one is made.
 * Fastify's logger puts it on every line of the request (`reqId`); this plugin sends it back on
 * every answer, and sendProblem puts it in every problem body.
 */

export const REQUEST_ID_HEADER = 'x-request-id';

/** What an incoming id may be: short, printable, nothing a log or a header could be fooled by. */
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:@/+=-]{0,127}$/;

/** The request's id: its own `X-Request-Id` when well-formed, else a new UUID (Fastify's genReqId). */
export function requestIdOf(request: IncomingMessage): string {
  const sent = request.headers[REQUEST_ID_HEADER];
  return typeof sent === 'string' && WELL_FORMED.test(sent) ? sent : randomUUID();
}

async function requestId(app: FastifyInstance) {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
}

export default fp(requestId, { name: 'request-id' });
