import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { getter, useSeededApp } from '../helpers.js';

/**
 * How the page is served (src/plugins/page.ts): the page revalidated against its own ETag, its
 * assets under versioned URLs cached for a year, d3 streamed from node_modules untouched by the
 * conditional-GET and response-cache plugins, nothing else of the project or node_modules, a
 * strict Content-Security-Policy, and none of it in the OpenAPI document.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const IMMUTABLE = 'public, max-age=31536000, immutable';
const ctx = useSeededApp();
const get = getter(ctx);
let html = '';
let assets: string[] = [];
let d3Url = '';

beforeAll(async () => {
  html = (await get('/').expect(200)).text;
  assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
  d3Url = /src="(\/vendor\/d3@[^"]+)"/.exec(html)?.[1] ?? '';
});

/** The directives of a Content-Security-Policy, by name. */
function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name ?? '', values.join(' ')]),
  );
}

describe('GET /', () => {
  it('is the page, revalidated on every load against an ETag of its own', async () => {
    const res = await get('/').expect(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers.etag).toMatch(/^W\/"page-[\w-]+"$/);
    const again = await get('/')
      .set('if-none-match', res.headers.etag as string)
      .expect(304);
    expect(again.headers.etag).toBe(res.headers.etag);
    expect(again.text).toBe('');
    // Another tag (the dataset's, or an old page's) gets the page.
    await get('/').set('if-none-match', '"page-old"').expect(200);
    await request(ctx.app.server).head('/').expect(200);
  });

  it('runs no inline script and loads nothing from another origin', async () => {
    const policy = directives((await get('/')).headers['content-security-policy'] as string);
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('script-src-attr')).toBe("'none'");
    expect(policy.get('default-src')).toBe("'self'");
    expect(policy.get('connect-src')).toBe("'self'");
    expect(policy.get('style-src')).toBe("'self'");
    expect(policy.get('font-src')).toBe("'self'");
    // No other origin anywhere: no scheme, host or wildcard in any directive.
    for (const [name, values] of policy) expect(values, name).not.toMatch(/https?:|\*/);
    // A service on plain HTTP must not have its own requests sent to https://.
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(1);
    for (const [tag, body] of scripts) {
      expect(tag).toMatch(/ src="\/(assets|vendor)\//);
      expect(body).toBe('');
    }
    expect(html).not.toMatch(/\bon[a-z]+="/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('is left out of the OpenAPI document, with its assets', async () => {
    const doc = (await get('/openapi.json').expect(200)).body as { paths: Record<string, unknown> };
    const paths = Object.keys(doc.paths);
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((p) => p === '/' || /^\/(assets|vendor)\//.test(p))).toEqual([]);
  });
});

describe('the page’s assets', () => {
  it('are served under a version of their contents, for a year, without a validator', async () => {
    expect(assets.map((a) => path.basename(a)).sort()).toEqual(['icon.svg', 'main.js', 'style.css']);
    const version = assets[0]?.split('/')[2];
    expect(version).toMatch(/^[\w-]{12}$/);
    for (const url of [...assets, ...modules().map((file) => assetUrl(version, file))]) {
      const res = await ctx.app.inject({ url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe(IMMUTABLE);
      expect(res.headers.etag).toBeUndefined();
      const file = path.basename(url);
      expect(res.headers['content-type']).toBe(
        { js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml' }[
          file.split('.').pop() as string
        ],
      );
      expect(Buffer.compare(res.rawPayload, readFileSync(path.join(ROOT, 'page', file)))).toBe(0);
    }
  });

  it('are all in use: every script of page/ is loaded by the page', () => {
    const scripts = readdirSync(path.join(ROOT, 'page')).filter((file) => file.endsWith('.js'));
    expect(modules()).toEqual(scripts.sort());
  });

  it('are only the page’s scripts, styles and icon, at the current version', async () => {
    const version = assets[0]?.split('/')[2];
    for (const missing of [
      assetUrl('0ld-version00', 'main.js'),
      assetUrl(version, 'index.html'),
      assetUrl(version, 'tsconfig.json'),
      assetUrl(version, 'api-types.d.ts'),
      assetUrl(version, '..%2Fpackage.json'),
      '/assets/main.js',
      '/page/main.js',
    ]) {
      const res = await get(missing).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
  });
});

describe('d3, from node_modules', () => {
  const file = path.join(ROOT, 'node_modules/d3/dist/d3.min.js');
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/d3/package.json'), 'utf8')) as {
    version: string;
  };

  it('is streamed whole under its package version, cached for a year', async () => {
    expect(d3Url).toBe(`/vendor/d3@${version}/d3.min.js`);
    const bytes = readFileSync(file);
    // Twice: the response cache and conditional GET must leave a streamed file alone.
    for (let i = 0; i < 2; i++) {
      const res = await ctx.app.inject({ url: d3Url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/javascript/);
      expect(res.headers['cache-control']).toBe(IMMUTABLE);
      expect(res.headers.etag).toBeUndefined();
      expect(Buffer.compare(res.rawPayload, bytes)).toBe(0);
    }
  });

  it('is the only file of node_modules served', async () => {
    for (const other of [
      `/vendor/d3@${version}/d3.js`,
      `/vendor/d3@${version}/../package.json`,
      '/vendor/d3@0.0.0/d3.min.js',
      '/node_modules/d3/dist/d3.min.js',
    ])
      await get(other).expect(404);
  });
});

/**
 * Every module the page loads: main.js and whatever it imports, transitively (a module left
 * importing a file that is gone would break the page, and fail here).
 */
function modules(): string[] {
  const found = new Set<string>();
  const visit = (file: string) => {
    if (found.has(file)) return;
    found.add(file);
    const source = readFileSync(path.join(ROOT, 'page', file), 'utf8');
    for (const [, imported] of source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'\.\/([\w-]+\.js)'/gm))
      visit(imported as string);
  };
  visit('main.js');
  return [...found].sort();
}

function assetUrl(version: string | undefined, file: string): string {
  return `/assets/${version}/${file}`;
}

describe('GET /embed', () => {
  const SITES = ['https://news.example', 'https://*.example.org'];
  const framed = useSeededApp({ embedFrameAncestors: SITES });
  const getFramed = getter(framed);

  it('is not there unless the sites that may frame it are named, and nothing else may be framed', async () => {
    const res = await get('/embed').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    for (const app of [get, getFramed])
      for (const url of ['/', '/v1/events']) {
        const headers = (await app(url)).headers;
        expect(directives(headers['content-security-policy'] as string).get('frame-ancestors'), url).toBe(
          "'none'",
        );
        expect(headers['x-frame-options'], url).toBe('SAMEORIGIN');
      }
  });

  it('is the page, marked as framed, that the named sites and only they may frame', async () => {
    const res = await getFramed('/embed').expect(200);
    expect(res.text).toContain('<html lang="en" data-embed>');
    expect(res.text.replace(' data-embed', '')).toBe((await getFramed('/')).text);
    expect(res.headers['x-frame-options']).toBeUndefined();
    const policy = directives(res.headers['content-security-policy'] as string);
    expect(policy.get('frame-ancestors')).toBe(SITES.join(' '));
    // Everything else as strict as the page's own policy.
    const own = directives((await getFramed('/')).headers['content-security-policy'] as string);
    own.delete('frame-ancestors');
    policy.delete('frame-ancestors');
    expect(policy).toEqual(own);
  });

  it('is revalidated against an ETag of its own', async () => {
    const res = await getFramed('/embed').expect(200);
    expect(res.headers.etag).toMatch(/^W\/"embed-[\w-]+"$/);
    expect(res.headers.etag).not.toBe((await getFramed('/')).headers.etag);
    expect(res.headers['cache-control']).toBe('no-cache');
    await getFramed('/embed')
      .set('if-none-match', res.headers.etag as string)
      .expect(304);
    await getFramed('/embed')
      .set('if-none-match', (await getFramed('/')).headers.etag as string)
      .expect(200);
  });
});
