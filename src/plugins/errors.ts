import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ALLOWED_METHODS } from '../http/operations.js';
import { HttpProblem, type ProblemError, sendProblem } from '../http/problems.js';

/** The one error handler: every failure becomes problem+json; no stack trace leaves the server. */

const WHERE: Record<string, ProblemError['in']> = { querystring: 'query', params: 'path', headers: 'header' };

function validationErrors(error: FastifyError): ProblemError[] {
  const where = WHERE[error.validationContext ?? 'querystring'] ?? 'query';
  return (error.validation ?? []).flatMap((v) => {
    const keys = (v.params as { keys?: unknown } | undefined)?.keys;
    if (v.keyword === 'unrecognized_keys' && Array.isArray(keys))
      return keys.map((name) => ({ in: where, name: String(name), message: 'unknown parameter' }));
    const name = v.instancePath.replace(/^\//, '').split('/')[0] || '(root)';
    return [{ in: where, name, message: v.message ?? 'invalid value' }];
  });
}

/**
 * For the `frameworkErrors` server option. Fastify's router rejects some URLs before any route, hook
 * or error handler runs, and by default answers them with its own `application/json` body: a path
 * with a malformed percent-encoding (`/v1/actors/%`, `%ED%A0%80`) as 400, and a path parameter
 * longer than the router's `maxParamLength` (decoded UTF-16 units, default 100) as 414, which no
 * operation declares. Both are client mistakes in the path, answered here as the 400 problem every
 * operation with a path parameter declares. With `maxParamLength` at the ids' own limit (200, see
 * `IdParamsSchema`), every id the schema accepts reaches its route, and a longer one is the same 400
 * the schema would give.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error.code === 'FST_ERR_BAD_URL')
    return sendProblem(request, reply, 400, 'the path is not validly percent-encoded UTF-8');
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return sendProblem(request, reply, 400, 'a path parameter is too long');
  // Anything else the router reports (a failing async constraint) is our bug, as in the handler below.
  return sendUnexpected(request, reply, error, 'unhandled framework error');
}

/** Parse errors of Node's HTTP parser (by `code`), as a status and what the client did wrong. */
const PARSE_ERRORS: Record<string, [status: number, detail: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'the request line and headers exceed the 16 KiB the server accepts'],
  HPE_INVALID_METHOD: [501, `unknown method; this API answers ${ALLOWED_METHODS.join(', ')}`],
  HPE_UNEXPECTED_CONTENT_LENGTH: [400, 'Content-Length and Transfer-Encoding must not be sent together'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'the request was not received in time'],
};

/**
 * For the `clientErrorHandler` server option: a request Node's HTTP parser rejects (oversized
 * headers or URL, an unknown method, conflicting framing) never reaches Fastify's routing, and by
 * default gets Fastify's own JSON. It gets a problem instead, written on the raw socket, which is
 * then closed (the parser cannot resume). The `instance` is a fresh URN, logged with the error.
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, detail] = PARSE_ERRORS[error.code ?? ''] ?? [400, 'the request is not valid HTTP/1.1'];
  const instance = `urn:uuid:${randomUUID()}`;
  this.log.debug({ err: error, instance }, 'unparsable request');
  const title = STATUS_CODES[status] ?? 'Error';
  const body = JSON.stringify({ type: 'about:blank', title, status, detail, instance });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
}

/** Our bug: log it whole, tell the client nothing about the internals. */
function sendUnexpected(request: FastifyRequest, reply: FastifyReply, error: FastifyError, log: string) {
  request.log.error({ err: error }, log);
  return sendProblem(request, reply, 500, 'an unexpected error occurred; it has been logged');
}

async function errors(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem)
      return sendProblem(request, reply, error.status, error.detail, error.errors);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const list = validationErrors(error);
      const detail = list.map((e) => `${e.name}: ${e.message}`).join('; ');
      return sendProblem(request, reply, 400, `invalid request: ${detail}`, list);
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return sendProblem(request, reply, status, error.message);
    return sendUnexpected(request, reply, error, 'unhandled error');
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    // A path that exists, asked with a method it does not answer (POST, DELETE …): 405, not 404.
    // (A GET can get here too, from a route that found nothing at its path: that is a 404.)
    const allowed = (ALLOWED_METHODS as readonly string[]).includes(request.method);
    if (!allowed && request.server.findRoute({ method: 'GET', url: path }))
      return sendProblem(
        request,
        reply.header('allow', ALLOWED_METHODS.join(', ')),
        405,
        `${request.method} is not allowed on ${path}; it answers ${ALLOWED_METHODS.join(', ')}`,
      );
    return sendProblem(request, reply, 404, `no route for ${request.method} ${path}`);
  });
}

export default fp(errors, { name: 'errors' });
