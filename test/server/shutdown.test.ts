import net from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { canConnect, exitWithin, seededDatabase, startServer } from './process.js';

/**
 * SIGTERM drains: requests the server has accepted complete, new connections are refused, the
 * process exits 0 — and a client that will not take its response cannot hold the exit hostage.
 *
 * The API answers in a millisecond, so a request is only observably "in flight" when its response
 * cannot be written: the client pipelines several requests for a 1.5 MB asset on one connection and
 * does not read. Once the socket buffers are full the server is stuck mid-response, which its log
 * shows as an "incoming request" without its "request completed".
 */

const ASSET = '/docs/static/swagger-ui-bundle.js';
const PIPELINED = 8;
const DRAINING = 'draining in-flight requests, then exiting';

let file: string;
beforeAll(async () => {
  ({ file } = await seededDatabase());
});

type Server = Awaited<ReturnType<typeof startServer>>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Request ids logged as incoming but not (yet) completed, among the first `upTo` log lines. */
function inFlight(server: Server, upTo = server.lines.length): string[] {
  const seen = server.lines.slice(0, upTo).flatMap((l) => (l.json ? [l.json] : []));
  const completed = new Set(seen.filter((j) => j.msg === 'request completed').map((j) => j.reqId));
  return seen
    .filter((j) => j.msg === 'incoming request' && !completed.has(j.reqId))
    .map((j) => String(j.reqId));
}

/** Pipelines requests for the large asset without reading, until the server is stuck writing one. */
async function stallServer(server: Server): Promise<net.Socket> {
  const socket = net.connect(server.port, '127.0.0.1');
  await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.pause();
  for (let i = 0; i < PIPELINED; i++)
    socket.write(`GET ${ASSET} HTTP/1.1\r\nHost: x\r\nX-Request-Id: drain-${i}\r\n\r\n`);
  // Stuck = the same request still in flight 300 ms later.
  const deadline = performance.now() + 10_000;
  for (;;) {
    const before = inFlight(server)[0];
    await sleep(300);
    if (before !== undefined && inFlight(server)[0] === before) return socket;
    if (performance.now() > deadline) throw new Error('the server never got stuck writing a response');
  }
}

interface Parsed {
  status: number;
  length: number;
  received: number;
}

/** Splits pipelined HTTP/1.1 responses (all with Content-Length) read from `data`. */
function parseResponses(data: Buffer): Parsed[] {
  const out: Parsed[] = [];
  let at = 0;
  while (at < data.length) {
    const end = data.indexOf('\r\n\r\n', at);
    if (end < 0) break;
    const head = data.subarray(at, end).toString('latin1');
    const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? NaN);
    const received = Math.min(length, data.length - (end + 4));
    out.push({ status, length, received });
    at = end + 4 + received;
  }
  return out;
}

describe.concurrent('SIGTERM', () => {
  it('lets accepted requests finish, refuses new connections, then exits 0', async () => {
    const server = await startServer({
      DATABASE_PATH: file,
      RATE_LIMIT_MAX: '0',
      SHUTDOWN_TIMEOUT_MS: '20000',
    });
    const socket = await stallServer(server);

    server.child.kill('SIGTERM');
    await server.waitForLine((j) => j.msg === DRAINING, 5000);
    const drainingAt = server.lines.findIndex((l) => l.json?.msg === DRAINING);
    const accepted = server.lines
      .slice(0, drainingAt)
      .filter((l) => l.json?.msg === 'incoming request')
      .map((l) => String(l.json?.reqId));
    const stuck = inFlight(server, drainingAt);
    expect(stuck.length, 'a request was in flight when SIGTERM arrived').toBeGreaterThan(0);

    // Draining: still running for the stuck response, but no longer accepting connections.
    await sleep(300);
    expect(server.child.exitCode).toBeNull();
    expect(await canConnect(server.port)).toBe(false);

    // The client reads again: every accepted request gets its whole response.
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    socket.resume();
    await Promise.race([closed, sleep(10_000).then(() => Promise.reject(new Error('socket not closed')))]);
    const exit = await exitWithin(server, 10_000);
    expect(exit).toEqual({ code: 0, signal: null });

    const responses = parseResponses(Buffer.concat(chunks));
    for (const id of accepted) {
      const response = responses[Number(id.replace('drain-', ''))];
      expect(response, id).toBeDefined();
      expect(response?.status, id).toBe(200);
      expect(response?.received, id).toBe(response?.length);
      expect(response?.length, id).toBeGreaterThan(1_000_000);
    }
    // Requests still unread in the pipeline when the drain began may be refused (503), never cut.
    for (const r of responses.slice(accepted.length)) {
      expect(r.status).toBe(503);
      expect(r.received).toBe(r.length);
    }
    // The stuck ones finished after the drain began.
    const completedAfter = server.lines
      .slice(drainingAt)
      .filter((l) => l.json?.msg === 'request completed')
      .map((l) => String(l.json?.reqId));
    for (const id of stuck) expect(completedAfter).toContain(id);
  });

  it('cuts a client that will not read once SHUTDOWN_TIMEOUT_MS has passed, and exits 1', async () => {
    const server = await startServer({
      DATABASE_PATH: file,
      RATE_LIMIT_MAX: '0',
      SHUTDOWN_TIMEOUT_MS: '800',
    });
    const socket = await stallServer(server);
    socket.on('error', () => undefined); // the server resets it
    const start = performance.now();
    server.child.kill('SIGTERM');
    const exit = await exitWithin(server, 8000);
    const took = performance.now() - start;
    socket.destroy();
    expect(exit).toEqual({ code: 1, signal: null });
    expect(took).toBeGreaterThanOrEqual(750);
    expect(
      server.lines.some(
        (l) => l.json?.msg === 'in-flight requests did not finish in time; closing their connections',
      ),
    ).toBe(true);
  });
});
