import type { FastifyRequest } from 'fastify';

/**
 * What a response is a pure function of, besides the dataset: the URL and the Accept header. The
 * ETag and the response cache are both keyed by it.
 */
export function representationKey(request: FastifyRequest): string {
  return `${request.url}\0${request.headers.accept ?? ''}`;
}
