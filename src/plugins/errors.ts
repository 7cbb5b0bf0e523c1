import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** RFC 9457 problem details: the one shape every 4xx and 5xx takes. */

export interface ProblemError {
  in: 'query' | 'path' | 'header';
  name: string;
  message: string;
}

/** Thrown by handlers for an expected failure (unknown id, bad cursor, …). */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly errors?: ProblemError[],
  ) {
    super(detail);
    this.name = 'HttpProblem';
  }
}

export const notFound = (what: string, id: string) => new HttpProblem(404, `no ${what} with id "${id}"`);

export const invalidParameter = (name: string, message: string) =>
  new HttpProblem(400, `invalid query parameter "${name}": ${message}`, [{ in: 'query', name, message }]);

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

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  detail: string,
  errors?: ProblemError[],
) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({
      type: 'about:blank',
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail,
      instance: request.url,
      ...(errors && errors.length > 0 ? { errors } : {}),
    });
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
    // Anything else is our bug: log it whole, tell the client nothing about the internals.
    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, 500, 'an unexpected error occurred; it has been logged');
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, 404, `no route for ${request.method} ${request.url.split('?')[0]}`),
  );
}

export default fp(errors, { name: 'errors' });
