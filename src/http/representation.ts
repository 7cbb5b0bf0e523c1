import type { FastifyRequest } from 'fastify';

/**
 * What a response is a pure function of, besides the dataset: the URL and the Accept header. The
 * response cache is keyed by it (it holds bodies before compression).
 */
export function representationKey(request: FastifyRequest): string {
  return `${request.url}\0${request.headers.accept ?? ''}`;
}

/**
 * What the bytes of a response are a function of: the representation and the Accept-Encoding header,
 * from which the compression plugin picks the content-coding. The ETag is computed from it, so a
 * compressed body and the identity one never share a tag (RFC 9110 §8.8.3). The header is taken as
 * sent rather than negotiated here, so the tag can never disagree with the plugin's own choice.
 */
export function encodedRepresentationKey(request: FastifyRequest): string {
  return `${representationKey(request)}\0${request.headers['accept-encoding'] ?? ''}`;
}

/**
 * RFC 9110 §13.1.2: weak comparison against a list of tags, or `*` (any current representation,
 * so it only matches once the response is known to be a 200).
 */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => strip(t) === strip(etag));
}
