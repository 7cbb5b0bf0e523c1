import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FastifyServerOptions } from 'fastify';
import type { TrustProxy } from '../config.js';

/** The HTTP server's connection options: who the client is behind proxies, and the timeouts. */
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

/** Fastify's own defaults, which a server it does not create must be given explicitly. */
const KEEP_ALIVE_TIMEOUT_DEFAULT = 72_000;

/**
 * The HTTP server for apps that do not own one (Fastify's `serverFactory`): the production server
 * listens once and hands each request to the app of the dataset being served, so an app can be
 * replaced while connections stay open. It gets the same limits Fastify would have set.
 */
export function createHttpServer(
  options: ConnectionOptions,
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Server {
  const { http = {}, keepAliveTimeout, requestTimeout, connectionTimeout } = connectionOptions(options);
  const server = createServer(http, handler);
  server.keepAliveTimeout = keepAliveTimeout ?? KEEP_ALIVE_TIMEOUT_DEFAULT;
  server.requestTimeout = requestTimeout ?? 0;
  server.setTimeout(connectionTimeout ?? 0);
  return server;
}
