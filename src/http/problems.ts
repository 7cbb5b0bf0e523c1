import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { named } from '../component.js';

/** RFC 9457 problem details: the one shape every 4xx and 5xx takes (SPEC §4). */

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

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  detail: string,
  errors?: ProblemError[],
) {
  // The header too, for the problems sent before any hook ran (a path the router cannot read).
  return reply
    .code(status)
    .header('x-request-id', request.id)
    .type('application/problem+json')
    .send({
      type: 'about:blank',
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail,
      instance: request.url,
      request_id: request.id,
      ...(errors && errors.length > 0 ? { errors } : {}),
    });
}

export const ProblemSchema = named(
  'Problem',
  'An RFC 9457 problem detail.',
  z.object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    request_id: z
      .string()
      .optional()
      .describe(
        'The request’s id, as the `X-Request-Id` answer header gives it (the client’s own when well-formed): quote it to find the request in the logs. Absent when the request could not be parsed.',
      ),
    errors: z
      .array(z.object({ in: z.enum(['query', 'path', 'header']), name: z.string(), message: z.string() }))
      .optional()
      .describe('For validation failures: one entry per invalid parameter.'),
  }),
);

/** Problem responses for a route's schema: `statuses`, each answered with a Problem. */
export function problems(...statuses: number[]): Record<number, typeof ProblemSchema> {
  return Object.fromEntries([...new Set(statuses)].sort().map((s) => [s, ProblemSchema]));
}
