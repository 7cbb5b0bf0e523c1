import { isIP } from 'node:net';
import { z } from 'zod';

/** A duration in milliseconds; 0 turns the limit off where the table in README.md says so. */
const milliseconds = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const UNITS: [number, string[]][] = [
  [1, ['', 'ms']],
  [1000, ['s', 'sec', 'secs', 'second', 'seconds']],
  [60_000, ['m', 'min', 'mins', 'minute', 'minutes']],
  [3_600_000, ['h', 'hr', 'hrs', 'hour', 'hours']],
];
const UNIT_MS = new Map(UNITS.flatMap(([factor, names]) => names.map((n) => [n, factor] as const)));

/**
 * A rate-limit window: plain milliseconds (`60000`) or an amount and a unit (`1 minute`, `30s`,
 * `2 hours`). Parsed here rather than handed to the plugin as a string, so a typo fails at start
 * instead of silently falling back to the plugin's default window.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return undefined;
  const amount = Number(match[1]);
  const factor = UNIT_MS.get((match[2] ?? '').toLowerCase());
  if (factor === undefined) return undefined;
  const ms = Math.round(amount * factor);
  return ms > 0 && Number.isSafeInteger(ms) ? ms : undefined;
}

/** proxy-addr's names for address ranges, accepted by Fastify's `trustProxy` like addresses. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (PROXY_RANGES.has(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const max = family === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
}

/**
 * Fastify's `trustProxy`: `false` (the default: X-Forwarded-* are ignored and the client is the
 * socket's peer), `true` (trust every hop — only behind a proxy that overwrites the header), or a
 * comma-separated list of proxy addresses and CIDR ranges. A hop count is refused: this Fastify
 * deliberately treats a number as "trust nothing" (a count cannot vouch for the immediate peer, so
 * a direct client could spoof the header), and accepting one here would silently do nothing.
 */
export type TrustProxy = boolean | string;

function parseTrustProxy(text: string): TrustProxy | string[] {
  const value = text.trim();
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  if (/^\d+$/.test(value))
    return ["a hop count is not supported: list the proxies' addresses or CIDR ranges instead"];
  const entries = value.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !isAddressOrCidr(e));
  if (bad.length > 0)
    return bad.map(
      (e) => `"${e}" is not true, false, an IP address, a CIDR range, loopback, linklocal or uniquelocal`,
    );
  return entries.join(',');
}

/** A site that may frame the page: `'self'`, `*`, or a scheme and host (`https://*.example.org:8443`). */
const FRAME_ANCESTOR = /^(?:'self'|\*|https?:\/\/(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:\d{1,5}|\*))?)$/i;

/**
 * The sites that may frame the embeddable page, as CSP `frame-ancestors` source expressions,
 * separated by spaces or commas. Empty: none, and there is no `/embed`.
 */
export function parseFrameAncestors(text: string): string[] | { bad: string[] } {
  const entries = text.split(/[\s,]+/).filter((e) => e.length > 0);
  const bad = entries.filter((e) => !FRAME_ANCESTOR.test(e));
  return bad.length > 0 ? { bad } : entries;
}

/** The dataset `npm start` creates from seeds/ when it is missing, and `npm run seed` writes. */
export const DEFAULT_DATABASE_PATH = './data/parallax.db';

