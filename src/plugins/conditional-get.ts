import { hash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { operationOf } from '../http/operations.js';
import { encodedRepresentationKey, ifNoneMatchMatches } from '../http/representation.js';

/**
 * ETag and Cache-Control (SPEC §4). The dataset is immutable while the process runs, so a response is
 * fully determined by the dataset version and the request (URL, Accept, Accept-Encoding): the ETag is computed from
 * those before any work is done, and a matching If-None-Match answers 304 without running a query.
 * Operations whose kind is not conditional (the probes) answer `Cache-Control: no-store`.
 */

const CACHE_CONTROL = 'public, max-age=60';

function computeEtag(datasetVersion: string, request: FastifyRequest): string {
  // One-shot hash: no Hash object per request.
  const digest = hash('sha256', encodedRepresentationKey(request), 'base64url').slice(0, 22);
  return `"${datasetVersion}-${digest}"`;
}

declare module 'fastify' {
  interface FastifyRequest {
    etag?: string;
  }
}

async function conditionalGet(app: FastifyInstance, { datasetVersion }: { datasetVersion: string }) {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    if (operationOf(request).caching !== 'dataset') return;
    const etag = computeEtag(datasetVersion, request);
    request.etag = etag;
    // A tag carries the dataset version, so a client can only hold it from an earlier 200 of this
    // very request: answer before any query runs. `*` waits for the status (see onSend).
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch?.trim() !== '*' && ifNoneMatchMatches(ifNoneMatch, etag)) {
      return reply.code(304).header('etag', etag).header('cache-control', CACHE_CONTROL).send();
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('vary', 'Accept');
    const { caching } = operationOf(request);
    if (caching === 'file') return payload;
    if (caching === 'none') {
      reply.header('cache-control', 'no-store');
      return payload;
    }
    if (!request.etag || reply.statusCode !== 200) return payload;
    reply.header('etag', request.etag);
    reply.header('cache-control', CACHE_CONTROL);
    if (request.headers['if-none-match']?.trim() === '*') {
      // A 304 has no body, so nothing describes one (RFC 9110 §15.4.5).
      reply.code(304).removeHeader('content-type').removeHeader('content-length');
      return null;
    }
    return payload;
  });
}

export default fp(conditionalGet, { name: 'conditional-get' });
