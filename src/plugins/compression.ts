import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { constants } from 'node:zlib';

/**
 * Large answers compressed (SPEC §4.2) when the client accepts it: Brotli, else gzip; an answer under
 * 1 KiB goes as it is. Brotli at quality 4, not zlib's default 11, which costs tens of milliseconds a
 * page: dynamic answers want the fast end. Exports are compressed as they stream. The content-coding
 * is part of the representation: its ETag differs per coding (http/representation.ts).
 */

export const ENCODINGS = ['br', 'gzip'] as const;

async function compression(app: FastifyInstance) {
  await app.register(compress, {
    encodings: [...ENCODINGS],
    threshold: 1024,
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
    // Everything we answer that is text: JSON and its kin, CSV, NDJSON, the page's assets.
    customTypes: /^(text\/|application\/(.+\+)?json|application\/x-ndjson|application\/javascript)/,
    globalDecompression: false,
  });
}

export default fp(compression, { name: 'compression' });
