/**
 * `npx tsx tools/bench/in-process.ts [--database FILE] [--requests N]`: the service time of each endpoint
 * class, in microseconds per request, measured in one process through `app.inject` with the response
 * cache off. No sockets and no concurrency: what one request costs the event loop, which is what
 * bounds throughput and, at 32 connections, p99 (about 32 × this figure). Uses the URL pools of
 * `npm run bench`.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildApp } from '../../src/app.js';
import { openReadOnly } from '../../src/db/open.js';
import { urlPools } from './urls.js';

const { values } = parseArgs({
  options: {
    database: { type: 'string', default: path.resolve(import.meta.dirname, '../../data/parallax.db') },
    requests: { type: 'string', default: '2000' },
  },
});
const REQUESTS = Number(values.requests);
const db = openReadOnly(values.database);
const app = await buildApp({ db, responseCacheBytes: 0 });
await app.ready();

console.log(`database: ${values.database}; ${REQUESTS} requests per class, after a warm-up\n`);
console.log('| endpoint class | µs per request | mean bytes |\n| --- | --- | --- |');
for (const [name, urls] of Object.entries(urlPools(values.database, 200))) {
  if (urls.length === 0) continue;
  let bytes = 0;
  const run = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const res = await app.inject({ url: urls[i % urls.length] as string });
      if (res.statusCode !== 200) throw new Error(`${urls[i % urls.length]}: ${res.statusCode}`);
      bytes += res.rawPayload.length;
    }
  };
  await run(Math.min(urls.length * 2, REQUESTS));
  bytes = 0;
  const start = process.hrtime.bigint();
  await run(REQUESTS);
  const us = Number(process.hrtime.bigint() - start) / 1000 / REQUESTS;
  console.log(`| ${name} | ${us.toFixed(0)} | ${Math.round(bytes / REQUESTS)} |`);
}
await app.close();
db.$client.close();
