import type { FastifyRequest } from 'fastify';

/**
 * What kind of operation a route is, declared once by the route (`config: { operation: 'list' }`).
 * Every cross-cutting behaviour reads the kind's traits rather than recognising routes by their
 * URL, tag or schema name: conditional GET, the response cache, the rate limit, load shedding,
 * content negotiation, the problem responses a route declares and the OpenAPI conventions.
 */

/** The methods every path of this read-only API answers (`Allow`, CORS, the 405 problem). */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'OPTIONS'] as const;

export const OPERATION_KINDS = [
  'list',
  'item',
  'aggregate',
  'text',
  'vocabulary',
  'file',
  'liveness',
  'readiness',
] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

export interface OperationTraits {
  /**
   * `dataset`: an ETag from the dataset version and the request, `Cache-Control: public,
   * max-age=60`, 304 on `If-None-Match`. `file`: the file's own validators and ranges (the handler
   * sends them). `none`: `Cache-Control: no-store`.
   */
  caching: 'dataset' | 'file' | 'none';
  /** Finished 200 responses are kept in the response cache. */
  cached: boolean;
  /** Counted by the per-client rate limit (429). */
  rateLimited: boolean;
  /** Refused with 503 while the process is overloaded. */
  shed: boolean;
  /** A page of a list: the list envelope and a `Link: rel="next"` header. */
  paged: boolean;
  /** The media types the 200 answer comes in; an `Accept` allowing none of them is a 406. */
  produces: readonly string[] | undefined;
}

const JSON_ONLY = ['application/json'] as const;

const PUBLIC_READ = { caching: 'dataset', cached: true, rateLimited: true, shed: true } as const;

/**
 * Probes answer per instance and are never cached. An orchestrator polls them from one address, so
 * the rate limit exempts both; liveness is exempt from load shedding too (restarting an overloaded
 * process only moves the load), while readiness is not: a 503 from /readyz under pressure is what
 * tells a load balancer to send traffic elsewhere.
 */
const PROBE = { caching: 'none', cached: false, rateLimited: false, paged: false } as const;

export const TRAITS: Record<OperationKind, OperationTraits> = {
  list: { ...PUBLIC_READ, paged: true, produces: JSON_ONLY },
  item: { ...PUBLIC_READ, paged: false, produces: JSON_ONLY },
  /** Counts over a whole filtered set (a volume): read like an item. */
  aggregate: { ...PUBLIC_READ, paged: false, produces: JSON_ONLY },
  text: { ...PUBLIC_READ, paged: false, produces: ['text/plain'] },
  /** A JSON-LD context (and vocabulary) of the API's own: read like an item, in JSON-LD or JSON. */
  vocabulary: { ...PUBLIC_READ, paged: false, produces: ['application/ld+json', 'application/json'] },
  /**
   * A whole-dataset file (a dump): served with its size, modification time and byte ranges, never
   * kept in the response cache; its media type is the file's.
   */
  file: { caching: 'file', cached: false, rateLimited: true, shed: true, paged: false, produces: undefined },
  liveness: { ...PROBE, shed: false, produces: JSON_ONLY },
  readiness: { ...PROBE, shed: true, produces: JSON_ONLY },
};

/**
 * Routes that are not operations of the API (the documentation, the document itself, the not-found
 * handler): conditional GET and the limits apply, nothing else does.
 */
const UNDECLARED: OperationTraits = {
  caching: 'dataset',
  cached: false,
  rateLimited: true,
  shed: true,
  paged: false,
  produces: undefined,
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The kind of operation the route is (src/http/operations.ts). */
    operation?: OperationKind;
  }
}

/** The traits of the operation a request was routed to. */
export function operationOf(request: FastifyRequest): OperationTraits {
  const kind = request.routeOptions.config?.operation;
  return kind === undefined ? UNDECLARED : TRAITS[kind];
}

/**
 * The problem statuses an operation of this kind can answer whatever its handler does: an `Accept`
 * that allows nothing it produces (406), the error handler's catch-all (500), and the limits that
 * apply to it (429, 503).
 */
export function statusesOf(traits: OperationTraits): number[] {
  return [406, 500, ...(traits.rateLimited ? [429] : []), ...(traits.shed ? [503] : [])];
}
