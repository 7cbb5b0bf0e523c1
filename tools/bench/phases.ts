/**
 * `npm run bench:phases [-- --database FILE] [--requests N]`: where a response-cache miss goes.
 * In one process, through `app.inject`, with the response cache off: for each endpoint class (the
 * URL pools of `npm run bench`), the mean microseconds per request spent in each hook (labelled by
 * the file that added it), in validation, in the handler (query and representation; `service-path.ts`
 * splits those), in serialisation, and in compression (the same requests with `Accept-Encoding:
 * br` minus without). What is left of the whole is Fastify's routing and request and reply
 * objects, and inject's own cost. Each figure is CPU time on the event loop, exclusive of the timed
 * calls nested in it; the timers themselves cost well under a microsecond each.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
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

/** Nanoseconds spent per label since the last reset, exclusive of the timed calls nested inside. */
const spent = new Map<string, bigint>();
/** The timed calls running now, innermost last, each with the time its nested calls took. */
const running: { nested: bigint }[] = [];

/**
 * Times the synchronous part of each call to `fn`: its CPU time on the event loop. Every hook and
 * handler here does its work before its first `await` (there is no I/O to wait for: SQLite is
 * synchronous), so that is all of it. A handler that sends its reply runs the serialiser and the
 * onSend hooks inside its own call; those are counted as themselves, not as the handler.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- wraps any hook, handler or compiled function
function timed<F extends (...args: any[]) => any>(label: string, fn: F): F {
  return function (this: unknown, ...args: unknown[]) {
    const frame = { nested: 0n };
    running.push(frame);
    const start = process.hrtime.bigint();
    try {
      return fn.apply(this, args);
    } finally {
      const elapsed = process.hrtime.bigint() - start;
      running.pop();
      spent.set(label, (spent.get(label) ?? 0n) + elapsed - frame.nested);
      const parent = running.at(-1);
      if (parent) parent.nested += elapsed;
    }
  } as F;
}

const REQUEST_HOOKS = new Set([
  'onRequest',
  'preParsing',
  'preValidation',
  'preHandler',
  'preSerialization',
  'onSend',
  'onResponse',
  'onError',
]);

/** The file that called addHook: `plugins/conditional-get`, `@fastify/cors` … */
function caller(): string {
  const frames = new Error().stack?.split('\n').slice(3) ?? [];
  for (const frame of frames) {
    const ours = /\/src\/([\w/-]+)\.[tj]s/.exec(frame);
    if (ours) return ours[1] as string;
    const theirs = /node_modules\/((?:@[\w-]+\/)?[\w-]+)\//.exec(frame);
    if (theirs && theirs[1] !== 'fastify' && theirs[1] !== 'avvio') return theirs[1] as string;
  }
  return 'fastify';
}

function observe(app: FastifyInstance) {
  const addHook = app.addHook;
  // Encapsulated plugins inherit this from the root instance; `this` keeps each hook where it was added.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- addHook is overloaded per hook name
  (app as any).addHook = function (this: FastifyInstance, name: string, fn: (...args: any[]) => any) {
    const wrapped = REQUEST_HOOKS.has(name) ? timed(`${name}: ${caller()}`, fn) : fn;
    return (addHook as (n: string, f: unknown) => FastifyInstance).call(this, name, wrapped);
  };
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/v1/')) return;
    route.handler = timed('handler (query, representation)', route.handler);
    route.validatorCompiler = (schema) => timed('validation', validatorCompiler(schema as never));
    route.serializerCompiler = (schema) =>
      timed('serialisation (zod check, stringify)', serializerCompiler(schema as never));
  });
}

const db = openReadOnly(values.database);
const app = await buildApp({ db, responseCacheBytes: 0, observe });
await app.ready();

/** Mean µs per request over `REQUESTS` requests (after a warm-up), and the phases' shares. */
async function measure(urls: string[], headers: Record<string, string>) {
  const run = async (n: number) => {
    for (let i = 0; i < n; i++) {
      const url = urls[i % urls.length] as string;
      const res = await app.inject({ url, headers });
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
    }
  };
  await run(Math.min(urls.length * 2, REQUESTS));
  spent.clear();
  const start = process.hrtime.bigint();
  await run(REQUESTS);
  const total = Number(process.hrtime.bigint() - start) / 1000 / REQUESTS;
  const phases = new Map([...spent].map(([label, ns]) => [label, Number(ns) / 1000 / REQUESTS]));
  return { total, phases };
}

const pools = Object.entries(urlPools(values.database, 200)).filter(([, urls]) => urls.length > 0);
const columns: { name: string; total: number; phases: Map<string, number>; compression: number }[] = [];
for (const [name, urls] of pools) {
  const plain = await measure(urls, {});
  const compressed = await measure(urls, { 'accept-encoding': 'br' });
  columns.push({ name, ...plain, compression: compressed.total - plain.total });
}
await app.close();
db.$client.close();

const labels = [...new Set(columns.flatMap((c) => [...c.phases.keys()]))].sort();
const cell = (us: number) => (us < 0.5 ? '< 1' : us.toFixed(0));
const rows = labels.map((label) => [label, ...columns.map((c) => cell(c.phases.get(label) ?? 0))]);
const measured = (c: (typeof columns)[number]) => [...c.phases.values()].reduce((a, b) => a + b, 0);
rows.push([
  'routing, request/reply objects, inject (the rest)',
  ...columns.map((c) => cell(c.total - measured(c))),
]);
rows.push(['**whole request (identity)**', ...columns.map((c) => `**${cell(c.total)}**`)]);
rows.push(['compression (`br`, added)', ...columns.map((c) => cell(c.compression))]);
console.log(
  `database: ${values.database}; response cache off; ${REQUESTS} requests per class after a warm-up; mean µs per request\n`,
);
console.log(`| phase | ${columns.map((c) => c.name).join(' | ')} |`);
console.log(`| --- | ${columns.map(() => '---:').join(' | ')} |`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
