import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseDuration, parseFrameAncestors } from '../../src/config.js';
import { connectionOptions } from '../../src/http/connection.js';
import { coresFromQuota, workerCount } from '../../src/workers.js';

/** The production settings of src/config.ts: defaults, accepted spellings, and clear refusals. */

const error = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error(`accepted ${JSON.stringify(env)}`);
};

describe('configuration', () => {
  it('has production defaults: limits on, proxies untrusted', () => {
    expect(loadConfig({})).toMatchObject({
      RATE_LIMIT_MAX: 600,
      RATE_LIMIT_WINDOW: 60_000,
      TRUST_PROXY: false,
      REQUEST_TIMEOUT_MS: 30_000,
      HEADERS_TIMEOUT_MS: 10_000,
      KEEP_ALIVE_TIMEOUT_MS: 72_000,
      CONNECTION_TIMEOUT_MS: 60_000,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      MAX_EVENT_LOOP_DELAY_MS: 1000,
      MAX_EVENT_LOOP_UTILIZATION: 0,
      MAX_HEAP_USED_MB: 0,
      MAX_RSS_MB: 0,
    });
  });

  it('reads a rate-limit window as milliseconds or an amount and a unit', () => {
    expect(parseDuration('250')).toBe(250);
    expect(parseDuration('30s')).toBe(30_000);
    expect(parseDuration('1 minute')).toBe(60_000);
    expect(parseDuration('2 Hours')).toBe(7_200_000);
    expect(parseDuration('1.5 min')).toBe(90_000);
    for (const bad of ['', '0', 'soon', '1 fortnight', '-5 s', '5 s s'])
      expect(parseDuration(bad), bad).toBeUndefined();
    expect(error({ RATE_LIMIT_WINDOW: '1 fortnight' })).toMatch(
      /RATE_LIMIT_WINDOW: "1 fortnight" is not a duration/,
    );
  });

  it('takes TRUST_PROXY as true/false or a list of addresses and CIDR ranges', () => {
    expect(loadConfig({ TRUST_PROXY: 'TRUE' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 192.168.0.0/16,::1,fd00::/8,loopback' }).TRUST_PROXY).toBe(
      '10.0.0.1,192.168.0.0/16,::1,fd00::/8,loopback',
    );
  });

  it('refuses a TRUST_PROXY it cannot honour, naming the bad entry', () => {
    // A hop count would be silently ignored by Fastify (it trusts no one for a number).
    expect(error({ TRUST_PROXY: '2' })).toMatch(/TRUST_PROXY: a hop count is not supported/);
    expect(error({ TRUST_PROXY: '10.0.0.0/33' })).toMatch(/"10\.0\.0\.0\/33" is not/);
    expect(error({ TRUST_PROXY: '10.0.0.1,proxy.internal' })).toMatch(/"proxy\.internal" is not/);
  });

  it('refuses out-of-range limits with the variable’s name', () => {
    expect(error({ RATE_LIMIT_MAX: '-1' })).toMatch(/RATE_LIMIT_MAX/);
    expect(error({ REQUEST_TIMEOUT_MS: 'soon' })).toMatch(/REQUEST_TIMEOUT_MS/);
    expect(error({ MAX_EVENT_LOOP_UTILIZATION: '1.5' })).toMatch(/MAX_EVENT_LOOP_UTILIZATION/);
    expect(error({ HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '1000' })).toMatch(
      /HEADERS_TIMEOUT_MS: must not exceed REQUEST_TIMEOUT_MS \(1000\)/,
    );
    // With the request timeout off, any headers timeout is consistent.
    expect(loadConfig({ HEADERS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '0' }).HEADERS_TIMEOUT_MS).toBe(5000);
  });
});

describe('connectionOptions', () => {
  it('leaves Fastify’s defaults alone when given nothing', () => {
    expect(connectionOptions()).toEqual({});
  });

  it('sweeps for expired requests at a quarter of the shortest timeout, not Node’s 30 s', () => {
    expect(
      connectionOptions({
        trustProxy: '127.0.0.1',
        requestTimeout: 30_000,
        headersTimeout: 10_000,
        keepAliveTimeout: 72_000,
        connectionTimeout: 60_000,
      }),
    ).toEqual({
      trustProxy: '127.0.0.1',
      requestTimeout: 30_000,
      keepAliveTimeout: 72_000,
      connectionTimeout: 60_000,
      http: { requestTimeout: 30_000, headersTimeout: 10_000, connectionsCheckingInterval: 2500 },
    });
    expect(connectionOptions({ requestTimeout: 0, headersTimeout: 0 }).http).toEqual({
      requestTimeout: 0,
      headersTimeout: 0,
    });
  });
});

describe('WORKERS', () => {
  it('is one process by default, a number of workers, or auto', () => {
    expect(loadConfig({}).WORKERS).toBe(1);
    expect(loadConfig({ WORKERS: '3' }).WORKERS).toBe(3);
    expect(loadConfig({ WORKERS: 'auto' }).WORKERS).toBe('auto');
    expect(workerCount(3)).toBe(3);
    expect(workerCount('auto')).toBeGreaterThanOrEqual(1);
    expect(error({ WORKERS: '0' })).toMatch(/WORKERS/);
    expect(error({ WORKERS: 'many' })).toMatch(/WORKERS/);
  });

  it.each([
    ['no cgroup file', undefined, 8, 8],
    ['no quota', 'max 100000\n', 8, 8],
    ['two CPUs', '200000 100000\n', 8, 2],
    ['a CPU and a half rounds down', '150000 100000', 8, 1],
    ['half a CPU is still one worker', '50000 100000', 8, 1],
    ['a quota above the CPUs there are', '1600000 100000', 4, 4],
    ['an unreadable quota', 'garbage', 4, 4],
  ])('auto, with %s, means the CPUs the process may use', (_, cpuMax, parallelism, cores) => {
    expect(coresFromQuota(cpuMax, parallelism)).toBe(cores);
  });
});

describe('METRICS_PORT', () => {
  it('is off by default, and a port of its own when set', () => {
    expect(loadConfig({}).METRICS_PORT).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464' }).METRICS_PORT).toBe(9464);
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' }).METRICS_HOST).toBe('10.0.0.5');
    // 0 is any free port, for both: two different ones.
    expect(loadConfig({ PORT: '0', METRICS_PORT: '0' }).METRICS_PORT).toBe(0);
  });

  it('is never the API’s port', () => {
    expect(error({ PORT: '3000', METRICS_PORT: '3000' })).toMatch(/METRICS_PORT.*must differ from PORT/);
    expect(error({ METRICS_PORT: '3000' })).toMatch(/METRICS_PORT/);
    expect(error({ METRICS_PORT: '70000' })).toMatch(/METRICS_PORT/);
  });
});

describe('OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  it('is off by default, and must be a URL when set', () => {
    expect(loadConfig({}).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(
      loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).OTEL_EXPORTER_OTLP_ENDPOINT,
    ).toBe('http://collector:4318');
    expect(error({ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' })).toMatch(/OTEL_EXPORTER_OTLP_ENDPOINT/);
    expect(error({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'nope' })).toMatch(
      /OTEL_EXPORTER_OTLP_TRACES_ENDPOINT/,
    );
  });
});

describe('EMBED_FRAME_ANCESTORS', () => {
  it('is none by default: nothing may frame the page', () => {
    expect(loadConfig({}).EMBED_FRAME_ANCESTORS).toEqual([]);
  });

  it.each([
    ['https://news.example', ['https://news.example']],
    ["'self' https://*.example.org:8443", ["'self'", 'https://*.example.org:8443']],
    ['https://a.example, http://localhost:3000', ['https://a.example', 'http://localhost:3000']],
    ['*', ['*']],
    ['  ', []],
  ])('reads %j as %j', (value, sites) => {
    expect(parseFrameAncestors(value)).toEqual(sites);
    expect(loadConfig({ EMBED_FRAME_ANCESTORS: value }).EMBED_FRAME_ANCESTORS).toEqual(sites);
  });

  it.each([
    "'none'",
    'news.example',
    'https://news.example/path',
    "https://a.example; script-src 'unsafe-inline'",
    'ftp://x.example',
  ])('refuses %j, naming it', (value) => {
    const message = error({ EMBED_FRAME_ANCESTORS: value });
    expect(message).toContain('EMBED_FRAME_ANCESTORS');
    expect(message).toContain('is not a site that may frame the page');
  });
});
