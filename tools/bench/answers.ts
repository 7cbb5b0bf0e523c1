import type { FastifyInstance } from 'fastify';

/** A response as Parallax gave it: its headers and its bytes. */
export interface Answer {
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Answers every GET with the recorded response for its URL (404 for one not recorded): the bare
 * server the benchmarks compare Parallax with, over sockets (ceiling.ts) and in process
 * (in-process.ts).
 */
export function answerFrom(app: FastifyInstance, answers: ReadonlyMap<string, Answer>): void {
  app.get('/*', async (request, reply) => {
    const found = answers.get(request.url);
    if (!found) return reply.code(404).send();
    return reply.headers(found.headers).send(found.body);
  });
}
