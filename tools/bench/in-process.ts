/**
 * `npx tsx tools/bench/in-process.ts [--database FILE] [--requests N] [--page-cache-mb M]`: the
 * service time of each endpoint class, in microseconds per request, measured in one process through
 * `app.inject` with the response cache off. No sockets and no concurrency: what one request costs
 * the event loop, which is what bounds throughput and, at 32 connections, p99 (about 32 × this
 * figure). Uses the URL pools of `npm run bench`, and the server's SQLite page cache
 * (`SQLITE_CACHE_MB`'s default) unless told otherwise.
 *
 * Beside each figure, its floor: a bare Fastify app answering the same URLs with the very bytes
 * and headers Parallax answered, from memory, through the same `inject` (as ceiling.ts does over
 * sockets). inject's own cost grows with the body (it copies and decodes it), so on large pages the
 * floor is a large part of the figure; the difference is what Parallax itself spends.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openReadOnly } from '../../src/db/open.js';
import { type Answer, answerFrom } from './answers.js';
import { urlPools } from './urls.js';

const { values } = parseArgs({
  options: {
    database: { type: 'string', default: path.resolve(import.meta.dirname, '../../data/parallax.db') },
    requests: { type: 'string', default: '2000' },
    'page-cache-mb': { type: 'string', default: String(loadConfig({}).SQLITE_CACHE_MB) },
  },
});
const REQUESTS = Number(values.requests);
const pageCacheMb = Number(values['page-cache-mb']);
const db = openReadOnly(values.database, { pageCacheBytes: pageCacheMb * 1024 * 1024 });
const app = await buildApp({ db, responseCacheBytes: 0 });
await app.ready();

/** A bare Fastify app that answers each URL of `answers` with its bytes and headers. */
async function floorApp(answers: Map<string, Answer>): Promise<FastifyInstance> {
  const bare = Fastify({ logger: false });
  answerFrom(bare, answers);
  await bare.ready();
  return bare;
}

/** Mean µs per request of `target` over `urls`, after a warm-up, which gives `seen` each answer. */
async function timed(target: FastifyInstance, urls: string[], seen?: (url: string, answer: Answer) => void) {
  const run = async (n: number, keep?: typeof seen) => {
    for (let i = 0; i < n; i++) {
      const url = urls[i % urls.length] as string;
      const res = await target.inject({ url });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
      keep?.(url, { headers: res.headers as Record<string, string>, body: res.rawPayload });
    }
  };
  await run(Math.min(urls.length * 2, REQUESTS), seen);
  const start = process.hrtime.bigint();
  await run(REQUESTS);
  return Number(process.hrtime.bigint() - start) / 1000 / REQUESTS;
}

console.log(
  `database: ${values.database}; SQLite page cache ${pageCacheMb} MiB; ${REQUESTS} requests per class, after a warm-up\n`,
);
console.log(
  '| endpoint class | µs per request | floor: bare Fastify, same bytes | Parallax’s own | mean bytes |\n| --- | ---: | ---: | ---: | ---: |',
);
for (const [name, urls] of Object.entries(urlPools(values.database, 200))) {
  if (urls.length === 0) continue;
  const answers = new Map<string, Answer>();
  const ours = await timed(app, urls, (url, answer) => answers.set(url, answer));
  const bare = await floorApp(answers);
  const floor = await timed(bare, urls);
  await bare.close();
  const bytes = [...answers.values()].reduce((sum, a) => sum + a.body.length, 0) / answers.size;
  console.log(
    `| ${name} | ${ours.toFixed(0)} | ${floor.toFixed(0)} | ${(ours - floor).toFixed(0)} | ${Math.round(bytes)} |`,
  );
}
await app.close();
db.$client.close();
