import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { ifNoneMatchMatches } from '../http/representation.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The page for people (SPEC §4.3) at `/`: page/index.html, the page's own scripts and styles, and
 * d3 from node_modules. No build step: the scripts are ES modules the browser runs as they are.
 *
 * Caching: each asset's URL carries a version, so it is cached for a year and never revalidated —
 * the page's files under a hash of their contents (read into memory at start, so the bytes served
 * are the bytes hashed), d3 under its package version. The page itself is revalidated on every load
 * against its own ETag (a hash of the HTML, which names the versions): the dataset's ETag that
 * conditional-get gives undeclared routes would answer 304 with an old page after a deploy that
 * kept the dataset. Hooks of this (encapsulated) plugin run after the app's, so its headers win.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const IMMUTABLE = 'public, max-age=31536000, immutable';
const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface Asset {
  body: Buffer;
  type: string;
}

/** The page's assets by file name, and a version that changes whenever any of them does. */
function readAssets(dir: string): { assets: Map<string, Asset>; version: string } {
  const assets = new Map<string, Asset>();
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    const type = TYPES[path.extname(name)];
    if (type === undefined) continue;
    const body = readFileSync(path.join(dir, name));
    assets.set(name, { body, type });
    hash.update(`${name}\0`).update(body);
  }
  return { assets, version: hash.digest('base64url').slice(0, 12) };
}

/** The folder and version of an installed package (found from its entry point, as Node resolves it). */
function installed(name: string): { dir: string; version: string } {
  let dir = path.dirname(createRequire(import.meta.url).resolve(name));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
      if (manifest.name === name) return { dir, version: manifest.version };
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json for ${name}`);
    dir = parent;
  }
}

/**
 * The page's Content-Security-Policy: the app's, without `upgrade-insecure-requests`, which would
 * send the page's own requests to https:// on a service deployed on plain HTTP (as /docs does), and
 * with fonts and styles from this origin only (the app's allows inline styles and fonts from any
 * https:// origin, for Swagger UI; the page needs neither). With `frameAncestors`, the sites that
 * may frame it instead of the app's none (the embeddable page).
 */
function pagePolicy(policy: string, frameAncestors?: readonly string[]): string {
  const own: Record<string, string> = { 'font-src': "font-src 'self'", 'style-src': "style-src 'self'" };
  if (frameAncestors) own['frame-ancestors'] = `frame-ancestors ${frameAncestors.join(' ')}`;
  return policy
    .split(';')
    .map((directive) => directive.trim())
    .filter((directive) => directive !== 'upgrade-insecure-requests')
    .map((directive) => own[directive.split(/\s+/)[0] ?? ''] ?? directive)
    .join(';');
}

export interface PageOptions {
  /** The folder of the page's files; `page/` of the project by default. */
  dir?: string;
  /**
   * The sites that may frame the page at `/embed` (CSP source expressions, EMBED_FRAME_ANCESTORS);
   * without them there is no `/embed`, and nothing of the service may be framed.
   */
  embedFrameAncestors?: readonly string[];
}

interface Served {
  html: string;
  etag: string;
  /** The sites that may frame it; none, as for the whole app, when absent. */
  frameAncestors?: readonly string[];
}

/** A page as served: its HTML, the weak ETag of it, and who may frame it. */
function served(html: string, name: string, frameAncestors?: readonly string[]): Served {
  // Weak: the page is the same whether or not it is compressed on the way (RFC 9110 §8.8.1).
  const etag = `W/"${name}-${createHash('sha256').update(html).digest('base64url').slice(0, 22)}"`;
  return { html, etag, ...(frameAncestors ? { frameAncestors } : {}) };
}

export default async function page(
  app: FastifyInstance,
  { dir = path.join(ROOT, 'page'), embedFrameAncestors = [] }: PageOptions,
) {
  const { assets, version } = readAssets(dir);
  const d3 = installed('d3');
  const d3Path = `/vendor/d3@${d3.version}/d3.min.js`;
  const html = readFileSync(path.join(dir, 'index.html'), 'utf8')
    .replaceAll('%ASSETS%', `/assets/${version}`)
    .replaceAll('%D3%', d3Path);
  // The embeddable page is the same page, marked so that it shows itself framed (page/embed.js).
  const pages = new Map<string, Served>([['/', served(html, 'page')]]);
  if (embedFrameAncestors.length > 0)
    pages.set(
      '/embed',
      served(html.replace('<html lang="en">', '<html lang="en" data-embed>'), 'embed', embedFrameAncestors),
    );

  // reply.sendFile for d3, streamed from node_modules; nothing else of node_modules is served.
  await app.register(fastifyStatic, { serve: false, root: path.join(d3.dir, 'dist') });

  for (const [url, { html: body, etag }] of pages)
    app.get(url, { schema: { hide: true } }, async (request, reply) => {
      // Against the page's own tag; `*` is conditional-get's to answer, once the status is known.
      const header = request.headers['if-none-match'];
      if (header?.trim() !== '*' && ifNoneMatchMatches(header, etag)) return reply.code(304).send();
      return reply.type('text/html; charset=utf-8').send(body);
    });

  app.get<{ Params: { version: string; file: string } }>(
    '/assets/:version/:file',
    { schema: { hide: true } },
    async (request, reply) => {
      const asset = request.params.version === version ? assets.get(request.params.file) : undefined;
      if (!asset) return reply.callNotFound();
      return reply.type(asset.type).send(asset.body);
    },
  );

  app.get(d3Path, { schema: { hide: true } }, (_request, reply) =>
    reply.sendFile('d3.min.js', { cacheControl: false, etag: false }),
  );

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    if (reply.statusCode !== 200 && reply.statusCode !== 304) return payload;
    const shown = pages.get(request.routeOptions.url ?? '');
    if (shown) {
      reply.header('etag', shown.etag).header('cache-control', 'no-cache');
      const policy = reply.getHeader('content-security-policy');
      if (typeof policy === 'string') {
        reply.header('content-security-policy', pagePolicy(policy, shown.frameAncestors));
        // Older than frame-ancestors, and it would forbid the frame the policy allows (only then).
        if (shown.frameAncestors) reply.removeHeader('x-frame-options');
      }
    } else {
      // A versioned URL never changes what it names: no validator is needed, or given.
      reply.removeHeader('etag');
      reply.header('cache-control', IMMUTABLE);
    }
    return payload;
  });
}
