import net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededDatabase, since, startServer } from './process.js';

/**
 * The rate limit, trustProxy and the connection timeouts on a real server process, configured
 * through the environment exactly as in production (only with small numbers).
 */

type Server = Awaited<ReturnType<typeof startServer>>;
let direct: Server; // no proxy trusted; short header/request timeouts
let proxied: Server; // TRUST_PROXY=127.0.0.1: the test client plays the proxy

beforeAll(async () => {
  const { file } = await seededDatabase();
  const common = { DATABASE_PATH: file, RATE_LIMIT_MAX: '5', RATE_LIMIT_WINDOW: '1 minute' };
  [direct, proxied] = await Promise.all([
    startServer({
      ...common,
      HEADERS_TIMEOUT_MS: '500',
      REQUEST_TIMEOUT_MS: '1000',
      KEEP_ALIVE_TIMEOUT_MS: '5000',
    }),
    startServer({ ...common, TRUST_PROXY: '127.0.0.1' }),
  ]);
});

const get = (server: Server, url: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${url}`, { headers });

/** The log line of the request sent with this x-request-id (Fastify takes it as the request id). */
const requestLog = (server: Server, id: string) =>
  server.waitForLine((j) => j.reqId === id && j.msg === 'incoming request', 5000) as Promise<{
    req: { remoteAddress: string };
  }>;

describe('rate limit (RATE_LIMIT_MAX=5 a minute)', () => {
  it('answers the 6th request with 429 problem+json and Retry-After; 404s count too', async () => {
    for (let i = 1; i <= 5; i++) {
      const res = await get(direct, '/v1/events?limit=1');
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-remaining')).toBe(String(5 - i));
    }
    const res = await get(direct, '/v1/events?limit=1');
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, `${retryAfter}`).toBe(true);
    expect(await res.json()).toEqual({
      type: 'about:blank',
      title: 'Too Many Requests',
      status: 429,
      detail: expect.stringMatching(
        /^more than 5 requests in 60 s from this client; retry after \d+ seconds$/,
      ),
      instance: '/v1/events?limit=1',
      request_id: res.headers.get('x-request-id'),
    });
    // Counted before routing, so probing for URLs is limited as well.
    expect((await get(direct, '/no/such/path')).status).toBe(429);
  });

  it('never limits the probes', async () => {
    for (let i = 0; i < 8; i++) {
      expect((await get(direct, '/healthz')).status).toBe(200);
      expect((await get(direct, '/readyz')).status).toBe(200);
    }
    expect((await get(direct, '/v1/sources')).status).toBe(429);
  });
});

describe('trustProxy', () => {
  it('without it, X-Forwarded-For is ignored: the socket peer is the client', async () => {
    // `direct` has already limited 127.0.0.1 (above); claiming another address does not help.
    const res = await get(direct, '/v1/sources', {
      'x-forwarded-for': '203.0.113.50',
      'x-request-id': 'xff-1',
    });
    expect(res.status).toBe(429);
    expect((await requestLog(direct, 'xff-1')).req.remoteAddress).toBe('127.0.0.1');
  });

  it('with TRUST_PROXY naming the proxy, X-Forwarded-For decides the client and its rate-limit budget', async () => {
    const as = (ip: string, id = `${ip}-${Math.random()}`) =>
      get(proxied, '/v1/sources', { 'x-forwarded-for': ip, 'x-request-id': id });
    for (let i = 0; i < 5; i++) expect((await as('203.0.113.1')).status).toBe(200);
    expect((await as('203.0.113.1')).status).toBe(429);
    // Another client behind the same proxy has its own budget, and so has the proxy itself.
    expect((await as('203.0.113.2', 'xff-2')).status).toBe(200);
    expect((await requestLog(proxied, 'xff-2')).req.remoteAddress).toBe('203.0.113.2');
    expect((await get(proxied, '/v1/sources')).status).toBe(200);
  });
});

interface RawResult {
  /** The status lines the server sent, in order. */
  statuses: string[];
  /** When the server closed the connection, in ms after connecting. */
  closedAfter: number;
}

/**
 * Opens a raw socket, writes `first`, then one more byte of `drip` every 100 ms until the server
 * answers or hangs up; gives up (failing the test) after `limitMs`.
 */
function dribble(port: number, first: string, drip: string, limitMs: number): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let i = 0;
    const timer = setInterval(() => {
      if (drip && !socket.destroyed && socket.writable) socket.write(drip[i++ % drip.length] ?? 'x');
    }, 100);
    const giveUp = setTimeout(() => {
      clearInterval(timer);
      socket.destroy();
      reject(new Error(`the server kept the connection open for ${limitMs} ms`));
    }, limitMs);
    socket.on('connect', () => first && socket.write(first));
    socket.on('data', (d) => (received += d.toString('latin1')));
    socket.on('error', () => undefined); // a reset is a hang-up too; 'close' follows
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      const statuses = received.match(/HTTP\/1\.1 \d{3} [^\r]*/g) ?? [];
      resolve({ statuses, closedAfter: since(start) });
    });
  });
}

describe.concurrent('slow clients (HEADERS_TIMEOUT_MS=500, REQUEST_TIMEOUT_MS=1000)', () => {
  it('cuts off a client that dribbles its headers (slowloris) with 408', async () => {
    const r = await dribble(direct.port, 'GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ', 'abcdefgh', 5000);
    expect(r.statuses).toEqual(['HTTP/1.1 408 Request Timeout']);
    expect(r.closedAfter).toBeGreaterThanOrEqual(450);
    expect(r.closedAfter).toBeLessThan(4000);
  });

  it('cuts off a client that connects and sends nothing', async () => {
    const r = await dribble(direct.port, '', '', 5000);
    expect(r.closedAfter).toBeGreaterThanOrEqual(450);
    expect(r.closedAfter).toBeLessThan(4000);
  });

  it('cuts off a client that never finishes its request body with 408', async () => {
    // The probe answers as soon as the headers are in (it reads no body), but the connection is
    // only done when the whole declared body has arrived: the request timeout ends the wait.
    const head = 'GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{';
    const r = await dribble(direct.port, head, '"a', 5000);
    expect(r.statuses).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 408 Request Timeout']);
    expect(r.closedAfter).toBeGreaterThanOrEqual(950);
    expect(r.closedAfter).toBeLessThan(4000);
  });

  it('leaves an idle keep-alive connection alone for longer than the headers timeout', async () => {
    const socket = net.connect(direct.port, '127.0.0.1');
    const responses: string[] = [];
    socket.on('data', (d) => responses.push(d.toString('latin1').split('\r\n')[0] ?? ''));
    const request = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
    await new Promise((resolve) => socket.on('connect', resolve));
    socket.write(request);
    await new Promise((resolve) => setTimeout(resolve, 1500)); // idle: 3× the headers timeout
    expect(socket.destroyed).toBe(false);
    socket.write(request);
    await new Promise((resolve) => setTimeout(resolve, 300));
    socket.destroy();
    expect(responses).toEqual(['HTTP/1.1 200 OK', 'HTTP/1.1 200 OK']);
  });
});
