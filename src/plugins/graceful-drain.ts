import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Graceful drain for keep-alive clients. When the app closes, Node closes the connections that are
 * idle at that moment, once; a connection whose response is still being written becomes idle later
 * and would stay open — holding the process up after SIGTERM — until its keep-alive timeout. While
 * closing, responses say `Connection: close`, and each finished response closes the connections
 * that have become idle (never one with a response still being written).
 */
async function gracefulDrain(app: FastifyInstance) {
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    return payload;
  });
  app.addHook('onResponse', async () => {
    // After this turn, so Node has finished the response's bookkeeping and sees the connection idle.
    if (closing) setImmediate(() => app.server.closeIdleConnections());
  });
}

export default fp(gracefulDrain, { name: 'graceful-drain' });
