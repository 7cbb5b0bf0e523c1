import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';

/**
 * The workbench's page: page/workbench/ as it is (plain ES modules, no build step), with the page's
 * own stylesheet and span cutter beside it, read once at start. The page holds no secret: the token
 * is in the fragment of the URL the command prints (`#token=…`), which no request carries, so
 * another local user who loads the page still cannot write.
 */

const PAGE = path.resolve(import.meta.dirname, '../../page');

/** Every file the page loads, at the URL of its place in page/ (so its relative imports hold). */
const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';
const FILES: Record<string, string> = {
  'workbench/workbench.js': JS,
  'workbench/model.js': JS,
  'workbench/workbench.css': CSS,
  'style.css': CSS,
  'dom.js': JS,
  'spans.js': JS,
  'icon.svg': 'image/svg+xml',
};

const POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export async function workbenchPage(): Promise<{ register(app: FastifyInstance): void }> {
  const html = await readFile(path.join(PAGE, 'workbench/index.html'));
  const assets = new Map<string, { body: Buffer; type: string }>();
  for (const [file, type] of Object.entries(FILES))
    assets.set(`/${file}`, { body: await readFile(path.join(PAGE, file)), type });
  return {
    register(app) {
      app.addHook('onSend', async (_request, reply) => {
        reply.header('content-security-policy', POLICY);
        reply.header('x-content-type-options', 'nosniff');
        reply.header('referrer-policy', 'no-referrer');
        reply.header('cache-control', 'no-store');
      });
      app.get('/', async (_request, reply) => reply.type('text/html; charset=utf-8').send(html));
      for (const [url, asset] of assets)
        app.get(url, async (_request, reply) => reply.type(asset.type).send(asset.body));
    },
  };
}