/** SPEC §6: the environment, validated once at start. */
const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATABASE_PATH: z.string().min(1).default(DEFAULT_DATABASE_PATH),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    /** Requests per client per window; 0 turns the rate limit off. */
    RATE_LIMIT_MAX: z.coerce.number().int().min(0).default(600),
    RATE_LIMIT_WINDOW: z
      .string()
      .default('1 minute')
      .transform((value, ctx) => {
        const ms = parseDuration(value);
        if (ms === undefined)
          ctx.addIssue({
            code: 'custom',
            message: `"${value}" is not a duration: use milliseconds (60000) or an amount and a unit (1 minute, 30s)`,
          });
        return ms ?? 0;
      }),
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((value, ctx) => {
        const parsed = parseTrustProxy(value);
        if (!Array.isArray(parsed)) return parsed;
        for (const message of parsed) ctx.addIssue({ code: 'custom', message });
        return false;
      }),

    /** The sites that may frame the page at /embed; unset, there is no /embed. */
    EMBED_FRAME_ANCESTORS: z
      .string()
      .default('')
      .transform((value, ctx) => {
        const parsed = parseFrameAncestors(value);
        if (Array.isArray(parsed)) return parsed;
        for (const entry of parsed.bad)
          ctx.addIssue({
            code: 'custom',
            message: `"${entry}" is not a site that may frame the page: use 'self', * or a scheme and host such as https://news.example.org or https://*.example.org`,
          });
        return [];
      }),

    /** Whole request (headers and body) must arrive within this; 0 disables (not advised). */
    REQUEST_TIMEOUT_MS: milliseconds(30_000),
    /** Headers must arrive within this: the defence against clients that dribble them (slowloris). */
    HEADERS_TIMEOUT_MS: milliseconds(10_000),
    /** An idle keep-alive connection is closed after this; above common load-balancer idle timeouts (60 s). */
    KEEP_ALIVE_TIMEOUT_MS: milliseconds(72_000),
    /** A socket with no traffic either way while a request is open (e.g. a client that stops reading). */
    CONNECTION_TIMEOUT_MS: milliseconds(60_000),
    /** After SIGTERM, in-flight requests get this long before their connections are cut and the process exits 1. */
    SHUTDOWN_TIMEOUT_MS: milliseconds(10_000),

    /** Load shedding (@fastify/under-pressure): over any threshold, requests get 503. 0 disables each. */
    MAX_EVENT_LOOP_DELAY_MS: milliseconds(1000),
    MAX_EVENT_LOOP_UTILIZATION: z.coerce.number().min(0).max(1).default(0),
    MAX_HEAP_USED_MB: z.coerce.number().int().min(0).default(0),
    MAX_RSS_MB: z.coerce.number().int().min(0).default(0),

    /** The cache of finished responses (the dataset is immutable while the process runs). 0 disables it. */
    RESPONSE_CACHE_MB: z.coerce.number().int().min(0).default(64),
    /**
     * SQLite's cache of database pages, per worker: what a response-cache miss reads without a
     * system call. 0 leaves SQLite's minimum.
     */
    SQLITE_CACHE_MB: z.coerce.number().int().min(0).default(64),

    /**
     * Worker processes serving the port (node:cluster); 1 serves from this process alone, `auto`
     * one per CPU the process may use (src/workers.ts, workerCount).
     */
    WORKERS: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(64)]).default(1),

    /**
     * Prometheus metrics at `GET /metrics` on this port (src/metrics.ts), off when unset; never on
     * PORT (0: any free port, as for PORT). With WORKERS > 1 the primary answers for all workers.
     */
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    /** Where the metrics port listens; HOST when unset. */
    METRICS_HOST: z.string().min(1).optional(),

    /**
     * Traces (src/tracing.ts) go by OTLP over HTTP to this collector (`…/v1/traces` is added), or
     * to the TRACES one as given; off when neither is set. The exporter reads these and the other
     * OTEL_* settings itself; they are checked here so that a typo stops the start.
     */
    OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  })
  .superRefine((c, ctx) => {
    if (c.METRICS_PORT !== undefined && c.METRICS_PORT !== 0 && c.METRICS_PORT === c.PORT)
      ctx.addIssue({
        code: 'custom',
        path: ['METRICS_PORT'],
        message: `must differ from PORT (${c.PORT}): metrics are never served on the API's port`,
      });
    // Node refuses a headers timeout longer than the request timeout it is part of.
    if (c.REQUEST_TIMEOUT_MS > 0 && c.HEADERS_TIMEOUT_MS > c.REQUEST_TIMEOUT_MS)
      ctx.addIssue({
        code: 'custom',
        path: ['HEADERS_TIMEOUT_MS'],
        message: `must not exceed REQUEST_TIMEOUT_MS (${c.REQUEST_TIMEOUT_MS})`,
      });
  });

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
