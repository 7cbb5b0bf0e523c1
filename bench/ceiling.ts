/**
 * The ceiling for `npm run bench`: a bare Fastify server that answers each URL with bytes held in
 * memory (loaded once with POST /__load), no routing logic, no validation, no database. Whatever
 * Parallax does beyond this is the cost the benchmark's ratios show.
 */
import Fastify from 'fastify';

const responses = new Map<string, { type: string; body: Buffer }>();
const app = Fastify({ logger: false, bodyLimit: 1 << 30 });

app.post('/__load', async (request) => {
  const all = request.body as Record<string, { type: string; body: string }>;
  for (const [url, { type, body }] of Object.entries(all))
    responses.set(url, { type, body: Buffer.from(body) });
  return { loaded: responses.size };
});
app.get('/healthz', async () => ({ status: 'ok' }));
app.get('/*', async (request, reply) => {
  const found = responses.get(request.url);
  if (!found) return reply.code(404).send();
  return reply.type(found.type).send(found.body);
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
