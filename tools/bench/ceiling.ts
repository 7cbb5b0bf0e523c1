/**
 * The ceiling for `npm run bench`: a bare Fastify server that answers each URL with the very bytes
 * Parallax answered (body and headers), held in memory and loaded once with POST /__load: no hooks,
 * no validation, no database. Whatever Parallax does beyond this is the cost the ratios show.
 */
import Fastify from 'fastify';
import { type Answer, answerFrom } from './answers.js';

const responses = new Map<string, Answer>();
const app = Fastify({ logger: false, bodyLimit: 1 << 30 });

app.post('/__load', async (request) => {
  const all = request.body as Record<string, { headers: Record<string, string>; body: string }>;
  for (const [url, { headers, body }] of Object.entries(all))
    responses.set(url, { headers, body: Buffer.from(body) });
  return { loaded: responses.size };
});
app.get('/healthz', async () => ({ status: 'ok' }));
answerFrom(app, responses);

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
