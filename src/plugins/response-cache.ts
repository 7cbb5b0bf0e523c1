import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { operationOf } from '../http/operations.js';
import { representationKey } from '../http/representation.js';
import type { Metrics } from '../metrics.js';

/**
 * A bounded cache of finished 200 responses. The dataset never changes while the process runs, so
 * a response is a pure function of the request's URL and Accept header (the same key as the ETag):
 * a hit skips the query, the response validation and the serialisation, and sends the very bytes
 * the first request produced, with the same headers. The body is kept encoded, so a hit does not
 * encode 40 kB of text again for the socket. Least recently used entries go first once the cached
 * bodies exceed `maxBytes`.
 */

interface Entry {
  /** The response body, UTF-8 encoded. */
  body: Buffer;
  contentType: string;
  link: string | undefined;
}

export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    readonly maxBytes: number,
    /** Told of every change in the bytes held, and of each entry dropped to stay in bounds. */
    private readonly observe: { bytes?: (delta: number) => void; evicted?: () => void } = {},
  ) {}

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Most recently used last: Map keeps insertion order.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: Entry): void {
    const size = entry.body.length;
    if (size > this.maxBytes / 8) return; // one huge page must not flush everything else
    const before = this.bytes;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.body.length;
    }
    this.entries.set(key, entry);
    this.bytes += size;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.body.length;
      this.observe.evicted?.();
    }
    this.observe.bytes?.(this.bytes - before);
  }

  /** Entries and the bytes of their bodies. */
  get usage(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    responseCacheKey?: string;
  }
}

async function responseCache(
  app: FastifyInstance,
  { maxBytes, metrics }: { maxBytes: number; metrics?: Metrics },
) {
  if (maxBytes <= 0) return;
  const cache = new ResponseCache(maxBytes, {
    bytes: (delta) => metrics?.cacheBytes.inc(delta),
    evicted: () => metrics?.cacheEvictions.inc(),
  });
  // The cache goes with its app (a dataset switch): so do the bytes it held.
  app.addHook('onClose', async () => metrics?.cacheBytes.dec(cache.usage.bytes));

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    if (!operationOf(request).cached) return;
    const key = representationKey(request);
    const hit = cache.get(key);
    if (!hit) {
      request.responseCacheKey = key;
      reply.header('x-cache', 'miss');
      metrics?.cacheMisses.inc();
      return;
    }
    // Says which answers the cache gave, for whoever measures it (a load test's hit rate).
    reply.header('x-cache', 'hit');
    metrics?.cacheHits.inc();
    reply.type(hit.contentType);
    if (hit.link) reply.header('link', hit.link);
    return reply.send(hit.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (request.responseCacheKey && reply.statusCode === 200 && typeof payload === 'string') {
      const link = reply.getHeader('link');
      cache.set(request.responseCacheKey, {
        body: Buffer.from(payload),
        contentType: String(reply.getHeader('content-type') ?? 'application/json; charset=utf-8'),
        link: typeof link === 'string' ? link : undefined,
      });
    }
    return payload;
  });
}

export default fp(responseCache, { name: 'response-cache' });
