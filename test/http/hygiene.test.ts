import { connect } from 'node:net';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseQueryString } from '../../src/http/querystring.js';
import { getter, useSeededApp } from '../helpers.js';

/**
 * What hostile or sloppy requests get (found with a validating proxy and hand-made requests): every
 * error is a problem, a query value that does not decode is a 400 naming it, OPTIONS is answered,
 * another method on an existing path is a 405 with `Allow`.
 */

const ctx = useSeededApp();
const get = getter(ctx);
let port = 0;

beforeAll(async () => {
  await ctx.app.listen({ host: '127.0.0.1', port: 0 });
  const address = ctx.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  port = address.port;
});

/** Sends raw bytes and reads the whole answer (the server closes the connection). */
function raw(bytes: string): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(bytes));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
  });
}

describe('requests the HTTP parser rejects', () => {
  const cases: [name: string, request: string, status: number][] = [
    ['a 64 kB URL', `GET /v1/events?q=${'a'.repeat(65_536)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431],
    [
      'an oversized header',
      `GET /v1/events HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
    ],
    [
      'Content-Length with Transfer-Encoding',
      'GET /v1/events HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      400,
    ],
    ['an unknown method', 'FOO /v1/events HTTP/1.1\r\nHost: x\r\n\r\n', 501],
    ['a header without a colon', 'GET /v1/events HTTP/1.1\r\nHost x\r\n\r\n', 400],
  ];
  it.each(cases)('%s: a problem, and the connection closed', async (_name, request, status) => {
    const res = await raw(request);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const problem = JSON.parse(res.body) as Record<string, unknown>;
    expect(problem).toMatchObject({ type: 'about:blank', status });
    expect(problem.detail).toEqual(expect.any(String));
    expect(problem.instance).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
  });
});

describe('query values that are not percent-encoded UTF-8', () => {
  it.each([
    ['q=%C3%28', 'q'],
    ['q=%FF%FE', 'q'],
    ['q=%zz', 'q'],
    ['type=battle&actor=%E0%A4%A', 'actor'],
    ['%zz=1', '%zz'],
  ])('?%s is a 400 naming %s', async (query, name) => {
    const res = await get(`/v1/events?${query}`).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([{ in: 'query', name, message: 'is not validly percent-encoded UTF-8' }]);
  });

  it('decodes what is well encoded, as before', async () => {
    const res = await get('/v1/actors?q=Kim+Yo%2Djong').expect(200);
    expect(res.body.data.map((a: { id: string }) => a.id)).toContain('kim-yo-jong');
  });

  it('parses like a query string: + as space, repeats as arrays, no prototype keys', () => {
    expect(parseQueryString('')).toEqual({});
    expect(parseQueryString('a=1&b=x+y&a=2&a=3&c&&d=')).toEqual({
      a: ['1', '2', '3'],
      b: 'x y',
      c: '',
      d: '',
    });
    const odd = parseQueryString('__proto__=1&constructor=2');
    expect(Object.keys(odd)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(odd)).toBe(Object.prototype);
    expect(parseQueryString('q=caf%C3%A9%20au%2Blait')).toEqual({ q: 'café au+lait' });
  });
});

describe('OPTIONS', () => {
  it('without Origin: 204 with Allow, as a preflight is', async () => {
    const options = await request(ctx.app.server).options('/v1/events').expect(204);
    expect(options.headers.allow).toBe('GET, HEAD, OPTIONS');
    expect(options.text).toBe('');
  });
});

describe('methods a path does not answer', () => {
  const paths = [
    '/v1/events',
    '/v1/events/cmc-suspends-military-action-plans',
    '/v1/dumps/events.csv',
    '/',
    '/openapi.json',
  ];
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)(
    '%s on an existing path: 405 with Allow',
    async (method) => {
      for (const url of paths) {
        const res = await ctx.app.inject({
          method,
          url,
          payload: method === 'DELETE' ? undefined : { a: 1 },
        });
        expect(res.statusCode, url).toBe(405);
        expect(res.headers.allow, url).toBe('GET, HEAD, OPTIONS');
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.json<{ detail: string }>().detail).toBe(
          `${method} is not allowed on ${url}; it answers GET, HEAD, OPTIONS`,
        );
      }
    },
  );

  it('on a path that does not exist: 404, whatever the method', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const res = await ctx.app.inject({ method, url: '/v1/nothing-here' });
      expect(res.statusCode, method).toBe(404);
      expect(res.headers.allow).toBeUndefined();
    }
  });
});

describe('the document', () => {
  it('names a contact and describes every error as a problem', async () => {
    const doc = (await get('/openapi.json').expect(200)).body as {
      info: { contact?: { name?: string } };
      paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
    };
    expect(doc.info.contact?.name).toBeTruthy();
    for (const [path, item] of Object.entries(doc.paths))
      for (const op of Object.values(item))
        for (const [status, response] of Object.entries(op.responses))
          if (Number(status) >= 400)
            expect(Object.keys(response.content ?? {}), `${path} ${status}`).toEqual([
              'application/problem+json',
            ]);
  });
});
